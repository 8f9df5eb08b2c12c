from __future__ import annotations

import operator
from decimal import Decimal

from listing_lint.rule import ListingRule, Option
from listing_lint_rules.price import MATCH_OPTIONS, judged_with, priced_out


class Overpriced(ListingRule):
    """The price is more than `factor` times the median price of comparable items.

    ## What it does
    Compares the listing's price in each market currency (its own `prices.USD`, else
    its source price converted) with the median price of comparable items: the same
    GTIN, else the same brand and model number, else the same category (narrowed by
    `match_attributes`), else, for a listing with no category, items with a similar
    title. The first of these that finds at least `min_comparables` items is used.
    A price more than `factor` times that median is flagged; exactly `factor` times
    is not. The message gives the median, the middle half of the comparable prices
    and the comparable items priced nearest to the listing.

    ## Why it matters
    Buyers compare. A shawl at four times what other sellers ask does not sell: a
    storefront that priced its goods at more than twice similar products sold 24
    items in seven months.

    ## Example
    With comparables of shawls around 26 USD, this fails:
    ```yaml
    - {id: RU-SHAWL-001, category: accessories/shawls, title: {ru: "Платок", en: "Wool shawl"},
       price: 9900 RUB, prices: {USD: 106.92}}
    ```
    and this passes:
    ```yaml
    - {id: RU-SHAWL-001, category: accessories/shawls, title: {ru: "Платок", en: "Wool shawl"},
       price: 4500 RUB, prices: {USD: 48.60}}
    ```

    ## How to fix
    Look at the comparable items named in the message. Lower the price, or, if the
    item really is better than those (hand-made, rarer material), say why in the
    title and description and put it in a narrower category or raise `factor` for
    its category (`rules: {P001: {per_category: {accessories/shawls: {factor: 3}}}}`).
    To silence one listing, add `lint_ignore: [P001]` to it.
    """

    code = "P001"
    name = "overpriced"
    severity = "error"
    options = (
        Option("factor", Decimal("2.0"), "flag prices more than this many times the median of the comparables"),
        *MATCH_OPTIONS,
    )

    depends_on = judged_with

    def check(self, listing, ctx):
        return priced_out(self, listing, ctx, "factor", operator.gt)
