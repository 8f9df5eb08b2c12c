"""Tables: rows of cells from a CSV/TSV text or a workbook sheet, and readers that map columns to fields.

A table reader says which column holds which listing field; everything else (finding
the header row, locating each cell, building the listing, reporting unknown columns
once at the header) is done here, the same way for every table format and container.

Field names in a column map are the canonical ones (`id`, `price`, `attributes.color`,
`prices.USD`); `title` and `description` without a language go under the file's
language (config `source_locale`, or the market locale of a feed).
"""

from __future__ import annotations

import bisect
import fnmatch
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from listing_lint.errors import LoadError, NotACatalog
from listing_lint.loaders.reader import Probe, ReadSettings, Reader
from listing_lint.model import Catalog, Listing, Location, Mapping, Node, Scalar, Sequence, UnknownColumn

TEXT_FIELDS = ("title", "description")
HEADER_SEARCH_ROWS = 30  # a template's header sits below a title row and notes, never much lower
LIST_FIELDS = ("images",)  # several columns may feed one list (`image_link`, `additional_image_link`)
HINT_ROWS = 5  # notes a template keeps under its header ("обязательное поле"), never more
# How sure a reader is of its header: a marketplace preset (91-99) beats a config column map (81-90),
# which beats our own CSV's bare `id` (at most 80); the map's columns still apply inside a preset.
PRESET_SCORE = 91
_MACHINE_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class Cell:
    value: str
    start: int  # offset of the cell's first character (its opening quote, if quoted)
    end: int  # offset just past the cell
    quoted: bool


class Table:
    """Rows of cells; each cell can become a located `Scalar`. Subclasses hold the container."""

    path: str

    def __len__(self) -> int:
        raise NotImplementedError

    def values(self, row: int) -> list[str]:
        raise NotImplementedError

    def cell_text(self, row: int, column: int | None) -> str:
        """A cell's text, stripped ("" when empty or absent): for telling rows apart without making values."""
        values = self.values(row) if column is not None else ()
        return values[column].strip() if column is not None and column < len(values) else ""

    def head(self, rows: int) -> int:
        """How many of the first `rows` rows there are (a sheet being looked at need not be read to its end)."""
        return min(len(self), rows)

    def scalar(self, row: int, column: int) -> Scalar | None:
        """The cell as a located value, or None when it is empty."""
        raise NotImplementedError

    def row_loc(self, row: int) -> Location:
        raise NotImplementedError

    def cell_loc(self, row: int, column: int) -> Location:
        raise NotImplementedError

    def row_number(self, row: int) -> int:
        """The row as the seller sees it: the line of a CSV record, the number of a sheet row."""
        return self.row_loc(row).line

    def piece(self, value: Scalar, start: int, end: int) -> Scalar:
        """`value.text[start:end]` as a value of its own: one URL of a list cell, one path of several.

        It stands where it is written when the cell stands verbatim in the file; otherwise
        (a workbook cell, a cell with escaped quotes) it is located at its cell, with no offsets.
        """
        return Scalar(value.text[start:end], value.loc, quoted=value.quoted, machine=value.machine)


class CsvTable(Table):
    """A CSV or TSV text (comma, semicolon or tab), scanned with cell offsets for exact locations."""

    def __init__(self, text: str, path: str, delimiter: str | None = None) -> None:
        self.path = path
        self.text = text
        self.delimiter = delimiter or sniff_delimiter(text)
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        try:
            self.rows = list(scan(text, self.delimiter))
        except ValueError as exc:
            raise LoadError("a quoted cell is never closed", path, self._at(exc.args[0])[0]) from None

    def __len__(self) -> int:
        return len(self.rows)

    def _at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def values(self, row: int) -> list[str]:
        return [c.value for c in self.rows[row][1]]

    def cell_text(self, row: int, column: int | None) -> str:
        cells = self.rows[row][1]
        return cells[column].value.strip() if column is not None and column < len(cells) else ""

    def scalar(self, row: int, column: int) -> Scalar | None:
        cells = self.rows[row][1]
        if column >= len(cells):
            return None
        cell = cells[column]
        value = cell.value
        if not value or value.isspace():
            return None
        # The hot path of every table reader: `_at` and `_value_span` written out.
        at = cell.start
        starts = self._starts
        line = bisect.bisect_right(starts, at)
        if cell.quoted:
            start, end = _value_span(self.text, cell)
        else:
            start, end = at, cell.end
        return Scalar(value, Location(self.path, line, at - starts[line - 1] + 1), False, cell.quoted, start, end)

    def row_loc(self, row: int) -> Location:
        return Location(self.path, *self._at(self.rows[row][0]))

    def cell_loc(self, row: int, column: int) -> Location:
        cells = self.rows[row][1]
        return Location(self.path, *self._at(cells[column].start)) if column < len(cells) else self.row_loc(row)

    def width(self, row: int) -> int:
        return len(self.rows[row][1])

    def piece(self, value: Scalar, start: int, end: int) -> Scalar:
        if value.start is None:
            return super().piece(value, start, end)
        at = value.start + start
        return Scalar(value.text[start:end], Location(self.path, *self._at(at)), quoted=value.quoted,
                      start=at, end=value.start + end, machine=value.machine)


