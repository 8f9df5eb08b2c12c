from __future__ import annotations

from listing_lint.rule import CatalogRule, Problem


class DuplicateKey(CatalogRule):
    """A key written twice in the same YAML mapping: one of the values is lost.

    ## What it does
    Flags a key that appears twice inside one mapping (a listing, its `title`, its
    `prices`...). YAML readers keep only the last value, so the first is silently
    dropped; this rule points at the second and names the line of the first.

    ## Why it matters
    The value you see first in the file is not the one the marketplace gets. A price
    or a translation written twice is usually an edit that went wrong.

    ## Example
    Fails:
    ```yaml
    - id: RU-COAT-004
      price: 18900 RUB
      price: 1890 RUB
    ```
    Passes:
    ```yaml
    - id: RU-COAT-004
      price: 18900 RUB
    ```

    ## How to fix
    Keep one of the two values and delete the other.
    """

    code = "L004"
    name = "duplicate-key"
    severity = "error"
    scope = "partition"  # each listing, or the file as a whole: any part of the catalog says its share

    def check_catalog(self, catalog, ctx):
        for dup in catalog.duplicate_keys:
            listing = catalog.listings[dup.listing_index] if dup.listing_index is not None else None
            yield Problem(
                f"key '{dup.key}' is written twice (first on line {dup.first.line}); only the last value is kept",
                field=dup.key,
                listing=listing,
                loc=dup.duplicate,
                data={"key": dup.key, "first_line": dup.first.line, "duplicate_line": dup.duplicate.line},
            )
