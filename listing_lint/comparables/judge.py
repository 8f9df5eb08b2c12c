"""Find the benchmark for one listing's price: its comparables, in its market currency.

For each market currency of the catalog's target locales, the listing's price there
is its own market price (`prices.USD`) when given, else its source price converted.
Matching levels are tried in order and the first with at least `min_comparables`
items wins: same GTIN → same brand + MPN → same category (narrowed by
`match_attributes`) → similar target-language title (only when the listing has no
category). A price or comparable that cannot be read or converted is left out
quietly: the currency rules (C001–C007) report those.

Everything expensive is built once per run through `ctx.run.memo`: the file index,
its prices per market currency, and (with `compare_within_catalog`) an index of the
catalog's own listings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from listing_lint.comparables.index import EMPTY, ComparablesIndex, Entry, Group, PricedGroups, Sample, bulk_allocation
from listing_lint.comparables.items import (
    Comparable,
    brand_mpn_key,
    listing_category_key,
    norm_gtin,
    title_tokens,
)
from listing_lint.comparables.stats import quartiles
from listing_lint.model import Listing
from listing_lint.rule import Context

LEVELS = ("gtin", "brand_mpn", "category", "title")


@dataclass
class Judgement:
    """A listing's price in one market and what it was compared with.

    `sample` is None when no level found `min_comparables` items; `tried` then holds
    (level, description, count, left out for want of a rate) for each level that applied, for P003.
    """

    currency: str
    price: Decimal
    field: str
    level: str | None = None
    scope: str = ""  # `in accessories/shawls`, `with the same GTIN 4601234567890`
    sample: Sample | None = None
    q1: Decimal | None = None
    median: Decimal | None = None
    q3: Decimal | None = None
    tried: list[tuple[str, str, int, int]] = field(default_factory=list)
    skipped: int = 0  # comparables left out for want of an exchange rate, at the level used
    nearest: list[str] | None = None  # ids priced nearest to the listing, filled in by the rule that reports

    @property
    def count(self) -> int:
        return len(self.sample) if self.sample is not None else 0


def judge(listing: Listing, ctx: Context, min_comparables: int, title_similarity: Decimal) -> list[Judgement]:
    """One judgement per market currency where the listing's price can be read; [] when there is nothing to compare with."""
    # P001, P002 and P003 ask in turn about the same listing: answer the second and third from here.
    asked = (listing, ctx.catalog, min_comparables, title_similarity)
    last = ctx.run.cache.get("price:last")
    if last is not None and last[0][0] is listing and last[0][1] is ctx.catalog and last[0][2:] == asked[2:]:
        return last[1]
    judgements = _judge(listing, ctx, min_comparables, title_similarity)
    ctx.run.cache["price:last"] = (asked, judgements)
    return judgements


def _judge(listing: Listing, ctx: Context, min_comparables: int, title_similarity: Decimal) -> list[Judgement]:
    sources = _sources(ctx)
    if sources is None:
        return []
    judgements = []
    for currency, locale in market_currencies(ctx):
        own = listing_price(listing, currency, ctx)
        if own is None:
            continue
        price, field_name = own
        j = Judgement(currency, price, field_name)
        _match(j, listing, locale, ctx, sources, min_comparables, title_similarity)
        judgements.append(j)
    return judgements


@dataclass
class _Sources:
    paths: tuple[str, ...]
    index: ComparablesIndex | None  # None when only the catalog itself is compared
    within_catalog: bool
    match_attributes: tuple[str, ...]


def _sources(ctx: Context) -> _Sources | None:
    cached = ctx.run.cache.get("price:config")
    if cached is None or cached[0] is not ctx.config:
        cached = ctx.run.cache["price:config"] = (ctx.config, _sources_key(ctx))
    key = cached[1]
    if key is None:
        return None
    sources = ctx.run.memo(key, lambda: _load_sources(*key[1:]))
    if isinstance(sources, Exception):
        # A bad comparables file is said once per run (P001, P002 and P003 share it), not per listing.
        if ctx.run.once(key):
            raise sources
        return None
    return sources


