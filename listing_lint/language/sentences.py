"""Sentences of a text, as spans, for judging the language of each part of a description.

A sentence ends at `.`, `!`, `?` or `…` (closing quotes and brackets kept with it) when
the next one starts with a capital or uncased letter or an opening quote, at `。！？`,
at a line break, and at a separator between title parts (` | `, ` • `, ` · `). A lower-case
letter or a digit after a dot is an abbreviation going on (`ca. 5 cm`, `z. B. die`), not a
new sentence. One linear scan; spans index the text as given.

`word_count` counts words as a reader would, also in scripts written without spaces.
"""

from __future__ import annotations

import re

_BREAK = re.compile(
    r"(?<![.!?…])[.!?…]+[\"'»”’)\]]*\s+(?=[\"'«„“(\[]?[^\W\d_])"  # `… Handstickerei. Size …`
    r"|[。！？]+[」』）)]*\s*"
    r"|(?<!\s)\s*\n\s*"
    r"|(?<!\s)\s+[|•·]\s+"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, surrounding spaces left out; [] for blank text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BREAK.finditer(text):
        end = m.end()
        if m.group()[0] in ".!?…" and text[end:end + 1].islower():
            continue  # `z. B. die`: an abbreviation, the sentence goes on
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))


# Scripts written without spaces between words: a run of their letters is several words.
_UNSPACED = frozenset({"Han", "Hiragana", "Katakana", "Thai"})
CHARACTERS_PER_WORD = 2  # a Chinese or Japanese word is one to three characters, most often two


def word_count(words: list[str]) -> int:
    """How many words `words` (runs of letters) hold: a run in Chinese, Japanese or Thai letters
    counts one word per two characters (`我爱北京天安门` is about four words)."""
    from listing_lint.language.scripts import word_script

    count = 0
    for word in words:
        if word_script(word) in _UNSPACED:
            count += max(1, len(word) // CHARACTERS_PER_WORD)
        else:
            count += 1
    return count
