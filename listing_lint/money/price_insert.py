"""Where a new `prices` entry goes in a YAML catalog, as one text insertion.

Only the insertion is computed here; every other byte of the file stays as the seller
wrote it (comments, quoting, key order). When the layout is one we cannot read with
certainty (merge keys, aliases, an empty `prices:`, CSV without the column), no edit is
offered: a wrong insertion would break the file.
"""

from __future__ import annotations

import re
from functools import lru_cache

from listing_lint.model import Listing, Location, Mapping, Scalar, Sequence
from listing_lint.rule import Edit


def price_insertion(text: str, listing: Listing, currency: str, amount: str) -> Edit | None:
    """An edit adding `currency: amount` to the listing's `prices`, or None when it is unsafe."""
    node = listing.node
    if not isinstance(node, Mapping) or not node.items:
        return None
    start = _offset(text, node.loc)
    if start is None or not _own_values(text, node, start):
        return None
    prices = node.items.get("prices")
    if isinstance(prices, Mapping):
        return _into_prices(text, prices, currency, amount)
    if prices is not None:
        return None  # `prices:` left empty or a list: not ours to reshape
    entry = f"prices: {{{currency}: {amount}}}"
    ends = [_end(text, value) for value in node.items.values()]
    if None in ends:
        return None
    last = max(ends)  # not the last key: a repeated key keeps its first place in the mapping
    if text[start] == "{":
        return Edit(last, last, f", {entry}")
    first_key = next(iter(node.keys.values()))
    indent = " " * (first_key.column - 1)
    nl = _newline(text)
    if last > 0 and text[last - 1] == "\n":  # a block scalar ends at the start of the next line
        return Edit(last, last, f"{indent}{entry}{nl}")
    line_end = text.find("\n", last)
    if line_end == -1:
        return Edit(len(text), len(text), f"{nl}{indent}{entry}")
    return Edit(line_end + 1, line_end + 1, f"{indent}{entry}{nl}")


def _into_prices(text: str, prices: Mapping, currency: str, amount: str) -> Edit | None:
    start = _offset(text, prices.loc)
    if start is None:
        return None
    if currency in prices.items:
        return _fill_blank(text, prices.items[currency], amount)
    if text[start] == "{":
        rest = ", " if prices.items else ""
        return Edit(start + 1, start + 1, f"{currency}: {amount}{rest}")
    if not prices.keys:
        return None
    first_key = next(iter(prices.keys.values()))
    line_start = _offset(text, Location(first_key.path, first_key.line, 1))
    if line_start is None or text[line_start : line_start + first_key.column - 1].strip():
        return None  # the key does not begin its line (`- prices: ...` style): no safe place
    nl = _newline(text)
    return Edit(line_start, line_start, f"{' ' * (first_key.column - 1)}{currency}: {amount}{nl}")


def _fill_blank(text: str, value, amount: str) -> Edit | None:
    """The amount written in place of an empty value (`USD:`, `USD: ~`, `USD: ""`): a second
    `USD:` key beside it would be a duplicate key, and YAML would keep the empty one."""
    if not isinstance(value, Scalar) or not value.blank or value.start is None or value.end is None:
        return None
    written = text[value.start:value.end]
    if written.strip() not in ("", "~", "null", "Null", "NULL", "''", '""', "!!null"):
        return None  # a tag or a comment we do not know how to replace
    gap = "" if value.start > 0 and text[value.start - 1] in " \t" else " "
    return Edit(value.start, value.end, f"{gap}{amount}")


def _own_values(text: str, node: Mapping, start: int) -> bool:
    """Whether every key and value stands inside this listing, after its start (no merge keys or aliases)."""
    for key, loc in node.keys.items():
        at = _offset(text, loc)
        if at is None or at < start or key == "<<" or not text.startswith(key, at + (text[at] in "'\"")):
            return False  # merged from elsewhere, or lines counted differently from ours (`\u2028`)
    for value in node.items.values():
        at = value.start if isinstance(value, Scalar) else _offset(text, value.loc)
        if at is None or at <= start:
            return False
    return True


def _end(text: str, node) -> int | None:
    """The offset just past a value as written: a scalar's end, or a flow collection's closing bracket."""
    if isinstance(node, Scalar):
        return node.end
    if not isinstance(node, (Mapping, Sequence)):
        return None
    start = _offset(text, node.loc)
    if start is None:
        return None
    children = list(node.items.values()) if isinstance(node, Mapping) else list(node.items)
    close = {"{": "}", "[": "]"}.get(text[start])
    inner = _end(text, children[-1]) if children else start + 1
    if inner is None or close is None:
        return inner  # a block collection ends where its last value does
    at = inner
    while at < len(text) and text[at] in " \t\r\n,":
        at += 1
    return at + 1 if at < len(text) and text[at] == close else None


def _offset(text: str, loc: Location) -> int | None:
    """Character offset of a 1-based line and column."""
    starts = _line_starts(text)
    if not 1 <= loc.line <= len(starts):
        return None
    at = starts[loc.line - 1] + loc.column - 1
    return at if at < len(text) else None


@lru_cache(maxsize=2)
def _newline(text: str) -> str:
    # Once per file text, not once per missing price: a whole-file scan per finding was quadratic.
    return "\r\n" if "\r\n" in text else "\n"


@lru_cache(maxsize=2)
def _line_starts(text: str) -> list[int]:
    # Computed once per file text: a catalog with thousands of missing prices asks for each.
    return [0] + [m.end() for m in re.finditer("\n", text)]
