"""Workbooks: cells as Excel shows them (never through a float), sheets, templates, and broken files.

Two kinds of .xlsx are made here, in tmp_path, rather than kept as binaries: templates built
with openpyxl, and a package written byte for byte as Excel writes one, because openpyxl writes
neither shared strings nor the 17-digit doubles (`1299.9000000000001`) that Excel stores.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from listing_lint.errors import LoadError
from listing_lint.loaders import load_file, load_text
from listing_lint.loaders.reader import ReadSettings
from listing_lint.model import to_plain

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def excel_package(path: Path, rows: list[str], strings: list[str], formats: dict[int, str], xfs: list[int],
                  date1904: bool = False) -> Path:
    """An .xlsx as Excel writes it: one sheet of `<row>` XML, shared strings, cell styles by number format."""
    def part(body: str) -> str:
        return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body

    numfmts = "".join(f'<numFmt numFmtId="{k}" formatCode="{v}"/>' for k, v in formats.items())
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", part('<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                                               'content-types"/>'))
        z.writestr("_rels/.rels", part(f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{RELS}/'
                                       'officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        z.writestr("xl/workbook.xml", part(
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><workbookPr date1904="{int(date1904)}"/>'
            '<sheets><sheet name="Товары" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        z.writestr("xl/_rels/workbook.xml.rels", part(
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{RELS}/worksheet" '
            'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="' + RELS + '/sharedStrings" '
            'Target="sharedStrings.xml"/><Relationship Id="rId3" Type="' + RELS + '/styles" Target="styles.xml"/>'
            '</Relationships>'))
        z.writestr("xl/styles.xml", part(
            f'<styleSheet xmlns="{MAIN}"><numFmts count="{len(formats)}">{numfmts}</numFmts>'
            f'<cellXfs count="{len(xfs)}">' + "".join(f'<xf numFmtId="{n}" fontId="0"/>' for n in xfs)
            + "</cellXfs></styleSheet>"))
        z.writestr("xl/sharedStrings.xml", part(f'<sst xmlns="{MAIN}" count="{len(strings)}">'
                                                + "".join(strings) + "</sst>"))
        z.writestr("xl/worksheets/sheet1.xml", part(f'<worksheet xmlns="{MAIN}"><sheetData>' + "".join(rows)
                                                    + "</sheetData></worksheet>"))
    return path


@pytest.fixture
def excel_book(tmp_path) -> Path:
    strings = [
        "<si><t>Артикул</t></si>", "<si><t>Цена</t></si>", "<si><t>Вид</t></si>",
        "<si><t>RU-1</t></si>",
        # Rich text in runs, and the reading of Japanese text (rPh), which is not part of the cell's text.
        '<si><r><t>Платок </t></r><r><rPr><b/></rPr><t xml:space="preserve">«Роза» </t></r>'
        "<rPh sb=\"0\" eb=\"1\"><t>ヨミ</t></rPh></si>",
        "<si><t>Шарф_x000D_\nтёплый</t></si>",
    ]
    # Styles: 0 General, 1 `0.00`, 2 `0`, 3 `#,##0.00 [$₽-419]`, 4 percent, 5 a date, 6 date and time.
    formats = {164: '#,##0.00\\ [$₽-419]'}
    xfs = [0, 2, 1, 164, 9, 14, 22]
    cell = '<c r="{ref}"{attrs}><v>{v}</v></c>'.format

    def row(n: int, *cells: str) -> str:
        return f'<row r="{n}">' + "".join(cells) + "</row>"

    rows = [
        row(1, cell(ref="A1", attrs=' t="s"', v=0), cell(ref="B1", attrs=' t="s"', v=1),
            cell(ref="C1", attrs=' t="s"', v=2)),
        row(2, cell(ref="A2", attrs=' t="s"', v=3), cell(ref="B2", attrs="", v="1299.9000000000001"),
            cell(ref="C2", attrs=' s="1"', v="1299.9"), cell(ref="D2", attrs=' s="2"', v="1299.9"),
            cell(ref="E2", attrs=' s="3"', v="4500.1"), cell(ref="F2", attrs=' s="4"', v="0.2"),
            cell(ref="G2", attrs="", v="0.30000000000000004"), cell(ref="H2", attrs="", v="4.6070331842E+12")),
        row(4, cell(ref="B4", attrs=' s="5"', v="45413"), cell(ref="C4", attrs=' s="6"', v="45413.5"),
            cell(ref="D4", attrs=' t="b"', v="1"), cell(ref="E4", attrs=' t="e"', v="#N/A"),
            '<c r="F4" t="str"><f>A2&amp;"-X"</f><v>RU-1-X</v></c>', cell(ref="G4", attrs=' t="s"', v=4),
            '<c r="H4" t="inlineStr"><is><t>  два  пробела</t></is></c>', cell(ref="I4", attrs=' t="s"', v=5),
            '<c r="J4" s="1"/>'),
    ]
    return excel_package(tmp_path / "book.xlsx", rows, strings, formats, xfs)


def test_number_cells_read_as_excel_shows_them_never_through_a_float(excel_book, monkeypatch):
    import openpyxl.worksheet._reader as openpyxl_cells

    def no_float(value):
        raise AssertionError("a number cell went through openpyxl's float conversion")

    monkeypatch.setattr(openpyxl_cells, "_cast_number", no_float)
    from listing_lint.loaders.workbook import open_workbook
    from listing_lint.loaders.reader import Probe

    sheet = open_workbook(Probe(str(excel_book), excel_book.read_bytes(), ReadSettings()))
    cells = {c: sheet.scalar(1, i) for i, c in enumerate("ABCDEFGH")}
    assert {c: s.text for c, s in cells.items()} == {
        "A": "RU-1",
        "B": "1299.9",  # the stored double, to the 15 digits Excel shows (a float would say 1299.9000000000001)
        "C": "1299.90",  # `0.00`
        "D": "1299.9",  # `0` shows 1300, but the stored value is what is sold: no digit is rounded away
        "E": "4500.10",  # `#,##0.00 ₽`: two decimals, no grouping (a machine number has none)
        "F": "20%",
        "G": "0.3",
        "H": "4607033184200",  # a barcode typed into a number cell, not 4.6070331842E+12
    }
    assert [c for c, s in cells.items() if s.machine] == ["B", "C", "D", "E", "F", "G", "H"]
    assert (cells["B"].loc.line, cells["B"].loc.column, cells["B"].start) == (2, 2, None)  # no offsets: no text edits


def test_other_cells_as_text(excel_book):
    from listing_lint.loaders.workbook import open_workbook
    from listing_lint.loaders.reader import Probe

    sheet = open_workbook(Probe(str(excel_book), excel_book.read_bytes(), ReadSettings()))
    assert [sheet.row_number(r) for r in range(len(sheet))] == [1, 2, 4]  # the empty row 3 is no row
    texts = sheet.values(2)
    assert texts[1:9] == ["2024-05-01", "2024-05-01T12:00:00", "TRUE", "#N/A", "RU-1-X", "Платок «Роза» ",
                          "  два  пробела", "Шарф\r\nтёплый"]
    assert not any(sheet.scalar(2, c).machine for c in range(1, 9))  # a date is text, not an amount
    assert sheet.scalar(2, 9) is None  # a styled cell with no value


def ozon_template(path: Path, price_format: str | None = "#,##0.00") -> Path:
    """An Ozon category template as a seller fills it in: instructions first, then `Шаблон`."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Инструкция"
    book.active.append(["Как заполнить шаблон: обязательные поля отмечены звёздочкой"])
    sheet = book.create_sheet("Шаблон")
    sheet.append(["Шаблон для поставщика. Категория: Платки"])
    sheet.merge_cells("A1:H1")
    sheet.append(["№", "Артикул*", "Название товара", "Цена, руб.*", "Цена до скидки, руб.", "НДС, %*",
                  "Штрихкод (Серийный номер / EAN)", "Ссылка на главное фото*", "Ссылки на дополнительные фото",
                  "Бренд*", "Цвет товара*", "Материал", "Аннотация", "Объединить на одной карточке*"])
    sheet.append(["", "Обязательное поле", "Название товара", "Цена в рублях с учётом скидки",
                  "Обязательное поле", "Не облагается, 10, 20"])
    sheet.append(["", "", "", "Например: 1500"])
    sheet.append([1, "RU-SHAWL-001", "Платок  «Роза»", 1299.9, 1500, 20, "4607033184200",
                  "https://cdn.example/rose.jpg", "https://cdn.example/rose-2.jpg\nhttps://cdn.example/rose-3.jpg",
                  "Павловопосадская мануфактура", "красный", "шерсть", "Шерстяной платок", "rose"])
    sheet.append([2, "RU-SHAWL-002", "Платок «Роза», синий", 1350, None, 20, "4607033184217",
                  "https://cdn.example/rose-blue.jpg", None, "Павловопосадская мануфактура", "синий", "шерсть",
                  None, "rose"])
    sheet.append([3, "RU-HAT-003", None, "2 100,50", None, 20])
    if price_format:
        sheet["D5"].number_format = price_format
    hidden = book.create_sheet("validation")
    hidden.sheet_state = "hidden"
    hidden.append(["Артикул", "Цена, руб."])  # a header-like list the template validates with
    book.save(path)
    return path


