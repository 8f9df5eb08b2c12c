from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterator

from listing_lint.comparables.index import bulk_allocation
from listing_lint.comparables.items import brand_mpn_key, norm_gtin, norm_text
from listing_lint.comparables.stats import median
from listing_lint.model import Listing
from listing_lint.money import RatesError, format_amount, get_rates
from listing_lint.money.amount import quantize, rounded
from listing_lint.money.listing_prices import source_price, usable
from listing_lint.rule import CatalogRule, Context, Option, Problem

LEVELS = ("gtin", "brand_mpn", "title")  # strongest first: a weaker key never joins what a stronger one tells apart
# Every listing of a product is reported, each naming the others: a placeholder GTIN on thousands of
# listings would make that quadratic, so beyond these the lowest and highest half are named.
MESSAGE_PRICES = 10
DATA_PRICES = 20


class InconsistentPrice(CatalogRule):
    """The same product is listed more than once at prices that differ beyond `tolerance`.

    ## What it does
    Finds listings of one catalog that are the same product: the same GTIN (GTIN-8/12/13/14
    compared as 14 digits), or the same brand and model number (`brand` + `mpn`), or the same
    title in the source language (case and spacing aside) with all attributes equal, so two
    sizes or colours are not the same product. Matches chain: if A has B's GTIN and B has C's
    title, A, B and C are one product. Listings of one variant group (`group_id`) are one
    product in several sizes, not the same product listed twice, and a key shared by listings
    with two different GTINs (or, for a title, two different models) joins nothing.

    Their source prices are compared in the currency of the first of them, converted with the
    run's rates where they differ. When the highest is more than `tolerance` above the lowest
    ((highest − lowest) / lowest; exactly `tolerance` is not flagged), every listing of the
    product is reported at its price, and each message names all the prices and ids.

    It also flags a variant priced out of line with the other variants of its `group_id`:
    more than `variant_factor` times the median of the group's prices, or less than
    1/`variant_factor` of it (with two variants, each is compared with the other). A size
    may cost a little more; a price ten times its siblings' is a typo.

    A price that cannot be read or converted is left out: the currency rules (C001–C007)
    report it.

    ## Why it matters
    Buyers see the cheaper listing and distrust the shop; marketplaces merge or delist
    duplicates. On a real Gulf electronics feed one product stood three times, at 170, 188
    and 190 AED, and nothing said so.

    ## Example
    This fails: the same GTIN at 170 and 190 AED.
    ```yaml
    - {id: UAE-1, gtin: "6291041500213", title: {ru: "Наушники"}, price: 170 AED}
    - {id: UAE-9, gtin: "6291041500213", title: {ru: "Наушники беспроводные"}, price: 190 AED}
    ```
    This passes: 175 AED is within 5% of 170 AED.
    ```yaml
    - {id: UAE-1, gtin: "6291041500213", title: {ru: "Наушники"}, price: 170 AED}
    - {id: UAE-9, gtin: "6291041500213", title: {ru: "Наушники беспроводные"}, price: 175 AED}
    ```
    This fails: one size of a scarf at ten times the others.
    ```yaml
    - {id: SCARF-S, group_id: SCARF, title: {ru: "Шарф"}, attributes: {size: S}, price: 490 RUB}
    - {id: SCARF-M, group_id: SCARF, title: {ru: "Шарф"}, attributes: {size: M}, price: 490 RUB}
    - {id: SCARF-L, group_id: SCARF, title: {ru: "Шарф"}, attributes: {size: L}, price: 4990 RUB}
    ```
    and this passes: sizes of one product may cost a little more.
    ```yaml
    - {id: SCARF-S, group_id: SCARF, title: {ru: "Шарф"}, attributes: {size: S}, price: 490 RUB}
    - {id: SCARF-M, group_id: SCARF, title: {ru: "Шарф"}, attributes: {size: M}, price: 490 RUB}
    - {id: SCARF-L, group_id: SCARF, title: {ru: "Шарф"}, attributes: {size: L}, price: 590 RUB}
    ```

    ## How to fix
    If the listings are one product, keep one and delete the others, or give them the same
    price. If they are different products (another size, colour or pack), say so: give each
    its own GTIN or model number, an attribute that tells them apart (`size`, `color`), or
    one `group_id` for the variants of one product. For a variant priced out of line, correct
    the typo. To silence one listing, add `lint_ignore: [P004]` to it.
    """

    code = "P004"
    name = "inconsistent-price"
    severity = "warning"
    options = (
        Option("tolerance", Decimal("0.05"),
               "flag the same product when its highest price is more than this share above its lowest (0.05 = 5%)"),
        Option("variant_factor", Decimal("2.0"),
               "flag a variant priced more than this many times, or less than 1/this, the median of its group"),
    )

    # Listings are grouped by every key that can make them one product, and by variant group:
    # matches chain, so a group holds every listing whose verdict can depend on another's.
    scope = "groups"

    def check_catalog(self, catalog, ctx):
        _check_options(self.code, self.opts["tolerance"], self.opts["variant_factor"], ctx)
        # Keys and sets for every listing: without the pause the cycle collector walks the loaded
        # catalog again and again, half the time of a 100,000-listing catalog.
        with bulk_allocation():
            return list(super().check_catalog(catalog, ctx))

    def group_keys(self, listing, ctx):
        keys = [(level, key) for level, key in enumerate(_keys(listing, ctx)) if key is not None]
        if listing.group_id is not None:
            keys.append(("group_id", listing.group_id))
        return keys

    def check_group(self, listings, ctx):
        tolerance, factor = self.opts["tolerance"], self.opts["variant_factor"]
        _check_options(self.code, tolerance, factor, ctx)
        return self._problems(listings, ctx, tolerance, factor)

    def _problems(self, listings, ctx, tolerance: Decimal, factor: Decimal) -> Iterator[Problem]:
        prices = ctx.memo(("P004", "prices"), lambda: _Prices(ctx))
        for members, key, shown in _same_products(listings, ctx):
            yield from _inconsistent(members, key, shown, prices, tolerance)
        groups: dict[str, list[Listing]] = defaultdict(list)
        for listing in listings:
            if listing.group_id is not None:
                groups[listing.group_id].append(listing)
        for group_id, members in groups.items():
            if len(members) > 1:
                yield from _out_of_line(group_id, members, prices, factor)