def _sources_key(ctx: Context) -> tuple | None:
    paths = tuple(str(ctx.config.resolve(p)) for p in ctx.config.get("comparables") or [])
    within = bool(ctx.config.get("compare_within_catalog"))
    attrs = tuple(str(a) for a in ctx.config.get("match_attributes") or [])
    if not paths and not within:
        return None
    return ("price:sources", paths, within, attrs)


def _load_sources(paths: tuple[str, ...], within: bool, attrs: tuple[str, ...]) -> _Sources | Exception:
    from listing_lint.comparables.loader import ComparablesError, load_comparables

    items: list[Comparable] = []
    try:
        with bulk_allocation():
            for path in paths:
                items.extend(load_comparables(path))
            index = ComparablesIndex(items, attrs) if paths else None
    except ComparablesError as exc:
        return exc
    return _Sources(paths, index, within, attrs)


def market_currencies(ctx: Context) -> list[tuple[str, str]]:
    """(currency, locale) for each market of the catalog, first locale per currency."""
    def build():
        from listing_lint.money import market_currency

        seen: dict[str, str] = {}
        for locale in ctx.target_locales:
            code = market_currency(locale, ctx.config)
            if code and code not in seen:
                seen[code] = locale
        return list(seen.items())

    key = ("price:markets", tuple(ctx.target_locales), repr(ctx.config.get("market_currency")))
    return ctx.run.memo(key, build)


class Converter:
    """Amounts into one market currency, one rate look-up per source currency; None when no rate."""

    def __init__(self, ctx: Context, target: str) -> None:
        self.ctx = ctx
        self.target = target
        self.rates: dict[str, Decimal | None] = {target: Decimal(1)}

    def rate(self, currency: str) -> Decimal | None:
        if currency not in self.rates:
            self.rates[currency] = _rate(self.ctx, currency, self.target)
        return self.rates[currency]

    def __call__(self, amount: Decimal, currency: str) -> Decimal | None:
        if currency == self.target:
            return amount
        rate = self.rate(currency)
        return None if rate is None else amount * rate


def _rate(ctx: Context, source: str, target: str) -> Decimal | None:
    from listing_lint.money import MissingRate

    rates = rates_of(ctx)
    if rates is None:
        return None
    try:
        return rates.rate(source, target)
    except MissingRate:
        return None


def rates_of(ctx: Context) -> Any:
    """The run's rates, or None when none can be had (C007 and the CLI say why)."""
    def build():
        from listing_lint.money import RatesError, get_rates

        try:
            return get_rates(ctx)
        except RatesError:
            return None

    return ctx.run.memo("price:rates", build)


def converter(ctx: Context, currency: str) -> Converter:
    return ctx.run.memo(("price:converter", currency), lambda: Converter(ctx, currency))


def listing_price(listing: Listing, currency: str, ctx: Context) -> tuple[Decimal, str] | None:
    """(price in `currency`, field it comes from), or None when it cannot be had.

    Prices are read as the currency rules read them (strictly; a price C006 rejects is not judged).
    """
    from listing_lint.money.listing_prices import market_prices, source_price, usable

    for price in market_prices(listing, ctx):
        if price.parsed.currency == currency or price.field.split(".", 1)[1].strip().upper() == currency:
            return _converted(price, currency, ctx)
    price = source_price(listing, ctx)
    return _converted(price, currency, ctx) if usable(price) else None


def _converted(price, currency: str, ctx: Context) -> tuple[Decimal, str] | None:
    from listing_lint.money.listing_prices import usable

    if not usable(price):
        return None
    amount = converter(ctx, currency)(price.parsed.amount, price.parsed.currency)
    return (amount, price.field) if amount is not None else None


class _CatalogScope:
    """The catalog's own listings as comparables in one market currency."""

    def __init__(self, ctx: Context, currency: str, locale: str, attrs: tuple[str, ...], offset: int) -> None:
        self.catalog = ctx.catalog  # held so its id() is not reused while this lives
        items: list[Comparable] = []
        self.seq: dict[int, int] = {}  # id(listing) → position in items
        for listing in ctx.catalog.listings:
            own = listing_price(listing, currency, ctx)
            if own is None:
                continue
            title = listing.text("title", locale)
            self.seq[id(listing)] = len(items)
            items.append(Comparable(
                id=listing.id or f"#{listing.index + 1}",
                amount=own[0],
                currency=currency,
                loc=listing.loc,
                category=listing.category,
                title=title[1].text if title else "",
                gtin=_field(listing, "gtin"),
                brand=_field(listing, "brand"),
                mpn=_field(listing, "mpn"),
                attributes=listing.attributes,
            ))
        self.groups = PricedGroups(ComparablesIndex(items, attrs), lambda amount, _cur: amount, offset)
        self.merged: dict[tuple[str, Any], Group] = {}

    def own_entry(self, listing: Listing) -> Entry | None:
        i = self.seq.get(id(listing))
        return None if i is None else self.groups.entry(i)


