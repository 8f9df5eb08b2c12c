from __future__ import annotations

from listing_lint.rule import CatalogRule, Problem


class OrphanListing(CatalogRule):
    """An item of a market feed that matches no listing of the source feed.

    ## What it does
    When the catalog is joined from one feed per market (config `feeds:`), each
    market feed's items are paired with the source feed's listings by `join_key`
    (default `id`). This rule flags an item of a market feed whose key no source
    listing has, and an item whose key an earlier item of the same feed already
    had (only the first is joined). It points at the item in the market feed.

    ## Why it matters
    An item only the English feed has was never checked against the seller's own
    listing: its translation, price conversion and price cannot be judged, and it is
    usually a product renamed or withdrawn at home but still sold abroad. A repeated
    item means two offers for one product in one market, at possibly different prices.

    ## Example
    Fails (config `feeds: {ru_RU: shop.yml, en_US: google_us.xml}`; `google_us.xml`
    has an item `RU-SHAWL-099` that `shop.yml` does not):
    ```xml
    <item><g:id>RU-SHAWL-099</g:id><title>Wool shawl</title><g:price>48.60 USD</g:price></item>
    ```
    Passes: every item of `google_us.xml` has an offer of the same id in `shop.yml`.

    ## How to fix
    Add the listing to the source feed, remove the item from the market feed, or fix
    its id so that it matches the source listing's. Choose another `join_key` when the
    feeds pair items by another field (`gtin`, `mpn`).
    """

    code = "L007"
    name = "orphan-listing"
    severity = "error"
    scope = "partition"  # each listing, or the file as a whole: any part of the catalog says its share

    def check_catalog(self, catalog, ctx):
        source = catalog.path
        for locale, feed in sorted(catalog.feeds.items()):
            for item in feed.orphans:
                what = f"item {item.id}" if item.id else "an item with no id"
                yield Problem(
                    f"{what} of the {locale} feed has no listing in the source feed {source}: "
                    "its translation and price cannot be checked",
                    field="id", listing=item, loc=None if item.id else item.loc,
                    data={"locale": locale, "feed": feed.path, "source": source, "reason": "no-source"},
                )
            for item in feed.repeated:
                yield Problem(
                    f"item {item.id} is in the {locale} feed more than once; only its first item is joined "
                    "to the source listing",
                    field="id", listing=item,
                    data={"locale": locale, "feed": feed.path, "source": source, "reason": "repeated"},
                )
