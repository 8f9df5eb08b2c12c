"""Encoding damage: UTF-8 text that was read as Windows-1252, Latin-1 or Windows-1251 somewhere.

`café` becomes `cafÃ©`, `—` becomes `â€”`, `Шарф` becomes `Ð¨Ð°Ñ€Ñ„` or `РЁР°СЂС„`.
The test is constructive: a word is damaged when encoding it back with the wrong
code page gives valid UTF-8 that differs from it. Genuine text almost never
survives that round trip (a lone `é` or Cyrillic word is not valid UTF-8 once
encoded), so the check hardly ever fires on correct text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WRONG_CODEPAGES = ("cp1252", "latin-1", "cp1251")
_TOKEN_RE = re.compile(r"\S+")
# `?` where letters were: a converter that could not map the characters.
# A run glued to a word end is emphasis ("Really???"), so only runs inside a word or
# standing alone as a word count.
_QUESTION_RUN_RE = re.compile(r"[^\W\d_]\?{2,}[^\W\d_]|(?<!\S)\?{3,}(?=[\s.,;:!]|$)")


@dataclass(frozen=True)
class Damage:
    found: str  # the damaged text as written
    repaired: str | None  # what it most likely was, when it can be recovered
    kind: str  # "mojibake", "replacement-character" or "question-marks"
    start: int  # where `found` starts in the text


def _encode_back(token: str, codepage: str) -> bytes | None:
    try:
        return token.encode(codepage)
    except UnicodeEncodeError:
        return None


def _plausible(ch: str) -> bool:
    """A character a repaired European listing text may hold."""
    from listing_lint.language.scripts import CYRILLIC, GREEK, LATIN, script_of

    if ch < "\u0250":  # ASCII, Latin-1, Latin Extended-A/B
        return ch.isprintable()
    if "\u2000" <= ch <= "\u2bff":  # punctuation, currency signs, letterlike symbols, arrows
        return True
    return ch.isalpha() and script_of(ch) in (LATIN, CYRILLIC, GREEK)


def _repair(token: str) -> str | None:
    """The token as it was before a wrong decoding, or None if it was not damaged."""
    if token.isascii():
        return None
    for codepage in _WRONG_CODEPAGES:
        raw = _encode_back(token, codepage)
        if raw is None or raw.isascii():
            continue
        try:
            fixed = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        # At least one multi-byte sequence must have collapsed, else nothing was damaged;
        # and the result must be text a listing holds: Ukrainian `дії` read back through
        # Windows-1251 is valid UTF-8 too, but for a Chinese character.
        if fixed != token and len(fixed) < len(token) and all(map(_plausible, fixed)):
            deeper = _repair(fixed)  # damaged twice
            return deeper or fixed
    return None


def damage_in(text: str, source: str | None = None) -> list[Damage]:
    """Encoding damage in `text`. `source` (the text it was translated from), when given,
    keeps a run of `???` that the source also has from counting as damage."""
    found: list[Damage] = []
    for m in _TOKEN_RE.finditer(text):
        token = m.group()
        # Only ASCII punctuation is stripped: „ ” ‚ are themselves pieces of damaged sequences.
        core = token.strip("\"'«»()[]{}.,;:!")
        repaired = _repair(core) if core else None
        if repaired is not None:
            found.append(Damage(core, repaired, "mojibake", m.start() + token.index(core)))
        elif "\ufffd" in token:
            found.append(Damage(token, None, "replacement-character", m.start()))
    for m in _QUESTION_RUN_RE.finditer(text):
        if source is None or m.group() not in source:
            found.append(Damage(m.group(), None, "question-marks", m.start()))
    return found
