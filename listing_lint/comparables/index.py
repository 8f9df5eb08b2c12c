"""The comparables index: items keyed by GTIN, brand + MPN, category and title words.

Built once per run; judging a listing is then a few dict lookups plus O(log M) work
on groups sorted once, so N listings against M items cost O((N + M) log M).

Prices are converted to a market currency once per item (`PricedGroups`), and each
group is sorted the first time a listing asks for it. A `Sample` is a sorted group
seen without one entry (the listing itself, when the catalog's own listings are
comparables), so leaving a listing out never copies its group.
"""

from __future__ import annotations

import gc
import math
from bisect import bisect_left
from contextlib import contextmanager
from decimal import Decimal
from typing import Callable, Hashable, Iterable

from listing_lint.comparables.items import (
    Comparable,
    brand_mpn_key,
    category_ancestors,
    norm_category,
    norm_gtin,
    norm_text,
    title_tokens,
)
from listing_lint.comparables.similar import CategoryItems

# (price in the market currency, item id, unique sequence number): sorts by price, ties by id.
Entry = tuple[Decimal, str, int]


@contextmanager
def bulk_allocation():
    """Pause the cycle collector while many small acyclic objects are made.

    Otherwise it walks the whole heap (the loaded catalogs too) again and again
    while an index of 200,000 items is built.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def dimension_of(item: Comparable) -> str:
    """What an item's price is per: its stated quantity's dimension; one piece when it states none."""
    quantity = item.quantity
    return quantity.dimension if quantity is not None else "count"


def several(item: Comparable) -> bool:
    """Sold several to a pack (`set of 3`, `24 cans`): its price is for more than one piece."""
    quantity = item.quantity
    return quantity is not None and quantity.dimension == "count" and quantity.amount > 1


def unit_price(item: Comparable, price: Decimal) -> Decimal:
    """The price per 100 ml, per kg or per piece; a single item of no stated size is one piece."""
    quantity = item.quantity
    return quantity.unit_price(price) if quantity is not None else price


def attribute_key(name: str, value: str) -> str:
    return f"\x01{name}={value}"  # not a word any title has


class ComparablesIndex:
    def __init__(self, items: list[Comparable], match_attributes: Iterable[str] = ()) -> None:
        self.items = items
        self.match_attributes = tuple(match_attributes)
        self._tokens: list[frozenset[str] | None] = [None] * len(items)
        self.keys: dict[str, dict[Hashable, list[int]]] = {"gtin": {}, "brand_mpn": {}, "benchmark": {}}
        self.categories: dict[str, CategoryItems] = {}
        by_gtin, by_model, benchmarks = self.keys["gtin"], self.keys["brand_mpn"], self.keys["benchmark"]
        for i, item in enumerate(items):
            gtin = norm_gtin(item.gtin)
            if item.benchmark:
                # A benchmark sums up the market for one product: found by GTIN or the offer's id, alone.
                if gtin:
                    benchmarks.setdefault(("gtin", gtin), []).append(i)
                benchmarks.setdefault(("id", item.id), []).append(i)
                continue
            if gtin:
                by_gtin.setdefault(gtin, []).append(i)
            model = brand_mpn_key(item.brand, item.mpn)
            if model:
                by_model.setdefault(model, []).append(i)
            category = norm_category(item.category)
            if category is not None:
                words = set(self.tokens(i))
                for name in self.match_attributes:
                    value = norm_text(item.attributes.get(name))
                    if value:
                        words.add(attribute_key(name, value))
                self.categories.setdefault(category, CategoryItems()).add(i, words, dimension_of(item), several(item))
        self._titles: dict[Decimal, _TitleIndex] = {}

    def tokens(self, i: int) -> frozenset[str]:
        """The title words of item `i` in every language it has, worked out once."""
        found = self._tokens[i]
        if found is None:
            item = self.items[i]
            found = title_tokens(item.title)
            for other in item.titles:
                found |= title_tokens(other)
            self._tokens[i] = found
        return found

    def members(self, level: str, key: Hashable) -> list[int]:
        return self.keys[level].get(key, [])

    def category(self, category: str | None) -> tuple[str, CategoryItems] | None:
        """The category itself, else the nearest one above it that has items."""
        if not category:
            return None
        for name in category_ancestors(category):
            found = self.categories.get(name)
            if found is not None:
                return name, found
        return None

    def similar_titles(self, tokens: frozenset[str], threshold: Decimal) -> list[int]:
        """Items whose title words overlap `tokens` with Jaccard similarity ≥ threshold (0 < threshold ≤ 1)."""
        if not tokens:
            return []
        titles = self._titles.get(threshold)
        if titles is None:
            # Built on first use: most runs have no listing without a category and never pay for it.
            with bulk_allocation():
                titles = _TitleIndex([self.tokens(i) if not item.benchmark else frozenset()
                                      for i, item in enumerate(self.items)], threshold)
            self._titles[threshold] = titles
        return titles.similar(tokens)


class _TitleIndex:
    """Title words indexed with prefix filtering, so a look-up reads a few short postings, not all titles.

    Words are ordered rarest first. Two titles with Jaccard similarity ≥ t share at
    least ceil(t × |title|) words, so each title's first |title| − ceil(t × |title|) + 1
    words must include a shared one: only those prefixes are indexed and probed.

    A word in more than `COMMON_SHARE` (2%) of the titles (and more than `COMMON_MIN` of them)
    says nothing about which item a title names (`model`, `new`, `women` in a marketplace's
    whole catalogue) and is left out of both sides: kept, it would put every title in the
    candidates of every look-up.
    """

    COMMON_SHARE = Decimal("0.02")
    COMMON_MIN = 1000

    def __init__(self, titles: list[frozenset[str]], threshold: Decimal) -> None:
        self.threshold = threshold
        df: dict[str, int] = {}
        for words in titles:
            for w in words:
                df[w] = df.get(w, 0) + 1
        limit = max(self.COMMON_MIN, int(self.COMMON_SHARE * len(titles)))
        self.common = frozenset(w for w, n in df.items() if n > limit)
        if self.common:
            titles = [words - self.common for words in titles]
        self.titles = titles
        self.df = df
        postings: dict[str, list[int]] = {}
        for i, words in enumerate(titles):
            for w in self.prefix(words):
                postings.setdefault(w, []).append(i)
        self.postings = postings

    def prefix(self, words: frozenset[str]) -> list[str]:
        df = self.df
        ordered = sorted(words, key=lambda w: (df.get(w, 0), w))
        return ordered[: len(words) - math.ceil(self.threshold * len(words)) + 1]

    def similar(self, words: frozenset[str]) -> list[int]:
        words = words - self.common
        if not words:
            return []
        candidates: set[int] = set()
        for w in self.prefix(words):
            candidates.update(self.postings.get(w, ()))
        t, found = self.threshold, []
        for i in candidates:
            other = self.titles[i]
            shared = len(words & other)
            if shared >= t * (len(words) + len(other) - shared):
                found.append(i)
        return found


class Group:
    """Prices of some comparables in one currency, sorted; `skipped` had no exchange rate."""

    __slots__ = ("entries", "skipped")

    def __init__(self, entries: list[Entry], skipped: int = 0) -> None:
        self.entries = entries
        self.skipped = skipped

    def merged(self, other: "Group") -> "Group":
        if not other.entries and not other.skipped:
            return self
        if not self.entries and not self.skipped:
            return other
        return Group(sorted(self.entries + other.entries), self.skipped + other.skipped)


EMPTY = Group([])


class PricedGroups:
    """An index's items priced in one market currency; groups sorted on first use.

    `convert(amount, currency)` gives the amount in the market currency, or None
    when there is no rate (the item is then left out and counted as skipped).
    """

    def __init__(self, index: ComparablesIndex, convert: Callable[[Decimal, str], Decimal | None], seq_offset: int = 0):
        self.index = index
        self.seq_offset = seq_offset
        self.prices: list[Decimal | None] = [convert(item.amount, item.currency) for item in index.items]
        self._units: list[Decimal | None] | None = None
        self._groups: dict[tuple[str, Hashable], Group] = {}
        self._unpriced: dict[str, int] = {}

    @property
    def units(self) -> list[Decimal | None]:
        """Each item's price per unit of its dimension (per 100 ml, per kg, per piece)."""
        if self._units is None:
            items = self.index.items
            self._units = [None if p is None else unit_price(items[i], p) for i, p in enumerate(self.prices)]
        return self._units

    def unpriced(self, name: str, category: CategoryItems) -> int:
        """Mask of a category's items with no price in this currency (no exchange rate)."""
        found = self._unpriced.get(name)
        if found is None:
            from listing_lint.comparables.similar import mask_of

            prices = self.prices
            found = mask_of((p for p, i in enumerate(category.items) if prices[i] is None), len(category.items))
            self._unpriced[name] = found
        return found

    def unit_group(self, name: str, category: CategoryItems, mask: int) -> Group:
        """The items of a category mask, by price per unit; sorted once per mask."""
        key = ("units", (name, mask))
        cached = self._groups.get(key)
        if cached is None:
            # The mask holds priced items only (see `unpriced`): no entry to skip, one sort.
            units, items, offset = self.units, self.index.items, self.seq_offset
            entries = sorted([(units[i], items[i].id, offset + i) for i in category.indexes(mask)])
            cached = self._groups[key] = Group(entries) if entries else EMPTY
        return cached

    def group(self, level: str, key: Hashable) -> Group:
        cached = self._groups.get((level, key))
        if cached is None:
            cached = self.group_of(self.index.members(level, key))
            self._groups[(level, key)] = cached
        return cached

    def group_of(self, members: Iterable[int], units: bool = False) -> Group:
        entries, skipped = [], 0
        items, prices, offset = self.index.items, self.units if units else self.prices, self.seq_offset
        for i in members:
            price = prices[i]
            if price is None:
                skipped += 1
            else:
                entries.append((price, items[i].id, offset + i))
        entries.sort()
        return Group(entries, skipped) if entries or skipped else EMPTY

    def entry(self, i: int, units: bool = False) -> Entry | None:
        price = (self.units if units else self.prices)[i]
        return None if price is None else (price, self.index.items[i].id, self.seq_offset + i)


