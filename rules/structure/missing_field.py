from __future__ import annotations

from listing_lint.model import Scalar, locale_language
from listing_lint.field_names import field_name
from listing_lint.rule import ListingRule, Problem


class MissingField(ListingRule):
    """A listing lacks an id, a title in the seller's language, or a price.

    ## What it does
    Flags a listing whose `id`, `title` in the source locale (`source_locale`), or
    `price` is missing or blank.

    ## Why it matters
    Without an id the marketplace cannot match the listing on the next upload; without
    a title in the seller's language there is nothing to translate or check; without a
    price the listing cannot be sold. Marketplaces reject such rows, often silently.

    ## Example
    Fails (no price):
    ```yaml
    - id: RU-SHAWL-001
      title: {ru: "Павлопосадский платок", en: "Pavlovo Posad shawl"}
    ```
    Passes:
    ```yaml
    - id: RU-SHAWL-001
      title: {ru: "Павлопосадский платок", en: "Pavlovo Posad shawl"}
      price: 4500 RUB
    ```

    ## How to fix
    Fill in the missing field. For a title, add it under the source language key
    (`ru:` when `source_locale` is `ru_RU`).
    """

    code = "L001"
    name = "missing-field"
    severity = "error"

    def check(self, listing, ctx):
        if listing.id is None:
            yield Problem("listing has no id", field="id", data={"missing": "id"})
        source = ctx.source_locale
        title = listing.get("title")
        if isinstance(title, Scalar) and not title.blank:
            lang = locale_language(source or "ru")
            if ctx.catalog.source(listing.loc.path).reader == "csv":
                how = f"name the columns by language, such as `title.{lang}` and `title.en`"
            else:
                how = f"write it per language, such as `title: {{{lang}: \"...\", en: \"...\"}}`"
            yield Problem(f"the title is plain text; {how}",
                          field="title", data={"missing": "title", "locale": source})
        elif source and listing.text("title", source) is None:
            yield Problem(f"listing has no title in the source locale {source}", field="title",
                          data={"missing": "title", "locale": source})
        elif source:
            written, scalar = listing.text("title", source)
            if scalar.blank:
                yield Problem(f"{field_name(written)} is blank", field=written, data={"missing": "title", "locale": source})
        price = listing.price
        if price is None or price.amount.blank:
            yield Problem("listing has no price", field="price", data={"missing": "price"})
