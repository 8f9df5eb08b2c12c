"""YAML and CSV loaders: same listings from both, exact locations, Decimal-safe text, bad input."""

from __future__ import annotations

import codecs

import pytest

from listing_lint.errors import LoadError, NotACatalog
from listing_lint.loaders import decode, load_text
from listing_lint.loaders.table import scan
from listing_lint.model import Scalar, to_plain

YAML = """\
source_locale: ru_RU
target_locales: [en_US]
listings:
  - id: RU-SHAWL-001
    category: accessories/shawls
    title:       {ru: "Павлопосадский платок, шерсть", en: "Pavlovo Posad wool shawl"}
    price: 4500 RUB
    prices: {USD: 48.60}
    lint_ignore: [P001]
  - id: RU-BOOTS-002
    title:
      ru: Валенки
      en_US: Valenki
    price: {amount: 3900.50, currency: RUB}
  - id: RU-COAT-003
    title: {ru: Пальто, en: Coat}
    price: 18900
    currency: RUB
"""

CSV = (
    "id,category,title.ru,title.en,price,currency,prices.USD,lint_ignore\n"
    'RU-SHAWL-001,accessories/shawls,"Павлопосадский платок, шерсть",Pavlovo Posad wool shawl,4500 RUB,,48.60,P001\n'
    'RU-BOOTS-002,,"Валенки\nручной валки",Valenki,3900.50,RUB,,\n'
    "RU-COAT-003,,Пальто,Coat,18900,RUB,,\n"
)


def test_yaml_locations_are_exact():
    cat = load_text(YAML, "c.yaml", "yaml")
    assert [l.id for l in cat.listings] == ["RU-SHAWL-001", "RU-BOOTS-002", "RU-COAT-003"]
    first = cat.listings[0]
    assert (first.loc.line, first.loc.column) == (4, 5)
    written, title = first.text("title", "en_US")
    assert written == "title.en"
    assert (title.loc.line, title.loc.column) == (6, 60)
    assert YAML.splitlines()[5][title.loc.column - 1 :].startswith('"Pavlovo')
    assert first.locate("prices.USD").line == 8
    assert cat.source_locale == "ru_RU" and cat.target_locales == ["en_US"]


def test_numbers_keep_the_text_written_never_a_float():
    cat = load_text(YAML, "c.yaml", "yaml")
    assert cat.listings[0].prices["USD"].text == "48.60"  # a float would say 48.6
    price = cat.listings[1].price
    assert (price.amount.text, price.currency.text, price.field) == ("3900.50", "RUB", "price.amount")
    coat = cat.listings[2].price
    assert (coat.amount.text, coat.currency.text) == ("18900", "RUB")


def test_locale_key_falls_back_from_locale_to_language():
    cat = load_text(YAML, "c.yaml", "yaml")
    boots = cat.listings[1]
    assert boots.text("title", "en_US")[0] == "title.en_US"
    assert boots.text("title", "en_GB") is None  # en_US is not a fallback for en_GB
    assert cat.listings[0].text("title", "en_GB")[0] == "title.en"


def test_csv_gives_the_same_listings_as_yaml():
    ycat = load_text(YAML, "c.yaml", "yaml")
    ccat = load_text(CSV, "c.csv", "csv")
    for y, c in zip(ycat.listings, ccat.listings, strict=True):
        assert y.id == c.id
        assert {k: v.text for k, v in y.texts("title").items()}["ru"].split()[0] == c.texts("title")["ru"].text.split()[0]
        assert (y.price.amount.text, y.price.currency and y.price.currency.text) == (
            c.price.amount.text, c.price.currency and c.price.currency.text)
        assert y.lint_ignore == c.lint_ignore
    assert ccat.listings[0].prices["USD"].text == "48.60"


def test_csv_line_numbers_count_multiline_cells():
    cat = load_text(CSV, "c.csv", "csv")
    assert [l.loc.line for l in cat.listings] == [2, 3, 5]  # row 3 has a cell over two lines
    boots = cat.listings[1]
    assert boots.texts("title")["ru"].text == "Валенки\nручной валки"
    en = boots.texts("title")["en"]
    assert (en.loc.line, en.loc.column) == (4, 15)
    assert cat.columns["title.en"].column == 22


def test_csv_value_spans_point_at_the_cell_text():
    cat = load_text(CSV, "c.csv", "csv")
    cell = cat.listings[0].texts("title")["ru"]
    assert CSV[cell.start : cell.end] == cell.text


def test_csv_scanner_agrees_with_the_csv_module():
    import csv
    import io

    text = 'a,b,c\n"x ""y""",,"1\n2"\r\nplain,"q,r", s \n'
    ours = [[c.value for c in cells] for _, cells in scan(text)]
    assert ours == list(csv.reader(io.StringIO(text, newline="")))


def test_semicolon_csv_from_spreadsheets():
    cat = load_text("id;title.ru;price\nA1;Шарф;1200 RUB\n", "s.csv", "csv")
    assert cat.listings[0].price.amount.text == "1200 RUB"


def test_yaml_bare_list_of_listings():
    cat = load_text("- {id: A1, price: 1 RUB}\n- {id: A2, price: 2 RUB}\n", "l.yaml", "yaml")
    assert [l.id for l in cat.listings] == ["A1", "A2"] and cat.source_locale is None


def test_duplicate_keys_are_recorded_with_both_places():
    text = "listings:\n  - id: A1\n    price: 10 RUB\n    price: 100 RUB\n"
    cat = load_text(text, "d.yaml", "yaml")
    (dup,) = cat.duplicate_keys
    assert (dup.key, dup.first.line, dup.duplicate.line, dup.listing_index) == ("price", 3, 4, 0)
    assert cat.listings[0].price.amount.text == "100 RUB"


