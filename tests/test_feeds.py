"""One catalog from one feed per market: joining, where findings point, fixes in the right file,
and how feeds are chosen from the command line, a directory or a hook.

The feeds here are listing-lint's own YAML and CSV so that these tests are about joining
alone; tests/test_demo_feeds.py joins real feed formats (YML, Google RSS and TSV).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SHOP = """\
- id: A1
  title: {ru: "Шерстяной шарф"}
  description: {ru: "Тёплый шарф из шерсти, 180 см."}
  price: 1200 RUB
- id: A2
  title: {ru: "Шапка-ушанка"}
  description: {ru: "Шапка из овчины."}
  price: 900 RUB
"""
US = "id,title.en,description.en,price\nA1,Wool  scarf,\"A warm wool scarf, 180 cm.\",12.96 USD\nA2,Ushanka hat,A sheepskin hat.,9.72 USD\nA9,Old hat,A hat.,5.00 USD\n"
DE = "id;title.de;description.de;price\nA1;Wollschal;Ein warmer Wollschal, 180 cm.;12,00 EUR\n"
CONFIG = """\
source_locale: ru_RU
target_locales: [en_US, de_DE]
rates: rates.yaml
feeds:
  ru_RU: feeds/shop.yaml
  en_US: feeds/us.csv
  de_DE: {path: feeds/de.csv, encoding: cp1252}
"""
RATES = 'date: 2026-11-20\nsource: test\nbase: USD\nrates: {RUB: "92.59", EUR: "0.9432"}\n'


@pytest.fixture
def shop(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "shop.yaml").write_text(SHOP, encoding="utf-8")
    (feeds / "us.csv").write_text(US, encoding="utf-8")
    (feeds / "de.csv").write_bytes(DE.encode("cp1252"))  # Excel in a German locale: `;` and cp1252
    (tmp_path / ".listing-lint.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "rates.yaml").write_text(RATES, encoding="utf-8")
    return tmp_path


def _json(result):
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def _where(findings, code):
    return sorted((Path(f["path"]).name, f["line"], f["column"], f["listing_id"], f["field"])
                  for f in findings if f["code"] == code)


def test_no_paths_lints_the_configured_feeds_as_one_catalog(cli, shop):
    findings = _json(cli("check", "--select", "T001,L005,L007,C003,C004", "--format", "json"))
    # Each finding points into the file that holds the value.
    assert _where(findings, "L005") == [("us.csv", 2, 4, "A1", "title.en")]
    assert _where(findings, "L007") == [("us.csv", 4, 1, "A9", "id")]
    # A2 is not in the German feed: one T001 for that market, at the id in the source feed.
    assert _where(findings, "T001") == [("shop.yaml", 5, 7, "A2", "id")]
    t001 = next(f for f in findings if f["code"] == "T001")
    assert t001["data"]["locale"] == "de_DE" and t001["data"]["feed"] == "feeds/de.csv"
    # The market feeds' prices are the markets' prices: A1's 12.96 USD and 12,00 EUR match the rates,
    # and A2, absent from the German feed, is not also asked for a EUR price.
    assert _where(findings, "C003") == [] and _where(findings, "C004") == []


def test_a_market_feed_in_cp1252_is_read_and_its_texts_are_that_market_s(cli, shop):
    records = _json(cli("show", "--format", "json"))
    a1 = next(r for r in records if r["id"] == "A1")
    assert a1["fields"]["title.de"]["value"] == "Wollschal"
    assert (Path(a1["fields"]["title.de"]["path"]).name, a1["fields"]["title.de"]["line"]) == ("de.csv", 2)
    assert a1["fields"]["prices.EUR"]["value"] == "12,00 EUR"
    assert Path(a1["fields"]["title.ru"]["path"]).name == "shop.yaml"
    orphan = next(r for r in records if r["id"] == "A9")
    assert orphan["orphan_in"] == "en_US" and Path(orphan["path"]).name == "us.csv"
    de = next(r for r in records if r["fields"].get("title.de"))
    assert de["encoding"] == "utf-8"  # the record's own file (shop.yaml); de.csv's is shown per file in text
    text = cli("show").stdout
    assert "feeds/de.csv (de_DE feed): 1 item, read as csv, encoding cp1252" in text
    assert "feeds/us.csv (en_US feed): 3 items, read as csv, encoding utf-8" in text


@pytest.mark.parametrize("named", [["feeds/us.csv"], ["feeds"], ["feeds/de.csv", "feeds/shop.yaml"]])
def test_naming_a_feed_or_its_directory_lints_the_joined_feeds_once(cli, shop, named):
    findings = _json(cli("check", "--select", "L005,L007,T001", "--format", "json", *named))
    # Joined (T001 for de_DE exists only when joined) and only once (no duplicate findings).
    assert [f["code"] for f in findings].count("T001") == 1
    assert [f["code"] for f in findings].count("L005") == 1


def test_feed_option_adds_a_market(cli, shop):
    (shop / "feeds" / "fr.csv").write_text("id,title.fr,description.fr,price\nA1,Écharpe en laine,\"Une écharpe chaude, 180 cm.\",11.00 EUR\n", encoding="utf-8")
    findings = _json(cli("check", "--select", "T001", "--format", "json", "--feed", "fr_FR=feeds/fr.csv"))
    # target_locales stays as configured (en_US, de_DE): a French feed alone adds no French market...
    assert {f["data"]["locale"] for f in findings} == {"de_DE"}
    config = shop / ".listing-lint.yaml"
    config.write_text(CONFIG.replace("[en_US, de_DE]", "[en_US, de_DE, fr_FR]"), encoding="utf-8")
    findings = _json(cli("check", "--select", "T001", "--format", "json", "--feed", "fr_FR=feeds/fr.csv"))
    # ...but once it is a target, A2 missing from it is reported for fr_FR too.
    assert sorted((f["listing_id"], f["data"]["locale"]) for f in findings) == [("A2", "de_DE"), ("A2", "fr_FR")]


def test_fix_writes_the_market_feed_that_holds_the_value(cli, shop):
    before_shop = (shop / "feeds" / "shop.yaml").read_bytes()
    result = cli("check", "--select", "L005", "--fix")
    assert result.exit_code == 0, result.stderr
    assert (shop / "feeds" / "us.csv").read_text(encoding="utf-8").splitlines()[1].startswith("A1,Wool scarf,")
    assert (shop / "feeds" / "shop.yaml").read_bytes() == before_shop


def test_fix_keeps_a_cp1252_feed_in_cp1252(cli, shop):
    (shop / "feeds" / "de.csv").write_bytes(DE.replace("Wollschal;", "Wollschal  grün;").encode("cp1252"))
    result = cli("check", "--select", "L005", "--fix")
    assert result.exit_code == 0, result.stderr
    data = (shop / "feeds" / "de.csv").read_bytes()
    assert "Wollschal grün;".encode("cp1252") in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_a_fix_the_file_s_encoding_cannot_hold_is_not_applied(cli, shop):
    from listing_lint.fixes import encoded, still_loads
    from listing_lint.model import Source

    source = Source("feeds/de.csv", DE, "csv", "cp1251")
    assert encoded(source, DE + "A2;Schal ★;1 EUR\n") is None
    assert "cannot hold" in still_loads(source, DE + "A2;Schal ★;1 EUR\n")


@pytest.mark.parametrize(
    "config, message",
    [
        ("target_locales: [en_US]\nfeeds: {en_US: feeds/us.csv}\n", "feeds need `source_locale:`"),
        ("source_locale: ru_RU\nfeeds: {en_US: feeds/us.csv}\n", "feeds: no feed for the source locale ru_RU"),
        ("source_locale: ru_RU\nfeeds: {ru_RU: feeds/shop.yaml, english: feeds/us.csv}\n", "'english' is not a locale"),
        ("source_locale: ru_RU\nfeeds: {ru_RU: {path: feeds/shop.yaml, sheets: 2}}\n", "unknown key 'sheets'"),
        ("source_locale: ru_RU\nfeeds: {ru_RU: feeds/nothere.yml}\n", "feeds/nothere.yml: no such file"),
    ],
)
def test_feed_settings_errors_name_the_problem(cli, shop, config, message):
    (shop / ".listing-lint.yaml").write_text(config, encoding="utf-8")
    result = cli("check")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_variants_sharing_a_value_report_its_defect_once():
    from listing_lint.testing import lint_text

    text = """\
