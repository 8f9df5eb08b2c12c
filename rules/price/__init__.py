"""P rules: a listing's price against comparable items on the marketplace.

P001, P002 and P003 share what is here: the matching options, per-category
options, and the evidence each message gives. The matching itself lives in
`listing_lint.comparables`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator

from listing_lint.rule import Context, Option, Problem, Rule

MATCH_OPTIONS = (
    Option("min_comparables", 5, "comparable items needed before a price is judged"),
    Option("title_similarity", Decimal("0.4"),
           "for listings without a category: share of title words (Jaccard, 0–1) a comparable must have in common"),
    Option("per_category", {}, "options by category, e.g. `{women/coats: {factor: 2.5}}`; "
           "a category also covers its subcategories (`women` covers `women/coats`)"),
)
EVIDENCE_IDS = 3  # comparables named in a message
DATA_IDS = 20  # comparables listed in `data` (nearest in price first)


def options_for(rule: Rule, category: str | None, ctx: Context) -> dict[str, Any]:
    """The rule's options for a category: the most specific `per_category` entry over the global ones."""
    per_category = _per_category(rule, ctx)
    if not per_category:
        return rule.opts
    opts = dict(rule.opts)
    if category:
        parts = [p.strip() for p in category.strip().strip("/").casefold().split("/")]
        for depth in range(len(parts), 0, -1):
            found = per_category.get("/".join(parts[:depth]))
            if found is not None:
                opts.update(found)
                break
    return opts


def _per_category(rule: Rule, ctx: Context) -> dict[str, dict[str, Any]]:
    cached = getattr(rule, "_per_category_typed", None)
    if cached is None:
        from listing_lint.errors import ConfigError
        from listing_lint.selection import coerce_option

        known = {o.name: o for o in rule.options if o.name != "per_category"}
        cached = {}
        for category, values in (rule.opts.get("per_category") or {}).items():
            where = f"rules.{rule.code}.per_category.{category}"
            if not isinstance(values, dict):
                raise ConfigError(f"{where} must be a mapping of options", ctx.config.path)
            typed = {}
            for opt, value in values.items():
                name = str(opt).replace("-", "_")
                if name not in known:
                    raise ConfigError(f"{where}: {rule.code} has no option '{opt}' (options: {', '.join(sorted(known))})",
                                      ctx.config.path)
                typed[name] = coerce_option(value, known[name].default, f"{where}.{opt}", ctx.config)
            key = "/".join(p.strip() for p in str(category).strip().strip("/").casefold().split("/"))
            cached[key] = typed
        rule._per_category_typed = cached
    return cached


def judged(rule: Rule, listing, ctx: Context) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(judgement, options) for each market where the listing's price can be judged or was not."""
    from listing_lint.comparables.judge import judge

    opts = options_for(rule, listing.category, ctx)
    similarity = opts["title_similarity"]
    if not Decimal(0) < similarity <= 1:
        from listing_lint.errors import ConfigError

        raise ConfigError(f"rules.{rule.code}.title_similarity must be above 0 and at most 1, not {similarity}",
                          ctx.config.path)
    for judgement in judge(listing, ctx, opts["min_comparables"], similarity):
        yield judgement, opts


VARIANTS_AGREE = Decimal("1.05")  # variants priced within 5% of each other are one product at one price


def stands_for_its_variants(listing, ctx: Context) -> tuple[bool, int]:
    """(whether the listing is judged, how many variants it stands for).

    The variants of a product (one `group_id`) priced alike are one product to a buyer:
    judged once, by the first of them, so five sizes of one overpriced coat are one finding.
    Variants priced apart are judged each on its own (P004 reports the odd one).
    """
    group = listing.group_id
    if group is None:
        return True, 1
    groups = ctx.memo("price:variant-groups", lambda: _variant_groups(ctx))
    lead, members, agree = groups.get(group, (listing, 1, False))
    if not agree:
        return True, 1
    return lead is listing, members


def judged_with(rule: Rule, listing, ctx: Context):
    """What a price verdict depends on besides the listing (`Rule.depends_on`): its variant
    siblings, or the whole catalog when the catalog's own listings are comparables."""
    if ctx.config.get("compare_within_catalog"):
        return None
    if listing.group_id is None:
        return ()
    return ctx.memo("price:variant-members", lambda: _variant_members(ctx)).get(listing.group_id, ())


def _variant_members(ctx: Context) -> dict[str, list]:
    by_group: dict[str, list] = {}
    for listing in ctx.catalog.listings:
        if listing.group_id is not None:
            by_group.setdefault(listing.group_id, []).append(listing)
    return by_group


def _variant_groups(ctx: Context) -> dict[str, tuple[Any, int, bool]]:
    from listing_lint.money.listing_prices import source_price, usable

    out = {}
    for group, members in ctx.memo("price:variant-members", lambda: _variant_members(ctx)).items():
        prices = [source_price(m, ctx) for m in members]
        amounts = [p.parsed.amount for p in prices if usable(p)]
        currencies = {p.parsed.currency for p in prices if usable(p)}
        agree = (len(amounts) == len(members) and len(currencies) == 1
                 and max(amounts) <= min(amounts) * VARIANTS_AGREE)
        out[group] = (members[0], len(members), agree)
    return out


