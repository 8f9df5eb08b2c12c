from __future__ import annotations

from listing_lint.rule import ListingRule, Option, Problem


class InvalidPrice(ListingRule):
    """A price that is not a usable amount: unreadable, zero or less, too precise, or too high.

    ## What it does
    Checks the source price and every price under `prices`, and flags an amount
    that does not parse (`4,5,00`, `call us`, `1e3 RUB`, `4500-5000 RUB`: a price field
    holds one number and at most one currency), that could be read two ways (`4,500 RUB`
    in a `ru_RU` catalog: 4.5 or 4500?), is NaN or infinite (`.nan`, `.inf`),
    is zero or negative, has more decimals than the currency has (`48.605 USD`:
    USD has cents, two decimals; `1500.50 JPY`: yen has none), or is above the
    marketplace's maximum (`marketplace: aliexpress` allows 100000 USD per item;
    other currencies are converted with the configured rates).

    ## Why it matters
    Marketplaces reject such rows on upload, round them silently, or list the item
    for free. A price the tool cannot read cannot be checked by any other rule.

    ## Example
    Fails:
    ```yaml
    - {id: RU-SHAWL-001, title: {ru: "Платок"}, price: 4500 RUB, prices: {USD: 48.605}}
    ```
    Passes:
    ```yaml
    - {id: RU-SHAWL-001, title: {ru: "Платок"}, price: 4500 RUB, prices: {USD: 48.61}}
    ```

    ## How to fix
    Write a positive amount with at most as many decimals as the currency has.
    For a price above the marketplace maximum, check for a typo (an extra zero);
    the marketplace will not list it as it is.
    """

    code = "C006"
    name = "invalid-price"
    severity = "error"
    options = (
        Option("max_price", None, "highest allowed price, as `amount CODE` (`5000 USD`); default: the marketplace's"),
    )

    def check(self, listing, ctx):
        from listing_lint.money.listing_prices import market_prices, source_price

        src = source_price(listing, ctx)
        prices = ([src] if src is not None else []) + market_prices(listing, ctx)
        for price in prices:
            problem = _amount_problem(price)
            if problem is not None:
                yield problem
        limit = self._limit(ctx)
        if limit is not None:
            yield from _over_limit(prices, limit, ctx)

    def _limit(self, ctx):
        from listing_lint.money.amount import Money
        from listing_lint.money.limits import marketplace_max
        from listing_lint.money.parse import parse_price

        written = self.opts.get("max_price")
        if written:
            parsed = parse_price(str(written), strict=True)
            if parsed.ok and parsed.currency:
                return Money(parsed.amount, parsed.currency)
        return marketplace_max(ctx.config.get("marketplace"))


def _amount_problem(price):
    from listing_lint.money.amount import rounded
    from listing_lint.money.currencies import current_codes, minor_units

    parsed, text = price.parsed, price.scalar.text.strip()
    base = {"field_text": text, "currency": parsed.currency}
    if parsed.kind in ("no-amount", "not-finite", "unreadable-amount", "absurd-amount"):
        return Problem(f"{price.field} '{text}' is not a price: {parsed.problem}", field=price.field,
                       data={**base, "problem": parsed.kind})
    if parsed.kind == "ambiguous-amount":
        return Problem(f"{price.field} '{text}': {parsed.problem}", field=price.field,
                       data={**base, "problem": parsed.kind, "readings": list(parsed.readings)})
    amount = parsed.amount
    if amount is None:
        return None
    if amount <= 0:
        what = "zero" if amount == 0 else "negative"
        return Problem(f"{price.field} {text} is {what}: a price must be above zero", field=price.field,
                       data={**base, "amount": str(amount), "problem": what})
    code = parsed.currency
    if code in current_codes():
        places = minor_units(code)
        if amount != rounded(amount, places):
            allowed = "none" if places == 0 else str(places)
            written = -amount.normalize().as_tuple().exponent
            return Problem(
                f"price {amount} {code} has {written} decimals; {code} allows {allowed}",
                field=price.field,
                data={**base, "amount": str(amount), "problem": "too-many-decimals", "minor_units": places},
            )
    return None


def _over_limit(prices, limit, ctx):
    """The first price above the limit, compared with it in one currency, exactly."""
    from listing_lint.money.amount import format_amount, format_beyond
    from listing_lint.money.listing_prices import usable
    from listing_lint.money.rates import RatesError, get_rates

    ordered = sorted((p for p in prices if usable(p)), key=lambda p: p.parsed.currency != limit.currency)
    for price in ordered:
        amount, code = price.parsed.amount, price.parsed.currency
        note = ""
        if code == limit.currency:
            above = amount > limit.amount
        else:
            try:
                table = get_rates(ctx).for_pair(code, limit.currency)
            except RatesError:  # no rate: this limit cannot be judged here; C004 reports the rates
                continue
            worth, most = table.common_values((amount, code), (limit.amount, limit.currency))
            above = worth > most  # not the converted amount: its rate quotient is rounded
            amount = table.convert(amount, code, limit.currency)
            note = (f" ({format_amount(price.parsed.amount)} {code} ≈ {format_beyond(amount, limit.amount, limit.currency)} "
                    f"{limit.currency}, {table.describe()})")
        if above:
            marketplace = ctx.config.get("marketplace")
            return [Problem(
                f"{price.field} is above the {marketplace} maximum of {limit}{note}",
                field=price.field,
                data={"amount": format_beyond(amount, limit.amount, limit.currency), "currency": limit.currency,
                      "max_price": format_amount(limit.amount), "marketplace": marketplace, "problem": "above-maximum"},
            )]
        return []
    return []
