from __future__ import annotations

from listing_lint.rule import CatalogRule, Problem


class StaleRates(CatalogRule):
    """The exchange rates in use are older than `max_rate_age_days`.

    ## What it does
    When a catalog has prices to convert, compares the date of the rates in use
    (the rates file's `date`, the ECB publication day) with today and warns, once
    per run, when they are more than `max_rate_age_days` days old (default 14).
    Set `LISTING_LINT_TODAY=YYYY-MM-DD` to judge against a fixed day (tests,
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

    def check_catalog(self, catalog, ctx):
        from listing_lint.money.listing_prices import needs_conversion
        from listing_lint.money.rates import get_rates
        from listing_lint.money.today import today

        if not any(needs_conversion(listing, ctx) for listing in catalog.listings):
            return
        rates = get_rates(ctx)
        limit = int(ctx.config.get("max_rate_age_days"))
        age = (today() - rates.date).days
        if age <= limit or not ctx.run.once("C007"):
            return
        yield Problem(
            f"the exchange rates in use ({rates.source}, from the {rates.provider}) are dated "
            f"{rates.date.isoformat()}, {age} days ago, more than max_rate_age_days ({limit}); "
            f"conversions are checked against them",
            data={
                "rate_date": rates.date.isoformat(),
                "age_days": age,
                "max_rate_age_days": limit,
                "rate_source": rates.source,
                "provider": rates.provider,
            },
        )
