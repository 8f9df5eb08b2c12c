"""The bad-input corpus: files no seller means to write, each of a kind that has broken a linter.

Each `Case` makes one file (bytes, or a function making it: FIFOs, symlinks, workbooks) and says
what a run must give: `error` — exit status 2 and `path[:line]: message` on stderr, never an
internal error; or a rule code — a finding of that code and no error at all; or `ok` — read as a
catalog, whatever it draws. tests/test_bad_inputs.py
runs each one through the CLI in every output format next to a good catalog.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

HEAD = "source_locale: ru_RU\ntarget_locales: [en_US]\nlistings:\n"
GOOD = HEAD + '  - {id: GOOD-1, title: {ru: "Платок", en: "Shawl"}, price: 4500 RUB, prices: {USD: 1.00}}\n'


@dataclass(frozen=True)
class Case:
    kind: str
    name: str  # the file's name (its suffix picks the reader)
    content: bytes | Callable[[Path], None] | None  # None: the path is not there
    expect: str = "error"  # or a rule code the file must draw, or `ok`: read, whatever it draws
    says: str = ""  # a part of the message on stderr

    def make(self, folder: Path) -> Path:
        path = folder / self.name
        if isinstance(self.content, bytes):
            path.write_bytes(self.content)
        elif self.content is not None:
            self.content(path)
        return path


def _workbook(rows: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


OZON = [["Артикул*", "Название товара", "Цена, руб.*"], ["OZ-1", "Платок", 4500]]
BOMB_XML = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                       for i in range(1, 10))
            + b']><rss xmlns:g="http://base.google.com/ns/1.0"><channel><item><g:id>&lol9;</g:id></item></channel></rss>')
ALIAS_BOMB = (b"a: &a [x, x, x, x, x, x, x, x, x]\n"
              + b"".join(b"%s: &%s [%s]\n" % (bytes([98 + i]), bytes([98 + i]), b", ".join([b"*" + bytes([97 + i])] * 9))
                         for i in range(8))
              + b"listings: [*i]\n")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _symlink_to(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def _directory(path: Path) -> None:
    path.mkdir()


CASES = [
    # YAML
    Case("yaml-syntax", "syntax.yaml", HEAD.encode() + b"  - {id: A, title: [\n", says="YAML syntax error"),
    Case("yaml-tab-indent", "tabs.yaml", HEAD.encode() + b"\t- id: A\n"),
    Case("yaml-python-tag", "tag.yaml", b"!!python/object/apply:os.system [echo hi]\n"),
    Case("yaml-unknown-tag", "tag2.yaml", HEAD.encode() + b"  - !listing {id: A}\n"),
    Case("yaml-alias-bomb", "bomb.yaml", ALIAS_BOMB),
    Case("yaml-deep-nesting", "deep.yaml", b"listings: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
    Case("yaml-scalar-document", "scalar.yaml", b"just some words\n"),
    Case("yaml-listings-not-a-list", "notlist.yaml", HEAD.encode() + b"  5\n"),
    Case("yaml-listing-not-a-mapping", "items.yaml", HEAD.encode() + b"  - 5\n  - [a, b]\n"),
    Case("yaml-empty-file", "empty.yaml", b""),
    Case("yaml-only-comments", "comments.yaml", b"# nothing here\n"),
    Case("yaml-two-documents", "two.yaml", GOOD.replace("GOOD-1", "TWO-1").encode() + b"---\n" + GOOD.encode()),
    Case("yaml-bad-escape", "escape.yaml", HEAD.encode() + b'  - {id: "A\\q"}\n'),
    Case("yaml-nul-byte", "nul.yaml", HEAD.encode() + b"  - {id: A\x00}\n"),
    Case("yaml-unhashable-key", "key.yaml", HEAD.encode() + b"  - {[a]: 1, id: A}\n"),
    # encodings
    Case("latin1-yaml", "latin1.yaml", HEAD.encode() + "  - {id: A, title: {en: café}}\n".encode("latin-1"),
         says="not UTF-8"),
    Case("utf16-without-bom", "utf16.yaml", GOOD.encode("utf-16-le")),
    Case("truncated-utf8", "cut.yaml", HEAD.encode() + "  - {id: A, title: {ru: Пл".encode()[:-1]),
    Case("binary-garbage-yaml", "garbage.yaml", bytes(range(256)) * 8),
    Case("bom-then-garbage", "bom.yaml", b"\xef\xbb\xbf" + bytes(range(128, 256))),
    Case("utf32-bom", "utf32.yaml", b"\xff\xfe\x00\x00" + GOOD.encode("utf-32-le")),
    # CSV and its dialects
    Case("csv-no-id-column", "noid.csv", b"foo,bar\n1,2\n"),
    Case("csv-unterminated-quote", "quote.csv", b'id,title.ru,price\nA,"never closed,4500 RUB\n'),
    Case("csv-empty", "empty.csv", b""),
    Case("csv-nul-bytes", "nul.csv", b"id,title.ru,price\nA,\x00\x00,4500 RUB\n", expect="M001"),
    Case("csv-bad-utf8-undetectable", "bytes.csv", b"id,title.ru\n" + bytes(range(128, 256)) * 4 + b"\n"),
    Case("gmc-tsv-garbage", "google.tsv", b"id\ttitle\tprice\tlink\n" + b"\xff\xfe\x00" * 50 + b"\n"),
    Case("shopify-unterminated-quote", "shopify.csv",
         b'Handle,Title,Body (HTML),Vendor,Variant SKU,Variant Price\nh,"Shawl,<p>x</p>,V,S1,10\n'),
    Case("woocommerce-nul", "woo.csv", b"ID,Type,SKU,Name,Regular price\n1,simple,\x00,Hat,\x00\n", expect="ok"),
    # XML feeds
    Case("xml-truncated", "feed.xml", b'<?xml version="1.0"?><rss xmlns:g="http://base.google.com/ns/1.0"><channel><item><g:id>1'),
    Case("xml-entity-bomb", "bomb.xml", BOMB_XML),
    Case("xml-external-entity", "xxe.xml", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
         b'<rss xmlns:g="http://base.google.com/ns/1.0"><channel><item><g:id>&e;</g:id></item></channel></rss>'),
    Case("xml-unknown-root", "other.xml", b'<?xml version="1.0"?><project><name>x</name></project>'),
    Case("xml-bad-char-reference", "charref.xml",
         b'<rss xmlns:g="http://base.google.com/ns/1.0"><channel><item><g:id>&#0;</g:id></item></channel></rss>'),
    Case("yml-truncated", "market.yml", b'<?xml version="1.0" encoding="windows-1251"?><yml_catalog><shop><offers><offer id="1">'),
    Case("yml-unknown-encoding", "enc.yml", b'<?xml version="1.0" encoding="no-such-charset"?><yml_catalog/>'),
    Case("yml-bare-ampersand", "amp.yml", b'<yml_catalog><shop><offers><offer id="1"><name>A & B</name></offer></offers></shop></yml_catalog>'),
    # workbooks
    Case("xlsx-truncated", "ozon.xlsx", _workbook(OZON)[:2000]),
    Case("xlsx-zip-without-workbook", "notbook.xlsx", _zip({"hello.txt": b"hello"})),
    Case("xlsx-that-is-text", "text.xlsx", b"id,title.ru\nA,Platok\n"),
    Case("workbook-in-yaml-clothing", "book.yaml", _workbook(OZON), expect="ok"),  # told by its content
    # JSON
    Case("json-syntax", "broken.json", b'{"listings": [{"id": "A",'),
    Case("json-wrong-shape", "shape.json", b"[1, 2, 3]"),
    Case("json-deep-nesting", "deep.json", b"[" * 200_000 + b"]" * 200_000),
    Case("json-huge-exponent", "huge.json", b'{"listings": [{"id": "A", "price": 1e999999}]}', expect="C006"),
    Case("json-lines-garbage", "lines.jsonl", b'{"id": "A"}\n{not json}\n'),
    # the file system
    Case("fifo", "pipe.yaml", _fifo, says="not a regular file (a named pipe)"),
    Case("symlink-to-dev-zero", "zero.yaml", _symlink_to("/dev/zero"), says="not a regular file (a character device)"),
    Case("dangling-symlink", "dangling.yaml", _symlink_to("/nonexistent/catalog.yaml")),
    Case("directory-named-like-a-catalog", "folder.yaml", _directory, says="holds no catalogs"),
    Case("missing-file", "missing.yaml", None, says="no such file"),
    # amounts and text that are findings, not errors
    Case("absurd-amount", "absurd.yaml",
         (HEAD + "  - {id: A, title: {ru: Платок, en: Shawl}, price: 9999999999999999999999999999 TRY}\n").encode(),
         expect="C006"),
    Case("absurd-market-price", "absurd2.yaml",
         (HEAD + "  - {id: A, title: {ru: Платок, en: Shawl}, price: 4500 RUB, "
                 "prices: {USD: 1000000000000000000000000000}}\n").encode(), expect="C006"),
    Case("control-characters", "control.yaml",
         (HEAD + '  - {id: "A\\e[31m\\a", title: {ru: "Платок", en: "Shawl \\e]0;x\\a шерсть"}, price: 4500 RUB}\n').encode(),
         expect="T004"),
    Case("number-like-words", "half.yaml",
         (HEAD + '  - {id: A, title: {ru: "Платок шерсть", en: "Shawl ½ шерсть"}, price: 4500 RUB}\n').encode(),
         expect="T004"),
]
