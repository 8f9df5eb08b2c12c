"""Within a category, the comparable items most like a listing: those sharing the most title words.

A category string lumps unlike things together (ice makers and sneakers under
"Home & Garden"); the items that are really comparable are the ones whose titles
share the listing's words. Here each word of a category is a bit mask over the
category's items (built on first use), so "items sharing at least k of the listing's
words" is a handful of integer ANDs and ORs, whatever the category's size: no item
is looked at one by one. The listing's titles in every language it has are used, so
a Russian seller's English title meets English comparables.

A listing is compared with the items sharing the most of its words, as long as there
are enough of them; if none of its words is a word of the category (a Russian title
among English items) the likeness cannot be measured and the whole category is used.
"""

from __future__ import annotations

import re
from typing import Iterable

_ONE = re.compile("1")


def positions(mask: int) -> list[int]:
    """The set bits of `mask`, lowest first."""
    return [m.start() for m in _ONE.finditer(bin(mask)[:1:-1])]


def mask_of(members: Iterable[int], size: int) -> int:
    bits = bytearray((size + 7) // 8)
    for p in members:
        bits[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(bits, "little")


class CategoryItems:
    """The items of one category (by their index in the comparables), with masks over them."""

    __slots__ = ("items", "postings", "dimensions", "_masks", "_all", "_position")

    def __init__(self) -> None:
        self.items: list[int] = []  # position in the category → index in the comparables
        self.postings: dict[str, list[int]] = {}  # word or `attr=value` → positions
        self.dimensions: dict[str, list[int]] = {}  # quantity dimension → positions
        self._masks: dict[str, int] = {}
        self._all: int | None = None
        self._position: dict[int, int] | None = None

    def add(self, index: int, words: Iterable[str], dimension: str, several: bool = False) -> None:
        """`several`: the item is sold several to a pack (then prices are compared per piece)."""
        position = len(self.items)
        self.items.append(index)
        for word in words:
            self.postings.setdefault(word, []).append(position)
        self.dimensions.setdefault(dimension, []).append(position)
        if several:
            self.dimensions.setdefault("\0several", []).append(position)

    @property
    def position(self) -> dict[int, int]:
        """Index in the comparables → position in the category."""
        if self._position is None:
            self._position = {index: p for p, index in enumerate(self.items)}
        return self._position

    @property
    def all(self) -> int:
        if self._all is None:
            self._all = (1 << len(self.items)) - 1
        return self._all

    def mask(self, key: str) -> int:
        found = self._masks.get(key)
        if found is None:
            found = self._masks[key] = mask_of(self.postings.get(key, ()), len(self.items))
        return found

    def dimension(self, dimension: str) -> int:
        key = "\0" + dimension
        found = self._masks.get(key)
        if found is None:
            found = self._masks[key] = mask_of(self.dimensions.get(dimension, ()), len(self.items))
        return found

    def knows(self, word: str) -> bool:
        return word in self.postings

    def sharing(self, words: Iterable[str]) -> list[int]:
        """ge[k] = mask of the items sharing at least k of `words` (ge[0] = every item)."""
        masks = [self.mask(w) for w in words if w in self.postings]
        ge = [self.all] + [0] * len(masks)
        for m in masks:
            for k in range(len(ge) - 1, 1, -1):
                ge[k] |= ge[k - 1] & m
            ge[1] |= m
        return ge

    def indexes(self, mask: int) -> list[int]:
        items = self.items
        return [items[p] for p in positions(mask)]
