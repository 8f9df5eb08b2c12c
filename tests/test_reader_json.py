"""JSON: our own shape read into the very listings YAML gives, Shopify and Content API product exports,
exact locations (tabs, escapes), JSON syntax errors at their line and column, never a YAML error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from listing_lint.errors import LoadError, NotACatalog
from listing_lint.loaders import load_file, load_text
from listing_lint.loaders.reader import Probe, ReadSettings
from listing_lint.loaders.registry import choose
from listing_lint.model import Mapping, to_plain
from reader_checks import findings

FEEDS = Path(__file__).parent / "data" / "feeds"
CATALOG = FEEDS / "catalog.json"
SHOPIFY = FEEDS / "shopify_products.json"
CONTENT_API = FEEDS / "content_api_products.json"
EN = ReadSettings(locale="en_US")


def _check(cli, tmp_path, path, select, extra=""):
    return findings(cli, tmp_path, path, select, "en_US", "de_DE", extra)


def _scalars(node):
    """Every scalar of a node with its flags, for comparing two readers' models."""
    if isinstance(node, Mapping):
        return {k: _scalars(v) for k, v in node.items.items()}
    if hasattr(node, "items"):
        return [_scalars(v) for v in node.items]
    return (node.text, node.is_null, node.quoted, node.machine)


# --- our own shape


def test_our_shape_gives_the_very_model_yaml_gives():
    text = ('{"source_locale": "ru_RU", "target_locales": ["en_US"], "listings": [\n'
            '  {"id": "A1", "title": {"ru": "Платок", "en": "Shawl"}, "price": 4500, "currency": "RUB",\n'
            '   "prices": {"USD": 48.60}, "images": ["https://x/1.jpg"], "lint_ignore": ["P001"], "brand": null}]}\n')
    from_json = load_text(text, "c.json")
    from_yaml = load_text(text, "c.yaml")  # JSON is YAML flow syntax: here the two readers can be compared
    assert from_json.format == "json" and from_yaml.format == "yaml"
    assert _scalars(from_json.listings[0].node) == _scalars(from_yaml.listings[0].node)
    places = [[(s.loc.line, s.loc.column, s.start, s.end) for s in c.listings[0].prices.values()]
              for c in (from_json, from_yaml)]
    assert places[0] == places[1] == [(3, 22, 182, 187)]
    assert (from_json.source_locale, from_json.target_locales) == ("ru_RU", ["en_US"])
    assert from_json.listings[0].prices["USD"].text == "48.60"  # never a float


def test_tabs_and_escapes_are_located_exactly():
    catalog = load_file(CATALOG)
    shawl = catalog.listings[0]
    en = shawl.texts("title")["en"]
    assert en.text == "Pavlovo Posad shawl  🧣"  # a surrogate pair, as json.dumps writes one
    assert (en.loc.line, en.loc.column) == (8, 62)  # the opening quote, as for a quoted YAML scalar; tabs count 1
    ru = shawl.texts("title")["ru"]
    assert catalog.text[ru.start + 1:ru.end - 1] == ru.text
    price = shawl.price
    assert (price.amount.text, price.amount.machine, price.amount.loc.line, price.amount.loc.column) == (
        "4500", True, 9, 13)
    assert shawl.attributes == {"Цвет": "красный"} and shawl.category == "Аксессуары/Платки"


def test_findings_point_into_a_json_catalog(cli, tmp_path):
    assert _check(cli, tmp_path, CATALOG, "L004,L005,C002") == [
        ("catalog.json", 8, 62, "L005", "RU-SHAWL-001", "title.en"),  # doubled spaces before the escape
        ("catalog.json", 17, 20, "L005", "RU-BOOTS-002", "title.ru"),  # `Валенки `
        ("catalog.json", 19, 4, "L004", "RU-BOOTS-002", "price"),  # `price` twice; the last wins (RUB)
    ]


def test_a_fix_edits_a_json_string_in_place(cli, tmp_path):
    path = tmp_path / "catalog.json"
    path.write_text(CATALOG.read_text(encoding="utf-8"), encoding="utf-8")
    config = tmp_path / "listing-lint.yaml"
    config.write_text("source_locale: ru_RU\ntarget_locales: [en_US]\n", encoding="utf-8")
    cli("check", "--config", config, "--select", "L005", "--fix", path)
    text = path.read_text(encoding="utf-8")
    assert '"ru": "Валенки",' in text
    assert "shawl  \\ud83e\\udde3" in text  # an escaped string is not edited: its text is not the file's
    json.loads(text)


