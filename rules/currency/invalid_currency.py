from __future__ import annotations

import re

from listing_lint.rule import Edit, Fix, ListingRule, Problem


class InvalidCurrency(ListingRule):
    """A currency that is not a current ISO 4217 code, or a symbol that could be several.

    ## What it does
    Flags a currency written as a withdrawn code (`RUR`, replaced by `RUB`; `BYR`,
    replaced by `BYN`), as something that is not a currency (`RUBL`), as a symbol
    that several currencies share and the locale does not settle (`$` in a `ru_RU`
    catalog could be USD, CAD, AUD...), or as two different currencies at once
    (`price: 4500 ₽` with `currency: USD`). Both the source price and the keys of
    `prices` are checked; a `prices` key may be settled by a target locale (`$`
    for an `en_US` market is USD).

    ## Why it matters
    Marketplaces accept current ISO codes only: a listing in `RUR` is rejected or,
    worse, priced in a currency nobody meant. An ambiguous `$` can be read as
    Canadian or Australian dollars.

    ## Example
    Fails:
    ```yaml
    - {id: RU-SHAWL-001, title: {ru: "Платок"}, price: 4500 RUR}
    ```
    Passes:
    ```yaml
    - {id: RU-SHAWL-001, title: {ru: "Платок"}, price: 4500 RUB}
    ```

    ## How to fix
    Write the current ISO 4217 code the message suggests. `--fix --unsafe-fixes`
    replaces a withdrawn code with its successor; check the amount, since the
    successors were redenominations (1 RUB = 1000 RUR of 1998).
    """

    code = "C002"
    name = "invalid-currency"
    severity = "error"

    def check(self, listing, ctx):
        from listing_lint.money.listing_prices import market_prices, source_price

        src = source_price(listing, ctx)
        fields = ([src] if src is not None else []) + market_prices(listing, ctx)
        for price in fields:
            parsed = price.parsed
            if parsed.kind not in ("obsolete-currency", "unknown-currency", "ambiguous-currency", "conflicting-currency"):
                continue
            field = price.currency_field or price.field
            if parsed.kind == "conflicting-currency":
                field = price.field
            data = {
                "currency": parsed.currency_text,
                "problem": parsed.kind,
                "suggested": parsed.successor,
                "candidates": list(parsed.candidates),
            }
            yield Problem(f"{parsed.problem}", field=field, data=data, fix=_fix(price))


def _fix(price):
    """Replace a withdrawn code with its successor, where the text is exactly as in the file."""
    parsed = price.parsed
    if parsed.kind != "obsolete-currency" or not parsed.successor:
        return None
    scalar = price.currency_scalar or (price.scalar if price.currency_field is None else None)
    if scalar is None or scalar.start is None or scalar.end is None or scalar.quoted:
        return None
    if scalar.end - scalar.start != len(scalar.text):
        return None
    new = re.sub(rf"\b{re.escape(parsed.currency)}\b", parsed.successor, scalar.text)
    if new == scalar.text:
        return None
    # Unsafe: the successor was a redenomination (1 RUB = 1000 RUR, 1 BYN = 10000 BYR); the
    # amount is kept, which is right only if the seller meant today's currency.
    return Fix((Edit(scalar.start, scalar.end, new),), f"replace {parsed.currency} with {parsed.successor}", safe=False)