def sniff_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    # Spreadsheets in Russian and most European locales export with `;`, feeds and Excel's
    # "Unicode text" with tabs.
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def scan(text: str, delimiter: str = ","):
    """Yield (row_start_offset, [Cell, ...]) for each non-blank row (RFC 4180).

    Our own scanner because the csv module cannot say where a cell starts, and a finding
    must point at its line and column, and a fix must edit exactly that cell.
    """
    until_end_of_cell = re.compile(f"[^{re.escape(delimiter)}\r\n]*").match
    i, n = 0, len(text)
    while i < n:
        row_start = i
        cells: list[Cell] = []
        while True:
            start = i
            if i < n and text[i] == '"':
                i += 1
                parts = []
                while True:
                    q = text.find('"', i)
                    if q == -1:
                        raise ValueError(row_start)
                    parts.append(text[i:q])
                    if q + 1 < n and text[q + 1] == '"':
                        parts.append('"')
                        i = q + 2
                        continue
                    i = q + 1
                    break
                # Text after a closing quote (`"a"b`) is kept, as the csv module does.
                j = until_end_of_cell(text, i).end()
                cells.append(Cell("".join(parts) + text[i:j], start, j, True))
                i = j
            else:
                j = until_end_of_cell(text, i).end()
                cells.append(Cell(text[i:j], start, j, False))
                i = j
            if i < n and text[i] == delimiter:
                i += 1
                continue
            break
        if i < n and text[i] == "\r":
            i += 1
        if i < n and text[i] == "\n":
            i += 1
        if any(c.value.strip() for c in cells):
            yield row_start, cells


def _value_span(text: str, cell: Cell) -> tuple[int | None, int | None]:
    """Where the cell's value stands in the file, when it stands there verbatim (for fixes)."""
    if not cell.quoted:
        return cell.start, cell.end
    if text[cell.start + 1 : cell.end - 1] == cell.value:
        return cell.start + 1, cell.end - 1
    return None, None  # escaped quotes: an edit must rewrite the whole cell


def open_table(probe: Probe) -> Table:
    if probe.container == "workbook":
        from listing_lint.loaders.workbook import open_workbook

        return open_workbook(probe)
    return CsvTable(probe.text, probe.path)


def normal_name(name: str) -> str:
    """A header compared the way people mean it: case, spaces and a required-field `*` aside."""
    return " ".join(name.replace("\ufeff", "").split()).rstrip("*").strip().casefold()


@dataclass
class ColumnMap:
    """For each column of the header: the field it feeds, or None when it is not read."""

    fields: list[str | None]
    unknown: list[UnknownColumn]

    def plan(self) -> list[tuple[int, str, bool]]:
        """(column, field, whether the field is a plain key) for each column read; worked out once."""
        plan = self.__dict__.get("_plan")
        if plan is None:
            plan = self.__dict__["_plan"] = [(c, f, "." not in f and f not in LIST_FIELDS)
                                             for c, f in enumerate(self.fields) if f is not None]
        return plan


