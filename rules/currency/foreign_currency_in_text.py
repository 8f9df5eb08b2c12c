from __future__ import annotations

from listing_lint.rule import ListingRule, Problem

NOT_TEXT = ("price", "prices", "attributes", "lint_ignore")


class ForeignCurrencyInText(ListingRule):
    """Text for a market mentions a currency other than the one that market pays in.

    ## What it does
    Looks through each target locale's text of a listing (`title.en`,
    `description.en`, ...) for currency symbols, codes and names (`₽`, `руб.`,
    `RUB`, "roubles", `€`) and flags those that are not the market currency
    (USD for `en_US`). Symbols shared by several currencies (`$`) count as the
    market's when its territory uses them. A three-letter code counts when it
    stands next to a number or is a widely used one (RUB, EUR, ...), so `ALL WOOL`
    is not read as Albanian lek; a common code right after a number counts in any
    case (`926 rub.`). A code just after "size" or "размер" (`European size 38 (EUR 38)`)
    is a shoe or clothing size, not money, and is left alone.

    ## Why it matters
    A description saying "only 4500 roubles" next to a price of 48.60 USD confuses
    buyers and invites the question which one is true; it is usually a sentence
    left over from the home-market text.

    ## Example
    Fails (a USD market):
    ```yaml
    - {id: RU-SHAWL-001, title: {ru: "Платок", en: "Wool shawl"},
       description: {ru: "Всего 4500 ₽", en: "Only 4500 ₽!"}, price: 4500 RUB, prices: {USD: 48.60}}
    ```
    Passes:
    ```yaml
    - {id: RU-SHAWL-001, title: {ru: "Платок", en: "Wool shawl"},
       description: {ru: "Всего 4500 ₽", en: "Hand-made in Pavlovo Posad."}, price: 4500 RUB, prices: {USD: 48.60}}
    ```

    ## How to fix
    Remove the price from the text (the marketplace shows the price), or give it
    in the market currency.
    """

    code = "C005"
    name = "foreign-currency-in-text"
    severity = "warning"

    def check(self, listing, ctx):
        from listing_lint.model import Mapping
        from listing_lint.money.listing_prices import markets
        from listing_lint.money.mentions import foreign_mentions

        fields = [k for k, v in listing.node.items.items() if isinstance(v, Mapping) and k not in NOT_TEXT]
        seen: set[str] = set()
        for locale, currency in markets(ctx):
            if currency is None:
                continue
            for key in fields:
                found = listing.text(key, locale)
                if found is None or found[0] in seen or found[1].blank:
                    continue
                written, scalar = found
                mentions = foreign_mentions(scalar.text, locale, currency)
                if not mentions:
                    continue
                seen.add(written)
                said = ", ".join(f"{text} ({code})" for text, code in mentions)
                yield Problem(
                    f"{written} mentions {said}, but buyers in the {locale} market pay in {currency}",
                    field=written,
                    data={
                        "mentions": [text for text, _ in mentions],
                        "currencies": sorted({code for _, code in mentions}),
                        "market_currency": currency,
                        "locale": locale,
                    },
                )
