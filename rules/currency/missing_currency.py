from __future__ import annotations

from listing_lint.rule import ListingRule, Problem


class MissingCurrency(ListingRule):
    """A price has an amount but no currency.

    ## What it does
    Flags a listing whose `price` is a bare amount (`4500`) with no currency in the
    text, in a `currency` field or column, or in `{amount, currency}`.

    ## Why it matters
    `4500` means 4500 roubles to the seller and 4500 dollars to a marketplace that
    assumes its own currency. A listing uploaded that way sells at a hundred times
    its price or never sells, and no conversion can be checked.

    ## Example
    Fails:
    ```yaml
    - {id: RU-SHAWL-001, title: {ru: "Платок"}, price: 4500}
    ```
    Passes:
    ```yaml
    - {id: RU-SHAWL-001, title: {ru: "Платок"}, price: 4500 RUB}
    ```

    ## How to fix
    Write the ISO 4217 code after the amount (`4500 RUB`), or add `currency: RUB`
    (a `currency` column in CSV). Exports whose prices never carry a currency
    (Shopify, WooCommerce, a spreadsheet of bare amounts) take the shop's currency
    from the config: `currency: RUB`.
    """

    code = "C001"
    name = "missing-currency"
    severity = "error"

    def check(self, listing, ctx):
        from listing_lint.money.currencies import territory_currency
        from listing_lint.money.listing_prices import source_price

        price = source_price(listing, ctx)
        if price is None or price.parsed.amount is None or price.parsed.currency is not None or price.parsed.kind:
            return
        guess = territory_currency(ctx.source_locale)
        source = ctx.catalog.source(price.scalar.loc.path)
        if not source.prices_carry_currency:
            # A Shopify or WooCommerce export has no place for one: the shop's currency is a setting.
            fix = f"this file's prices never carry one: set the shop's currency in the config, `currency: {guess or 'USD'}`"
        else:
            hint = f" such as `{price.scalar.text.strip()} {guess}`" if guess else ""
            fix = f"write the amount with its ISO code{hint}, or set `currency:` in the config for the whole file"
        yield Problem(
            f"price {price.scalar.text.strip()} has no currency: {fix}",
            field=price.field,
            data={"amount": str(price.parsed.amount), "suggested_currency": guess},
        )
