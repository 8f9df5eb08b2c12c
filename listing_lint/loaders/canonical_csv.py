"""listing-lint's own CSV: one listing per row, nested keys flattened with dots (`title.en`, `prices.USD`)."""

from __future__ import annotations

from listing_lint.loaders.reader import ReadSettings
from listing_lint.loaders.table import TableReader


class CanonicalCsv(TableReader):
    name = "csv"
    variants_inherit = True
    summary = "listing-lint CSV"
    suffixes = (".csv", ".tsv")
    localise_texts = False  # its headers name the language (`title.ru`); a bare `title` is L001's to report

    def header_score(self, names: list[str]) -> int:
        from listing_lint.loaders import LISTING_KEYS

        if "id" not in names:
            return 0
        heads = [n.partition(".")[0] for n in names]
        dotted = sum(1 for n, h in zip(names, heads) if "." in n and h in LISTING_KEYS)
        # A header of our own field names, `title.ru` style: sure. A bare `id` column: the
        # fallback for any CSV no other reader claims.
        return 60 + min(dotted, 20) if dotted else 20 + sum(1 for h in heads if h in LISTING_KEYS)

    def field_for(self, name: str, written: str, settings: ReadSettings) -> str | None:
        from listing_lint.loaders import LISTING_KEYS

        # The header names the field; a known field in any case (`ID`, `Title.en`) is that field,
        # while locale and currency keys keep the case written (`prices.USD`, `title.en_US`).
        head, dot, rest = written.partition(".")
        if head.lower() not in LISTING_KEYS:
            return None
        return head.lower() + dot + rest

    def no_id_message(self, table, header) -> str:
        return ("CSV has no `id` column (the header must name the columns: id,title.ru,title.en,price,...; "
                "for another layout, map the columns in config `columns:`)")
