"""CSV catalogs: one listing per row, nested keys flattened with dots (`title.en`).

The scanner is our own (RFC 4180: comma or semicolon, double quotes, quoted cells
across lines) because the csv module cannot say where a cell starts, and a finding
must point at its line and column, and a fix must edit exactly that cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from listing_lint.errors import LoadError, NotACatalog
from listing_lint.model import Catalog, Listing, Location, Mapping, Node, Scalar


@dataclass(frozen=True)
class Cell:
    value: str
    start: int  # offset of the cell's first character (its opening quote, if quoted)
    end: int  # offset just past the cell
    quoted: bool


def sniff_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    # Spreadsheets in Russian and most European locales export with `;`, some tools with tabs.
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def scan(text: str, delimiter: str = ","):
    """Yield (row_start_offset, [Cell, ...]) for each non-blank row."""
    import re

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


class _Lines:
    """Offset → (line, column), 1-based."""

    def __init__(self, text: str) -> None:
        import bisect

        self._bisect = bisect.bisect_right
        import re

        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        line = self._bisect(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def load_csv(text: str, path: str) -> Catalog:
    lines = _Lines(text)
    delimiter = sniff_delimiter(text)
    try:
        rows = list(scan(text, delimiter))
    except ValueError as exc:
        line, _ = lines.at(exc.args[0])
        raise LoadError("a quoted cell is never closed", path, line) from None
    if not rows:
        raise LoadError("empty CSV file, no header", path, 1)
    _, header = rows[0]
    names = [_column_name(c.value) for c in header]
    if "id" not in names:
        raise NotACatalog("CSV has no `id` column (the header must name the columns: id,title.ru,title.en,price,...)", path, 1)

    def loc(offset: int) -> Location:
        return Location(path, *lines.at(offset))

    columns: dict[str, Location] = {}
    for name, cell in zip(names, header):
        if name:
            columns[name] = loc(cell.start)

    listings: list[Listing] = []
    for index, (row_start, cells) in enumerate(rows[1:]):
        if len(cells) > len(names):
            extra = cells[len(names)]
            raise LoadError(f"row has {len(cells)} cells but the header names {len(names)}", path, lines.at(extra.start)[0])
        row = Mapping({}, {}, loc(row_start))
        for name, cell in zip(names, cells):
            if not name or not cell.value.strip():
                continue  # an empty cell is an absent value
            start, end = _value_span(text, cell)
            scalar = Scalar(cell.value, loc(cell.start), quoted=cell.quoted, start=start, end=end)
            _insert(row, name.split("."), scalar)
        listings.append(Listing(row, path, index))
    return Catalog(path=path, listings=listings, text=text, format="csv", columns=columns)


def _column_name(cell: str) -> str:
    """Header names as written, but a known field in any case (`ID`, `Title.en`) is that field."""
    from listing_lint.loaders import LISTING_KEYS

    name = cell.strip()
    head, dot, rest = name.partition(".")
    return head.lower() + dot + rest if head.lower() in LISTING_KEYS else name


def _value_span(text: str, cell: Cell) -> tuple[int | None, int | None]:
    """Where the cell's value stands in the file, when it stands there verbatim (for fixes)."""
    if not cell.quoted:
        return cell.start, cell.end
    if text[cell.start + 1 : cell.end - 1] == cell.value:
        return cell.start + 1, cell.end - 1
    return None, None  # escaped quotes: an edit must rewrite the whole cell


def _insert(mapping: Mapping, parts: list[str], scalar: Scalar) -> None:
    head = parts[0]
    if len(parts) == 1:
        mapping.items[head] = scalar
        mapping.keys[head] = scalar.loc
        return
    child: Node | None = mapping.items.get(head)
    if not isinstance(child, Mapping):
        child = Mapping({}, {}, scalar.loc)
        mapping.items[head] = child
        mapping.keys[head] = scalar.loc
    _insert(child, parts[1:], scalar)
