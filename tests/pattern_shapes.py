"""What makes a regular expression slow on hostile text, read from the pattern's parse tree.

Python's `re` backtracks, and counts no steps a test could read, so the shape is checked
instead (see tests/test_text_patterns.py for how it is used and why):

- nested quantifiers: an unbounded repeat inside an unbounded repeat is exponential unless every
  iteration starts with a character the inner repeats cannot take (`\\d+(?:[.,]\\d+)*` is fine:
  only `[.,]` starts an iteration; `(?:\\w+\\s?)*` is not);
- a rescanning start: `search`, `findall` and `sub` try a match at every position; a pattern
  that opens with an unbounded repeat and can still fail after it (`[\\w.-]+@...` on
  `a-a-a-a…` with no `@`) rescans the whole run from each of its characters, which is quadratic,
  unless a lookbehind rules out starting inside the run (`(?<![\\w.-])[\\w.-]+@`).
"""

from __future__ import annotations

import re
import re._constants as C
import re._parser as P
import unicodedata

REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
# Characters sets are compared on these: ASCII, Latin, Greek, Cyrillic, punctuation and
# spaces of every kind, a few CJK and currency signs: every class the patterns use differs there.
SAMPLE = [chr(c) for c in (*range(0, 0x250), *range(0x370, 0x530), *range(0x600, 0x700), *range(0x2000, 0x2070),
                           0x3000, 0x3042, 0x4E00, 0xFF01, 0x20AC, 0x20BD, 0x2116, 0xBD, 0xB2, 0x216B)]
_CATEGORY = {
    C.CATEGORY_DIGIT: str.isdecimal,
    C.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdecimal(),
    C.CATEGORY_SPACE: lambda ch: bool(re.match(r"\s", ch)),
    C.CATEGORY_NOT_SPACE: lambda ch: not re.match(r"\s", ch),
    C.CATEGORY_WORD: lambda ch: bool(re.match(r"\w", ch)),
    C.CATEGORY_NOT_WORD: lambda ch: not re.match(r"\w", ch),
}


def chars(item, flags: int) -> frozenset[str] | None:
    """The characters a one-character element matches (None: not a one-character element)."""
    op, av = item
    fold = flags & re.IGNORECASE

    def same(ch: str, code: int) -> bool:
        return ch == chr(code) or (fold and ch.lower() == chr(code).lower())

    if op == C.LITERAL:
        return frozenset(ch for ch in SAMPLE if same(ch, av))
    if op == C.NOT_LITERAL:
        return frozenset(ch for ch in SAMPLE if not same(ch, av))
    if op == C.ANY:
        return frozenset(ch for ch in SAMPLE if ch != "\n" or flags & re.DOTALL)
    if op == C.CATEGORY:
        return frozenset(ch for ch in SAMPLE if _CATEGORY[av](ch))
    if op == C.IN:
        negate = any(o == C.NEGATE for o, _ in av)
        found = set()
        for o, a in av:
            if o == C.LITERAL:
                found |= {ch for ch in SAMPLE if same(ch, a)}
            elif o == C.RANGE:
                found |= {ch for ch in SAMPLE if a[0] <= ord(ch) <= a[1]
                          or (fold and a[0] <= ord(ch.lower()) <= a[1])}
            elif o == C.CATEGORY:
                found |= {ch for ch in SAMPLE if _CATEGORY[a](ch)}
        return frozenset(ch for ch in SAMPLE if (ch in found) != negate)
    return None


def _repeat_sets(items, flags) -> list[frozenset[str] | None]:
    """The character sets of every unbounded repeat in `items`, at any depth."""
    found = []
    for op, av in items:
        if op in REPEATS:
            lo, hi, sub = av
            if hi == C.MAXREPEAT:
                found.append(_takes(sub, flags))
            found += _repeat_sets(sub, flags)
        elif op == C.SUBPATTERN:
            found += _repeat_sets(av[3], flags)
        elif op == C.ATOMIC_GROUP:
            found += _repeat_sets(av, flags)
        elif op == C.BRANCH:
            for branch in av[1]:
                found += _repeat_sets(branch, flags)
    return found


