"""Find the benchmark for one listing's price: its comparables, in its market currency.

For each market currency of the catalog's target locales, the listing's price there
is its own market price (`prices.USD`) when given, else its source price converted.
Matching levels are tried in order and the first with at least `min_comparables`
items wins: a Merchant Center price benchmark for the product (alone) → same GTIN →
same brand + MPN → within the listing's category (mapped by `category_map`, else the
nearest category above it that the comparables have), the items whose titles share
the most words with the listing's → when the category matches none of the
comparables', items with similar titles anywhere. The first two compare item prices
(the same product is the same size); the last two compare prices per unit of what is
sold (per 100 ml, per kg, per piece) among items sold in the same dimension, so a 1 l
refill is never judged against 50 ml tubes. A price or comparable that cannot be read
or converted is left out quietly: the currency rules (C001–C007) report those.

Everything expensive is built once per run through `ctx.run.memo`: the file index,
its prices per market currency, and (with `compare_within_catalog`) an index of the
catalog's own listings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from listing_lint.comparables.index import EMPTY, ComparablesIndex, Entry, Group, PricedGroups, Sample, bulk_allocation
from listing_lint.comparables.items import Comparable, brand_mpn_key, norm_category, norm_gtin, title_tokens
from listing_lint.comparables.quantities import listing_quantity
from listing_lint.comparables.stats import quartiles
from listing_lint.model import Listing
from listing_lint.rule import Context

LEVELS = ("benchmark", "gtin", "brand_mpn", "category", "title")


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
    item_price: Decimal | None = None  # the listing's price for what it sells, when `price` is per unit
    per: str | None = None  # the unit `price` and the median are per (`100 ml`, `kg`, `piece`); None: per item
    quantity: str | None = None  # what the listing sells, for the message (`1 l`, `set of 3`)
    why_not: str | None = None  # why no level judged it, in words (P003)
    item_at: Any = None  # seq of a sample entry → its `Comparable`, for naming the items in reports

    def items_nearest(self, count: int) -> list[tuple[Decimal, Comparable]]:
        """(price as compared, the item) of the `count` comparables priced nearest to the listing."""
        if self.sample is None or self.item_at is None:
            return []
        return [(price, self.item_at(seq)) for price, _id, seq in self.sample.closest_entries(self.price, count)]

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
    if judgements:
        ctx.run.count("price.considered", id(listing))
        for j in judgements:
            if j.sample is not None and j.median:
                # Every judged price, flagged or not, for the HTML report's overview by category.
                ctx.run.note("price.ratios", (listing.category or "", listing.id or f"#{listing.index + 1}",
                                              j.currency, j.price / j.median))
        if all(j.sample is not None for j in judgements):
            ctx.run.count("price.judged", id(listing))
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
        if j.sample is not None:
            j.item_at = _items_of(ctx, sources, currency, locale)
        judgements.append(j)
    return judgements


def _items_of(ctx: Context, sources: "_Sources", currency: str, locale: str):
    """seq → the comparable it numbers: the comparables files' items first, then the catalog's own listings."""
    files = sources.index.items if sources.index is not None else []
    own = _catalog_scope(ctx, sources, currency, locale)

    def at(seq: int) -> Comparable:
        return files[seq] if seq < len(files) else own.groups.index.items[seq - len(files)]

    return at


@dataclass
class _Sources:
    paths: tuple[str, ...]
    index: ComparablesIndex | None  # None when only the catalog itself is compared
    within_catalog: bool
    match_attributes: tuple[str, ...]
    category_map: dict[str, str] = field(default_factory=dict)  # normalised seller category → comparables'


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
    from listing_lint.comparables.sources import source_specs

    specs = source_specs(ctx.config)
    within = bool(ctx.config.get("compare_within_catalog"))
    attrs = tuple(str(a) for a in ctx.config.get("match_attributes") or [])
    mapping = tuple(sorted((str(k), str(v)) for k, v in (_get(ctx.config, "category_map") or {}).items()))
    if not specs and not within:
        return None
    return ("price:sources", specs, within, attrs, mapping, ctx.config.get("source_locale"))


def _get(config, key: str):
    try:
        return config.get(key)
    except KeyError:
        return None


def _load_sources(specs: tuple, within: bool, attrs: tuple[str, ...], mapping: tuple,
                  locale: str | None) -> _Sources | Exception:
    from listing_lint.comparables.loader import ComparablesError
    from listing_lint.comparables.sources import load_source

    items: list[Comparable] = []
    try:
        with bulk_allocation():
            for spec in specs:
                items.extend(load_source(spec, locale))
            index = ComparablesIndex(items, attrs) if specs else None
    except ComparablesError as exc:
        return exc
    category_map = {norm_category(k): norm_category(v) for k, v in mapping if norm_category(k) and norm_category(v)}
    return _Sources(tuple(spec[0] for spec in specs), index, within, attrs, category_map)


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
        if self.rate(currency) is None:
            return None
        # Not `amount × rate`: the rate `1 / 92.59` is rounded, and the verdict at exactly the factor would be too.
        return rates_of(self.ctx).convert_for_comparing(amount, currency, self.target)


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
                quantity=listing_quantity(listing, ctx),
                titles=tuple(s.text for s in listing.texts("title").values()),
            ))
        self.groups = PricedGroups(ComparablesIndex(items, attrs), lambda amount, _cur: amount, offset)
        self.merged: dict[tuple[str, Any], Group] = {}

    def own_entry(self, listing: Listing, units: bool = False) -> Entry | None:
        i = self.seq.get(id(listing))
        return None if i is None else self.groups.entry(i, units)

    def own_index(self, listing: Listing) -> int | None:
        return self.seq.get(id(listing))


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
    need = max(min_comparables, 1)
    attributes = listing.attributes

    def lookup(level: str, key: Any) -> Group:
        group = files.group(level, key) if files is not None else EMPTY
        if own is None:
            return group
        if (level, key) not in own.merged:
            own.merged[(level, key)] = group.merged(own.groups.group(level, key))
        return own.merged[(level, key)]

    # A Merchant Center price benchmark is the market's price for this very product.
    if files is not None:
        gtin = norm_gtin(_field(listing, "gtin", attributes))
        for key in ((("id", listing.id),) if listing.id else ()) + ((("gtin", gtin),) if gtin else ()):
            group = files.group("benchmark", key)
            if group.entries:
                sample = Sample(group)
                j.level, j.scope, j.sample, j.skipped = "benchmark", _benchmark_scope(key), sample, group.skipped
                j.q1, j.median, j.q3 = quartiles(sample)
                return
    # The same product: item prices, whatever size each side says.
    for level, key, scope in _identities(listing, attributes):
        sample = Sample(lookup(level, key), leave_out)
        j.tried.append((level, scope, len(sample), sample.skipped))
        if len(sample) >= need:
            j.level, j.scope, j.sample, j.skipped = level, scope, sample, sample.skipped
            j.q1, j.median, j.q3 = quartiles(sample)
            return
    # Items like it: prices per unit of what is sold, in the listing's dimension.
    quantity = listing_quantity(listing, ctx)
    dimension = quantity.dimension if quantity is not None else "count"
    words = _listing_words(listing)
    pools = [(groups, None) for groups in (files,) if groups is not None]
    if own is not None:
        pools.append((own.groups, own.own_index(listing)))
    category = _mapped_category(listing.category, sources.category_map)
    if category is not None:
        found = _in_category(pools, category, words, dimension, attributes, sources.match_attributes, need)
        if found is not None:
            group, scope, count, skipped, several_ = found
            j.tried.append(("category", scope, count, skipped))
            if group is not None:
                _per_unit(j, quantity, group, "category", scope, several_, skipped)
            else:
                j.why_not = f"fewer than {need} comparable items {scope} ({count})"
            return
    texts = ([listing.text("title", locale)[1]] if listing.text("title", locale) else []) + \
        list(listing.texts("title").values())
    used = next((t for t in texts if title_tokens(t.text)), None)
    if used is None:
        if category is not None:
            j.why_not = (f"no comparable items are in {listing.category} or a category above it, "
                         "and its title has no words to find similar items by")
        return
    tokens = title_tokens(used.text)
    group, several_ = _similar(pools, tokens, title_similarity, dimension)
    where = "" if category is None else f", as none are in {listing.category}"
    shown = used.text.strip()
    scope = f"with titles like “{shown}”{where}" + _dimension_words(dimension)
    sample = Sample(group)
    j.tried.append(("title", scope, len(sample), sample.skipped))
    if len(sample) >= need:
        _per_unit(j, quantity, group, "title", scope, several_)
    else:
        j.why_not = f"fewer than {need} comparable items {scope} ({len(sample)})"


def _benchmark_scope(key: tuple[str, str]) -> str:
    what = "its id" if key[0] == "id" else f"GTIN {key[1]}"
    return f"against the Merchant Center price benchmark for {what}"


def _identities(listing: Listing, attributes: dict[str, str]):
    gtin_text = _field(listing, "gtin", attributes)
    gtin = norm_gtin(gtin_text)
    if gtin:
        yield "gtin", gtin, f"with the same GTIN {gtin_text}"
    brand, mpn = _field(listing, "brand", attributes), _field(listing, "mpn", attributes)
    model = brand_mpn_key(brand, mpn)
    if model:
        yield "brand_mpn", model, f"of the same brand and model ({brand} {mpn})"


def _listing_words(listing: Listing) -> frozenset[str]:
    """Title words of every language the listing has: comparables are in one language, not always its own."""
    words: set[str] = set()
    for scalar in listing.texts("title").values():
        words |= title_tokens(scalar.text)
    return frozenset(words)


def _mapped_category(category: str | None, category_map: dict[str, str]) -> str | None:
    """The listing's category in the comparables' terms: `category_map` (most specific key first), else as written."""
    norm = norm_category(category)
    if norm is None:
        return None
    if category_map:
        from listing_lint.comparables.items import category_ancestors

        for name in category_ancestors(norm):
            if name in category_map:
                return category_map[name] + norm[len(name):]
    return norm


def _in_category(pools, category: str, words: frozenset[str], dimension: str, attributes: dict[str, str],
                 match_attributes: tuple[str, ...], need: int):
    """(group or None, scope, count, skipped, several) for the category level; None when no pool has the category.

    The items compared are those of the category (narrowed by `match_attributes`, sold in
    the listing's dimension) whose titles share the most words with the listing's, as many
    words as still leaves `need` items; the whole category when the listing's words are
    none of the category's (its likeness cannot be measured).
    """
    from listing_lint.comparables.index import attribute_key
    from listing_lint.comparables.items import norm_text

    narrowed = [(a, v) for a in match_attributes if (v := norm_text(attributes.get(a)))]
    chosen = []  # per pool: (groups, name, items, filter mask, masks by words shared)
    for groups, own_index in pools:
        found = groups.index.category(category)
        if found is None:
            continue
        name, items = found
        base = items.dimension(dimension)
        for a, v in narrowed:
            base &= items.mask(attribute_key(a, v))
        if own_index is not None and own_index in items.position:
            base &= ~(1 << items.position[own_index])
        unpriced = base & groups.unpriced(name, items)
        chosen.append((groups, name, items, base & ~unpriced, items.sharing(words), unpriced))
    if not chosen:
        return None
    narrowing = ", ".join(f"{a} {v}" for a, v in sorted(narrowed))
    place = f"in {chosen[0][1]}" + (f" with {narrowing}" if narrowing else "")
    measurable = any(items.knows(w) for _, _, items, _, _, _ in chosen for w in words)
    top = max(len(ge) for _, _, _, _, ge, _ in chosen) - 1

    def at(k: int):
        return [(groups, name, items, ge[k] & mask if k < len(ge) else 0, ge[k] & unpriced if k < len(ge) else 0)
                for groups, name, items, mask, ge, unpriced in chosen]

    def group_of(masks) -> tuple[Group, bool]:
        group, several_ = EMPTY, False
        for groups, name, items, m, _ in masks:
            group = group.merged(groups.unit_group(name, items, m))
            several_ = several_ or bool(m & items.dimension("\0several"))
        return group, several_

    whole = sum(c[3].bit_count() for c in chosen)
    # The most words shared that still leaves enough items (never none shared).
    for k in (range(top, 0, -1) if measurable else ()):
        masks = at(k)
        count = sum(m.bit_count() for _, _, _, m, _ in masks)
        if count < need:
            continue
        group, several_ = group_of(masks)
        scope = (place if count == whole else f"{place} whose titles are most like this one's") + _dimension_words(dimension)
        return group, scope, count, sum(u.bit_count() for *_, u in masks), several_
    masks = at(1 if measurable else 0)
    alike = sum(m.bit_count() for _, _, _, m, _ in masks)
    skipped = sum(u.bit_count() for *_, u in masks)
    # Too few titles alike, or titles that cannot be compared. A category whose prices agree among
    # themselves (hats, all priced alike, named every which way) is still a benchmark; one that
    # lumps unlike things together (ice makers and sneakers) has prices all over the place, and is none.
    if whole >= need:
        everything = at(0)
        group, several_ = group_of(everything)
        if _agrees(group):
            why = "titles unlike this one's" if measurable else "titles in another language"
            scope = f"{place} ({why}, but the category's prices agree)" + _dimension_words(dimension)
            return group, scope, whole, sum(u.bit_count() for *_, u in everything), several_
    shared = measurable and alike < whole
    scope = (f"{place} whose titles share a word with this one's" if shared else place) + _dimension_words(dimension)
    if whole >= need:
        scope += " (the others are priced too far apart to stand for it)"
    return None, scope, alike, skipped, False


# Median absolute deviation at most a third of the median: shawls from 21 to 52 USD agree; ice makers
# at 300 and sneakers at 100 in one category do not (MAD = half the median).
AGREEING_SPREAD = Decimal(1) / 3


def _agrees(group: Group) -> bool:
    """Whether a group's prices agree among themselves (MAD ≤ a third of the median)."""
    from listing_lint.comparables.stats import median

    prices = [e[0] for e in group.entries]
    if not prices:
        return False
    mid = median(prices)
    return mid > 0 and median(sorted(abs(p - mid) for p in prices)) <= AGREEING_SPREAD * mid


def _dimension_words(dimension: str) -> str:
    return {"volume": " sold by volume", "mass": " sold by weight"}.get(dimension, "")


def _per_unit(j: Judgement, quantity, group: Group, level: str, scope: str, several_: bool,
              skipped: int | None = None) -> None:
    """Judge the listing's price per unit of what it sells against the group's unit prices."""
    sample = Sample(group)
    j.level, j.scope, j.sample = level, scope, sample
    j.skipped = group.skipped if skipped is None else skipped
    j.q1, j.median, j.q3 = quartiles(sample)
    if quantity is None and not several_:
        return  # single items against single items: the item price is the unit price
    j.item_price = j.price
    j.price = quantity.unit_price(j.price) if quantity is not None else j.price
    j.per = quantity.per if quantity is not None else "piece"
    j.quantity = quantity.shown if quantity is not None else "1 piece"


def _similar(pools, tokens: frozenset[str], threshold: Decimal, dimension: str) -> tuple[Group, bool]:
    """Items with similar titles anywhere, sold in the listing's dimension, by unit price."""
    from listing_lint.comparables.index import dimension_of, several

    group, several_ = EMPTY, False
    for groups, own_index in pools:
        items = groups.index.items
        found = [i for i in groups.index.similar_titles(tokens, threshold)
                 if i != own_index and dimension_of(items[i]) == dimension]
        several_ = several_ or any(several(items[i]) for i in found)
        group = group.merged(groups.group_of(found, units=True))
    return group, several_
