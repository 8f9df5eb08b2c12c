from __future__ import annotations

from collections import defaultdict

from listing_lint.rule import CatalogRule, Problem


class DuplicateId(CatalogRule):
    """The same listing id appears more than once in a catalog.

    ## What it does
    Flags every listing whose `id` is also used by another listing of the same
    catalog file, and names the other places.

    ## Why it matters
    Marketplaces key listings by id: on upload the second listing silently
    overwrites the first, and one product disappears from the store.

    ## Example
    Fails:
    ```yaml
    - {id: RU-BOOTS-001, title: {ru: "Валенки"}, price: 3900 RUB}
    - {id: RU-BOOTS-001, title: {ru: "Валенки с калошами"}, price: 4900 RUB}
    ```
    Passes:
    ```yaml
    - {id: RU-BOOTS-001, title: {ru: "Валенки"}, price: 3900 RUB}
    - {id: RU-BOOTS-002, title: {ru: "Валенки с калошами"}, price: 4900 RUB}
    ```

    ## How to fix
    Give each product its own id. If the two rows are the same product, delete one.
    """

    code = "L002"
    name = "duplicate-id"
    severity = "error"

    def check_catalog(self, catalog, ctx):
        by_id = defaultdict(list)
        for listing in catalog.listings:
            if listing.id is not None:
                by_id[listing.id].append(listing)
        for listing_id, same in by_id.items():
            if len(same) < 2:
                continue
            lines = [s.loc.line for s in same]
            for listing in same:
                others = ", ".join(str(n) for n in lines if n != listing.loc.line) or "the same line"
                yield Problem(
                    f"id {listing_id} is used by {len(same)} listings (also on line {others})",
                    field="id",
                    listing=listing,
                    data={"id": listing_id, "count": len(same), "lines": lines},
                )