def _takes(items, flags) -> frozenset[str] | None:
    """Every character some element of `items` can match (None: one it cannot tell)."""
    found: set[str] = set()
    for op, av in items:
        if op in REPEATS:
            part = _takes(av[2], flags)
        elif op == C.SUBPATTERN:
            part = _takes(av[3], flags)
        elif op == C.BRANCH:
            parts = [_takes(b, flags) for b in av[1]]
            part = None if None in parts else frozenset().union(*parts)
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        else:
            part = chars((op, av), flags)
        if part is None:
            return None
        found |= part
    return frozenset(found)


def _delimited(body, flags) -> bool:
    """Whether each iteration of a repeat of `body` holds a character its repeats cannot take:
    the first required one-character element, after optional repeats (`\\s*[x×]\\s*\\d+`)."""
    while len(body) == 1 and body[0][0] == C.SUBPATTERN:
        body = list(body[0][1][3])
    for op, av in body:
        if op in REPEATS and av[0] == 0:
            continue
        first = chars((op, av), flags)
        if first is None:
            return False
        return all(inner is not None and not (inner & first) for inner in _repeat_sets(body, flags))
    return False


def nested_quantifiers(pattern: re.Pattern) -> list[str]:
    """The ambiguous nested repeats of `pattern`, as text to show."""
    found: list[str] = []

    def walk(items, inside: bool) -> None:
        for op, av in items:
            if op in REPEATS:
                lo, hi, sub = av
                unbounded = hi == C.MAXREPEAT and op != C.POSSESSIVE_REPEAT
                if unbounded and inside is False and _repeat_sets(sub, pattern.flags) and not _delimited(list(sub), pattern.flags):
                    found.append(str(list(sub))[:120])
                walk(sub, inside or (unbounded and not _delimited(list(sub), pattern.flags)))
            elif op == C.SUBPATTERN:
                walk(av[3], inside)
            elif op == C.ATOMIC_GROUP:
                walk(av, False)
            elif op == C.BRANCH:
                for branch in av[1]:
                    walk(branch, inside)
            elif op in (C.ASSERT, C.ASSERT_NOT):
                walk(av[1], inside)

    walk(list(P.parse(pattern.pattern, pattern.flags)), False)
    return found


def _nullable(items) -> bool:
    for op, av in items:
        if op in REPEATS and av[0] == 0:
            continue
        if op == C.SUBPATTERN and _nullable(av[3]):
            continue
        if op == C.BRANCH and any(_nullable(b) for b in av[1]):
            continue
        if op == C.AT and av in (C.AT_END, C.AT_END_STRING):
            return False
        return False
    return True


def rescanning_start(pattern: re.Pattern) -> str | None:
    """Why a search with `pattern` rescans runs (quadratic), or None."""
    return _rescans(list(P.parse(pattern.pattern, pattern.flags)), pattern.flags, [])


def _rescans(items, flags, guards: list[frozenset[str]]) -> str | None:
    guards = list(guards)
    while items and items[0][0] in (C.AT, C.ASSERT, C.ASSERT_NOT):
        op, av = items[0]
        if op == C.AT and av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
            return None  # tried once per line or once in all
        if av and op in (C.ASSERT, C.ASSERT_NOT) and av[0] == -1 and len(av[1]) == 1:  # (?<![...]), (?<=[...])
            found = chars(av[1][0], flags)
            if found is not None:
                guards.append(found if op == C.ASSERT_NOT else frozenset(SAMPLE) - found)
        items = items[1:]
    if items and items[0][0] == C.BRANCH:  # each alternative is a start of its own
        for branch in items[0][1][1]:
            why = _rescans(list(branch) + items[1:], flags, guards)
            if why:
                return why
        return None
    if items and items[0][0] == C.SUBPATTERN:  # `(\w+)@` leads with the repeat in a group
        return _rescans(list(items[0][1][3]) + items[1:], flags, guards)
    while items and items[0][0] in REPEATS and items[0][1][1] != C.MAXREPEAT and items[0][1][0] == 0:
        items = items[1:]  # `[-+]?\s*…` may open with its `\s*`
    if not items or items[0][0] not in REPEATS:
        return None
    op, (lo, hi, sub) = items[0]
    if hi != C.MAXREPEAT or len(sub) != 1:
        return None
    run = chars(sub[0], flags)
    if run is None or _nullable(items[1:]):
        return None  # the match cannot fail after the run: each run is read once
    if any(run <= guard for guard in guards):
        return None
    return "opens with an unbounded repeat that may fail after it and no lookbehind excludes starting inside its run"


def name(ch: str) -> str:
    return unicodedata.name(ch, hex(ord(ch)))