def _check_options(code: str, tolerance: Decimal, factor: Decimal, ctx: Context) -> None:
    from listing_lint.errors import ConfigError

    if not tolerance.is_finite() or tolerance < 0:
        raise ConfigError(f"rules.{code}.tolerance must be 0 or more, not {tolerance}", ctx.config.path)
    if not factor.is_finite() or factor <= 1:
        raise ConfigError(f"rules.{code}.variant_factor must be more than 1, not {factor}", ctx.config.path)


# ---- the same product ------------------------------------------------------------------------


def _identifier(listing: Listing, key: str, attributes: dict[str, str]) -> str | None:
    """`gtin`, `brand`, `mpn`: a listing field, else an attribute of that name."""
    text = listing.text_of(key)
    return text if text is not None else attributes.get(key)


def _title(listing: Listing, ctx: Context) -> str | None:
    """The title in the source language (else the first one given, else a plain `title:` text)."""
    if ctx.source_locale:
        found = listing.text("title", ctx.source_locale)
        if found is not None:
            return found[1].text
    texts = listing.texts("title")
    if texts:
        return next(iter(texts.values())).text
    return listing.text_of("title")


def _keys(listing: Listing, ctx: Context) -> tuple[Any, Any, Any]:
    """The listing's normal form at each level, None where it has none."""
    attributes = listing.attributes
    model = brand_mpn_key(_identifier(listing, "brand", attributes), _identifier(listing, "mpn", attributes))
    title = norm_text(_title(listing, ctx))
    return (
        norm_gtin(_identifier(listing, "gtin", attributes)),
        model,
        (title, frozenset((norm_text(k), norm_text(v)) for k, v in attributes.items())) if title else None,
    )


def _described(listing: Listing, level: int, ctx: Context) -> str:
    """What made the listings the same product, as the message says it (the listing's own spelling)."""
    attributes = listing.attributes
    if LEVELS[level] == "gtin":
        return f"GTIN {_identifier(listing, 'gtin', attributes).strip()}"
    if LEVELS[level] == "brand_mpn":
        brand, mpn = _identifier(listing, "brand", attributes), _identifier(listing, "mpn", attributes)
        return f"brand and model {brand.strip()} {mpn.strip()}"
    return f"title “{' '.join(_title(listing, ctx).split())}” and the same attributes"