class Sample:
    """A sorted group, optionally without one entry; indexable by rank like a sorted list of prices."""

    __slots__ = ("entries", "skip", "skipped")

    def __init__(self, group: Group, leave_out: Entry | None = None) -> None:
        self.entries = group.entries
        self.skipped = group.skipped
        self.skip = None
        if leave_out is not None:
            pos = bisect_left(self.entries, leave_out)
            if pos < len(self.entries) and self.entries[pos] == leave_out:
                self.skip = pos

    def __len__(self) -> int:
        return len(self.entries) - (self.skip is not None)

    def entry(self, k: int) -> Entry:
        if self.skip is not None and k >= self.skip:
            k += 1
        return self.entries[k]

    def __getitem__(self, k: int) -> Decimal:
        return self.entry(k)[0]

    def ids(self) -> list[str]:
        return [self.entry(k)[1] for k in range(len(self))]

    def closest(self, price: Decimal, count: int = 3) -> list[str]:
        """Ids of the `count` items priced nearest to `price`; of two equally near, the cheaper first."""
        return [entry[1] for entry in self.closest_entries(price, count)]

    def closest_entries(self, price: Decimal, count: int = 3) -> list[Entry]:
        """The entries (price, id, seq) of the `count` items priced nearest to `price`, as `closest`."""
        entries, skip = self.entries, self.skip
        left = bisect_left(entries, (price,)) - 1
        right = left + 1
        found: list[Entry] = []
        while len(found) < count:
            if left == skip:
                left -= 1
            if right == skip:
                right += 1
            has_left, has_right = left >= 0, right < len(entries)
            if not (has_left or has_right):
                break
            if has_left and (not has_right or price - entries[left][0] <= entries[right][0] - price):
                found.append(entries[left])
                left -= 1
            else:
                found.append(entries[right])
                right += 1
        return found
