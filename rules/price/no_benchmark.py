from __future__ import annotations

from listing_lint.rule import ListingRule, Problem
from listing_lint_rules.price import MATCH_OPTIONS, judged_with, judged, money


class NoBenchmark(ListingRule):
    """Too few comparable items were found, so the price was not judged.

    ## What it does
    Reports a listing for which no matching level (a price benchmark, GTIN, brand and
    model number, the items of its category most like it, similar titles) found
    `min_comparables` comparable items, so P001 and P002 could not judge its price,
    and says why: too few items in its category sold in its dimension (a 1 l refill
    among items with no volume), too few whose titles are like its title, no category
    of the comparables' and no similar title. Nothing is reported when no comparables
    are configured; the text summary says how many listings were judged.

    ## Why it matters
    A silent price check looks like a passed one: a listing at five times the market
    price whose category text matched no comparable passed with exit status 0. This
    rule shows where the comparables have gaps, so "no P001" never means "not checked".

    ## Example
    With a comparables file that holds a dozen shawls but no belts, this fails (is reported):
    ```yaml
    - {id: RU-BELT-001, category: accessories/belts, title: {ru: "Пояс", en: "Belt"}, price: 1500 RUB}
    ```
    and this passes (judged against the shawls):
    ```yaml
    - {id: RU-SHAWL-009, category: accessories/shawls, title: {ru: "Платок", en: "Shawl"}, price: 4500 RUB}
    ```

    ## How to fix
    Add comparable items for the category to the comparables file, give the listing
    a GTIN or brand and model number, or lower `min_comparables` for the category.
    """

    code = "P003"
    name = "no-benchmark"
    severity = "info"
    options = MATCH_OPTIONS

    depends_on = judged_with

    def check(self, listing, ctx):
        from listing_lint.money.amount import quantize

        for j, opts in judged(self, listing, ctx):
            if j.sample is not None:
                continue
            need = opts["min_comparables"]
            found = ", ".join(
                f"{n} {scope}" + (f", {skipped} more without an exchange rate" if skipped else "")
                for _level, scope, n, skipped in j.tried
            )
            why = (j.why_not if j.why_not and not found else f"fewer than {need} comparable items ({found})" if found
                   else "the listing has no GTIN, brand and model number, category or title to match comparable items on")
            message = f"price {money(j.price, j.currency)} was not compared with the market: {why}"
            yield Problem(
                message,
                field=j.field,
                data={
                    "price": quantize(j.price, j.currency),
                    "currency": j.currency,
                    "min_comparables": need,
                    "tried": [
                        {"level": level, "scope": scope, "count": n, "skipped_no_rate": skipped}
                        for level, scope, n, skipped in j.tried
                    ],
                },
            )
