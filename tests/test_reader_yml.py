"""Yandex Market YML: a windows-1251 feed with `&#215;` references read into the same listings a
YAML catalog gives, RUR as the spec's rouble, category paths, and hostile or broken XML refused
with the line, the column and what to fix."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from listing_lint.errors import LoadError, NotACatalog
from listing_lint.loaders import load_file, load_text
from listing_lint.loaders.reader import Probe, ReadSettings
from listing_lint.loaders.registry import choose
from listing_lint.model import Mapping, Scalar, to_plain
from reader_checks import findings

FEEDS = Path(__file__).parent / "data" / "feeds"
YML = FEEDS / "market_ru.yml"
RU = ReadSettings(locale="ru_RU")


def _check(cli, tmp_path, path, select):
    return findings(cli, tmp_path, path, select, "ru_RU", "en_US")


def _offer(body: str, attrs: str = 'id="A1"', categories: str = "", after: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<yml_catalog date="2026-11-20 10:00"><shop>{categories}\n'
            f"<offers>\n<offer {attrs}>\n{body}\n</offer>\n</offers>{after}</shop></yml_catalog>\n")


def test_the_fixture_is_windows_1251_with_a_doctype_and_character_references():
    data = YML.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1251")
    assert text.startswith('<?xml version="1.0" encoding="windows-1251"?>\n<!DOCTYPE yml_catalog SYSTEM "shops.dtd">')
    assert "125&#215;125" in text


def test_a_cp1251_feed_is_decoded_by_its_declaration_and_read_with_exact_locations():
    catalog = load_file(YML, RU)
    assert (catalog.format, catalog.sources[str(YML)].encoding) == ("yml", "cp1251")
    assert [l.id for l in catalog.listings] == ["RU-SHAWL-001", "RU-BOOTS-002", "RU-COAT-003", "RU-HAT-004"]
    shawl = catalog.listings[0]
    assert (shawl.loc.line, shawl.loc.column) == (18, 7)  # the `<offer`
    offer_id = shawl.scalar("id")
    assert (offer_id.loc.line, offer_id.loc.column, offer_id.quoted) == (18, 18, True)  # the attribute's value
    assert catalog.text[offer_id.start:offer_id.end] == "RU-SHAWL-001"
    assert (shawl.group_id, shawl.locate("group_id").line, shawl.locate("group_id").column) == ("101", 18, 59)
    title = shawl.texts("title")["ru"]
    assert title.text == "Павлопосадский платок 125×125 см"  # `&#215;` is the character it stands for
    assert (title.loc.line, title.loc.column) == (26, 15)
    assert catalog.text[title.start:title.end] == "Павлопосадский платок 125&#215;125 см"  # not verbatim: no fix edits it
    description = shawl.texts("description")["ru"]
    assert description.text == "<p>Шерсть, ручная набивка.</p>"  # the CDATA's content, verbatim
    assert (description.loc.line, description.loc.column) == (29, 31)
    assert catalog.text[description.start:description.end] == description.text


def test_offer_fields_map_to_the_listing_model():
    shawl = load_file(YML, RU).listings[0]
    price = shawl.price
    assert (price.amount.text, price.amount.machine, price.field) == ("4500", True, "price")
    assert (price.amount.loc.line, price.amount.loc.column) == (20, 16)
    assert (shawl.text_of("brand"), shawl.text_of("mpn"), shawl.text_of("gtin")) == (
        "Павловопосадская платочная мануфактура", "1801-1", "4600000000017")
    assert shawl.text_of("url") == "https://remesla.example.ru/shawl-001"
    assert [s.text for s in shawl.get("images").items] == [
        "https://remesla.example.ru/img/shawl-001.jpg", "https://remesla.example.ru/img/shawl-001-b.jpg"]
    assert shawl.locate("images").line == 24
    assert shawl.attributes == {"Цвет": "красный", "Размер": "125 см", "oldprice": "5200", "categoryId": "2"}
    size = shawl.get("attributes").items["Размер"]
    assert (size.text, size.means, size.loc.line, size.loc.column) == ("125", "125 см", 32, 40)
    assert shawl.get("attributes").items["oldprice"].machine


def test_rur_is_the_spec_s_rouble():
    currency = load_file(YML, RU).listings[0].price.currency
    assert (currency.text, currency.means, currency.value) == ("RUR", "RUB", "RUB")
    assert (currency.loc.line, currency.loc.column) == (22, 21)


def test_rur_gives_no_c002_in_a_yml_but_does_in_our_yaml(cli, tmp_path):
    assert _check(cli, tmp_path, YML, "C002") == []
    yaml_file = tmp_path / "c.yaml"
    yaml_file.write_text("- id: RU-SHAWL-001\n  title: {ru: Платок}\n  price: 4500\n  currency: RUR\n", encoding="utf-8")
    assert _check(cli, tmp_path, yaml_file, "C002") == [("c.yaml", 4, 13, "C002", "RU-SHAWL-001", "currency")]


def test_findings_point_into_the_feed(cli, tmp_path):
    assert _check(cli, tmp_path, YML, "L001,L005,T007,C001") == [
        ("market_ru.yml", 47, 15, "L005", "RU-COAT-003", "title.ru"),  # `Пальто  зимнее`
        ("market_ru.yml", 48, 22, "T007", "RU-COAT-003", "description.ru"),  # UTF-8 read as cp1251
        ("market_ru.yml", 50, 7, "L001", "RU-HAT-004", "title"),  # no <name>: at its <offer>
        ("market_ru.yml", 51, 16, "C001", "RU-HAT-004", "price"),  # no <currencyId>
    ]


def test_fixes_are_written_back_in_windows_1251(cli, tmp_path):
    feed = tmp_path / "market_ru.yml"
    feed.write_bytes(YML.read_bytes())
    config = tmp_path / "listing-lint.yaml"
    config.write_text("source_locale: ru_RU\ntarget_locales: [en_US]\n", encoding="utf-8")
    result = cli("check", "--config", config, "--select", "L005,T007", "--fix", feed)
    assert "Fixed 2 problems (1 L005, 1 T007)" in result.stdout + result.stderr
    text = feed.read_bytes().decode("cp1251")
    assert "<name>Пальто зимнее</name>" in text and "<description>Пальто из шерсти.</description>" in text
    assert "125&#215;125" in text  # the rest of the file as it was


def test_category_is_the_path_in_the_shop_s_tree():
    listings = load_file(YML, RU).listings
    shawl = listings[0]
    category = shawl.scalar("category")
    assert (category.text, category.loc.line, category.loc.column) == ("Аксессуары/Платки", 23, 21)
    assert category.start is None  # the path is not what the file holds there: no fix may edit it
    assert [l.category for l in listings] == ["Аксессуары/Платки", "Обувь", "Одежда", "Аксессуары"]


def test_categories_after_offers_and_unknown_ids():
    categories = ('<categories><category id="7">Дом</category><category id="8" parentId="7">Текстиль</category>'
                  '<category id="9" parentId="8">Пледы</category></categories>')
    after = load_text(_offer("<name>Плед</name><categoryId>9</categoryId>", after=categories), "a.xml").listings[0]
    assert after.category == "Дом/Текстиль/Пледы"
    unknown = load_text(_offer("<name>Плед</name><categoryId>42</categoryId>", categories=categories), "u.xml")
    assert unknown.listings[0].category == "42"  # kept as written: the offer still says which one it meant
    loop = ('<categories><category id="1" parentId="2">A</category>'
            '<category id="2" parentId="1">B</category></categories>')
    looped = load_text(_offer("<categoryId>1</categoryId>", categories=loop), "l.xml").listings[0]
    assert looped.category == "B/A"  # a parentId loop ends, it does not hang


def test_vendor_model_title_is_made_of_its_parts_at_the_first():
    boots = load_file(YML, RU).listings[1]
    title = boots.texts("title")["ru"]
    assert title.text == "Валенки Кукморский валяльный комбинат Классика"
    assert (title.loc.line, title.loc.column, title.start) == (38, 21, None)
    named = load_text(_offer("<name>Телефон</name><vendor>Nokia</vendor><model>3310</model>",
                             'id="P1" type="vendor.model"'), "n.xml", settings=RU).listings[0]
    assert named.texts("title")["ru"].text == "Телефон"  # a <name> beats the parts


def test_same_listing_as_the_yaml_reader():
    yml = load_text(_offer("<price>4500</price><currencyId>RUB</currencyId><name>Платок</name>"
                           "<description>Шерсть</description><vendor>ППШК</vendor><picture>https://x/1.jpg</picture>"
                           '<param name="Цвет">красный</param>', 'id="A1" group_id="G"'), "a.xml", settings=RU)
    yaml = load_text("- id: A1\n  group_id: G\n  price: 4500\n  currency: RUB\n  brand: ППШК\n"
                     "  title: {ru: Платок}\n  description: {ru: Шерсть}\n  images: [https://x/1.jpg]\n"
                     "  attributes: {Цвет: красный}\n", "a.yaml")
    assert to_plain(yml.listings[0].node) == to_plain(yaml.listings[0].node)
    assert yml.listings[0].price.amount.machine == yaml.listings[0].price.amount.machine is True


def test_texts_go_under_the_file_s_language():
    text = _offer("<name>Платок</name><description>Шерсть</description>")
    assert set(load_text(text, "a.xml", settings=RU).listings[0].texts("title")) == {"ru"}
    unknown = load_text(text, "a.xml").listings[0]
    assert set(unknown.texts("title")) == {"und"} and isinstance(unknown.get("description"), Mapping)


def test_an_empty_name_is_a_blank_title_at_its_element():
    listing = load_text(_offer("<name></name>"), "a.xml", settings=RU).listings[0]
    title = listing.texts("title")["ru"]
    assert isinstance(title, Scalar) and title.blank and (title.loc.line, title.loc.column) == (5, 1)


@pytest.mark.parametrize("name, message, line, column", [
    ("entity_bomb.yml", "declares the XML entity 'lol0'", 3, 3),
    ("external_entity.yml", "'file:///etc/passwd'", 3, 3),
    ("bare_ampersand.yml", "write it as `&amp;`", 7, 22),
])
def test_hostile_and_broken_feeds_are_refused_with_where_and_why(name, message, line, column):
    started = time.perf_counter()
    with pytest.raises(LoadError) as info:
        load_file(FEEDS / "bad" / name)
    assert time.perf_counter() - started < 1.0  # a billion laughs is refused before anything is expanded
    assert message in info.value.message
    assert (info.value.line, info.value.column) == (line, column)


def test_a_hostile_doctype_does_not_hang_detection():
    started = time.perf_counter()
    with pytest.raises(LoadError):  # a prolog a backtracking pattern would take hours over
        load_text("<!DOCTYPE yml_catalog " + "[a] " * 40, "x.xml")
    assert time.perf_counter() - started < 1.0


def test_the_external_entity_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    text = (FEEDS / "bad" / "external_entity.yml").read_text(encoding="utf-8").replace("file:///etc/passwd", secret.as_uri())
    with pytest.raises(LoadError) as info:
        load_text(text, "x.yml")
    assert "TOP-SECRET" not in str(info.value) and "never reads or fetches" in info.value.message


def test_the_bomb_message_says_what_to_do():
    with pytest.raises(LoadError) as info:
        load_file(FEEDS / "bad" / "entity_bomb.yml")
    assert "delete the entity declarations" in info.value.message and not isinstance(info.value, NotACatalog)


def test_detection_picks_the_yml_reader_for_a_yml_named_feed():
    # `.yml` is a YAML suffix too, but a file that opens with `<` is XML, and its root says YML.
    probe = Probe(str(YML), YML.read_bytes(), ReadSettings())
    assert (probe.container, choose(probe).name) == ("xml", "yml")


def test_input_format_overrides_detection():
    with pytest.raises(NotACatalog) as info:
        load_file(YML, ReadSettings(input_format="xml"))
    assert "<yml_catalog>" in info.value.message and "Yandex Market YML feed" in info.value.message
    assert load_file(YML, ReadSettings(input_format="gmc-xml")).listings == []  # a Google reader finds no <item>
