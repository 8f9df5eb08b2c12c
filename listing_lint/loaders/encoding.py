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
PARQUET_SUFFIXES = (".parquet",)
PARQUET_MAGIC = b"PAR1"
READABLE_SUFFIXES = YAML_SUFFIXES + TABLE_SUFFIXES + XML_SUFFIXES + WORKBOOK_SUFFIXES + JSON_SUFFIXES + PARQUET_SUFFIXES

_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
# A legacy encoding may be a subset of the one it was really written in: a detector that
# saw only GB2312 characters says gb2312, but the next row may hold a GB18030 one.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932", "euc_kr": "cp949",
              "ascii": "utf-8", "latin_1": "cp1252", "iso8859_1": "cp1252", "tis_620": "cp874"}
# When a short file decodes equally well several ways, the encoding sellers' tools write most.
_PREFERRED = ("cp1251", "cp1252", "gb18030", "cp932", "cp949", "big5", "cp1250", "cp1254", "cp1253", "cp1256",
              "cp1255", "cp1257", "cp1258", "cp874", "koi8_r")


class Decoded(NamedTuple):
    text: str
    encoding: str  # a Python codec name; what the file is written back in
    bom: bytes


def container_of(data: bytes, suffix: str) -> str:
    """`yaml`, `json`, `xml`, `table`, `workbook` or `parquet`, from the content first and the name second."""
    if data.startswith(WORKBOOK_MAGIC):
        return "workbook"
    if data.startswith(PARQUET_MAGIC):
        return "parquet"
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
    if suffix in TABLE_SUFFIXES:
        return "table"
    # No telling name (an export saved as `products`, say): a text whose first line is split
    # by a delimiter is a table; anything else (a PDF, an image) is no file listing-lint reads.
    first_line = head.split("\n", 1)[0]
    binary = "\x00" in head or sum(ch < " " and ch not in "\t\r\n" for ch in head) > len(head) // 100
    return "table" if not binary and any(d in first_line for d in (",", ";", "\t")) else "unknown"


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
    """The legacy encoding a table was most likely written in, or None.

    charset-normalizer proposes the encodings the bytes decode well in; a short export
    (a header and a few rows) often decodes "well" in several, so the proposals are then
    judged on what a catalog's text looks like once decoded: words of one script
    (`Schöner`, not `Schцner`), accents on some letters of a Latin word (not `Ïëàòîê`),
    no control or box-drawing characters, no half-width katakana (what GB or Big5 bytes
    read as Shift_JIS give). Among equals, the encoding sellers' tools write most wins:
    identical text from cp1250 and cp1252 is cp1252.
    """
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    results = list(from_bytes(data))
    if not results:
        return None
    best = min(r.chaos for r in results)
    proposed = [_superset(r.encoding) for r in sorted(results, key=lambda r: r.chaos) if r.chaos <= best + 0.2]
    order = list(dict.fromkeys([*_PREFERRED, *proposed]))
    sample = _sample(data)
    texts: dict[str, str] = {}  # decoded sample → the likeliest name of the encoding that gives it
    for name in order:
        text = _try_decode(sample, name)
        if text is not None:
            texts.setdefault(text, name)
    # Plausibility first; then the encodings spreadsheet tools write (Excel's ANSI code pages)
    # before the rest (mac_latin2, cp775, ...), which must read clearly better to win.
    # charset-normalizer's own measure of mess only in coarse steps: on a few rows it is noise.
    ranked = sorted(texts.items(), key=lambda t: (round(_implausibility(t[0]) - _currency_marks(t[0]), 1),
                                                  t[1] not in _PREFERRED, int(mess_ratio(t[0], 1.0) * 2),
                                                  order.index(t[1])))
    for _, name in ranked:
        if _try_decode(data, name) is not None:
            return name
    return None


def _sample(data: bytes, limit: int = 1 << 15) -> bytes:
    """The lines of a file that are not plain ASCII, up to `limit` bytes: what tells encodings apart."""
    lines = [line for line in data[: limit * 8].split(b"\n") if not line.isascii()]
    picked, size = [], 0
    for line in lines:
        picked.append(line)
        size += len(line) + 1
        if size >= limit:
            break
    return b"\n".join(picked)


def _try_decode(data: bytes, name: str) -> str | None:
    try:
        return data.decode(name)
    except (UnicodeDecodeError, LookupError):
        return None


