"""Encoding damage: UTF-8 text that was read as Windows-1252, Latin-1 or Windows-1251 somewhere.

`café` becomes `cafÃ©`, `—` becomes `â€”`, `Шарф` becomes `Ð¨Ð°Ñ€Ñ„` or `РЁР°СЂС„`.
Each word is first given to ftfy (the maintained mojibake fixer), which knows the
"sloppy" code pages: the bytes Windows-1252 leaves undefined, such as the last one of
`”` (`â€\x9d`) and `‐` (`â€\x90`), become invisible control characters on the way.
What ftfy's heuristics let through (`â„¢` for `™`, `â„–` for `№`) is tested
constructively: a word is damaged when encoding it back with the wrong code page
gives valid UTF-8 that differs from it. Genuine text almost never survives that
round trip (a lone `é` or Cyrillic word is not valid UTF-8 once encoded), so the
check hardly ever fires on correct text. Where the undefined byte was dropped
instead (`Handâ€knitted`), the character is lost: the damage is found, not repaired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
    kind: str  # "mojibake", "lost-character", "replacement-character" or "question-marks"
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


@lru_cache(maxsize=1)
def _ftfy():
    """ftfy's encoding fixer (imported on first use: it is needed only for non-ASCII words)."""
    import ftfy
    from ftfy.badness import is_bad

    # No guessing that a space was a no-break space (`LÃ MERINO` is Portuguese for merino wool),
    # and no `�` put in for lost bytes: a lost character is reported as such.
    config = ftfy.TextFixerConfig(restore_byte_a0=False, replace_lossy_sequences=False, explain=False)
    # fix_encoding leaves alone what is_bad passes; asking first saves its set-up on every word.
    return lambda token: ftfy.fix_encoding(token, config) if is_bad(token) else token


@lru_cache(maxsize=1)
def _lost_character_re() -> re.Pattern:
    """`â€` (the start of `”`, `‐`, `—`... read as Windows-1252) with no byte after it to finish it."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy code pages)

    continuation = bytes(range(0x80, 0xC0)).decode("sloppy-windows-1252")
    return re.compile(f"â€(?![{re.escape(continuation)}])")


@lru_cache(maxsize=1 << 16)
def _repair(token: str) -> str | None:
    """The token as it was before a wrong decoding, or None if it was not damaged.

    Cached: a catalog's words repeat from listing to listing, and each asks ftfy and four code pages."""
    if token.isascii():
        return None
    fixed = _ftfy()(token)
    if fixed != token:
        return fixed
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
    # Plain ASCII holds no wrongly decoded byte and no `�`: only runs of `???` are left to find.
    for m in (() if text.isascii() else _TOKEN_RE.finditer(text)):
        token = m.group()
        # Only ASCII punctuation is stripped: „ ” ‚ are themselves pieces of damaged sequences.
        core = token.strip("\"'«»()[]{}.,;:!")
        repaired = _repair(core) if core else None
        if "â€" in core and _lost_character_re().search(repaired or core):
            found.append(Damage(core, None, "lost-character", m.start() + token.index(core)))
        elif repaired is not None:
            found.append(Damage(core, repaired, "mojibake", m.start() + token.index(core)))
        elif "\ufffd" in token:
            found.append(Damage(token, None, "replacement-character", m.start()))
    for m in _QUESTION_RUN_RE.finditer(text):
        if source is None or m.group() not in source:
            found.append(Damage(m.group(), None, "question-marks", m.start()))
    return found
