"""Any other table through config `columns:`: detection, header matching, unmapped columns, locale prices."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from listing_lint.errors import NotACatalog
from listing_lint.loaders import load_file, load_text
from listing_lint.loaders.reader import ReadSettings
from listing_lint.model import to_plain
from listing_lint.money.parse import parse_price

DATA = Path(__file__).parent / "data" / "tables"
RU = DATA / "excel_ru_cp1251.csv"  # Russian Excel's semicolon CSV: cp1251, CRLF, `4 500,00` (no-break space)
ZH = DATA / "export_zh_gb18030.csv"  # a Chinese seller's export: GB18030, prices like `99.00元`
RU_COLUMNS = {"Артикул*": "id", "Название товара": "title", "Цена, руб.*": "price", "Бренд": "brand", "Штрихкод": "gtin"}
ZH_COLUMNS = {"商品编号": "id", "商品名称": "title", "价格": "price", "品牌": "brand", "条形码": "gtin"}


def lines(path: Path, encoding: str) -> list[str]:
    return path.read_bytes().decode(encoding).splitlines()


def check(cli, tmp_path: Path, source: Path, config: dict, *select: str) -> list[tuple]:
    shutil.copy(source, tmp_path / source.name)
    (tmp_path / ".listing-lint.yaml").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    result = cli("check", "--select", ",".join(select), "--format", "json", "--exit-zero", source.name, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    return [(f["code"], f["line"], f["column"], f["listing_id"], f["field"]) for f in json.loads(result.stdout)]


def test_gb18030_export_with_yuan_prices_through_a_column_map(cli, tmp_path):
    catalog = load_file(ZH, ReadSettings(columns=ZH_COLUMNS, locale="zh_CN"))
    assert (catalog.format, catalog.sources[str(ZH)].encoding) == ("table", "gb18030")  # no `encoding:` set
    scarf = catalog.listings[1]
    assert (scarf.id, scarf.texts("title")["zh"].text, scarf.price.amount.text) == ("CN-002", "羊毛围巾", "99.00元")
    parsed = parse_price(scarf.price.amount.text, locale="zh_CN", strict=True)
    assert (parsed.amount, parsed.currency) == (Decimal("99.00"), "CNY")
    found = check(cli, tmp_path, ZH, {"source_locale": "zh_CN", "target_locales": ["en_US"], "columns": ZH_COLUMNS},
                  "L001", "L003", "C001", "C006", "T001")
    assert found == [
        ("L003", 1, 22, None, "颜色"),  # the one column the map does not name, at its header cell
        ("T001", 2, 8, "CN-001", "title.en"),
        ("T001", 3, 8, "CN-002", "title.en"),
        ("L001", 4, 1, "CN-003", "title"),
    ]  # and no C001/C006: `元` is the currency of every price
    text = lines(ZH, "gb18030")
    assert text[0][21:] == "颜色" and text[2][7:].startswith("羊毛围巾,")


def test_russian_excel_csv_headers_as_people_mean_them(tmp_path):
    # Case, spacing and the template's required-field `*` do not matter.
    columns = {"артикул": "id", "  Название   товара ": "title", "ЦЕНА, РУБ.": "price", "бренд*": "brand"}
    catalog = load_file(RU, ReadSettings(columns=columns, locale="ru_RU"))
    assert (catalog.format, catalog.sources[str(RU)].encoding) == ("table", "cp1251")
    shawl = catalog.listings[0]
    assert shawl.id == "RU-SHAWL-001" and shawl.text_of("brand") == "Павловопосадская мануфактура"
    price = shawl.price.amount
    # As Russian Excel shows it, and not a machine number: the money parser reads it by the source locale.
    assert (price.text, price.machine, price.loc.line, price.loc.column) == ("4\u00a0500,00", False, 2, 44)
    assert parse_price(price.text, "RUB", "ru_RU", machine_number=price.machine, strict=True).amount == Decimal("4500.00")
    assert [c for c in catalog.columns] == ["Артикул*", "Название товара", "Цена, руб.*", "Бренд"]
    assert [(u.name, u.loc.line, u.loc.column) for u in catalog.unknown_columns] == [("Штрихкод", 1, 44), ("Цвет", 1, 53)]


def test_russian_excel_csv_findings(cli, tmp_path):
    config = {"source_locale": "ru_RU", "target_locales": ["en_US"], "columns": RU_COLUMNS}
    found = check(cli, tmp_path, RU, config, "L001", "L003", "L005", "C001")
    assert found == [
        ("L003", 1, 53, None, "Цвет"),
        ("L005", 2, 14, "RU-SHAWL-001", "title.ru"),
        ("C001", 2, 44, "RU-SHAWL-001", "price"),
        ("C001", 3, 22, "RU-BOOTS-002", "price"),
        ("L001", 4, 1, "RU-HAT-003", "title"),
        ("C001", 4, 13, "RU-HAT-003", "price"),
    ]
    text = lines(RU, "cp1251")
    assert text[1][13:].startswith("Павлопосадский платок  «Роза»") and text[3][12:].startswith("2\u00a0100,50")
    # `currency:` is the currency of the prices written without one; `ignore_columns:` silences the rest.
    config.update(currency="RUB", ignore_columns=["Цвет"])
    assert [f[0] for f in check(cli, tmp_path, RU, config, "L003", "C001")] == []


@pytest.mark.parametrize("ignore, reported", [
    ([], ["Вес, г", "Meta: a", "Meta: b"]),
    (["*"], []),
    (["Meta: *"], ["Вес, г"]),
    (["вес, г", "meta: a"], ["Meta: b"]),
])
def test_ignore_columns_names_and_globs(ignore, reported):
    text = "sku;name;cost;Вес, г;Meta: a;Meta: b\nA1;Шарф;1200;300;x;y\n"
    settings = ReadSettings(columns={"sku": "id", "name": "title", "cost": "price"}, ignore_columns=tuple(ignore))
    catalog = load_text(text, "export.csv", settings=settings)
    assert catalog.format == "table"
    assert [u.name for u in catalog.unknown_columns] == reported


def test_detection_needs_the_map_to_name_headers_of_the_file():
    ours = "id,title.ru,price,Вес\nA1,Шарф,1200 RUB,300\n"
    # A column map for some other file: our own CSV is still read by its own reader.
    assert load_text(ours, "c.csv", settings=ReadSettings(columns={"Артикул": "id"})).format == "csv"
    # Naming one of its headers makes it a mapped table, which beats our CSV's bare `id`.
    mapped = load_text(ours, "c.csv", settings=ReadSettings(columns={"Вес": "attributes.weight"}))
    assert mapped.format == "table" and mapped.listings[0].attributes == {"weight": "300"}
    assert mapped.listings[0].price.amount.text == "1200 RUB"  # a header that is a field needs no mapping


def test_no_id_column_says_how_to_map_it():
    with pytest.raises(NotACatalog) as err:
        load_text("Название;Цена\nШарф;1200\n", "export.csv", settings=ReadSettings(columns={"Название": "title"}))
    assert err.value.line == 1 and "config `columns:`" in err.value.message and "'Название', 'Цена'" in err.value.message


def test_a_row_reads_as_the_same_listing_as_in_yaml():
    columns = {"Артикул": "id", "Название": "title", "Цена": "price", "Цвет": "attributes.color"}
    table = load_text("Артикул;Название;Цена;Цвет\nRU-1;Шарф;1 200,50;красный\n", "export.csv",
                      settings=ReadSettings(columns=columns, locale="ru_RU"))
    yaml = load_text("- {id: RU-1, title: {ru: Шарф}, price: '1 200,50', attributes: {color: красный}}\n", "c.yaml")
    (ours,), (theirs,) = table.listings, yaml.listings
    assert to_plain(ours.node) == to_plain(theirs.node)
    assert ours.price.amount.machine == theirs.price.amount.machine is False  # a quoted YAML string, a CSV cell