_WORD = re.compile(r"[^\s\d\"',;:.()\[\]{}<>/\\|!?+=*&%$#@^~`_-]+")
_VOWELS = frozenset("аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ")
_RARE_CYRILLIC = frozenset("ЂЃѓЉЊЌЋЏђљњќћџЎўЈЅѕ")  # 0x80-0xBF of cp1251, where other code pages put €, ä, ö...
_RARE_LATIN = frozenset("þðÞÐýÝÿŕĺţ")  # where cp1252 and cp1250 put Turkish ı, ş and Polish ą, ł, ś...


def _script(o: int) -> str:
    if o < 0x250 or 0x1E00 <= o < 0x1F00:
        return "latin"
    if 0x370 <= o < 0x400:
        return "greek"
    if 0x400 <= o < 0x530:
        return "cyrillic"
    if 0x3040 <= o < 0x3100 or 0x3400 <= o < 0xA000 or 0xF900 <= o < 0xFB00:
        return "cjk"
    if 0xAC00 <= o < 0xD7B0 or 0x1100 <= o < 0x1200 or 0x3130 <= o < 0x3190:
        return "hangul"
    return "other"


_BESIDE_AMOUNT = re.compile(r"(?<=\d) ?([^\x00-\x7f][^\s\d;,\t\"]*)|(?<![^\s\d;,\t\"\x00-\x7f])([^\s\d;,\t\"\x00-\x7f]+) ?(?=\d)")


def _currency_marks(text: str) -> float:
    """The share of the non-ASCII marks beside amounts that are currencies (`99.00元`, `4500 руб.`, `12 €`).

    A catalog's prices are the one thing every table has, and a right decoding makes their
    marks currencies; a wrong one makes them noise (`99.00ФЄ`). Worth half a mixed-script word.
    """
    from listing_lint.money.currencies import identify

    marks = [a or b for a, b in _BESIDE_AMOUNT.findall(text)][:200]
    if not marks:
        return 0.0
    seen: dict[str, bool] = {}
    hits = sum(seen.setdefault(m, bool(identify(m).code or identify(m).candidates)) for m in marks)
    return 0.5 * hits / len(marks)


def _implausibility(text: str) -> float:
    """How little `text` looks like a catalog's words, per word that is not plain ASCII (0: not at all)."""
    import unicodedata

    bad = 0.0
    words = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        words += 1
        scripts: set[str] = set()
        ascii_letters = accented = 0
        if unicodedata.category(word[0]) == "Mn":
            bad += 2  # a word cannot start with a combining mark (Chinese bytes read as Thai)
        upper_after_lower = 0
        previous_lower = False
        for ch in word:
            o = ord(ch)
            lower = ch.islower()
            upper_after_lower += previous_lower and ch.isupper()
            previous_lower = lower
            if o < 128:
                if ch.isalpha():
                    ascii_letters += 1
                continue
            category = unicodedata.category(ch)
            if category[0] == "C" or 0x2500 <= o < 0x25A0:
                bad += 2  # controls, unassigned and private-use code points, box drawing
            elif 0xFF61 <= o < 0xFFA0:
                bad += 1  # half-width katakana
            elif category[0] == "L":
                script = _script(o)
                scripts.add(script)
                accented += script == "latin"
                bad += ch in _RARE_CYRILLIC or 0.5 * (ch in _RARE_LATIN)
            elif (category[0] in "SP" and category != "Sc" or category == "No") and len(word) > 1:
                bad += 1  # a symbol inside a word: `z³`, `Сч¤ет`
        if ascii_letters and (scripts & {"cyrillic", "greek"}):
            scripts.add("latin")  # `Schцner`: Latin letters in a Cyrillic word
        if len(scripts) > 1:
            bad += 3
        if accented >= 3 and not ascii_letters or accented > 2 * ascii_letters + 1:
            bad += 2  # `Ïëàòîê`: a word of accented Latin letters only (Cyrillic read as cp1252)
        if "cyrillic" in scripts and len(word) >= 4 and not _VOWELS.intersection(word):
            bad += 1
        if upper_after_lower and len(word) >= 4:
            bad += 1  # `пКЮРНЙ`: cp1251 read as KOI8-R swaps the cases
    return bad / max(words, 1)


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
