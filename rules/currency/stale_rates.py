from __future__ import annotations

from listing_lint.rule import CatalogRule, Problem


class StaleRates(CatalogRule):
    """The exchange rates in use are older than `max_rate_age_days`.

    ## What it does
    When a catalog has prices to convert, compares the date of the rates its
    conversions use (the rates file's `date`, the day of the shipped ECB or Bank of
    Russia snapshot) with today and warns, once per run for each table of rates,
    when they are more than `max_rate_age_days` days old (default 14). With the
    default `ecb, cbr`, a catalog in roubles is judged by the Bank of Russia
    snapshot's day, one in euros and dollars by the ECB's. Set
    `LISTING_LINT_TODAY=YYYY-MM-DD` to judge against a fixed day (tests,
    reproducible CI).

    ## Why it matters
    Conversions are checked against these rates. Rates a month old pass prices that
    today are several percent off, and flag prices that are right.

    ## Example
    With `max_rate_age_days: 14`, this `rates.yaml` fails on 2026-12-20:
    ```yaml
    date: 2026-11-20
    source: Bank of Russia
    base: USD
    rates: {RUB: "92.59"}
    ```
    and passes once refreshed:
    ```yaml
    date: 2026-12-19
    source: Bank of Russia
    base: USD
    rates: {RUB: "99.10"}
    ```

    ## How to fix
    Update the rates file (new `date` and rates) and re-check the converted prices,
    or raise `max_rate_age_days` if older rates are acceptable to you.
    """

    code = "C007"
    name = "stale-rates"
    severity = "warning"
    scope = "partition"  # each listing, or the file as a whole: any part of the catalog says its share

    def check_catalog(self, catalog, ctx):
        from listing_lint.money.rates import get_rates
        from listing_lint.money.today import today

        pairs = _pairs(catalog, ctx)
        if not pairs:
            return
        rates = get_rates(ctx)
        limit = int(ctx.config.get("max_rate_age_days"))
        for table in _tables(rates, pairs):
            age = (today() - table.date).days
            if age <= limit or not ctx.run.once(("C007", table.provider)):
                continue
            yield Problem(
                f"the exchange rates in use ({table.source}, from the {table.provider}) are dated "
                f"{table.date.isoformat()}, {age} days ago, more than max_rate_age_days ({limit}); "
                f"conversions are checked against them",
                data={
                    "rate_date": table.date.isoformat(),
                    "age_days": age,
                    "max_rate_age_days": limit,
                    "rate_source": table.source,
                    "provider": table.provider,
                },
            )


def _pairs(catalog, ctx) -> list[tuple[str, str]]:
    """(source currency, market currency) of every conversion the catalog's prices ask for, in order."""
    from listing_lint.money.listing_prices import market_prices, needs_conversion, source_price, usable

    found: dict[tuple[str, str], None] = {}
    for listing in catalog.listings:
        if not needs_conversion(listing, ctx):
            continue
        src = source_price(listing, ctx).parsed.currency
        for market in market_prices(listing, ctx):
            if usable(market) and market.parsed.currency != src:
                found[(src, market.parsed.currency)] = None
    return list(found)


def _tables(rates, pairs):
    """The tables of rates those conversions use; the first one when none has a pair (C004 says so)."""
    from listing_lint.money.rates import MissingRate

    used: list = []
    for pair in pairs:
        try:
            table = rates.for_pair(*pair)
        except MissingRate:
            continue
        if not any(t is table for t in used):
            used.append(table)
    return used or [rates]
