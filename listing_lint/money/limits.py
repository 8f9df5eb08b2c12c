"""Price limits of marketplaces, by the `marketplace` setting."""

from __future__ import annotations

from decimal import Decimal

from listing_lint.money.amount import Money

# The most a single item may cost on the marketplace.
MARKETPLACE_MAX: dict[str, Money] = {
    "aliexpress": Money(Decimal("100000"), "USD"),
}


def marketplace_max(marketplace: str | None) -> Money | None:
    return MARKETPLACE_MAX.get((marketplace or "").strip().lower())