def priced_out(rule: Rule, listing, ctx: Context, option: str, outside) -> Iterator[Problem]:
    """A problem for each market whose price is `outside(price, option × median)`, with the evidence."""
    judge_it, variants = stands_for_its_variants(listing, ctx)
    if not judge_it:
        return
    for j, opts in judged(rule, listing, ctx):
        limit = opts[option]
        if j.sample is None or j.median <= 0 or not outside(j.price, limit * j.median):
            continue
        ratio = j.price / j.median
        message = evidence(j, ratio, limit)
        data = evidence_data(j, ratio, limit, **{option: limit})
        if variants > 1:
            message += f" (for all {variants} variants of {listing.group_id}, priced alike)"
            data["variants"] = variants
        yield Problem(message, field=j.field, data=data)


def money(amount: Decimal, currency: str) -> str:
    from listing_lint.money import format_amount

    return f"{format_amount(amount, currency)} {currency}"


def ratio_text(ratio: Decimal, threshold: Decimal, places: int = 1) -> str:
    """The ratio rounded for reading (one decimal, two below 1), with more digits when
    rounding would make it look equal to the threshold it was compared with."""
    from listing_lint.money.amount import rounded

    if ratio < 1:
        places = max(places, 2)
    for extra in range(6):
        shown = rounded(ratio, places + extra)
        if shown != threshold:
            break
    return f"{shown}"


def nearest(j) -> list[str]:
    """The comparables priced nearest to the listing, worked out once per judgement."""
    if j.nearest is None:
        j.nearest = j.sample.closest(j.price, DATA_IDS)
    return j.nearest


def evidence(j, ratio: Decimal, threshold: Decimal) -> str:
    """`price 106.92 USD is 4.1× the median 26.00 USD of 6 comparable items in ... (middle half ...); closest: ...`

    Judged per unit, both prices say so: `price 12.00 USD per 100 ml (1 l for 120.00 USD) is ...`.
    """
    from listing_lint.money import format_amount

    cur = j.currency
    closest = ", ".join(nearest(j)[:EVIDENCE_IDS])
    per = f" per {j.per}" if j.per else ""
    sold = f" ({j.quantity} for {money(j.item_price, cur)})" if j.per else ""
    mad, _z = spread(j)
    if j.level == "benchmark":
        return (f"price {money(j.price, cur)} is {ratio_text(ratio, threshold)}× the price "
                f"{money(j.median, cur)} other sellers ask {j.scope}")
    return (
        f"price {money(j.price, cur)}{per}{sold} is {ratio_text(ratio, threshold)}× the median "
        f"{money(j.median, cur)}{per} of {j.count} comparable items {j.scope} "
        f"(middle half {format_amount(j.q1, cur)}–{format_amount(j.q3, cur)} {cur}, "
        f"typical distance from the median {format_amount(mad, cur)} {cur}); closest: {closest}"
    )


_Z = Decimal("0.6745")  # modified z-score (Iglewicz and Hoaglin): 0.6745 × distance / MAD


def spread(j) -> tuple[Decimal, Decimal | None]:
    """(median absolute deviation of the comparables, the listing's modified z-score; None when MAD is 0).

    Whether the comparables agree among themselves: a seller sees if twice the median is
    far outside the usual spread or the comparables are all over the place.
    """
    cached = getattr(j, "_spread", None)
    if cached is None:
        from listing_lint.comparables.stats import median

        sample = j.sample
        deviations = sorted(abs(sample[k] - j.median) for k in range(len(sample)))
        mad = median(deviations)
        z = _Z * (j.price - j.median) / mad if mad > 0 else None
        cached = j._spread = (mad, z)
    return cached


def evidence_data(j, ratio: Decimal, threshold: Decimal, **limits: Decimal) -> dict[str, Any]:
    from listing_lint.money.amount import quantize, rounded

    ids = nearest(j)
    mad, z = spread(j)
    data = {
        "price": quantize(j.price, j.currency),
        "currency": j.currency,
        "median": quantize(j.median, j.currency),
        "q1": quantize(j.q1, j.currency),
        "q3": quantize(j.q3, j.currency),
        "mad": quantize(mad, j.currency),
        "modified_z": None if z is None else str(rounded(z, 2)),
        "ratio": ratio_text(ratio, threshold, places=3),
        "count": j.count,
        "level": j.level,
        "scope": j.scope,
        "per": j.per or "item",
        "comparables": ids,
        "comparables_listed": len(ids),
        # The same items named and priced (per unit when judged per unit), for a reader or a plot.
        "comparable_items": [{"id": item.id, "title": item.title, "price": quantize(price, j.currency)}
                             for price, item in j.items_nearest(DATA_IDS)],
        "skipped_no_rate": j.skipped,
    }
    if j.per:
        data["item_price"] = quantize(j.item_price, j.currency)
        data["quantity"] = j.quantity
    data.update(limits)
    return data