def _field(listing: Listing, key: str, attributes: dict[str, str] | None = None) -> str | None:
    """`gtin`, `brand`, `mpn`: a listing field, or an attribute of that name."""
    text = listing.text_of(key)
    if text is not None:
        return text
    return (attributes if attributes is not None else listing.attributes).get(key)


def _file_groups(ctx: Context, sources: _Sources, currency: str) -> PricedGroups | None:
    if sources.index is None:
        return None
    key = ("price:groups", sources.paths, sources.match_attributes, currency)
    return ctx.run.memo(key, lambda: PricedGroups(sources.index, converter(ctx, currency)))


def _catalog_scope(ctx: Context, sources: _Sources, currency: str, locale: str) -> _CatalogScope | None:
    if not sources.within_catalog:
        return None
    offset = len(sources.index.items) if sources.index is not None else 0
    key = ("price:catalog", id(ctx.catalog), sources.match_attributes, currency)
    return ctx.run.memo(key, lambda: _CatalogScope(ctx, currency, locale, sources.match_attributes, offset))


def _match(j: Judgement, listing: Listing, locale: str, ctx: Context, sources: _Sources,
           min_comparables: int, title_similarity: Decimal) -> None:
    files = _file_groups(ctx, sources, j.currency)
    own = _catalog_scope(ctx, sources, j.currency, locale)
    leave_out = own.own_entry(listing) if own is not None else None

    def lookup(level: str, key: Any) -> Group:
        group = files.group(level, key) if files is not None else EMPTY
        if own is None:
            return group
        if (level, key) not in own.merged:
            own.merged[(level, key)] = group.merged(own.groups.group(level, key))
        return own.merged[(level, key)]

    for level, key, scope in _levels(listing, locale, sources.match_attributes):
        if level == "title":
            group = _similar(files, own, key, title_similarity)
        else:
            group = lookup(level, key)
        sample = Sample(group, leave_out)
        j.tried.append((level, scope, len(sample), sample.skipped))
        if len(sample) >= max(min_comparables, 1):
            j.level, j.scope, j.sample, j.skipped = level, scope, sample, sample.skipped
            j.q1, j.median, j.q3 = quartiles(sample)
            return


def _levels(listing: Listing, locale: str, attrs: tuple[str, ...]):
    """(level, key, words for the message) for each level that applies to the listing, in order."""
    attributes = listing.attributes
    gtin_text = _field(listing, "gtin", attributes)
    gtin = norm_gtin(gtin_text)
    if gtin:
        yield "gtin", gtin, f"with the same GTIN {gtin_text}"
    brand, mpn = _field(listing, "brand", attributes), _field(listing, "mpn", attributes)
    model = brand_mpn_key(brand, mpn)
    if model:
        yield "brand_mpn", model, f"of the same brand and model ({brand} {mpn})"
    category = listing.category
    key = listing_category_key(category, attributes, attrs)
    if key is not None:
        narrowed = ", ".join(f"{a} {v}" for a, v in sorted(key[1]))
        yield "category", key, f"in {category}" + (f" with {narrowed}" if narrowed else "")
        return
    title = listing.text("title", locale)
    tokens = title_tokens(title[1].text if title else None)
    if tokens:
        yield "title", tokens, f"with titles like “{title[1].text.strip()}”"


def _similar(files: PricedGroups | None, own: _CatalogScope | None, tokens: frozenset[str], threshold: Decimal) -> Group:
    group = EMPTY
    for groups in (files, own.groups if own is not None else None):
        if groups is not None:
            group = group.merged(groups.group_of(groups.index.similar_titles(tokens, threshold)))
    return group
