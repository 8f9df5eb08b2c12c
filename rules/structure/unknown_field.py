from __future__ import annotations

from listing_lint.loaders import CATALOG_KEYS, LISTING_KEYS
from listing_lint.model import Mapping
from listing_lint.rule import CatalogRule, Problem
from listing_lint.suggest import closest


class UnknownField(CatalogRule):
    """A key the catalog format does not know, usually a typo.

    ## What it does
    Flags listing fields (and catalog-level keys) that are not part of the catalog
    format, suggesting the closest known name (`titel` → `title`). In a table (CSV,
    TSV, a workbook, a marketplace export) a column that no field is read from is
    reported once, at its header cell: its values are not read, so every row lacks
    what it holds. An element of an XML feed that its spec does not define
    (`<g:colour>`) is reported the same way, once. Columns a marketplace format defines but listing-lint does not use
    (Shopify's `Published`) are not reported, nor columns named in config
    `ignore_columns:`. Known listing fields: `id, group_id, category, title,
    description, price, currency, sale_price, prices, quantity, unit, attributes,
    brand, gtin, mpn, images, url, lint_ignore`; catalog keys: `source_locale, target_locales,
    listings`, plus any key starting with `x-` (a place for YAML anchors shared by
    listings). Free-form data belongs under `attributes`.

    ## Why it matters
    A misspelt field is ignored by the marketplace: `titel` means the listing has no
    title there, and nothing else will tell you.

    ## Example
    Fails:
    ```yaml
    - id: RU-HAT-001
      titel: {ru: "Шапка-ушанка", en: "Ushanka hat"}
    ```
    Passes:
    ```yaml
    - id: RU-HAT-001
      title: {ru: "Шапка-ушанка", en: "Ushanka hat"}
    ```

    ## How to fix
    Rename the key to the suggested one, or move extra product data under `attributes:`.
    For a column of an export, map it in config (`columns: {"Цвет": attributes.color}`)
    or say it is not needed (`ignore_columns: ["Цвет"]`).
    """

    code = "L003"
    name = "unknown-field"
    severity = "error"
    scope = "partition"  # each listing, or the file as a whole: any part of the catalog says its share

    def check_catalog(self, catalog, ctx):
        for column in catalog.unknown_columns:
            hint = _column_hint(column.name, column.known or LISTING_KEYS)
            suggestion = f"; did you mean '{hint}'?" if hint else "; map it in config `columns:` or list it in `ignore_columns:`"
            yield Problem(
                f"unknown {column.kind} '{column.name}': its values are not read{suggestion}",
                field=column.name,
                loc=column.loc,
                data={"key": column.name, "suggestion": hint, "column": True},
            )
        if isinstance(catalog.node, Mapping):
            for key, loc in catalog.node.keys.items():
                if key not in CATALOG_KEYS and not key.startswith("x-"):
                    yield self._problem(key, key, CATALOG_KEYS, loc, "catalog key")
        for listing in catalog.listings:
            for key, loc in listing.node.keys.items():
                if key not in LISTING_KEYS:
                    problem = self._problem(key, key, LISTING_KEYS, loc, "field")
                    problem.listing = listing
                    yield problem

    @staticmethod
    def _problem(written, key, known, loc, what):
        hint = closest(key, known)
        suggestion = f"; did you mean '{hint}'?" if hint else "; free-form data belongs under attributes"
        return Problem(
            f"unknown {what} '{written}'{suggestion}",
            field=written,
            loc=loc,
            data={"key": written, "suggestion": hint},
        )


def _column_hint(name: str, known) -> str | None:
    """`titel.en` → `title.en`: a dotted canonical column is judged by its field part."""
    head, dot, rest = name.partition(".")
    if dot and head not in known and (field := closest(head, known)):
        return f"{field}.{rest}"
    return closest(name, known)
