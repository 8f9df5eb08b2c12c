"""Workbooks (.xlsx, .xlsm): a sheet's rows as a `Table` whose cells are located at (row, column).

Why the sheet's XML is read here rather than through openpyxl's cell values:

* A price must never pass through a float. A workbook stores a number as decimal text: Excel
  writes the double it holds to 17 digits (`<v>1299.9000000000001</v>` for a typed 1299.9);
  openpyxl turns that into a Python float, whose text is then not what the seller typed. Here
  the stored text goes through `Decimal` only: rounded to the 15 significant digits Excel
  shows (`1299.9`), then padded to the cell's fixed decimals (`0.00` shows `1299.90`). Digits
  are never rounded away to match a shorter format (`0` showing 1300): the marketplace is
  sent the stored value, and a finding must be about that.
* Speed: openpyxl builds a cell object per cell; reading the XML with expat is about five times
  faster, which keeps a 20,000-row template as quick to read as the same listings in YAML.

openpyxl is still what knows Excel: its table of built-in number formats, which formats are
dates, and how serial day numbers become dates (both 1900 and 1904 calendars).

Cells become `Scalar`s at `Location(path, row, column)`, both numbered from 1 as Excel does.
They carry no offsets: a workbook cannot be edited as text, so `--fix` leaves it alone.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Iterator
from xml.parsers import expat

from listing_lint.errors import LoadError
from listing_lint.loaders.table import Table
from listing_lint.model import Location, Scalar

SAVE_AS = "open it in Excel (or LibreOffice) and save it as .xlsx, or export it as 'CSV UTF-8'"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_REL_NS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
           "http://purl.oclc.org/ooxml/officeDocument/relationships")
_CHUNK = 1 << 16
_EXCEL_DIGITS = Context(prec=15, rounding=ROUND_HALF_UP)  # what a cell shows of a stored double
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")  # OOXML's escape for control characters (`_x000D_`)
# A format's literal text and bracketed parts (`"руб."`, `[$₽-419]`, `[Red]`), dropped before reading it.
_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


class Sheet(Table):
    """One worksheet, parsed on demand: detection reads its first rows, a reader all of them."""

    def __init__(self, book: "Workbook", name: str, part: str) -> None:
        self.book = book
        self.name = name
        self.path = book.path
        # (row number, cell texts from column A on, bit mask of the cells that are number cells)
        self.rows: list[tuple[int, list[str], int]] = []
        self._pending: Iterator[None] | None = _parse_sheet(book, part, self.rows)

    def _fill(self, upto: int | None = None) -> None:
        pending = self._pending
        while pending is not None and (upto is None or len(self.rows) <= upto):
            if next(pending, StopIteration) is StopIteration:
                self._pending = pending = None

    def __len__(self) -> int:
        self._fill()
        return len(self.rows)

    def head(self, rows: int) -> int:
        self._fill(rows - 1)
        return min(len(self.rows), rows)

    def _row(self, row: int) -> tuple[int, list[str], int]:
        if row >= len(self.rows):
            self._fill(row)
        return self.rows[row]

    def values(self, row: int) -> list[str]:
        return self._row(row)[1]

    def cell_text(self, row: int, column: int | None) -> str:
        cells = self._row(row)[1]
        return cells[column].strip() if column is not None and column < len(cells) else ""

    def scalar(self, row: int, column: int) -> Scalar | None:
        number, cells, numbers = self.rows[row] if row < len(self.rows) else self._row(row)
        if column >= len(cells):
            return None
        text = cells[column]
        if not text.strip():
            return None
        return Scalar(text, Location(self.path, number, column + 1), False, False, None, None, numbers >> column & 1 == 1)

    def row_loc(self, row: int) -> Location:
        return Location(self.path, self._row(row)[0], 1)

    def cell_loc(self, row: int, column: int) -> Location:
        return Location(self.path, self._row(row)[0], column + 1)

    def other_sheets(self) -> Iterator["Sheet"]:
        """The workbook's other visible sheets, in tab order (for a reader looking for its header)."""
        return (s for s in self.book.visible() if s is not self)