@pytest.mark.parametrize("text, line, column, hint", [
    ('{\n\t"listings": [\n\t\t{"id": "A1",}\n\t]\n}\n', 3, 15, "a comma after the last entry of an object"),
    ('{"listings": [{"id": "A1"},]}', 1, 28, "a comma after the last item of a list"),
    ('{"listings": [{"id": "A1" "price": 1}]}', 1, 27, "a comma is missing"),
    ("{'listings': []}", 1, 2, "double quotes"),
    ('{"listings": [{"id": "A1", "title": {"ru": "Пла', 1, 44, "never closed"),
    ('{"listings": [\n  {"id": "A1"},\n', 3, 1, "cut short"),
    ('{"listings": []}\n{"listings": []}\n', 2, 1, ".jsonl"),
])
def test_a_json_syntax_error_names_line_column_and_what_to_fix(text, line, column, hint):
    with pytest.raises(LoadError) as info:
        load_text(text, "bad.json")
    error = info.value
    assert not isinstance(error, NotACatalog)
    assert error.message.startswith("JSON syntax error: ") and hint in error.message
    assert (error.path, error.line, error.column) == ("bad.json", line, column)
    assert str(error).startswith(f"bad.json:{line}:{column}: JSON syntax error")


def test_json_is_never_a_yaml_syntax_error(cli, tmp_path):
    # Tab-indented JSON is not YAML the pure parser reads, and `{` without a suffix is JSON.
    broken = '{\n\t"listings": [\n\t\t{"id": "A1", "title": {"ru": "x"}, "price": "1 RUB"}\n\t\n}\n'
    for name in ("broken.json", "broken"):
        (tmp_path / name).write_text(broken, encoding="utf-8")
        result = cli("check", "--select", "L001", tmp_path / name)
        assert result.exit_code == 2
        assert f"{name}:5:1: JSON syntax error: Expecting ',' delimiter" in result.stderr, result.stderr
        assert "YAML" not in result.stderr
    piped = cli("check", "--select", "L001", "--stdin-filename", "s.json", "-", input=broken)
    assert "s.json:5:1: JSON syntax error" in piped.stderr


def test_json_with_comments_is_not_a_catalog():
    with pytest.raises(NotACatalog) as info:
        load_text('{\n  // the compiler\n  "compilerOptions": {}\n}\n', "tsconfig.json")
    assert (info.value.line, info.value.column) == (2, 3) and "comment" in info.value.message


@pytest.mark.parametrize("text, what", [
    ('{"name": "shop", "version": "1.0.0", "dependencies": {}}', "an object with the keys name, version, dependencies"),
    ("[1, 2, 3]", "a list, but not of listings"),
    ('"text"', "a single value"),
])
def test_any_other_json_is_not_a_catalog_and_says_which_shapes_are(text, what):
    with pytest.raises(NotACatalog) as info:
        load_text(text, "package.json")
    message = info.value.message
    assert what in message
    assert all(shape in message for shape in ('"listings"', "Shopify", '"variants"', "Content API", '"offerId"'))
    assert (info.value.line, info.value.column) == (1, 1)


def test_a_misspelt_listings_key_in_our_shape_says_so():
    with pytest.raises(LoadError) as info:
        load_text('{"source_locale": "ru_RU",\n "listngs": [{"id": "A1"}]}', "c.json")
    assert "listngs" in info.value.message and info.value.line == 2 and not isinstance(info.value, NotACatalog)


def test_json_lines_hold_one_listing_a_line():
    text = '{"id": "A1", "title": {"en": "Shawl"}, "price": "48.60 USD"}\n\n{"id": "A2", "price": 1}\n'
    catalog = load_text(text, "c.jsonl")
    assert [(l.id, l.loc.line) for l in catalog.listings] == [("A1", 1), ("A2", 3)]
    with pytest.raises(LoadError) as info:
        load_text('{"id": "A1"}\n{"id": "A2",}\n', "c.jsonl")
    assert (info.value.line, info.value.column) == (2, 13)


# --- Shopify products export


def test_shopify_products_give_one_listing_per_variant():
    catalog = load_file(SHOPIFY, EN)
    listings = catalog.listings
    assert [(l.id, l.group_id) for l in listings] == [
        ("RU-SHAWL-001", "pavlovo-posad-shawl"), ("pavlovo-posad-shawl/9102", "pavlovo-posad-shawl"),
        ("RU-BOOTS-002", "valenki")]
    red, blue, boots = listings
    assert (red.locate("id").line, red.locate("id").column) == (17, 83)  # the variant's sku
    assert (blue.locate("id").line, blue.locate("id").column) == (20, 16)  # no sku: at the variant id
    # Variants share the product's values (one defect, one place), in mappings of their own.
    assert red.texts("title")["en"] is blue.texts("title")["en"]
    assert red.get("title") is not blue.get("title")
    assert red.texts("description")["en"].text == "<p>Wool, hand-printed.</p>"
    assert (red.text_of("brand"), red.category, red.text_of("gtin")) == ("Pavlovo Posad Shawl Manufactory", "Shawls",
                                                                         "4600000000017")
    assert red.price.amount.text == "48.60" and red.price.amount.machine and red.price.currency is None
    assert red.attributes == {"Color": "Red", "compare_at_price": "54.00"}
    assert blue.attributes == {"Color": "Blue"}
    assert boots.attributes == {}  # Shopify's `Title: Default Title` is no option
    assert [s.text.rsplit("/", 1)[1] for s in blue.get("images").items] == ["shawl-blue.jpg", "shawl-red.jpg"]


