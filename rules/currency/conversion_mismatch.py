from __future__ import annotations

from decimal import Decimal

from listing_lint.money.amount import Money, rounded
from listing_lint.money.rates import exact
from listing_lint.rule import ListingRule, Option, Problem

# `absolute_slack` given as a bare number counts in this currency.
SLACK_CURRENCY = "USD"


class ConversionMismatch(ListingRule):
    """A market price that does not match the source price at the exchange rate.

    ## What it does
    For each price under `prices` in another currency than the source price,
    converts with the configured rates (`rates:`) and flags the market price when,
    both prices counted in one currency, the higher is more than `tolerance_percent`
    above the lower plus `absolute_slack`. The slack is money (`1.00 USD`; a bare
    number counts in US dollars), converted at the same rates. Counting from the
    lower price and giving the slack in one currency make the verdict the same
    whichever currency the market pays in, however big its unit, and whichever
    way the conversion goes: a slack counted in the market currency would be
    1 OMR (2.60 USD) for an Omani market and 1 AED (0.27 USD) for an Emirati one,
    and a 5% margin counted from the converted source price lets a price sit 5%
    above it but only 4.8% below the other way round. Charm pricing passes
    (4500 RUB = 48.60 USD, written 48.99). The comparison is exact, no rate
    rounded first: a price at the limit passes, a cent more is flagged; amounts
    are rounded only in the message. An amount copied without conversion
    (`2900 RUB` → `2900.00 USD`) gets a message of its own. When the rates have no
    rate for a currency, that is reported once, with where to pin one; no rate is
    ever guessed.

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
        Option("tolerance_percent", Decimal("5"),
               "allowed difference, in percent of the lower price, both counted in one currency"),
        Option("absolute_slack", Money(Decimal("1.00"), "USD"),
               "allowed difference on top, an amount of money converted at the rates (a bare number is US dollars)"),
    )

    def check(self, listing, ctx):
        from listing_lint.money.listing_prices import market_prices, source_price, usable
        from listing_lint.money.rates import MissingRate, get_rates

        src = source_price(listing, ctx)
        if not usable(src):
            return
        pct, slack = _decimal(self.opts["tolerance_percent"]), _slack(self.opts["absolute_slack"])
        for market in market_prices(listing, ctx):
            if not usable(market) or market.parsed.currency == src.parsed.currency:
                continue
            rates = get_rates(ctx)
            try:
                table = rates.for_pair(src.parsed.currency, market.parsed.currency)
            except MissingRate as exc:
                if ctx.run.once(("C004", "missing-rate", exc.currency)):
                    yield Problem(
                        f"cannot check {market.field}: {exc}",
                        field=market.field,
                        data={"missing_rate": exc.currency, "rate_source": rates.source,
                              "rate_date": rates.date.isoformat(), "provider": rates.provider},
                    )
                continue
            problem = _judge(src, market, table, pct, slack)
            if problem is not None:
                yield problem


def _decimal(value) -> Decimal:
    # Config values may arrive as YAML floats; their shortest text is what the user wrote.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _slack(value) -> Money:
    """`absolute_slack` as money: `1.00 USD`, `0.50 EUR`, or a bare number of US dollars."""
    from listing_lint.errors import ConfigError
    from listing_lint.money.parse import parse_price

    if isinstance(value, Money):
        return value
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        amount = _decimal(value)
        if amount.is_finite() and amount >= 0:
            return Money(amount, SLACK_CURRENCY)
    else:
        parsed = parse_price(str(value), strict=True)
        if parsed.ok and parsed.amount >= 0:
            return Money(parsed.amount, parsed.currency or SLACK_CURRENCY)
    raise ConfigError(f"rules.C004.absolute_slack: '{value}' is not an amount of money such as 1.00 USD")


def _within(low: Decimal, high: Decimal, pct: Decimal, slack: Decimal) -> bool:
    """Whether `high` is at most `pct` percent above `low`, plus `slack`: exactly, all in one unit."""
    with exact():
        return (high - low) * 100 <= low * pct + slack * 100


def _judge(src, market, table, pct, slack: Money):
    from listing_lint.money.amount import format_amount, format_rate

    amount, cur = market.parsed.amount, market.parsed.currency
    source_amount, source_cur = src.parsed.amount, src.parsed.currency
    data_slack = f"{format_amount(slack.amount)} {slack.currency}"  # as configured, not rounded
    if table.has(slack.currency):
        source_value, market_value, slack_value = table.common_values(
            (source_amount, source_cur), (amount, cur), (slack.amount, slack.currency))
    else:  # the slack's currency is not in the table that converts this pair: tolerance alone
        source_value, market_value = table.common_values((source_amount, source_cur), (amount, cur))
        slack_value = Decimal(0)
        data_slack += f" (not applied: no {slack.currency} rate in the {table.provider})"
    low, high = sorted((source_value, market_value))
    if _within(low, high, pct, slack_value):
        return None
    rate = table.rate(source_cur, cur)
    expected = table.convert(source_amount, source_cur, cur)
    difference = amount - expected
    percent = rounded(difference / expected * 100, 0)
    shown = f"{format_amount(amount, cur)} {cur}"
    product = (
        f"{format_amount(source_amount)} {source_cur} × {format_rate(rate)} = "
        f"{format_amount(expected, cur)} {cur} ({table.describe()})"
    )
    data = {
        "price": format_amount(amount, cur),
        "currency": cur,
        "source_price": format_amount(source_amount),
        "source_currency": source_cur,
        "rate": format_rate(rate),
        "rate_exact": str(rounded(rate, 12)),
        "rate_date": table.date.isoformat(),
        "rate_source": table.source,
        "provider": table.provider,
        "expected": format_amount(expected, cur),
        "difference_percent": str(percent),
        "tolerance_percent": str(pct),
        "absolute_slack": data_slack,
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
