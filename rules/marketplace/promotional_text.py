from __future__ import annotations

from listing_lint.model import locale_language
from listing_lint.rule import ListingRule, Option, Problem
from listing_lint_rules.marketplace.words import compile_phrases, merge, words
from listing_lint_rules.translation import text_loc, what, written_texts

SHOWN = 5  # phrases quoted in a message


class PromotionalText(ListingRule):
    """A title advertises a sale, a discount or free shipping.

    ## What it does
    Flags a `title`, in any language key, that contains sale and shipping claims:
    `СКИДКА 50%`, `распродажа`, `хит продаж`, `free shipping`, `best price`, `hot sale`,
    `Angebot`, `versandkostenfrei`, `soldes`, `envío gratis`, `包邮`, `【领券减】`, `限时`,
    `送料無料`, and a discount written with a minus (`-30%`). Each language key is judged
    with its own language's list (`data/words/<language>.yaml` in the package), so the
    Italian *sale* (salt) and the French *sale* (dirty) are not English sales; a bare
    percentage (`100% cotton`) is not a discount. The option `extra_words` adds phrases
    for every language, `allow` lets phrases pass (`garage sale sign`).

    ## Why it matters
    Merchant Center, Amazon, AliExpress and Yandex Market do not allow promotional text
    in titles: the listing is disapproved, search-suppressed, or its title rewritten. A
    discount or free shipping belongs in the sale price and the shipping settings, where
    the marketplace shows it, and keeps it true when the offer ends.

    ## Example
    Fails:
    ```yaml
    - {id: RU-SHAWL-001, title: {ru: "Платок СКИДКА 50%", en: "Shawl, free shipping"}, price: 4500 RUB}
    ```
    Passes:
    ```yaml
    - {id: RU-SHAWL-001, title: {ru: "Платок, 100% шерсть", en: "Shawl, 100% wool"}, price: 4500 RUB}
    ```

    ## How to fix
    Take the claim out of the title. Give a discount as the sale price (`sale_price`, a
    feed's `g:sale_price`, YML `oldprice`), free shipping in the marketplace's shipping
    settings.
    """

    code = "M004"
    name = "promotional-text"
    severity = "error"
    options = (
        Option("extra_words", [], "more promotional phrases, for titles in every language (`trend 2026`)"),
        Option("allow", [], "phrases not to flag, though a list word is in them (`garage sale sign`)"),
    )

    def check(self, listing, ctx):
        lists = words(ctx)
        extra, allowed = self._own_lists(ctx)
        for text in written_texts(listing):
            if text.key != "title":
                continue
            value = text.value
            spans = lists.promotional_in(value, locale_language(text.locale))
            if extra is not None:
                spans = merge(spans + [m.span() for m in extra.finditer(value)])
            if allowed is not None and spans:
                free = [m.span() for m in allowed.finditer(value)]
                spans = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in free)]
            if not spans:
                continue
            found = list(dict.fromkeys(" ".join(value[a:b].split()) for a, b in spans))
            shown = ", ".join(f'"{f}"' for f in found[:SHOWN]) + (f" and {len(found) - SHOWN} more" if len(found) > SHOWN else "")
            yield Problem(
                f"{what(text)} advertises a sale or shipping ({shown}): marketplaces reject promotional text "
                "in titles; give discounts as the sale price and shipping in the shipping settings",
                field=text.field,
                loc=text_loc(ctx, text),
                data={"found": found},
            )

    def _own_lists(self, ctx):
        key = ("M004-own-lists", tuple(map(str, self.opts["extra_words"])), tuple(map(str, self.opts["allow"])))
        return ctx.run.memo(key, lambda: (compile_phrases(key[1]), compile_phrases(key[2])))