class _Products:
    """Union-find over listings; each set knows the GTIN and model it stands for and the strongest key that joined it."""

    def __init__(self, keys: list[tuple]) -> None:
        n = len(keys)
        self.parent = list(range(n))
        self.gtin = [k[0] for k in keys]
        self.model = [k[1] for k in keys]
        self.level = [len(LEVELS)] * n  # the strongest level that joined the set (len(LEVELS): none yet)
        self.shown = [""] * n

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def ambiguous(self, roots: list[int], level: int) -> bool:
        """Whether the sets a key would join stand for two different GTINs (or, joined by title, models)."""
        if level >= 1 and len({g for r in roots if (g := self.gtin[r]) is not None}) > 1:
            return True
        return level >= 2 and len({m for r in roots if (m := self.model[r]) is not None}) > 1

    def join(self, roots: list[int], level: int, shown: Callable[[], str]) -> None:
        first = min(roots)  # the set of the earliest listing stays the root: a stable order
        for r in roots:
            if r == first:
                continue
            self.parent[r] = first
            self.gtin[first] = self.gtin[first] or self.gtin[r]
            self.model[first] = self.model[first] or self.model[r]
            if self.level[r] < self.level[first]:
                self.level[first], self.shown[first] = self.level[r], self.shown[r]
        if level < self.level[first]:
            self.level[first], self.shown[first] = level, shown()


def _same_products(listings: list[Listing], ctx: Context) -> Iterator[tuple[list[Listing], str, str]]:
    """(listings, level, words for the message) of each product listed more than once, in catalog order."""
    keys = [_keys(listing, ctx) for listing in listings]
    units = [listing.group_id if listing.group_id is not None else i for i, listing in enumerate(listings)]
    products = _Products(keys)
    for level in range(len(LEVELS)):
        buckets: dict[Any, list[int]] = defaultdict(list)
        for i, k in enumerate(keys):
            if k[level] is not None:
                buckets[k[level]].append(i)
        for members in buckets.values():
            # Variants of one group sharing a key are one product in several sizes, not a duplicate.
            if len(members) < 2 or len({units[i] for i in members}) < 2:
                continue
            roots = sorted({products.find(i) for i in members})
            if len(roots) > 1 and products.ambiguous(roots, level):
                continue
            products.join(roots, level, lambda: _described(listings[members[0]], level, ctx))
    sets: dict[int, list[int]] = defaultdict(list)
    for i in range(len(listings)):
        sets[products.find(i)].append(i)
    for root, members in sets.items():
        if len(members) > 1:
            yield [listings[i] for i in members], LEVELS[products.level[root]], products.shown[root]


# ---- prices ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Priced:
    listing: Listing
    id: str
    field: str
    amount: Decimal  # as written, in `currency`
    currency: str
    compared: Decimal  # in the currency the listings are compared in

    def shown(self, common: str) -> str:
        if self.currency == common:
            return _money(self.compared, common)
        return f"{_money(self.compared, common)} ({_money(self.amount, self.currency)})"

    def data(self, common: str) -> dict[str, Any]:
        item = {"id": self.id, "price": quantize(self.amount, self.currency), "currency": self.currency,
                "line": self.listing.locate(self.field).line}
        if self.currency != common:
            item["converted"] = quantize(self.compared, common)
        return item


