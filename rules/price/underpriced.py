from __future__ import annotations

import operator
from decimal import Decimal

from listing_lint.rule import ListingRule, Option
from listing_lint_rules.price import MATCH_OPTIONS, judged_with, priced_out


class Underpriced(ListingRule):
    """The price is below `low_factor` times the median price of comparable items.

    ## What it does
    Finds comparable items as P001 does (same GTIN, brand and model number, category,
    or similar title) and flags a price below `low_factor` times their median;
    exactly `low_factor` times is not flagged.

    ## Why it matters
    A price a quarter of what everyone else asks is rarely a bargain on purpose:
    usually a digit is missing (`450` for `4500`), or an amount in roubles was
    entered as dollars' worth of another currency. Buyers may order at that price.

    ## Example
    With comparables of felt boots around 46 USD, this fails:
    ```yaml
    - {id: RU-BOOTS-002, category: footwear/valenki, title: {ru: "Валенки", en: "Felt boots"},
       price: 450 RUB, prices: {USD: 4.86}}
    ```
    and this passes:
    ```yaml
    - {id: RU-BOOTS-002, category: footwear/valenki, title: {ru: "Валенки", en: "Felt boots"},
       price: 4500 RUB, prices: {USD: 48.60}}
    ```

    ## How to fix
    Check the amount and its currency against the source price. If the low price
    is meant (a clearance), add `lint_ignore: [P002]` to the listing.
    """

    code = "P002"
    name = "underpriced"
    severity = "warning"
    options = (
        Option("low_factor", Decimal("0.25"), "flag prices below this fraction of the median of the comparables"),
        *MATCH_OPTIONS,
    )

    depends_on = judged_with

    def check(self, listing, ctx):
        return priced_out(self, listing, ctx, "low_factor", operator.lt)
