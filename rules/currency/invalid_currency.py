from __future__ import annotations

import re

from listing_lint.rule import Fix, ListingRule, Problem, value_edits


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
    Write the current ISO 4217 code the message suggests. `--fix` replaces `RUR` with
    `RUB` (RUR is still commonly written for today's rouble, so the amount stays right).
    Other withdrawn codes are replaced only with `--fix --unsafe-fixes`, because their
    successors came with a new rate (1 BYN = 10000 BYR, 1 EUR = 1.95583 DEM): check the amount.
    """

    code = "C002"
    name = "invalid-currency"
    severity = "error"
    fixable = True

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
            yield Problem(f"{parsed.problem}", field=field, data=data, fix=_fix(price, ctx.catalog))


# Codes still written for today's currency, same amount: RUR was retired in 1998 but Russian
# banks and shops write it for the rouble to this day, so RUR → RUB is safe. Other successors were
# redenominations or conversions (BYR → BYN at 10000:1, DEM → EUR at 1.95583), so those fixes
# keep the amount only with --unsafe-fixes.
SAME_AMOUNT_ALIASES = {"RUR": "RUB"}


def _fix(price, catalog):
    """Replace a withdrawn code with its successor, where the text is exactly as in the file."""
    parsed = price.parsed
    if parsed.kind != "obsolete-currency" or not parsed.successor:
        return None
    scalar = price.currency_scalar or (price.scalar if price.currency_field is None else None)
    if scalar is None:
        return None
    spans = [(m.start(), m.end(), parsed.successor) for m in re.finditer(rf"\b{re.escape(parsed.currency)}\b", scalar.text)]
    edits = value_edits(catalog.text_at(scalar), scalar, spans)
    if not edits:
        return None
    safe = SAME_AMOUNT_ALIASES.get(parsed.currency) == parsed.successor
    note = "" if safe else f" (the amount is kept: check it, {parsed.successor} replaced {parsed.currency} at a new rate)"
    return Fix(edits, f"replace {parsed.currency} with {parsed.successor}{note}", safe=safe)
