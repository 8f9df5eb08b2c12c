from __future__ import annotations

from listing_lint.field_names import field_name
from listing_lint.rule import ListingRule, Problem

NOT_TEXT = ("price", "prices", "attributes", "lint_ignore")


class ForeignCurrencyInText(ListingRule):
    """Text for a market mentions a currency other than the one that market pays in.

    ## What it does
    Looks through each target locale's text of a listing (`title.en`,
    `description.en`, ...) for currency symbols, codes and names (`₽`, `руб.`,
    `RUB`, "roubles", `€`) and flags those that are not the market currency
    (USD for `en_US`). Symbols shared by several currencies (`$`) count as the
    market's when its territory uses them.

    Currency names come from CLDR, in the catalog's languages (source, targets and
    `candidate_languages`) and all their plural forms: "Russische Rubel", "российских
    рублей", "dollars", "euros", "人民币". The bare noun of a name ("Rubel", "рублей",
    "Franken") counts right after an amount (`4500 Rubel`, also `4500 Rubeln`); alone it is
    too often an ordinary word ("real leather"), and a noun that is also a weight
    ("pounds", "Pfund") never counts. A noun several currencies share ("Rubel": RUB and
    BYN) is settled by the market's territory, then by the source locale's.

    A three-letter code in capitals counts beside an amount (`5000 RUB`, `Price: 25 GEL`),
    not beside a number with a unit (`SOOTHING GEL 300мл` is a product and its volume), and
    a rarer code (GEL, ALL, TOP) not among other words in capitals (`HAIR GEL 250`); a widely
    used code (RUB, EUR, ...) also counts alone, unless between capitals (`ALL WOOL - DO NOT
    RUB`), and right after a number in any case (`926 rub.`). A date is no amount
    (`01.08.2000 TMT`). A one-letter sign (`р.`, `Р`) counts only right after an amount
    (`450 р.`, not `витамин А и Р`), and never in a language that writes it for "year", as
    CLDR's dates show (Ukrainian `1992 р.`, `200 р. тому`). A code just after "size" or
    "размер" (`European size 38 (EUR 38)`) is a shoe or clothing size, not money, and is left
    alone.

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
        names = None
        for locale, currency in markets(ctx):
            if currency is None:
                continue
            for key in fields:
                found = listing.text(key, locale)
                if found is None or found[0] in seen or found[1].blank:
                    continue
                written, scalar = found
                if names is None:
                    names = ctx.memo("currency-names", lambda: _names(ctx))
                mentions = foreign_mentions(scalar.text, locale, currency, names, ctx.source_locale)
                if not mentions:
                    continue
                seen.add(written)
                said = ", ".join(f"{text} ({code})" for text, code in mentions)
                yield Problem(
                    f"{field_name(written)} mentions {said}, but buyers in the {locale} market pay in {currency}",
                    field=written,
                    data={
                        "mentions": [text for text, _ in mentions],
                        "currencies": sorted({code for _, code in mentions}),
                        "market_currency": currency,
                        "locale": locale,
                    },
                )


def _names(ctx):
    """Currency names in the catalog's languages (source, targets, `candidate_languages`) for the
    currencies concerned: the widely used ones and those of the catalog's locales and markets."""
    from listing_lint.model import locale_language
    from listing_lint.money.currencies import territory_currency
    from listing_lint.money.listing_prices import markets
    from listing_lint.money.mentions import COMMON_CODES
    from listing_lint.money.names import currency_names

    locales = [loc for loc in (ctx.source_locale, *ctx.target_locales) if loc]
    languages = {locale_language(loc) for loc in locales}
    languages.update(str(c).lower() for c in ctx.config.get("candidate_languages") or ())
    codes = set(COMMON_CODES) | {territory_currency(loc) for loc in locales} | {c for _, c in markets(ctx)}
    return currency_names(tuple(sorted(languages)), tuple(sorted(c for c in codes if c)))