class TableReader(Reader):
    """A table format: a header row naming columns, one listing (or variant) per row after it.

    Subclasses give `header_score` (how much a row looks like their header) and
    `field_for` (the field a column feeds); `listings` may group rows (variants).
    """

    containers = ("table", "workbook")
    # Every column name the format defines, read or not: not reported as unknown, and
    # the names suggested for a misspelt one.
    known_columns: tuple[str, ...] = ()
    localise_texts = True  # `title` feeds the file's language; off where headers name the language

    def detect(self, probe: Probe) -> int:
        table = self.sheet(probe)
        return self.best_header(table, probe.settings)[1]

    def header_score(self, names: list[str]) -> int:
        raise NotImplementedError

    def score_row(self, names: list[str], settings: ReadSettings) -> int:
        """How much a row of normalised names looks like this format's header (`header_score`)."""
        return self.header_score(names)

    def best_header(self, table: Table, settings: ReadSettings) -> tuple[int, int]:
        """(row, score) of the likeliest header among a table's first rows; row 0 when none scores."""
        best, best_score = 0, 0
        for r in range(table.head(HEADER_SEARCH_ROWS)):
            score = self.score_row([normal_name(v) for v in table.values(r)], settings)
            if score > best_score:
                best, best_score = r, score
        return best, best_score

    def sheet(self, probe: Probe) -> Table:
        """The table this reader reads: `probe.table`, or, in a workbook with no `sheet:` set, the first
        visible sheet holding this format's header (an Ozon template opens on its instructions sheet)."""
        table = probe.table
        others = getattr(table, "other_sheets", None)
        if others is None or probe.settings.sheet is not None:
            return table
        chosen = probe.__dict__.setdefault("_sheet_for_reader", {})
        if self.name not in chosen:
            found = (t for t in (table, *others()) if self.best_header(t, probe.settings)[1] > 0)
            chosen[self.name] = next(found, table)
        return chosen[self.name]

    def field_for(self, name: str, written: str, settings: ReadSettings) -> str | None:
        """The field a column feeds, or None when this format does not read it.

        `name` is the header normalised (`normal_name`), `written` as it stands in the file.
        """
        raise NotImplementedError

    def is_known(self, name: str) -> bool:
        return name in self._known()

    def _known(self) -> frozenset[str]:
        cached = getattr(type(self), "_known_cache", None)
        if cached is None:
            cached = frozenset(normal_name(n) for n in self.known_columns)
            type(self)._known_cache = cached
        return cached

    # --- reading

    def read(self, probe: Probe) -> Catalog:
        table = self.sheet(probe)
        if not len(table):
            raise LoadError("empty file, no header", probe.path, 1)
        header = self.header_row(table, probe.settings)
        colmap = self.column_map(table, header, probe.settings)
        if "id" not in colmap.fields and not self.ids_from_elsewhere:
            raise NotACatalog(self.no_id_message(table, header), probe.path, table.row_number(header))
        listings = list(self.listings(table, header, colmap, probe))
        columns = {table.values(header)[c].strip(): table.cell_loc(header, c)
                   for c, f in enumerate(colmap.fields) if f is not None}
        return self.make_catalog(probe, listings, columns=columns, unknown_columns=colmap.unknown)

    ids_from_elsewhere = False  # Shopify makes ids from the handle and options when no SKU is given

    def no_id_message(self, table: Table, header: int) -> str:
        return (f"no column of this {self.summary} holds the listing id; "
                "name it in config `columns:` (`columns: {\"Артикул\": id}`)")

    def header_row(self, table: Table, settings: ReadSettings) -> int:
        if settings.header_row is not None:
            for r in range(len(table)):
                if table.row_number(r) == settings.header_row:
                    return r
            raise LoadError(f"header_row: {settings.header_row} is not a row of this file", table.path)
        return self.best_header(table, settings)[0]

    def column_map(self, table: Table, header: int, settings: ReadSettings) -> ColumnMap:
        fields: list[str | None] = []
        unknown: list[UnknownColumn] = []
        mapped = {normal_name(k): v for k, v in settings.columns.items()}
        ignored = ignoring(settings)
        for c, written in enumerate(table.values(header)):
            name = normal_name(written)
            if not name:
                fields.append(None)
                continue
            if name in mapped:
                field = mapped[name]
                fields.append(localise(field, settings) if field else None)  # a config map always may
                continue
            field = self.field_for(name, written.strip(), settings)
            if field is None and not self.is_known(name) and not ignored(name):
                hint = tuple(sorted({*self.known_columns, *settings.columns}))
                unknown.append(UnknownColumn(written.strip(), table.cell_loc(header, c), hint))
            fields.append((localise(field, settings) if self.localise_texts else field) if field else None)
        return ColumnMap(fields, unknown)

    def data_rows(self, table: Table, header: int, colmap: ColumnMap) -> Iterator[int]:
        """The rows after the header that hold listings; a template's hint rows right under it do not."""
        price = colmap.fields.index("price") if "price" in colmap.fields else None
        first = header + 1
        if price is not None:
            # "Цена в рублях, обязательное поле", "Например: 4500": the template's notes, not listings.
            while first < min(len(table), header + 1 + HINT_ROWS) and is_hint(table.scalar(first, price)):
                first += 1
        return iter(range(first, len(table)))

    def listings(self, table: Table, header: int, colmap: ColumnMap, probe: Probe) -> Iterable[Listing]:
        for index, r in enumerate(self.data_rows(table, header, colmap)):
            yield Listing(self.row_mapping(table, r, colmap), probe.path, index)

    def row_mapping(self, table: Table, row: int, colmap: ColumnMap) -> Mapping:
        node = Mapping({}, {}, table.row_loc(row))
        width = getattr(table, "width", None)
        if width is not None and width(row) > len(colmap.fields):
            extra = table.cell_loc(row, len(colmap.fields))
            raise LoadError(f"row has {width(row)} cells but the header names {len(colmap.fields)}",
                            table.path, extra.line)
        items, keys, cell = node.items, node.keys, table.scalar
        for c, field, simple in colmap.plan():
            scalar = cell(row, c)
            if scalar is None:
                continue
            if simple:  # a plain field (`id`, `price`): the first column naming it wins, as `insert` does
                if field not in items:
                    items[field] = scalar
                    keys[field] = scalar.loc
            else:
                insert(node, field, scalar)
        return node


