"""Any other table (CSV, TSV, a workbook) read through config `columns:`, header → field.

The seller's own export, a marketplace template without a preset, a supplier's price list:
whatever its header says, `columns: {"Артикул*": id, "Название товара": title, "Цена, руб.*": price}`
names the fields, and `currency:` the currency of prices written without one. Headers match
as people mean them (case, spaces and a required-field `*` aside). A header that is already
a listing field (`price`, `title.en`) needs no mapping. Every other column is reported once,
at its header cell (L003), unless `ignore_columns:` names it (`"*"`: all of them).
"""

from __future__ import annotations

from listing_lint.loaders.reader import Probe, ReadSettings
from listing_lint.loaders.table import HEADER_SEARCH_ROWS, PRESET_SCORE, Table, TableReader, normal_name

MAPPED_SCORE = PRESET_SCORE - 10  # see PRESET_SCORE: below a preset, above our own CSV


class MappedTable(TableReader):
    name = "table"
    summary = "table (CSV, TSV or workbook) read through config `columns:`"
    suffixes = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")

    def header_score(self, names: list[str]) -> int:
        return 0  # only the settings' column map says what a header of this reader is

    def score_row(self, names: list[str], settings: ReadSettings) -> int:
        wanted = {normal_name(c) for c in settings.columns}
        found = len(wanted.intersection(names))
        return MAPPED_SCORE + min(found, 9) if found else 0

    def field_for(self, name: str, written: str, settings: ReadSettings) -> str | None:
        from listing_lint.loaders import LISTING_KEYS

        head, dot, rest = written.partition(".")
        return head.lower() + dot + rest if head.lower() in LISTING_KEYS else None

    def header_row(self, table: Table, settings: ReadSettings) -> int:
        if settings.header_row is not None or self.best_header(table, settings)[1]:
            return super().header_row(table, settings)
        # Read as the fallback for a workbook no reader claims: its likeliest header is the
        # first row naming several columns, so the error can list them.
        rows = range(table.head(HEADER_SEARCH_ROWS))
        return next((r for r in rows if sum(1 for v in table.values(r) if v.strip()) > 1), 0)

    def no_id_message(self, table: Table, header: int) -> str:
        names = [v.strip() for v in table.values(header) if v.strip()]
        shown = ", ".join(f"'{n}'" for n in names[:8]) + (", ..." if len(names) > 8 else "")
        return (f"no column of this table holds the listing id (row {table.row_number(header)} names {shown}); "
                "map its columns in config `columns:` (`columns: {\"Артикул\": id, \"Название\": title, "
                "\"Цена\": price}`), or name the format with `input_format:`")

    def detect(self, probe: Probe) -> int:
        if not probe.settings.columns:
            return 0
        return super().detect(probe)
