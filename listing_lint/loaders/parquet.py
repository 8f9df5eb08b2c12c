"""Apache Parquet files (a marketplace's or a data lake's export), read with pyarrow.

A Parquet file is a table: its column names are the header, read through the same
column map as any spreadsheet (config `columns:`, `ignore_columns:`; a column already
named after a listing field, `id` or `title.en`, needs no mapping). There are no lines:
a value is located at `path:ROW:COLUMN`, where row 1 is the header (the column names)
and the first listing is row 2, as a spreadsheet shows it, and COLUMN is the column's
position from 1. Numbers keep their exact digits: a decimal column's value is its decimal
text, an integer's its digits; a float column is written as the shortest text that reads
back as the same float (`19.99`), never through binary arithmetic.

pyarrow is imported only when a Parquet file is read (`pip install 'listing-lint[dask]'`
installs it).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any, Sequence as Seq

from listing_lint.errors import LoadError
from listing_lint.loaders.reader import Probe, ReadSettings
from listing_lint.loaders.table import Table, TableReader
from listing_lint.model import Location, Scalar

NO_PYARROW = "reading Parquet needs pyarrow: pip install 'listing-lint[dask]' (or pip install pyarrow)"


def open_parquet(data_or_path: Any, path: str):
    """A `pyarrow.parquet.ParquetFile` over bytes or a file path; LoadError when it cannot be read."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise LoadError(NO_PYARROW, path) from None
    source = pa.BufferReader(data_or_path) if isinstance(data_or_path, (bytes, bytearray, memoryview)) \
        else data_or_path
    try:
        return pq.ParquetFile(source)
    except (pa.ArrowException, OSError) as exc:
        raise LoadError(f"not a readable Parquet file: {exc}", path) from None


class ParquetTable(Table):
    """Row 0 is the header (the column names); rows 1.. are the rows of the row groups read.

    `first_row` is the file's row number (from 1, header included) of this table's row 1, so
    a table of a later row group locates its values where they stand in the whole file.
    """

    def __init__(self, file, path: str, row_groups: Seq[int] | None = None, first_row: int = 2) -> None:
        self.path = path
        self.names = [str(n) for n in file.schema_arrow.names]
        try:
            table = file.read_row_groups(list(row_groups)) if row_groups is not None else file.read()
        except Exception as exc:  # pyarrow raises its own errors, and OSError, for a damaged file
            raise LoadError(f"cannot read Parquet rows: {exc}", path) from None
        self.columns = [_texts(table.column(i)) for i in range(table.num_columns)]
        self.machine = [_is_number(table.schema.field(i).type) for i in range(table.num_columns)]
        self.rows = table.num_rows
        self.first_row = first_row

    def __len__(self) -> int:
        return 1 + self.rows

    def values(self, row: int) -> list[str]:
        if row == 0:
            return list(self.names)
        return [column[row - 1] or "" for column in self.columns]

    def _line(self, row: int) -> int:
        return 1 if row == 0 else self.first_row + row - 1

    def scalar(self, row: int, column: int) -> Scalar | None:
        if row == 0:
            return Scalar(self.names[column], Location(self.path, 1, column + 1))
        if column >= len(self.columns):
            return None
        text = self.columns[column][row - 1]
        if text is None or not text.strip():
            return None
        return Scalar(text, Location(self.path, self._line(row), column + 1), machine=self.machine[column])

    def row_loc(self, row: int) -> Location:
        return Location(self.path, self._line(row), 1)

    def cell_loc(self, row: int, column: int) -> Location:
        return Location(self.path, self._line(row), column + 1)


def _is_number(kind) -> bool:
    import pyarrow.types as t

    return t.is_integer(kind) or t.is_floating(kind) or t.is_decimal(kind)


def _texts(column) -> list[str | None]:
    return [_text(v) for v in column.to_pylist()]


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, float):
        return repr(value) if value == value and value not in (float("inf"), float("-inf")) else None
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, (list, tuple)):
        return ", ".join(t for v in value if (t := _text(v)) is not None)
    return str(value)


class ParquetReader(TableReader):
    name = "parquet"
    summary = "Apache Parquet table, columns read through config `columns:`"
    containers = ("parquet",)
    suffixes = (".parquet",)
    editable = False

    def detect(self, probe: Probe) -> int:
        return 90

    def sheet(self, probe: Probe) -> Table:
        table = probe.__dict__.get("_parquet_table")
        if table is None:
            table = probe.__dict__["_parquet_table"] = ParquetTable(open_parquet(probe.data, probe.path), probe.path)
        return table

    def header_score(self, names: list[str]) -> int:
        return 50

    def header_row(self, table: Table, settings: ReadSettings) -> int:
        return 0  # the column names; a Parquet file has no rows above its data

    def data_rows(self, table, header, colmap):
        return iter(range(1, len(table)))  # no template notes under a Parquet header

    def field_for(self, name: str, written: str, settings: ReadSettings) -> str | None:
        from listing_lint.loaders import LISTING_KEYS

        head, dot, rest = written.partition(".")
        return head.lower() + dot + rest if head.lower() in LISTING_KEYS else None

    def make_source(self, probe: Probe):
        from listing_lint.model import Source

        return Source(probe.path, "", self.name, "binary", b"", False,
                      "a Parquet file is not edited by --fix; correct the value where the file is made",
                      probe.settings, self.prices_carry_currency)