def test_ozon_template_is_read_without_config(tmp_path):
    catalog = load_file(ozon_template(tmp_path / "ozon.xlsx"), ReadSettings(locale="ru_RU"))
    assert catalog.format == "ozon" and catalog.currency == "RUB"  # `руб.` in the header
    assert not catalog.sources[catalog.path].editable
    assert [(l.id, l.loc.line) for l in catalog.listings] == [("RU-SHAWL-001", 5), ("RU-SHAWL-002", 6),
                                                               ("RU-HAT-003", 7)]  # notes in rows 3 and 4 skipped
    rose, blue, hat = catalog.listings
    price = rose.price.amount
    assert (price.text, price.machine, price.loc.line, price.loc.column) == ("1299.90", True, 5, 4)
    assert (hat.price.amount.text, hat.price.amount.machine) == ("2 100,50", False)  # typed as text: by locale
    assert rose.group_id == blue.group_id == "rose"
    assert rose.attributes == {"price_before_discount": "1500", "color": "красный", "Материал": "шерсть"}
    assert to_plain(rose.get("images")) == ["https://cdn.example/rose.jpg", "https://cdn.example/rose-2.jpg",
                                            "https://cdn.example/rose-3.jpg"]
    assert (rose.text_of("gtin"), rose.text_of("brand")) == ("4607033184200", "Павловопосадская мануфактура")
    assert rose.texts("description")["ru"].text == "Шерстяной платок"