def test_keys_a_shopify_export_has_but_no_field_reads_are_skipped_whole():
    text = ('{"products": [{"handle": "h", "title": "Shawl", "seo": {"title": "SEO title"},\n'
            ' "metafields": [{"key": "sku", "variants": [{"sku": "X"}], "title": "meta"}], "created_at": "2024",\n'
            ' "variants": [{"id": 11, "sku": "A1", "price": "1.00", "inventory_policy": "deny", "price": "2.00"}]}]}\n')
    catalog = load_text(text, "s.json", settings=EN)
    [listing] = catalog.listings
    assert to_plain(listing.node) == {"id": "A1", "group_id": "h", "title": {"en": "Shawl"}, "price": "2.00"}
    [dup] = catalog.duplicate_keys
    assert (dup.key, dup.first.line, dup.first.column, dup.duplicate.line, dup.duplicate.column) == (
        "products.0.variants.0.price", 3, 39, 3, 84)


def test_shopify_prices_take_the_config_currency(cli, tmp_path):
    assert [f[3:5] for f in _check(cli, tmp_path, SHOPIFY, "C001")] == [
        ("C001", "RU-SHAWL-001"), ("C001", "pavlovo-posad-shawl/9102"), ("C001", "RU-BOOTS-002")]
    assert _check(cli, tmp_path, SHOPIFY, "C001", extra="currency: USD\n") == []
    assert _check(cli, tmp_path, SHOPIFY, "L005") == [
        ("shopify_products.json", 27, 16, "L005", "RU-BOOTS-002", "title.en")]


# --- Content API products


def test_content_api_products_map_as_the_gmc_feeds_do():
    catalog = load_file(CONTENT_API)
    shawl, boots = catalog.listings
    assert (shawl.id, shawl.group_id, shawl.text_of("url")) == (
        "RU-SHAWL-001", "101", "https://remesla.example.ru/en/shawl-001")
    assert shawl.texts("title")["en"].text == "Pavlovo Posad shawl 125×125 cm"  # contentLanguage: en
    price = shawl.price
    assert (price.field, price.amount.text, price.amount.machine, price.currency.text) == (
        "price.amount", "48.60", True, "USD")
    assert (price.amount.loc.line, price.amount.loc.column) == (27, 26)
    assert catalog.text[price.amount.start:price.amount.end] == '"48.60"'
    assert shawl.category == "Apparel & Accessories > Clothing Accessories > Scarves & Shawls"
    assert shawl.attributes["product_type"] == "Accessories > Shawls"
    assert shawl.attributes["size"] == "125x125" and shawl.attributes["unit_pricing_measure"] == "1 ct"
    assert [s.text.rsplit("/", 1)[1] for s in shawl.get("images").items] == ["shawl-001.jpg", "shawl-001-b.jpg"]
    assert to_plain(shawl.get("sale_price")) == {"amount": "44.00", "currency": "USD"}
    assert "online:en:US" not in (shawl.id or "")  # the REST id is not the offer id
    assert set(load_file(CONTENT_API, ReadSettings(locale="de_DE")).listings[0].texts("title")) == {"de"}


def test_findings_point_into_content_api_products(cli, tmp_path):
    # RUR is not the Content API's own code for anything: it is reported here, unlike in a YML.
    assert _check(cli, tmp_path, CONTENT_API, "L005,C002") == [
        ("content_api_products.json", 36, 16, "L005", "RU-BOOTS-002", "title.en"),
        ("content_api_products.json", 39, 47, "C002", "RU-BOOTS-002", "price.currency"),
    ]


def test_detection_reads_json_by_content_and_input_format_overrides():
    for name in ("catalog.json", "shopify_products.json", "content_api_products.json"):
        path = FEEDS / name
        assert choose(Probe(str(path), path.read_bytes(), ReadSettings())).name == "json"
    with pytest.raises(LoadError) as info:
        load_file(CATALOG, ReadSettings(input_format="csv"))  # read as a table, it has no id column
    assert "`id` column" in info.value.message
