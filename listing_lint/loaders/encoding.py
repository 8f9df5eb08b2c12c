"""What kind of file this is, and its text: byte-order marks, XML declarations, legacy encodings.

UTF-8 (with or without a byte-order mark) and UTF-16 with one are read as such. An XML
file says its own encoding in its declaration (YML feeds are often `windows-1251`). A
CSV or TSV file says nothing: a spreadsheet from Russian Excel is cp1251, a Chinese
export GB18030, a Japanese one Shift_JIS, so a file that is not UTF-8 is given to
charset-normalizer, a maintained detector, rather than a hand-kept list of byte patterns.
`encoding:` in config or `--encoding` settles it outright.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from listing_lint.errors import LoadError

BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # zip (xlsx, ods) and OLE (xls)
YAML_SUFFIXES = (".yaml", ".yml")
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".tab")
XML_SUFFIXES = (".xml", ".rss", ".atom")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
JSON_SUFFIXES = (".json", ".jsonl")
READABLE_SUFFIXES = YAML_SUFFIXES + TABLE_SUFFIXES + XML_SUFFIXES + WORKBOOK_SUFFIXES + JSON_SUFFIXES

_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
# A legacy encoding may be a subset of the one it was really written in: a detector that
# saw only GB2312 characters says gb2312, but the next row may hold a GB18030 one.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932", "euc_kr": "cp949",
              "ascii": "utf-8", "latin_1": "cp1252", "iso8859_1": "cp1252", "tis_620": "cp874"}
# When a short file decodes equally well several ways, the encoding sellers' tools write most.
_PREFERRED = ("cp1251", "cp1252", "gb18030", "cp932", "cp949", "big5", "cp1250", "cp1254", "cp1256", "koi8_r")


class Decoded(NamedTuple):
    text: str
    encoding: str  # a Python codec name; what the file is written back in
    bom: bytes


def container_of(data: bytes, suffix: str) -> str:
    """`yaml`, `json`, `xml`, `table` or `workbook`, from the content first and the name second."""
    if data.startswith(WORKBOOK_MAGIC):
        return "workbook"
    head = _head_text(data)
    first = head.lstrip()[:1]
    if first == "<":
        return "xml"
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix in JSON_SUFFIXES or (first in ("{", "[") and suffix not in TABLE_SUFFIXES):
        return "json"
    if suffix in WORKBOOK_SUFFIXES:
        return "workbook"  # a workbook that is not a zip: its reader says what is wrong with it
    return "table" if suffix in TABLE_SUFFIXES or "\n" in head or "," in head else "unknown"


def _head_text(data: bytes) -> str:
    head = data[:4096]
    for bom, name in BOMS:
        if head.startswith(bom):
            return head[len(bom):].decode(name, errors="replace")
    return head.decode("latin-1")


def decode_file(data: bytes, path: str, container: str, encoding: str | None = None) -> Decoded:
    """The file's text. Raises LoadError, naming the line, when its bytes are not that encoding."""
    for bom, name in BOMS:
        if data.startswith(bom):
            # A byte-order mark is the file's own statement of its encoding: it beats any setting.
            return Decoded(_decode(data[len(bom):], name, path, len(bom), data), name, bom)
    if encoding:
        name = _codec(encoding, path, "encoding")
        return Decoded(_decode(data, name, path, 0, data), name, b"")
    if container == "xml":
        declared = _XML_DECLARATION.match(data[:1024])
        if declared:
            name = _codec(declared.group(1).decode("ascii"), path, "the XML declaration's encoding")
            return Decoded(_decode(data, name, path, 0, data), name, b"")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", b"")
    except UnicodeDecodeError as exc:
        if container != "table":
            raise _not_text(data, exc.start, path, "UTF-8", hint="save it as UTF-8") from None
        detected = detect_encoding(data)
        if detected is None:
            raise _not_text(data, exc.start, path, "UTF-8 or any encoding listing-lint could recognise",
                            hint="save it as UTF-8 or name its encoding with `encoding:` (`--encoding`)") from None
        return Decoded(_decode(data, detected, path, 0, data), detected, b"")


def detect_encoding(data: bytes) -> str | None:
    """The legacy encoding a table was most likely written in, or None."""
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results:
        return None
    best = min(r.chaos for r in results)
    close = [_superset(r.encoding) for r in results if r.chaos <= best + 0.01]
    for name in _PREFERRED:
        if name in close:
            return name
    return close[0]


def _superset(name: str) -> str:
    name = codecs.lookup(name).name.replace("-", "_")
    return _SUPERSETS.get(name, name)


def _codec(name: str, path: str, what: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise LoadError(f"{what} '{name}' is not an encoding listing-lint knows (such as utf-8, cp1251, gb18030)",
                        path) from None


def _decode(body: bytes, name: str, path: str, offset: int, data: bytes) -> str:
    try:
        return body.decode(name)
    except UnicodeDecodeError as exc:
        raise _not_text(data, offset + exc.start, path, name, hint="check the file's encoding, or set `encoding:`") from None


def _not_text(data: bytes, at: int, path: str, encoding: str, hint: str) -> LoadError:
    line = data[:at].count(b"\n") + 1
    return LoadError(f"file is not {encoding} text (byte 0x{data[at]:02x} at offset {at}); {hint}", path, line)
