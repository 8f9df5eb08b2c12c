"""Robust statistics on exact Decimal prices: median and quartiles.

The functions take any sorted sequence that supports `len` and indexing (a list,
or a view that leaves one item out), so a group sorted once serves every listing.
Quantiles use the inclusive method (numpy's default, `statistics.quantiles(...,
method="inclusive")`): with Decimal inputs every step is exact, so a verdict near
a threshold never flips on rounding.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol


class SortedPrices(Protocol):
    def __len__(self) -> int: ...

    def __getitem__(self, k: int) -> Decimal: ...


def quantile(prices: SortedPrices, p: Decimal) -> Decimal:
    """The p-quantile (0 ≤ p ≤ 1) of sorted prices, interpolating between neighbours."""
    n = len(prices)
    if n == 0:
        raise ValueError("no prices")
    h = (n - 1) * p
    lo = int(h)  # h ≥ 0, so int() is floor
    frac = h - lo
    if frac == 0 or lo + 1 >= n:
        return prices[lo]
    below, above = prices[lo], prices[lo + 1]
    return below + (above - below) * frac


_HALF = Decimal("0.5")
_QUARTER = Decimal("0.25")
_THREE_QUARTERS = Decimal("0.75")


def median(prices: SortedPrices) -> Decimal:
    return quantile(prices, _HALF)


def quartiles(prices: SortedPrices) -> tuple[Decimal, Decimal, Decimal]:
    """(lower quartile, median, upper quartile): the middle half lies between the outer two."""
    return quantile(prices, _QUARTER), quantile(prices, _HALF), quantile(prices, _THREE_QUARTERS)
