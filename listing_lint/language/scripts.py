"""Unicode scripts of letters, and which scripts each language is written in.

Script evidence is cheap and, where scripts differ, decisive at any length: an
English title made of Cyrillic letters is not English, however short. Only the
letters count; digits, punctuation and symbols belong to no language.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

LATIN = "Latin"
CYRILLIC = "Cyrillic"
GREEK = "Greek"
ARABIC = "Arabic"
HEBREW = "Hebrew"
HAN = "Han"
HIRAGANA = "Hiragana"
KATAKANA = "Katakana"
HANGUL = "Hangul"
OTHER = "Other"

# (first code point, last code point, script), sorted; blocks a listing is likely to hold.
_RANGES = sorted(
    [
        (0x0041, 0x024F, LATIN),
        (0x0250, 0x02AF, LATIN),  # IPA extensions
        (0x1D00, 0x1DBF, LATIN),
        (0x1E00, 0x1EFF, LATIN),
        (0x2C60, 0x2C7F, LATIN),
        (0xA720, 0xA7FF, LATIN),
        (0xAB30, 0xAB6F, LATIN),
        (0xFF21, 0xFF5A, LATIN),  # full-width
        (0x0370, 0x03FF, GREEK),
        (0x1F00, 0x1FFF, GREEK),
        (0x0400, 0x052F, CYRILLIC),
        (0x1C80, 0x1C8F, CYRILLIC),
        (0x2DE0, 0x2DFF, CYRILLIC),
        (0xA640, 0xA69F, CYRILLIC),
        (0x0530, 0x058F, "Armenian"),
        (0x0590, 0x05FF, HEBREW),
        (0xFB1D, 0xFB4F, HEBREW),
        (0x0600, 0x06FF, ARABIC),
        (0x0750, 0x077F, ARABIC),
        (0x08A0, 0x08FF, ARABIC),
        (0xFB50, 0xFDFF, ARABIC),
        (0xFE70, 0xFEFF, ARABIC),
        (0x0900, 0x097F, "Devanagari"),
        (0x0E00, 0x0E7F, "Thai"),
        (0x10A0, 0x10FF, "Georgian"),
        (0x1100, 0x11FF, HANGUL),
        (0x3130, 0x318F, HANGUL),
        (0xA960, 0xA97F, HANGUL),
        (0xAC00, 0xD7AF, HANGUL),
        (0xD7B0, 0xD7FF, HANGUL),
        (0xFFA0, 0xFFDC, HANGUL),
        (0x3040, 0x309F, HIRAGANA),
        (0x30A0, 0x30FF, KATAKANA),
        (0x31F0, 0x31FF, KATAKANA),
        (0xFF66, 0xFF9F, KATAKANA),
        (0x3005, 0x3007, HAN),
        (0x3400, 0x4DBF, HAN),
        (0x4E00, 0x9FFF, HAN),
        (0xF900, 0xFAFF, HAN),
        (0x20000, 0x3FFFF, HAN),
    ]
)
_STARTS = [r[0] for r in _RANGES]

# Latin letters in the 0x41-0x24F block that are not letters at all are filtered by
# str.isalpha() before lookup, so the block can be taken whole.
_memo: dict[str, str] = {}


def script_of(ch: str) -> str:
    """The script of one letter (`Latin`, `Cyrillic`, ...), `Other` for scripts not listed."""
    found = _memo.get(ch)
    if found is None:
        cp = ord(ch)
        i = bisect.bisect_right(_STARTS, cp) - 1
        found = _RANGES[i][2] if i >= 0 and cp <= _RANGES[i][1] else OTHER
        _memo[ch] = found
    return found


def letter_scripts(text: str) -> Counter:
    """How many letters of each script the text holds."""
    return Counter(map(script_of, filter(str.isalpha, text)))


def script_class(scripts) -> str:
    """A regular-expression character class of the code points of `scripts`."""
    return "[" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi, s in _RANGES if s in scripts) + "]"


# Words wholly in one common script, matched in C: the bulk of any text, checked
# first because word_script runs once per word of every text.
_LATIN_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_CYRILLIC_LETTER = "\u0400-\u052f"
_PURE_WORD = (
    (re.compile(f"[{_LATIN_LETTER}][{_LATIN_LETTER}'’\\-]*"), LATIN),
    (re.compile(f"[{_CYRILLIC_LETTER}][{_CYRILLIC_LETTER}'’\\-]*"), CYRILLIC),
)


# A letter outside the Latin (or Cyrillic) block: one search tells a text wholly in one of them.
_NOT_ONLY = (
    (re.compile(f"[^\\W\\d_{_LATIN_LETTER}]"), LATIN),
    (re.compile(f"[^\\W\\d_{_CYRILLIC_LETTER}]"), CYRILLIC),
)


def single_script(text: str) -> str | None:
    """`Latin` or `Cyrillic` when every letter of `text` is in that block (then each of its words is
    in that script, as `word_script` says; a text without letters gives `Latin`), else None: look
    word by word."""
    for pattern, script in _NOT_ONLY:
        if pattern.search(text) is None:
            return script
    return None


def word_script(word: str) -> str | None:
    """The script most letters of a word are in, None for a word without letters."""
    for pattern, script in _PURE_WORD:
        if pattern.fullmatch(word):
            return script
    counts = letter_scripts(word)
    return max(sorted(counts), key=counts.__getitem__) if counts else None


_CYRILLIC_LANGS = ("ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "mn", "tg", "tt", "ba", "cv")
_LANGUAGE_SCRIPTS: dict[str, frozenset[str]] = {
    **{lang: frozenset({CYRILLIC}) for lang in _CYRILLIC_LANGS},
    "el": frozenset({GREEK}),
    "ar": frozenset({ARABIC}),
    "fa": frozenset({ARABIC}),
    "ur": frozenset({ARABIC}),
    "he": frozenset({HEBREW}),
    "yi": frozenset({HEBREW}),
    "hy": frozenset({"Armenian"}),
    "ka": frozenset({"Georgian"}),
    "hi": frozenset({"Devanagari"}),
    "mr": frozenset({"Devanagari"}),
    "ne": frozenset({"Devanagari"}),
    "th": frozenset({"Thai"}),
    "zh": frozenset({HAN}),
    "ja": frozenset({HAN, HIRAGANA, KATAKANA}),
    "ko": frozenset({HANGUL, HAN}),
}
# Languages written in Latin letters that the detectors know; any other code is
# treated as of unknown script, so script analysis says nothing about it.
_LATIN_LANGS = frozenset(
    "af az ca cs cy da de en eo es et eu fi fr ga gl hr hu id is it lt lv ms mt nb nl nn no "
    "pl pt ro sk sl so sq sv sw tl tr uz vi".split()
)


def scripts_of_language(lang: str) -> frozenset[str] | None:
    """The scripts a language is normally written in; None when not known."""
    if lang in _LANGUAGE_SCRIPTS:
        return _LANGUAGE_SCRIPTS[lang]
    if lang in _LATIN_LANGS:
        return frozenset({LATIN})
    return None

