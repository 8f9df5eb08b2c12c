from __future__ import annotations

from listing_lint.rule import ListingRule, Problem


class MissingConversion(ListingRule):
    """No price in the currency a target market pays in.

    ## What it does
    For each target locale, finds the market currency (`market_currency` in config,
    else the currency of the locale's territory: `en_US` → USD, `es_ES` → EUR) and
    flags a listing whose source price is in another currency and that has no price
    in the market currency under `prices`. When exchange rates are at hand, the
    message gives the converted amount to use.

    ## Why it matters
    A buyer in the United States who sees `4500 RUB` converts it in their head, or
    leaves. Marketplaces either reject the listing or convert at their own rate,
    which the seller does not control.

    ## Example
    Fails (no USD price for an `en_US` market):
    ```yaml
    target_locales: [en_US]
    listings:
      - {id: RU-SHAWL-001, title: {ru: "Платок", en: "Shawl"}, price: 4500 RUB}
    ```
    Passes:
    ```yaml
    target_locales: [en_US]
    listings:
      - {id: RU-SHAWL-001, title: {ru: "Платок", en: "Shawl"}, price: 4500 RUB, prices: {USD: 48.60}}
    ```

    ## How to fix
    Add the price in the market currency under `prices` (`prices: {USD: 48.60}`);
    `listing-lint rates 4500 RUB USD` converts at the configured rates.
    `--fix --unsafe-fixes` adds it for you, converted at the configured rates and
    rounded to the currency's cents; it says which rate it used. It is not applied by
    `--fix` alone, because the price buyers pay is yours to decide (YAML catalogs only).
    """

    code = "C003"
    name = "missing-conversion"
    severity = "error"
    fixable = True

    def check(self, listing, ctx):
        from listing_lint.money.listing_prices import market_prices, markets, source_price, usable

        src = source_price(listing, ctx)
        if not usable(src):
            return
        have = {m.parsed.currency for m in market_prices(listing, ctx) if m.parsed.currency}
        for locale, currency in markets(ctx):
            feed = ctx.catalog.feeds.get(locale)
            if feed is not None and listing.index in feed.missing:
                continue  # not in that market's feed at all: T001 says so, once
            if currency is None:
                if ctx.run.once(("C003", "no-market-currency", locale)):
                    yield Problem(
                        f"cannot tell which currency the {locale} market pays in: set `market_currency` in the config",
                        field="prices",
                        data={"locale": locale},
                    )
                continue
            if currency == src.parsed.currency or currency in have:
                continue
            suggestion, extra = _suggestion(src, currency, ctx, ctx.catalog.source(listing.loc.path).reader)
            item = listing.joined.get(locale)
            if item is not None and item.price is not None and not item.price.amount.blank:
                # The market's own feed has a price, in the wrong currency: that value is what to fix.
                written = item.price.amount
                amount = extra.get("suggested")
                yield Problem(
                    f"the {locale} feed prices it as {written.text.strip()}, not in {currency}, the currency "
                    f"buyers there pay" + (f"; write {amount} {currency} ({extra['rate_source']}, "
                                           f"{extra['rate_date']})" if amount else ""),
                    field=f"prices.{currency}", loc=written.loc,
                    data={"locale": locale, "market_currency": currency, "source_price": str(src.parsed.amount),
                          "source_currency": src.parsed.currency, "feed_price": written.text.strip(), **extra},
                )
                continue
            has = src.scalar.text.strip()
            if src.currency_field is not None:  # the code stands in its own field or column
                has = f"{has} {src.parsed.currency}"
            yield Problem(
                f"no price in {currency} for the {locale} market: the listing has only {has}; add {suggestion}",
                field=f"prices.{currency}",
                data={
                    "locale": locale,
                    "market_currency": currency,
                    "source_price": str(src.parsed.amount),
                    "source_currency": src.parsed.currency,
                    **extra,
                },
                fix=_fill(listing, src, currency, extra["suggested"], ctx) if extra else None,
            )


def _suggestion(src, currency, ctx, reader: str) -> tuple[str, dict]:
    """The `prices` entry to add, in the file's syntax, converted when the rates allow, and the numbers behind it."""
    from listing_lint.field_names import set_advice
    from listing_lint.money.amount import format_amount
    from listing_lint.money.rates import RatesError, get_rates

    try:
        table = get_rates(ctx).for_pair(src.parsed.currency, currency)
        amount = format_amount(table.convert(src.parsed.amount, src.parsed.currency, currency), currency)
    except RatesError:  # the missing price is the finding; C004/C007 report the rates themselves
        return set_advice(reader, f"prices.{currency}", "..."), {}
    return (
        f"{set_advice(reader, f'prices.{currency}', amount)} ({table.describe()})",
        {"suggested": amount, "rate_date": table.date.isoformat(), "rate_source": table.source},
    )


def _fill(listing, src, currency, amount, ctx):
    """Write the converted price into the file: it changes what buyers pay, so only with --unsafe-fixes."""
    from listing_lint.money.amount import format_amount, format_rate
    from listing_lint.money.price_insert import price_insertion
    from listing_lint.money.rates import get_rates
    from listing_lint.rule import Fix

    if ctx.catalog.source(listing.loc.path).reader != "yaml":
        return None  # a table row or a feed item holds no empty place we can find for `prices.<CUR>`
    table = get_rates(ctx).for_pair(src.parsed.currency, currency)
    rate = table.rate(src.parsed.currency, currency)
    edit = price_insertion(ctx.catalog.source(listing.loc.path).text, listing, currency, amount)
    if edit is None:
        return None
    return Fix(
        (edit,),
        f"add prices.{currency} = {amount} ({format_amount(src.parsed.amount)} {src.parsed.currency} × "
        f"{format_rate(rate)}, {table.describe()})",
        safe=False,
    )
