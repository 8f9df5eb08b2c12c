from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from listing_lint.rule import ListingRule, Option, Problem


class ConversionMismatch(ListingRule):
    """A market price that does not match the source price at the exchange rate.

    ## What it does
    For each price under `prices` in another currency than the source price,
    computes source price × rate with the configured rates (`rates:`) and flags the
    market price when it is off by more than `tolerance_percent` of that amount plus
    `absolute_slack` in the market currency, so charm pricing (48.60 → 48.99)
    passes. An amount copied without conversion (`2900 RUB` → `2900.00 USD`) gets a
    message of its own. When the rates have no rate for a currency, that is reported
    once, with where to pin one; no rate is ever guessed.

    ## Why it matters
    A conversion done by hand, with last year's rate, or not at all, puts the item
    on sale at a price the seller never meant: a hundred times too dear when roubles
    are copied into the dollar column, or at a loss when the rate moved.

    ## Example
    With rates of 1 USD = 92.59 RUB, this fails:
    ```yaml
    - {id: RU-SHAWL-001, title: {ru: "Платок"}, price: 3000 RUB, prices: {USD: 45.00}}
    ```
    with `price 45.00 USD is 39% above 3000 RUB × 0.0108 = 32.40 USD (Bank of Russia, 2026-11-20)`;
    this passes:
    ```yaml
    - {id: RU-SHAWL-001, title: {ru: "Платок"}, price: 3000 RUB, prices: {USD: 32.99}}
    ```

    ## How to fix
    Convert again at the current rate (`listing-lint rates 3000 RUB USD`) and write
    the result under `prices`. If the rates are the problem, update the rates file
    named by `rates:` in the config.
    """

    code = "C004"
    name = "conversion-mismatch"
    severity = "error"
    options = (
        Option("tolerance_percent", Decimal("5"), "allowed difference, in percent of the converted amount"),
        Option("absolute_slack", Decimal("1.00"), "allowed difference on top, in units of the market currency"),
    )

    def check(self, listing, ctx):
        from listing_lint.money.listing_prices import market_prices, source_price, usable
        from listing_lint.money.rates import MissingRate, get_rates

        src = source_price(listing, ctx)
        if not usable(src):
            return
        pct, slack = _decimal(self.opts["tolerance_percent"]), _decimal(self.opts["absolute_slack"])
        for market in market_prices(listing, ctx):
            if not usable(market) or market.parsed.currency == src.parsed.currency:
                continue
            rates = get_rates(ctx)
            try:
                rate = rates.rate(src.parsed.currency, market.parsed.currency)
            except MissingRate as exc:
                if ctx.run.once(("C004", "missing-rate", exc.currency)):
                    yield Problem(
                        f"cannot check {market.field}: {exc}",
                        field=market.field,
                        data={"missing_rate": exc.currency, "rate_source": rates.source,
                              "rate_date": rates.date.isoformat(), "provider": rates.provider},
                    )
                continue
            problem = _judge(src, market, rate, rates, pct, slack)
            if problem is not None:
                yield problem


def _decimal(value) -> Decimal:
    # Config values may arrive as YAML floats; their shortest text is what the user wrote.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _judge(src, market, rate, rates, pct, slack):
    from listing_lint.money.amount import format_amount, format_rate

    amount, cur = market.parsed.amount, market.parsed.currency
    source_amount, source_cur = src.parsed.amount, src.parsed.currency
    expected = source_amount * rate
    allowed = expected * pct / 100 + slack
    difference = amount - expected
    if abs(difference) <= allowed:
        return None
    percent = (difference / expected * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    shown = f"{format_amount(amount, cur)} {cur}"
    product = (
        f"{format_amount(source_amount)} {source_cur} × {format_rate(rate)} = "
        f"{format_amount(expected, cur)} {cur} ({rates.describe()})"
    )
    data = {
        "price": format_amount(amount, cur),
        "currency": cur,
        "source_price": format_amount(source_amount),
        "source_currency": source_cur,
        "rate": format_rate(rate),
        "rate_exact": str(rate.quantize(Decimal("1e-12"))),
        "rate_date": rates.date.isoformat(),
        "rate_source": rates.source,
        "provider": rates.provider,
        "expected": format_amount(expected, cur),
        "difference_percent": str(percent),
        "tolerance_percent": str(pct),
        "absolute_slack": str(slack),
    }
    if amount == source_amount:
        data["copied_unconverted"] = True
        message = (
            f"price {shown} is the {format_amount(source_amount)} {source_cur} amount copied without conversion: "
            f"{product}"
        )
    else:
        direction = "above" if difference > 0 else "below"
        message = f"price {shown} is {abs(percent)}% {direction} {product}"
    return Problem(message, field=market.field, data=data)
