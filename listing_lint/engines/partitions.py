"""The parts a large input is read in, and reading one part into a `Catalog`.

- A CSV/TSV file read by a table reader is split into byte ranges. A range starts at the
  first record boundary at or after its nominal start: just after a newline with an even
  number of `"` before it in the file (RFC 4180: a quoted cell's newline has an odd number
  before it, an escaped `""` adds two). The counts of newlines and quotes before each
  nominal start are counted in parallel first, so every part knows its first line. Each
  part is read as the file's header (and any rows above it) followed by its records, and
  its values are located at their lines in the whole file.
  Not split (read whole, in one part): a file whose encoding is not ASCII-compatible
  (UTF-16), and one where a `"` stands inside an unquoted cell (`5" screen`): the quote
  count cannot tell record boundaries there, so set `--part-size` above the file's size.
- A Parquet file is split by row groups.
- Any other file (YAML, XML feeds, JSON, workbooks), stdin and joined feeds are read
  whole, each in one part on a worker.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Any

from listing_lint.engine import Input
from listing_lint.errors import LoadError
from listing_lint.loaders.reader import ReadSettings
from listing_lint.loaders.table import CsvTable, sniff_delimiter
from listing_lint.model import Catalog, Location, Scalar

HEAD_BYTES = 1 << 20  # what is read to choose the reader and find the header
QUOTE, NEWLINE = b'"', b"\n"


@dataclass(frozen=True)
class Part:
    """One part of one input. `kind`: `whole`, `csv` or `parquet`."""

    file: int  # the input's position in the run
    number: int  # the part's position in its file
    count: int  # how many parts the file has
    item: Input
    kind: str = "whole"
    reader: str | None = None
    encoding: str | None = None
    # csv: bytes [0, head_end) hold the header; this part's records start at the first record
    # boundary at or after `start` and end at the first one at or after `end`.
    head_end: int = 0
    start: int = 0
    end: int = 0
    size: int = 0
    lines_before: int = 0  # newlines in [0, start)
    quotes_start: int = 0  # parity of the quotes in [0, start)
    quotes_end: int = 0  # parity of the quotes in [0, end)
    # parquet
    row_groups: tuple[int, ...] = ()
    first_row: int = 2  # the file's row number of the part's first row (row 1 is the header)
    base: int | None = None  # the position in the file of the part's first listing, when known

    @property
    def path(self) -> str:
        return self.item.path


def count_range(path: str, start: int, end: int) -> tuple[int, int]:
    """Newlines and quotes in bytes [start, end) of a file."""
    newlines = quotes = 0
    with open(path, "rb") as f:
        f.seek(start)
        left = end - start
        while left > 0:
            block = f.read(min(left, 1 << 22))
            if not block:
                break
            newlines += block.count(NEWLINE)
            quotes += block.count(QUOTE)
            left -= len(block)
    return newlines, quotes


def csv_plan(item: Input, settings, part_bytes: int) -> dict[str, Any] | None:
    """How a CSV is split: the reader, encoding, header end and nominal starts; None to read it whole."""
    from listing_lint.errors import UserError
    from listing_lint.loaders.reader import Probe
    from listing_lint.loaders.registry import choose
    from listing_lint.loaders.table import TableReader

    if item.from_stdin or item.feeds is not None:
        return None
    try:
        size = os.path.getsize(item.path)
        if size <= part_bytes:
            return None
        with open(item.path, "rb") as f:
            head = f.read(HEAD_BYTES)
        head = head[: head.rfind(NEWLINE) + 1] if len(head) < size else head
        probe = Probe(item.path, head, settings)
        if probe.container != "table":
            return None
        reader = choose(probe)
        if not isinstance(reader, TableReader):
            return None
        decoded = probe.decoded
        if '\n",;\t'.encode(decoded.encoding) != b'\n",;\t':
            return None
        table = reader.sheet(probe)
        if not isinstance(table, CsvTable):
            return None
        header = reader.header_row(table, settings)
    except (UserError, OSError, LookupError):
        return None  # read whole: the part's reading says what is wrong
    if header + 1 >= len(table):
        return None
    head_chars = table.rows[header + 1][0]
    head_end = len(decoded.bom) + len(decoded.text[:head_chars].encode(decoded.encoding))
    starts = list(range(head_end, size, part_bytes))
    if len(starts) < 2:
        return None
    return {"reader": reader.name, "encoding": decoded.encoding, "head_end": head_end, "size": size,
            "starts": starts, "head": head[:head_end]}


def csv_parts(item: Input, file: int, plan: dict[str, Any], counts: list[tuple[int, int]]) -> list[Part]:
    """The parts of a planned CSV, from the newlines and quotes of each of its nominal ranges."""
    head: bytes = plan["head"]
    lines, quotes = head.count(NEWLINE), head.count(QUOTE)
    starts, size = plan["starts"], plan["size"]
    before = []
    for newline_count, quote_count in counts:
        before.append((lines, quotes % 2))
        lines, quotes = lines + newline_count, quotes + quote_count
    parts = []
    for k, start in enumerate(starts):
        last = k + 1 == len(starts)
        parts.append(Part(
            file, k, len(starts), item, "csv", plan["reader"], plan["encoding"], plan["head_end"],
            start, size if last else starts[k + 1], size, before[k][0], before[k][1],
            0 if last else before[k + 1][1], base=0 if k == 0 else None,
        ))
    return parts


def parquet_parts(item: Input, file: int, part_rows: int) -> list[Part] | None:
    """Parts of whole row groups, about `part_rows` rows each; None to read the file whole."""
    from listing_lint.errors import UserError
    from listing_lint.loaders.parquet import open_parquet

    if item.from_stdin or item.feeds is not None or not item.path.lower().endswith(".parquet"):
        return None
    try:
        meta = open_parquet(item.path, item.path).metadata
    except UserError:
        return None
    chunks: list[list[int]] = []
    rows: list[int] = []
    taken = 0
    for g in range(meta.num_row_groups):
        n = meta.row_group(g).num_rows
        if not chunks or taken >= part_rows:
            chunks.append([])
            rows.append(0)
            taken = 0
        chunks[-1].append(g)
        rows[-1] += n
        taken += n
    if len(chunks) < 2:
        return None
    parts, before = [], 0
    for k, (groups, n) in enumerate(zip(chunks, rows)):
        parts.append(Part(file, k, len(chunks), item, "parquet", "parquet", row_groups=tuple(groups),
                          first_row=2 + before, base=before))
        before += n
    return parts


def record_start(f, pos: int, parity: int, size: int) -> int:
    """The first record boundary at or after `pos`, given the parity of the quotes before `pos`."""
    if pos <= 0 or pos >= size:
        return min(max(pos, 0), size)
    f.seek(pos - 1)
    if f.read(1) == NEWLINE and parity == 0:
        return pos
    at = pos
    while True:
        f.seek(at)
        block = f.read(1 << 16)
        if not block:
            return size
        i = 0
        while True:
            j = block.find(NEWLINE, i)
            if j < 0:
                parity = (parity + block.count(QUOTE, i)) % 2
                break
            parity = (parity + block.count(QUOTE, i, j)) % 2
            if parity == 0:
                return at + j + 1
            i = j + 1
        at += len(block)


def read_part(part: Part, config) -> Catalog:
    """The part's listings as a catalog (its values located in the whole file)."""
    from listing_lint.engine import load_input

    if part.kind == "csv":
        return _read_csv(part, ReadSettings.from_config(config))
    if part.kind == "parquet":
        return _read_parquet(part, ReadSettings.from_config(config))
    return load_input(part.item, config, {})


