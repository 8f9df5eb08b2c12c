from __future__ import annotations

from listing_lint.rule import ListingRule, Problem
from listing_lint_rules.translation import language_name, pairs, what


class MissingTranslation(ListingRule):
    """A target language has no title or description where the source has one.

    ## What it does
    For each target locale, flags a `title` or `description` that is absent or blank
    while the source-locale text (`source_locale`) is filled in. When the catalog is
    joined from one feed per market (config `feeds:`), a listing that the market's
    feed does not hold at all is one finding for that market, naming the feed.

    ## Why it matters
    The marketplace shows the buyer the text of their language. With none, it falls
    back to the seller's language or shows an empty description: buyers skip listings
    they cannot read, and some marketplaces reject them.

    ## Example
    Fails (no English description):
    ```yaml
    - id: RU-DRESS-002
      title: {ru: "Платье из льна с вышивкой", en: "Embroidered linen dress"}
      description: {ru: "Прямое платье из небелёного льна с вышивкой по вороту."}
    ```
    Passes:
    ```yaml
    - id: RU-DRESS-002
      title: {ru: "Платье из льна с вышивкой", en: "Embroidered linen dress"}
      description:
        ru: "Прямое платье из небелёного льна с вышивкой по вороту."
        en: "A straight dress of unbleached linen with embroidery at the neckline."
    ```

    ## How to fix
    Add the translation under the target language key (`en:` for an `en_US` market).
    """

    code = "T001"
    name = "missing-translation"
    severity = "error"

    def check(self, listing, ctx):
        told: set[str] = set()
        for pair in pairs(listing, ctx, with_target=False):
            target = pair.target
            if target.value is not None:
                continue
            feed = ctx.catalog.feeds.get(target.locale)
            if feed is not None and listing.index in feed.missing and listing.path == ctx.catalog.path:
                if target.locale not in told:
                    told.add(target.locale)
                    yield Problem(
                        f"the {target.locale} feed {feed.path} has no item with this listing's id: buyers in that "
                        f"market get no {language_name(target.language)} title or description",
                        field="id",
                        data={"locale": target.locale, "source_locale": pair.source.locale, "state": "not-in-feed",
                              "feed": feed.path},
                    )
                continue
            state = "blank" if target.scalar is not None else "missing"
            yield Problem(
                f"{what(target)} is {state}, while the {language_name(pair.source.language)} one is filled in",
                field=target.field,
                loc=None if target.scalar is not None else listing.locate(target.key),
                data={"locale": target.locale, "source_locale": pair.source.locale, "state": state},
            )
