"""How long a text reads, counted in Latin letters.

Chinese, Japanese and Korean say in one character what takes several Latin or
Cyrillic letters, so comparing character counts across them makes every correct
translation look three times too short or too long. Here a letter of a dense
script counts as the Latin letters it stands for on average. The weights were
measured on the Universal Declaration of Human Rights aligned by paragraph
(`shared/data/translations/udhr_aligned.tsv`, fitted by least squares on the log of
the ratio, then rounded): with them the Chinese, Japanese and Korean paragraphs come
out 0.90-1.01 times as long (median) as the mean of the English, Russian, German,
French, Spanish and Ukrainian ones, against 0.24-0.41 counted in characters.
"""

from __future__ import annotations

import re

from listing_lint.language.scripts import HAN, HANGUL, HIRAGANA, KATAKANA, letter_scripts, script_class

# Latin letters' worth of one letter of each dense script (every other character counts 1).
WEIGHTS = {HAN: 4, HANGUL: 3, HIRAGANA: 1.5, KATAKANA: 1.5}
_FIRST_DENSE = "\u1100"
_DENSE_RE = re.compile(script_class(WEIGHTS))  # the lowest code point of any weighted script (Hangul Jamo)


def collapsed(text: str) -> str:
    """The text with every run of white space as one space, and none at the ends."""
    return " ".join(text.split())


def dense_letters(text: str) -> dict[str, int]:
    """How many letters of each weighted script `text` holds (only those it holds)."""
    if not text or max(text) < _FIRST_DENSE:
        return {}
    # Only the dense letters are counted: a Russian text with a “quote” need not be read letter by letter.
    dense = "".join(_DENSE_RE.findall(text))
    return dict(letter_scripts(dense)) if dense else {}


def latin_length(text: str) -> float:
    """The length of `text` (white space collapsed) with dense-script letters weighted."""
    text = collapsed(text)
    return len(text) + sum(n * (WEIGHTS[script] - 1) for script, n in dense_letters(text).items())
