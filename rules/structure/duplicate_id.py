from __future__ import annotations

from listing_lint.rule import CatalogRule, Problem


SHOWN_LINES = 5  # other lines a message names
DATA_LINES = 20  # lines `data.lines` lists (`data.count` says how many there are)


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

    scope = "groups"

    def group_keys(self, listing, ctx):
        return () if listing.id is None else (listing.id,)

    def check_group(self, listings, ctx):
        for listing_id, same in ((listings[0].id, listings),):
            lines = [s.loc.line for s in same]
            shown = lines[:SHOWN_LINES + 1]  # one more than shown, as one of them may be this listing's own
            listed = lines[:DATA_LINES]
            for listing in same:
                # Each message names a few other lines, not all of them: an id repeated on 100,000 rows
                # must not make 10^10 characters of report.
                others = [n for n in shown if n != listing.loc.line][:SHOWN_LINES]
                more = len(same) - 1 - len(others)
                where = ", ".join(map(str, others)) + (f" and {more} more" if more > 0 else "") if others \
                    else "the same line"
                yield Problem(
                    f"id {listing_id} is used by {len(same)} listings (also on line {where})",
                    field="id",
                    listing=listing,
                    data={"id": listing_id, "count": len(same), "lines": listed},
                )