source_locale: ru_RU
target_locales: [en_US]
x-product: &scarf
  group_id: SCARF
  title: {ru: "Шарф  шерстяной", en: "Wool scarf"}
listings:
  - {<<: *scarf, id: SCARF-RED, price: 1200 RUB}
  - {<<: *scarf, id: SCARF-BLUE, price: 1200 RUB}
  - {id: HAT, title: {ru: "Шапка  зимняя", en: "Winter hat"}, price: 900 RUB}
"""
    result = lint_text(text, select=["L005"])
    found = sorted((f.listing_id, f.line) for f in result.findings)
    # One finding for the title both variants share (at its one place), one for the hat's own title.
    assert found == [("HAT", 9), ("SCARF-RED", 5)]


def test_input_format_names_the_reader(cli, tmp_path):
    path = tmp_path / "export.txt"
    path.write_text("id,title.ru,price\nA1,Шарф  красный,100 RUB\n", encoding="utf-8")
    named = cli("check", "--select", "L005", "--format", "json", "--input-format", "csv", str(path))
    assert [(f["line"], f["column"]) for f in _json(named)] == [(2, 4)]
    wrong = cli("check", "--input-format", "gmc-xm", str(path))
    assert wrong.exit_code == 2 and "input format 'gmc-xm' is not one listing-lint reads (did you mean 'gmc-xml'?)" in wrong.stderr


def test_formats_lists_every_reader(cli):
    result = cli("formats")
    assert result.exit_code == 0
    for name in ("yaml", "csv", "gmc-xml", "gmc-tsv", "yml", "shopify", "woocommerce", "table", "json"):
        assert f"\n{name} " in "\n" + result.stdout


def test_csv_variant_rows_take_their_product_s_title():
    from listing_lint.testing import lint_text

    text = ("id,group_id,title.ru,title.en,price,attributes.size\n"
            "SCARF-S,SCARF,Шарф  шерстяной,Wool scarf,1200 RUB,S\n"
            "SCARF-M,SCARF,,,1200 RUB,M\n")
    result = lint_text(text, select=["L001", "L005", "T001"], path="variants.csv",
                       config_values={"source_locale": "ru_RU", "target_locales": ["en_US"]})
    # SCARF-M has the product's title (no L001, no T001) and its doubled space is one finding, at row 2.
    assert [(f.code, f.listing_id, f.line, f.column) for f in result.findings] == [("L005", "SCARF-S", 2, 15)]


def test_a_file_of_no_known_kind_says_what_is_read(cli, tmp_path):
    (tmp_path / "catalog.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n\x00\x01")
    result = cli("check", str(tmp_path / "catalog.pdf"))
    assert result.exit_code == 2
    assert "cannot tell what kind of file this is" in result.stderr and ".xml" in result.stderr and "gmc-xml" in result.stderr