class PresetTable(TableReader):
    """A marketplace's own export (Shopify, WooCommerce): column names fixed by the marketplace.

    `fields` maps normalised headers to fields; `known_columns` and `known_patterns` are the
    columns the format defines that are not read (never reported as unknown). A header is
    the format's when every set in `required` has a name in it and at least two of the
    `distinctive` names stand in it.
    """

    fields: dict[str, str] = {}
    known_patterns: re.Pattern | None = None
    required: tuple[frozenset[str], ...] = ()
    distinctive: frozenset[str] = frozenset()

    def header_score(self, names: list[str]) -> int:
        named = set(names)
        if not all(named & needed for needed in self.required):
            return 0
        evidence = len(self.distinctive & named)
        return PRESET_SCORE + min(evidence, 8) if evidence >= 2 else 0

    def field_for(self, name: str, written: str, settings: ReadSettings) -> str | None:
        return self.fields.get(name)

    def is_known(self, name: str) -> bool:
        patterns = self.known_patterns
        return super().is_known(name) or (patterns is not None and patterns.fullmatch(name) is not None)


def ignoring(settings: ReadSettings):
    """Whether a normalised column name is one `ignore_columns:` names or matches.

    `Цвет*` names the column `Цвет*` (a template's required-field star); `Meta: *`,
    `Attribute * name` and `*` are globs (a star after a space, inside a name, or alone).
    """
    exact, globs = set(), []
    for pattern in settings.ignore_columns:
        written = " ".join(pattern.split()).casefold()
        star_marks_required = written.endswith("*") and written[:-1].rstrip() == written[:-1] and written[:-1]
        if "?" in written or "[" in written or "*" in (written[:-1] if star_marks_required else written):
            globs.append(written)
        else:
            exact.add(normal_name(pattern))
    return lambda name: name in exact or any(fnmatch.fnmatchcase(name, g) for g in globs)


def is_hint(cell: Scalar | None) -> bool:
    """A template's note in a price column: words, not an amount (`4 500,00 ₽` and `1299 руб.` are amounts)."""
    if cell is None or cell.machine:
        return False
    digits = sum(ch.isdigit() for ch in cell.text)
    letters = sum(ch.isalpha() for ch in cell.text)
    return digits == 0 or letters > digits + 3


def as_machine(value: Scalar | None) -> Scalar | None:
    """The value marked as a number written for machines (`12.50`) when it is one, else as it is.

    For formats whose spec writes amounts with a `.` decimal point (Shopify, WooCommerce): a
    cell a seller retyped in their locale (`12,50`) stays for the money parser to read by locale.
    """
    if value is None or value.machine or not _MACHINE_NUMBER.fullmatch(value.text.strip()):
        return value
    return Scalar(value.text, value.loc, value.is_null, value.quoted, value.start, value.end, True, value.means)


def split_cell(table: Table, value: Scalar, separator: re.Pattern) -> list[Scalar]:
    """The non-blank pieces of a list cell (`a.jpg, b.jpg`), each located where it stands."""
    pieces, at = [], 0
    for m in (*separator.finditer(value.text), None):
        end = m.start() if m else len(value.text)
        text = value.text[at:end]
        if text.strip():
            lead = len(text) - len(text.lstrip())
            pieces.append(table.piece(value, at + lead, at + len(text.rstrip())))
        at = m.end() if m else at
    return pieces


def localise(field: str, settings: ReadSettings) -> str:
    """`title` → `title.ru` for a file written in Russian; other fields as they are."""
    return f"{field}.{settings.language}" if field in TEXT_FIELDS else field


def insert(mapping: Mapping, field: str, value: Node) -> None:
    """Put `value` at the dotted `field` path; a list field gathers values, other fields keep the first."""
    parts = field.split(".")
    for part in parts[:-1]:
        child = mapping.items.get(part)
        if not isinstance(child, Mapping):
            child = Mapping({}, {}, value.loc)
            mapping.items[part] = child
            mapping.keys[part] = value.loc
        mapping = child
    head = parts[-1]
    if head in LIST_FIELDS and isinstance(value, Scalar):
        seq = mapping.items.get(head)
        if not isinstance(seq, Sequence):
            seq = Sequence([], value.loc)
            mapping.items[head] = seq
            mapping.keys[head] = value.loc
        seq.items.append(value)
        return
    if head in mapping.items:
        return
    mapping.items[head] = value
    mapping.keys[head] = value.loc