def _read_csv(part: Part, read: ReadSettings) -> Catalog:
    from listing_lint.loaders import _gc_paused
    from listing_lint.loaders.encoding import Decoded, decode_file
    from listing_lint.loaders.reader import Probe
    from listing_lint.loaders.registry import readers

    with open(part.path, "rb") as f:
        head = f.read(part.head_end)
        start = part.head_end if part.number == 0 else record_start(f, part.start, part.quotes_start, part.size)
        end = record_start(f, part.end, part.quotes_end, part.size)
        f.seek(part.start)
        skipped = f.read(max(start - part.start, 0)).count(NEWLINE)
        f.seek(start)
        body = f.read(max(end - start, 0))
    first_line = 1 + part.lines_before + skipped
    head_lines = head.count(NEWLINE)
    try:
        decoded = decode_file(head + body, part.path, "table", part.encoding)
    except LoadError as exc:  # a bad byte among this part's records: at its line in the file
        line = exc.line + first_line - head_lines - 1 if exc.line and exc.line > head_lines else exc.line
        raise LoadError(exc.message, part.path, line) from None
    split = len(decode_file(head, part.path, "table", part.encoding).text)
    text = decoded.text
    table = _PartTable(text, part.path, split, first_line - text.count("\n", 0, split) - 1)
    probe = Probe(part.path, head + body, dataclasses.replace(read, input_format=part.reader, encoding=part.encoding))
    probe.__dict__.update(container="table", decoded=Decoded(text, decoded.encoding, decoded.bom), table=table)
    reader = readers()[part.reader]
    if part.number > 0:
        reader = _records_only(type(reader))()
    with _gc_paused():
        catalog = reader.read(probe)
        if reader.variants_inherit:
            from listing_lint.loaders.variants import share_product_values

            share_product_values(catalog)
    return catalog


def _read_parquet(part: Part, read: ReadSettings) -> Catalog:
    from listing_lint.loaders import _gc_paused
    from listing_lint.loaders.parquet import ParquetTable, open_parquet
    from listing_lint.loaders.reader import Probe
    from listing_lint.loaders.registry import readers

    table = ParquetTable(open_parquet(part.path, part.path), part.path, part.row_groups, part.first_row)
    probe = Probe(part.path, b"PAR1", dataclasses.replace(read, input_format="parquet"))
    probe.__dict__.update(container="parquet", _parquet_table=table)
    with _gc_paused():
        return readers()["parquet"].read(probe)


_RECORDS_ONLY: dict[type, type] = {}


def _records_only(cls: type) -> type:
    """The reader, reading every row after the header as a listing: a later part's first rows
    are records, never a template's notes under its header."""
    if cls not in _RECORDS_ONLY:
        _RECORDS_ONLY[cls] = type(cls.__name__, (cls,), {
            "data_rows": lambda self, table, header, colmap: iter(range(header + 1, len(table))),
        })
    return _RECORDS_ONLY[cls]


class _PartTable(CsvTable):
    """A CSV text made of the file's header and one part's records: offsets from `split` on
    are records, located `shift` lines further down, where they stand in the whole file."""

    def __init__(self, text: str, path: str, split: int, shift: int) -> None:
        self.split, self.shift = split, shift  # before scanning: an unclosed quote is located with them
        super().__init__(text, path, sniff_delimiter(text[:split]))

    def _at(self, offset: int) -> tuple[int, int]:
        line, column = super()._at(offset)
        return (line + self.shift, column) if offset >= self.split else (line, column)

    def scalar(self, row: int, column: int):
        value = super().scalar(row, column)
        if value is None or not self.shift or self.rows[row][0] < self.split:
            return value
        loc = value.loc
        return Scalar(value.text, Location(loc.path, loc.line + self.shift, loc.column), value.is_null, value.quoted,
                      value.start, value.end, value.machine, value.means)