def test_ozon_template_findings_at_their_cells(cli, tmp_path):
    book = ozon_template(tmp_path / "ozon.xlsx")
    before = book.read_bytes()
    (tmp_path / ".listing-lint.yaml").write_text("source_locale: ru_RU\ntarget_locales: [en_US]\n", encoding="utf-8")
    result = cli("check", "--select", "L001,L003,L005,C001,T001", "--format", "json", "--exit-zero", "--fix",
                 "ozon.xlsx", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    found = [(f["code"], f["line"], f["column"], f["listing_id"], f["field"]) for f in json.loads(result.stdout)]
    assert found == [
        ("L005", 5, 3, "RU-SHAWL-001", "title.ru"),  # row 5, column C
        ("T001", 5, 3, "RU-SHAWL-001", "title.en"),
        ("T001", 5, 13, "RU-SHAWL-001", "description.en"),  # column M, `Аннотация`
        ("T001", 6, 3, "RU-SHAWL-002", "title.en"),
        ("L001", 7, 1, "RU-HAT-003", "title"),
    ]  # no L003 (the category's characteristics are attributes), no C001 (roubles)
    assert book.read_bytes() == before  # a workbook is not edited by --fix


def test_ozon_style_workbook_through_a_column_map(tmp_path):
    from openpyxl import Workbook

    # A seller's own sheet laid out as Ozon's: a title row, the header, a row of notes under it.
    book = Workbook()
    sheet = book.active
    sheet.append(["Остатки и цены на 01.12"])
    sheet.append(["Артикул*", "Название товара", "Цена, руб.*", "Бренд*", "Склад", "Комментарий"])
    sheet.append(["обязательно", "как на витрине", "в рублях, без копеек", "", "", ""])
    sheet.append(["RU-1", "Шарф", 1200, "Кукмор", "Казань", ""])
    sheet.append(["RU-2", "Варежки", 450.5, "Кукмор", "Казань", "новинка"])
    book.save(tmp_path / "prices.xlsx")
    columns = {"Артикул*": "id", "Название товара": "title", "Цена, руб.*": "price", "Бренд*": "brand"}
    catalog = load_file(tmp_path / "prices.xlsx", ReadSettings(columns=columns, locale="ru_RU", currency="RUB"))
    assert catalog.format == "table"
    assert [(l.id, l.loc.line, l.price.amount.text) for l in catalog.listings] == [("RU-1", 4, "1200"),
                                                                                  ("RU-2", 5, "450.5")]
    assert [(u.name, u.loc.line, u.loc.column) for u in catalog.unknown_columns] == [("Склад", 2, 5),
                                                                                    ("Комментарий", 2, 6)]
    # A full template is Ozon's, with the same map applied inside it.
    template = load_file(ozon_template(tmp_path / "ozon.xlsx"), ReadSettings(columns=columns, locale="ru_RU"))
    assert template.format == "ozon" and template.listings[0].text_of("brand") == "Павловопосадская мануфактура"


def test_sheet_and_header_row_settings(tmp_path):
    book = ozon_template(tmp_path / "ozon.xlsx")
    assert load_file(book, ReadSettings(sheet=2)).listings[0].id == "RU-SHAWL-001"
    assert load_file(book, ReadSettings(sheet=" шаблон ")).format == "ozon"
    with pytest.raises(LoadError) as err:
        load_file(book, ReadSettings(sheet="Товары"))
    assert err.value.message == ("sheet: the workbook has no sheet 'Товары'; "
                                 "its sheets are 'Инструкция', 'Шаблон', 'validation'")
    with pytest.raises(LoadError) as err:
        load_file(book, ReadSettings(sheet=4))
    assert "4 is not a sheet position" in err.value.message and err.value.path == str(book)
    # The header named outright: row 3's notes become the header, so nothing names an id.
    with pytest.raises(LoadError) as err:
        load_file(book, ReadSettings(sheet="Шаблон", header_row=3, input_format="ozon"))
    assert err.value.line == 3


@pytest.mark.parametrize("content, message", [
    (b"PK\x03\x04\x14\x00\x06\x00" + b"\xfd\x00" * 20,
     "the workbook is damaged, or is not a workbook (it is not a readable zip archive): open it in Excel"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40,
     "this is an Excel 97-2003 workbook (.xls) or a password-protected workbook, which listing-lint does not read"),
    ("ods", "this is an OpenDocument spreadsheet (.ods), which listing-lint does not read"),
    ("zip", "this zip archive is not an Excel workbook (it has no workbook part)"),
])
def test_files_it_cannot_read_say_what_to_do(cli, tmp_path, content, message):
    path = tmp_path / "products.xlsx"
    if content in ("ods", "zip"):
        with zipfile.ZipFile(path, "w") as z:
            if content == "ods":
                z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            z.writestr("content.xml", "<office:document-content/>")
    else:
        path.write_bytes(content)
    result = cli("check", "--select", "L", "products.xlsx", cwd=tmp_path)
    assert result.exit_code == 2
    assert f"products.xlsx: {message}" in result.stderr
    assert "save it as .xlsx, or export it as 'CSV UTF-8'" in result.stderr


def test_a_workbook_saved_under_a_csv_name_is_read(tmp_path):
    book = ozon_template(tmp_path / "ozon.xlsx")
    renamed = tmp_path / "ozon.csv"
    book.rename(renamed)
    catalog = load_file(renamed)
    assert catalog.format == "ozon" and catalog.listings[0].id == "RU-SHAWL-001"


def test_a_row_reads_as_the_same_listing_as_in_yaml(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Артикул*", "Название товара", "Цена, руб.*", "Бренд", "Штрихкод (Серийный номер / EAN)",
                        "Цена до скидки, руб.", "НДС, %"])
    book.active.append(["RU-1", "Шарф", 1200.5, "Кукмор", "4607033184200", 1500, 20])
    book.save(tmp_path / "ozon.xlsx")
    ozon = load_file(tmp_path / "ozon.xlsx", ReadSettings(locale="ru_RU"))
    yaml = load_text("- {id: RU-1, title: {ru: Шарф}, price: 1200.5, brand: Кукмор, gtin: '4607033184200',\n"
                     "   attributes: {price_before_discount: 1500}}\n", "c.yaml")
    (ours,), (theirs,) = ozon.listings, yaml.listings
    assert ozon.format == "ozon"
    assert to_plain(ours.node) == to_plain(theirs.node)
    assert ours.price.amount.machine == theirs.price.amount.machine is True  # a number cell, an unquoted number


def test_a_damaged_sheet_names_the_row(tmp_path):
    rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c></row>', '<row r="2"><c r="A2" t="s"><v>7</v></c></row>']
    book = excel_package(tmp_path / "broken.xlsx", rows, ["<si><t>id</t></si>"], {}, [0])
    with pytest.raises(LoadError) as err:
        load_file(book)
    assert (err.value.path, err.value.line) == (str(book), 2)
    assert err.value.message.startswith("the workbook is damaged (a cell names shared string 7, which it does not have)")


def test_a_workbook_no_reader_knows_names_its_header_row(cli, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Отчёт о продажах за ноябрь"])
    book.active.append(["Дата", "Товар", "Сумма"])
    book.active.append(["01.11", "Шарф", 1200])
    book.save(tmp_path / "report.xlsx")
    result = cli("check", "--select", "L", "report.xlsx", cwd=tmp_path)
    assert result.exit_code == 2
    assert ("report.xlsx:2: no column of this table holds the listing id (row 2 names 'Дата', 'Товар', 'Сумма'); "
            "map its columns in config `columns:`") in result.stderr