class Workbook:
    """An .xlsx/.xlsm package: its worksheets by name, shared strings and number formats."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            names = set(self.zip.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            raise LoadError(f"the workbook is damaged, or is not a workbook (it is not a readable zip archive): {SAVE_AS}",
                            path) from None
        if "mimetype" in names and self._head("mimetype").startswith(b"application/vnd.oasis.opendocument"):
            raise LoadError(f"this is an OpenDocument spreadsheet (.ods), which listing-lint does not read: {SAVE_AS}",
                            path)
        main = self._main_part(names)
        if main is None:
            raise LoadError(f"this zip archive is not an Excel workbook (it has no workbook part): {SAVE_AS}", path)
        if main.endswith(".bin"):
            raise LoadError(f"this is a binary Excel workbook (.xlsb), which listing-lint does not read: {SAVE_AS}", path)
        rels = self._rels(main)
        self.sheets: list[tuple[str, str, bool]] = []  # (name, part, visible)
        self.date1904 = False
        self._parse_workbook(main, rels)
        self.strings: list[str] = []
        self.formats: list[_Format] = []
        strings = next((t for kind, t in rels.values() if kind.endswith("/sharedStrings")), None)
        styles = next((t for kind, t in rels.values() if kind.endswith("/styles")), None)
        if strings and strings in names:
            self.strings = _shared_strings(self._open(strings), self)
        if styles and styles in names:
            self.formats = _cell_formats(self._open(styles), self)
        self._opened: dict[str, Sheet] = {}

    # --- the package

    def _open(self, part: str):
        try:
            return self.zip.open(part)
        except (KeyError, zipfile.BadZipFile, OSError, RuntimeError) as exc:
            raise LoadError(f"the workbook is damaged ({part}: {exc}): {SAVE_AS}", self.path) from None

    def _head(self, part: str) -> bytes:
        try:
            with self._open(part) as stream:
                return stream.read(64)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
            raise LoadError(f"the workbook is damaged ({part}: {exc}): {SAVE_AS}", self.path) from None

    def _main_part(self, names: set[str]) -> str | None:
        if "_rels/.rels" in names:
            for kind, target in _relationships(self._open("_rels/.rels"), "", self).values():
                if kind.endswith("/officeDocument") and target in names:
                    return target
        return "xl/workbook.xml" if "xl/workbook.xml" in names else None

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        return _relationships(self._open(rels), folder, self) if rels in self.zip.namelist() else {}

    def _parse_workbook(self, part: str, rels: dict[str, tuple[str, str]]) -> None:
        def start(name: str, attrs: dict[str, str]) -> None:
            local = name.rpartition(" ")[2]
            if local == "sheet":
                rid = next((v for k, v in attrs.items() if k.rpartition(" ")[0] in _REL_NS and k.endswith(" id")), None)
                kind, target = rels.get(rid or "", ("", ""))
                if kind.endswith("/worksheet"):
                    self.sheets.append((attrs.get("name", ""), target, attrs.get("state", "visible") == "visible"))
            elif local == "workbookPr":
                self.date1904 = attrs.get("date1904", "0").lower() in ("1", "true")

        _parse(self._open(part), start, None, None, self, part, namespaces=True)

    # --- sheets

    def sheet(self, name: str, part: str) -> Sheet:
        if part not in self._opened:
            self._opened[part] = Sheet(self, name, part)
        return self._opened[part]

    def visible(self) -> Iterator[Sheet]:
        return (self.sheet(name, part) for name, part, visible in self.sheets if visible)

    def choose(self, wanted: str | int | None) -> Sheet:
        """The sheet `sheet:` names (a name, or a position from 1), else the first visible one."""
        names = [name for name, _, _ in self.sheets]
        if not self.sheets:
            raise LoadError(f"the workbook has no worksheet: {SAVE_AS}", self.path)
        if wanted is None:
            first = next(self.visible(), None)  # (not `or`: a sheet's truth is its length, which parses it)
            return first if first is not None else self.sheet(*self.sheets[0][:2])
        listed = ", ".join(f"'{n}'" for n in names)
        if isinstance(wanted, str):
            folded = [n.strip().casefold() for n in names]
            for at in (names.index(wanted) if wanted in names else None,
                       folded.index(wanted.strip().casefold()) if wanted.strip().casefold() in folded else None):
                if at is not None:
                    return self.sheet(*self.sheets[at][:2])
            if not wanted.strip().isdigit():
                raise LoadError(f"sheet: the workbook has no sheet '{wanted}'; its sheets are {listed}", self.path)
            wanted = int(wanted)
        if isinstance(wanted, bool) or not 1 <= wanted <= len(self.sheets):
            raise LoadError(f"sheet: {wanted} is not a sheet position of this workbook (it has {len(self.sheets)}: "
                            f"{listed}); number them from 1, or name one", self.path)
        name, part, _ = self.sheets[wanted - 1]
        return self.sheet(name, part)


def open_workbook(probe) -> Table:
    """The sheet of an .xlsx/.xlsm file to read: `sheet:` from the settings, else the first visible one."""
    data = probe.data
    if data.startswith(OLE_MAGIC):
        # Excel 97-2003 files and password-protected workbooks of any version are OLE containers.
        raise LoadError("this is an Excel 97-2003 workbook (.xls) or a password-protected workbook, which "
                        f"listing-lint does not read: {SAVE_AS} (with no password)", probe.path)
    return Workbook(data, probe.path).choose(probe.settings.sheet)


# --- XML parts


def _parse(stream, start, end, chars, book: Workbook, part: str, namespaces: bool = False,
           chunks: bool = False) -> Iterator[None]:
    """Feed a part to expat with our handlers; with `chunks`, pause (yield) after each piece read."""
    parser = expat.ParserCreate(namespace_separator=" " if namespaces else None)
    parser.buffer_text = True
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if chars is not None:
        parser.CharacterDataHandler = chars

    def refuse(*_args) -> None:  # no DTDs, hence no entity expansion (the XML bombs defusedxml guards against)
        raise LoadError(f"the workbook's {part} declares a DTD, which no workbook does: {SAVE_AS}", book.path)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse

    def run() -> Iterator[None]:
        try:
            with stream:
                while True:
                    piece = stream.read(_CHUNK)
                    parser.Parse(piece, not piece)
                    if not piece:
                        return
                    if chunks:
                        yield
        except expat.ExpatError as exc:
            raise LoadError(f"the workbook is damaged ({part} is not well-formed XML: {exc}): {SAVE_AS}",
                            book.path) from None
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
            raise LoadError(f"the workbook is damaged ({part}: {exc}): {SAVE_AS}", book.path) from None

    if chunks:
        return run()
    for _ in run():
        pass
    return iter(())


def _relationships(stream, folder: str, book: Workbook) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.rpartition(" ")[2] == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), target)

    _parse(stream, start, None, None, book, "relationships", namespaces=True)
    return found


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _shared_strings(stream, book: Workbook) -> list[str]:
    strings: list[str] = []
    parts: list[str] = []
    state = {"text": False, "phonetic": False}

    def start(name: str, attrs) -> None:
        local = _local(name)
        if local == "t":
            state["text"] = not state["phonetic"]
        elif local == "si":
            parts.clear()
        elif local == "rPh":
            state["phonetic"] = True  # the reading of Japanese text, not part of it

    def end(name: str) -> None:
        local = _local(name)
        if local == "t":
            state["text"] = False
        elif local == "rPh":
            state["phonetic"] = False
        elif local == "si":
            strings.append(_unescape("".join(parts)))

    def chars(data: str) -> None:
        if state["text"]:
            parts.append(data)

    _parse(stream, start, end, chars, book, "shared strings")
    return strings


class _Format:
    """How a number format shows a number: as a date, or with at least `decimals` decimals."""

    __slots__ = ("date", "decimals", "percent")

    def __init__(self, code: str) -> None:
        from openpyxl.styles.numbers import is_datetime, is_timedelta_format

        section = code.split(";", 1)[0]
        bare = _LITERALS.sub("", section)
        self.date = None if is_timedelta_format(section) else is_datetime(section)
        self.percent = "%" in bare
        decimals = re.search(r"\.([0#?]+)", bare) if not self.date and "e" not in bare.lower() else None
        self.decimals = decimals.group(1).count("0") if decimals else 0


GENERAL = _Format("General")


def _cell_formats(stream, book: Workbook) -> list[_Format]:
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    custom: dict[int, str] = {}
    formats: list[_Format] = []
    seen: dict[str, _Format] = {}
    state = {"xfs": False}

    def start(name: str, attrs) -> None:
        local = _local(name)
        if local == "numFmt":
            try:
                custom[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "General")
            except ValueError:
                pass
        elif local == "cellXfs":
            state["xfs"] = True
        elif local == "xf" and state["xfs"]:
            try:
                number = int(attrs.get("numFmtId", "0"))
            except ValueError:
                number = 0
            code = custom.get(number) or BUILTIN_FORMATS.get(number, "General")
            formats.append(seen.get(code) or seen.setdefault(code, _Format(code)))

    def end(name: str) -> None:
        if _local(name) == "cellXfs":
            state["xfs"] = False

    _parse(stream, start, end, None, book, "styles")
    return formats


def _column_number(ref: str, cache: dict[str, int]) -> int:
    letters = ref.rstrip("0123456789")
    number = cache.get(letters)
    if number is None:
        number = 0
        for ch in letters.upper():
            number = number * 26 + ord(ch) - 64
        cache[letters] = number
    return number


def _parse_sheet(book: Workbook, part: str, rows: list[tuple[int, list[str], int]]) -> Iterator[None]:
    """Parse a worksheet part into `rows` (non-blank rows only), a chunk at each step of the iterator.

    The handlers run once per element of every cell: plain closure variables, not a state object.
    """
    strings, formats, epoch = book.strings, book.formats, book.date1904
    columns: dict[str, int] = {}
    names: dict[str, str] = {}  # element name as written (`c`, or `x:c` under a prefix) → its local name
    cells: list[str] = []
    parts: list[str] = []
    collect = parts.append
    row = col = style = numbers = 0
    kind = "n"
    text_on = inline = phonetic = False

    def start(name: str, attrs) -> None:
        nonlocal row, col, style, numbers, kind, text_on, inline, phonetic
        tag = names.get(name)
        if tag is None:
            if names:
                return
            prefix = name[: len(name) - len(_local(name))]  # learnt from the root element
            names.update({prefix + k: k for k in ("row", "c", "v", "is", "t", "rPh")})
            return
        if tag == "c":
            ref = attrs.get("r")
            col = _column_number(ref, columns) if ref else col + 1
            kind = attrs.get("t", "n")
            number = attrs.get("s")
            style = int(number) if number else 0
            parts.clear()
        elif tag == "v":
            text_on = True
        elif tag == "t":
            text_on = inline and not phonetic
        elif tag == "row":
            number = attrs.get("r")
            row = int(number) if number else row + 1
            col = numbers = 0
            cells.clear()
        elif tag == "is":
            inline = True
        elif tag == "rPh":
            phonetic = True

    def end(name: str) -> None:
        nonlocal numbers, text_on, inline, phonetic
        tag = names.get(name)
        if tag == "c":
            if not parts:
                return
            raw = "".join(parts)
            if kind == "s":
                try:
                    text = strings[int(raw)]
                except (ValueError, IndexError):
                    raise LoadError(f"the workbook is damaged (a cell names shared string {raw}, which it does not "
                                    f"have): {SAVE_AS}", book.path, row) from None
            elif kind == "n":
                text, number = _number_text(raw, formats[style] if style < len(formats) else GENERAL, epoch)
                if number:
                    numbers |= 1 << (col - 1)
            elif kind == "b":
                text = "TRUE" if raw.strip() in ("1", "true") else "FALSE"
            else:  # inlineStr, str (a formula's text), e (#N/A), d (an ISO date)
                text = _unescape(raw)
            if col > len(cells):
                cells.extend([""] * (col - len(cells)))
            cells[col - 1] = text
        elif tag == "v" or tag == "t":
            text_on = False
        elif tag == "row":
            if any(c.strip() for c in cells):
                rows.append((row, cells[:], numbers))
        elif tag == "is":
            inline = False
        elif tag == "rPh":
            phonetic = False

    def chars(data: str) -> None:
        if text_on:
            collect(data)

    return _parse(book._open(part), start, end, chars, book, part, chunks=True)


def _number_text(raw: str, fmt: _Format, date1904: bool) -> tuple[str, bool]:
    """(text as Excel shows it, whether it is a number): `1299.9000000000001` → `1299.9`; `0.00` → `1299.90`."""
    try:
        value = _EXCEL_DIGITS.plus(Decimal(raw))
    except InvalidOperation:
        return raw, False
    if not value.is_finite():
        return raw, False
    if fmt.date:
        return _date_text(value, fmt.date, date1904), False
    if fmt.percent:
        value = _EXCEL_DIGITS.plus(value * 100)
    value = value.normalize() if value else Decimal(0)
    if fmt.decimals and value.as_tuple().exponent > -fmt.decimals:
        value = value.quantize(Decimal(1).scaleb(-fmt.decimals))  # pads with zeros; never rounds digits away
    return format(value, "f") + ("%" if fmt.percent else ""), True


def _date_text(value: Decimal, kind: str, date1904: bool) -> str:
    import datetime

    from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

    try:
        # A serial day number, not a price: the one place a float is fine.
        moment = from_excel(float(value), MAC_EPOCH if date1904 else WINDOWS_EPOCH)
    except (OverflowError, ValueError):
        return format(value.normalize(), "f")
    if isinstance(moment, datetime.datetime):
        return moment.date().isoformat() if kind == "date" else moment.isoformat(timespec="seconds")
    return moment.isoformat(timespec="seconds")  # a time of day
