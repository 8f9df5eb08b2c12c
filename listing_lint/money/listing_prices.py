"""The prices of one listing, read once the way every currency rule needs them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from listing_lint.model import Listing, Scalar
from listing_lint.money.parse import ParsedPrice, parse_price


@dataclass(frozen=True)
class PriceField:
    """A price as read from one field: `price`/`price.amount` or a market price `prices.USD`."""

    field: str
    scalar: Scalar
    parsed: ParsedPrice
    currency_field: str | None = None  # where a separately written currency stands (`currency`)
    currency_scalar: Scalar | None = None


def _machine_number(scalar: Scalar, ctx: Any) -> bool:
    return scalar.machine


def source_price(listing: Listing, ctx: Any) -> PriceField | None:
    # Every currency and price rule asks for the same listing's prices: read them once per run.
    return ctx.run.memo(("listing_lint.money.source_price", id(listing)), lambda: _source_price(listing, ctx))


def market_prices(listing: Listing, ctx: Any) -> list[PriceField]:
    return ctx.run.memo(("listing_lint.money.market_prices", id(listing)), lambda: _market_prices(listing, ctx))


def _source_price(listing: Listing, ctx: Any) -> PriceField | None:
    raw = listing.price
    if raw is None or raw.amount.blank:
        return None
    currency_field = None
    if raw.currency is not None:
        currency_field = "price.currency" if raw.field == "price.amount" else "currency"
    parsed = parse_price(
        raw.amount.text,
        # A file whose prices carry no currency (a Shopify export) takes config `currency:`.
        currency=raw.currency.value if raw.currency is not None else getattr(ctx.catalog, "currency", None),
        locale=ctx.source_locale,
        machine_number=_machine_number(raw.amount, ctx),
        strict=True,
    )
    return PriceField(raw.field, raw.amount, parsed, currency_field, raw.currency)


def _market_prices(listing: Listing, ctx: Any) -> list[PriceField]:
    found = []
    for key, scalar in listing.prices.items():
        if scalar.blank:
            continue
        parsed = parse_price(
            scalar.text,
            currency=key,
            locale=ctx.source_locale,
            markets=tuple(ctx.target_locales),
            machine_number=_machine_number(scalar, ctx),
            strict=True,
        )
        found.append(PriceField(f"prices.{key}", scalar, parsed, f"prices.{key}"))
    return found


def markets(ctx: Any) -> list[tuple[str, str | None]]:
    """(target locale, its market currency) for each target locale, in order."""
    from listing_lint.money.market import market_currency

    key = ("listing_lint.money.markets", tuple(ctx.target_locales))
    return ctx.run.memo(key, lambda: [(loc, market_currency(loc, ctx.config)) for loc in ctx.target_locales])


def usable(price: PriceField | None) -> bool:
    """A price with an amount above zero and a known currency: one conversions can be checked on."""
    return (
        price is not None
        and price.parsed.ok
        and price.parsed.currency is not None
        and price.parsed.amount.is_finite()
        and price.parsed.amount > 0
    )


def needs_conversion(listing: Listing, ctx: Any) -> bool:
    """Whether the listing has a market price in another currency than its source price."""
    src = source_price(listing, ctx)
    if not usable(src):
        return False
    return any(usable(m) and m.parsed.currency != src.parsed.currency for m in market_prices(listing, ctx))