class _Prices:
    """Listings' source prices in one currency, with one rate look-up per pair of currencies."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.rates_table: Any = False  # not looked up yet; None when the run has no rates
        self.rates: dict[tuple[str, str], Decimal | None] = {}

    def of(self, listings: list[Listing]) -> tuple[list[_Priced], str | None]:
        """The listings whose price can be had, in the currency of the first of them."""
        found: list[_Priced] = []
        common = None
        for listing in listings:
            price = source_price(listing, self.ctx)
            if not usable(price):
                continue
            amount, currency = price.parsed.amount, price.parsed.currency
            common = common or currency
            compared = amount if currency == common else self._convert(amount, currency, common)
            if compared is not None:
                found.append(_Priced(listing, listing.id or f"#{listing.index + 1}", price.field,
                                     amount, currency, compared))
        return found, common

    def _convert(self, amount: Decimal, source: str, target: str) -> Decimal | None:
        if (source, target) not in self.rates:
            self.rates[(source, target)] = self._rate(source, target)
        if self.rates[(source, target)] is None:
            return None
        # Multiplied before it is divided: exactly at the tolerance stays exactly at it (a rounded rate would not).
        return self.rates_table.convert_for_comparing(amount, source, target)

    def _rate(self, source: str, target: str) -> Decimal | None:
        if self.rates_table is False:
            try:
                self.rates_table = get_rates(self.ctx)
            except RatesError:  # C007 and the CLI say why
                self.rates_table = None
        if self.rates_table is None:
            return None
        try:
            return self.rates_table.rate(source, target)
        except RatesError:  # a currency the rates lack: C003 says so
            return None


def _money(amount: Decimal, currency: str) -> str:
    return f"{format_amount(amount, currency)} {currency}"


def _shown(value: Decimal, threshold: Decimal, places: int) -> str:
    """`value` rounded to `places`, with more digits while it would read as the threshold it was compared with."""
    shown = value
    for digits in range(places, places + 6):
        shown = rounded(value, digits)
        if shown != threshold:
            break
    return f"{shown:f}"


def _inconsistent(listings: list[Listing], key: str, what: str, prices: _Prices,
                  tolerance: Decimal) -> Iterator[Problem]:
    priced, common = prices.of(listings)
    ordered = sorted(priced, key=lambda p: p.compared)  # stable: equal prices stay in catalog order
    pair = _widest_pair(ordered)
    if pair is None:
        return
    low, high = pair
    if high.compared <= low.compared * (1 + tolerance):
        return
    spread = (high.compared - low.compared) / low.compared
    listed = ", ".join(f"{p.shown(common)} ({p.id})" if p is not None else f"{len(ordered) - MESSAGE_PRICES} more"
                       for p in _ends(ordered, MESSAGE_PRICES))
    percent = _shown(spread * 100, tolerance * 100, 1)
    if low is ordered[0] and high is ordered[-1]:
        verdict = f"the highest is {percent}% above the lowest"
    else:
        verdict = (f"{high.id} at {high.shown(common)} is {percent}% above {low.id} at {low.shown(common)} "
                   f"(variants of one group are not compared with each other)")
    message = f"the same product ({what}) is listed {len(priced)} times at different prices: {listed}; {verdict}"
    data = {
        "key": key,
        "prices": [p.data(common) for p in _ends(ordered, DATA_PRICES) if p is not None],
        "count": len(ordered),
        "currency": common,
        "lowest": low.id,
        "highest": high.id,
        "spread": _shown(spread, tolerance, 4),
        "tolerance": tolerance,
    }
    for p in priced:
        yield Problem(message, field=p.field, listing=p.listing, data=data)


def _ends(ordered: list[_Priced], most: int) -> list[_Priced | None]:
    """All of `ordered` when there are at most `most`, else its lowest and highest halves with None between."""
    if len(ordered) <= most:
        return list(ordered)
    half = most // 2
    return [*ordered[:half], None, *ordered[len(ordered) - (most - half):]]


def _widest_pair(ordered: list[_Priced]) -> tuple[_Priced, _Priced] | None:
    """Of prices sorted low to high, the lowest and highest of listings that are not variants of one group, or None."""
    if len(ordered) < 2:
        return None

    def unit(p: _Priced) -> Any:
        return p.listing.group_id if p.listing.group_id is not None else id(p.listing)

    low, high = ordered[0], ordered[-1]
    if unit(low) != unit(high):
        return low, high
    # Both ends are variants of one group: the widest pair has one end outside it.
    others = [p for p in ordered if unit(p) != unit(low)]
    if not others:
        return None
    pairs = [(low, others[-1]), (others[0], high)]
    return max(pairs, key=lambda pair: pair[1].compared / pair[0].compared)


# ---- variants --------------------------------------------------------------------------------


def _out_of_line(group_id: str, listings: list[Listing], prices: _Prices, factor: Decimal) -> Iterator[Problem]:
    priced, common = prices.of(listings)
    if len(priced) < 2:
        return
    if len(priced) == 2:
        a, b = priced
        references = [(a, b.compared), (b, a.compared)]
        kind = "other variant"
    else:
        middle = median(sorted(p.compared for p in priced))
        references = [(p, middle) for p in priced]
        kind = "median"
    for p, reference in references:
        if not (p.compared > factor * reference or p.compared * factor < reference):
            continue
        ratio = p.compared / reference
        limit = factor if ratio > 1 else 1 / factor
        if kind == "median":
            against = f"the median {_money(reference, common)} of the {len(priced)} variants of {group_id}"
        else:
            against = f"the {_money(reference, common)} of the other variant of {group_id}"
        yield Problem(
            f"this variant is priced {p.shown(common)}, {_shown(ratio, limit, 1 if ratio >= 1 else 2)}× {against}",
            field=p.field, listing=p.listing,
            data={
                "key": "variant",
                "group_id": group_id,
                "price": quantize(p.amount, p.currency),
                "currency": p.currency,
                "compared_with": kind,
                "reference": quantize(reference, common),
                "reference_currency": common,
                "ratio": _shown(ratio, limit, 3),
                "variants": len(priced),
                "variant_factor": factor,
                "prices": [q.data(common) for q in _ends(sorted(priced, key=lambda q: q.compared), DATA_PRICES)
                           if q is not None],
            },
        )