def test_yaml_null_and_blank():
    cat = load_text("- {id: ~, title: {ru: ''}, price: null}\n", "n.yaml", "yaml")
    listing = cat.listings[0]
    assert listing.id is None and listing.scalar("price").is_null
    assert isinstance(listing.texts("title")["ru"], Scalar) and listing.texts("title")["ru"].blank


@pytest.mark.parametrize(
    "text, fmt, error, line",
    [
        ("listings: [\n  {id: A1\n", "yaml", LoadError, 3),
        ("ci:\n  steps: [lint]\n", "yaml", NotACatalog, 1),
        ("", "yaml", NotACatalog, 1),
        ("name,title.ru\nx,y\n", "csv", NotACatalog, 1),
        ("- a\n- b\n", "yaml", NotACatalog, 1),
        ("listings:\n  - !!python/object:os.system {}\n", "yaml", LoadError, 2),
        ("listings:\n  - just text\n", "yaml", LoadError, 2),
        ('id,title.ru\nA1,"never closed\n', "csv", LoadError, 2),
    ],
)
def test_bad_input_names_the_line(text, fmt, error, line):
    with pytest.raises(error) as info:
        load_text(text, f"bad.{fmt}", fmt)
    assert info.value.path == f"bad.{fmt}"
    assert info.value.line == line


def test_not_utf8_names_the_line():
    data = "id,title.ru\nA1,ok\n".encode() + "A2,Шарф\n".encode("cp1251")
    with pytest.raises(LoadError) as info:
        decode(data, "cp.csv")
    assert info.value.line == 3 and "not UTF-8" in info.value.message


def test_to_plain_round_trip_shape():
    cat = load_text(YAML, "c.yaml", "yaml")
    plain = to_plain(cat.listings[1].node)
    assert plain["price"] == {"amount": "3900.50", "currency": "RUB"}


@pytest.mark.parametrize("pure", [False, True])
def test_c_and_pure_parsers_agree(monkeypatch, pure):
    import yaml

    if pure:
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    text = "- id: ~\n  t: ''\n  p: \"q\"\n  s: |\n    x\n  n: 5\n  e:\n"
    listing = load_text(text, "p.yaml", "yaml").listings[0]
    assert listing.scalar("id").is_null and listing.scalar("e").is_null
    assert not listing.scalar("t").is_null and listing.scalar("t").quoted
    assert listing.scalar("s").text == "x\n" and listing.scalar("n").text == "5"


def test_merge_keys_and_aliases():
    text = "defaults: &d {category: hats, price: 900 RUB}\nlistings:\n  - {<<: *d, id: A1}\n  - {<<: *d, id: A2, price: 950 RUB}\n"
    a1, a2 = load_text(text, "m.yaml", "yaml").listings
    assert (a1.category, a1.price.amount.text) == ("hats", "900 RUB")
    assert a2.price.amount.text == "950 RUB"


def test_two_documents_are_refused():
    with pytest.raises(LoadError) as info:
        load_text("listings: []\n---\nlistings: []\n", "two.yaml", "yaml")
    assert info.value.line == 2


@pytest.mark.parametrize("text", [
    "source_locale: ru_RU\nlistngs:\n  - {id: A1}\n",
    "source_locale: ru_RU\nitems:\n  - {id: A1}\n",
])
def test_a_broken_catalog_is_an_error_not_a_stranger(text):
    with pytest.raises(LoadError) as info:
        load_text(text, "b.yaml", "yaml")
    assert not isinstance(info.value, NotACatalog)
    assert "listings" in info.value.message


def test_a_list_of_other_mappings_is_not_a_catalog():
    with pytest.raises(NotACatalog):
        load_text("- hosts: all\n  tasks: []\n", "playbook.yml", "yaml")


def test_csv_header_case_and_tab_separated():
    cat = load_text("ID\tTitle.ru\tPrice\nA1\tШарф\t1200 RUB\n", "t.csv", "csv")
    listing = cat.listings[0]
    assert (listing.id, listing.texts("title")["ru"].text, listing.price.amount.text) == ("A1", "Шарф", "1200 RUB")


def test_a_config_file_is_not_a_broken_catalog():
    with pytest.raises(NotACatalog):
        load_text("source_locale: ru_RU\ntarget_locales: [en_US]\nrates: rates.yaml\n", ".listing-lint.yaml", "yaml")


def test_excel_unicode_text_utf16_with_bom_is_read_and_written_back_the_same(cli, tmp_path):
    # Excel's "Unicode Text" export: UTF-16LE with a byte-order mark, tab-separated.
    text = "id\ttitle.ru\tprice\r\nA1\tШарф  красный\t1200 RUB\r\n"
    path = tmp_path / "export.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    from listing_lint.loaders import load_file

    catalog = load_file(path)
    title = catalog.listings[0].texts("title")["ru"]
    assert (title.text, title.loc.line, title.loc.column) == ("Шарф  красный", 2, 4)
    assert catalog.sources[str(path)].encoding == "utf-16-le"
    result = cli("check", "--select", "L005", "--fix", str(path))
    assert result.exit_code == 0, result.stderr
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF16_LE)
    assert data[2:].decode("utf-16-le") == text.replace("Шарф  красный", "Шарф красный")


def test_a_set_encoding_that_does_not_fit_names_the_line(tmp_path):
    from listing_lint.loaders import load_file
    from listing_lint.loaders.reader import ReadSettings

    path = tmp_path / "c.csv"
    path.write_bytes("id,title.ru\nA1,Шарф\n".encode("utf-8") + b"A2,\x98\n")
    with pytest.raises(LoadError) as err:
        load_file(path, ReadSettings(encoding="cp1251"))
    assert err.value.line == 3 and "not cp1251 text (byte 0x98" in err.value.message
