"""Google Merchant Center feeds (and Meta catalogs): the RSS/Atom XML feed and the TSV/CSV text feed
map the spec's attributes to the same listing fields, each value located exactly; unknown `g:`
elements and columns are reported once where they are named; detection tells them from our CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from listing_lint.errors import LoadError, NotACatalog
from listing_lint.loaders import load_file, load_text
from listing_lint.loaders.gmc import GmcTable
from listing_lint.loaders.reader import Probe, ReadSettings
from listing_lint.loaders.registry import choose
from listing_lint.loaders.table import normal_name
from listing_lint.model import Scalar, Sequence, to_plain
from reader_checks import findings

FEEDS = Path(__file__).parent / "data" / "feeds"
RSS = FEEDS / "google_en.xml"
TSV = FEEDS / "google_de.tsv"
EN = ReadSettings(locale="en_US")
DE = ReadSettings(locale="de_DE")
G = 'xmlns:g="http://base.google.com/ns/1.0"'


def _check(cli, tmp_path, path, select, source="en_US", targets="de_DE"):
    return findings(cli, tmp_path, path, select, source, targets)


def _rss(item: str, ns: str = G) -> str:
    return f'<?xml version="1.0"?>\n<rss version="2.0" {ns}>\n<channel>\n<item>\n{item}\n</item>\n</channel>\n</rss>\n'


# --- the XML feed


def test_rss_items_map_to_the_listing_model_with_exact_locations():
    catalog = load_file(RSS, EN)
    assert catalog.format == "gmc-xml"
    assert [l.id for l in catalog.listings] == ["RU-SHAWL-001", "RU-BOOTS-002", "RU-COAT-003"]
    shawl = catalog.listings[0]
    assert (shawl.loc.line, shawl.loc.column) == (7, 5)  # the <item>
    title = shawl.texts("title")["en"]
    assert (title.text, title.loc.line, title.loc.column) == ("Pavlovo Posad shawl 125×125 cm", 9, 16)
    assert catalog.text[title.start:title.end] == title.text
    price = shawl.price
    # The spec's `15.00 USD`, kept whole and written for machines; not the <g:shipping> price.
    assert (price.amount.text, price.amount.machine, price.currency) == ("48.60 USD", True, None)
    assert (price.amount.loc.line, price.amount.loc.column) == (14, 16)
    assert shawl.scalar("sale_price").text == "44.00 USD" and shawl.scalar("sale_price").machine
    assert (shawl.group_id, shawl.text_of("gtin"), shawl.text_of("mpn")) == ("101", "4600000000017", "1801-1")
    assert shawl.text_of("brand") == "Pavlovo Posad Shawl Manufactory"
    assert shawl.text_of("url") == "https://remesla.example.ru/en/shawl-001"
    images = shawl.get("images")
    assert isinstance(images, Sequence) and [(s.text.rsplit("/", 1)[1], s.loc.line) for s in images.items] == [
        ("shawl-001.jpg", 12), ("shawl-001-b.jpg", 13)]


def test_category_is_google_product_category_else_product_type_and_both_are_kept():
    shawl = load_file(RSS, EN).listings[0]
    assert shawl.category == "Apparel & Accessories > Clothing Accessories > Scarves & Shawls"
    assert shawl.locate("category").line == 22
    attributes = shawl.attributes
    assert attributes["product_type"] == "Accessories > Shawls"
    assert attributes["google_product_category"] == shawl.category
    assert {k: attributes[k] for k in ("color", "material", "availability", "condition")} == {
        "color": "red", "material": "wool", "availability": "in stock", "condition": "new"}
    only_type = load_text(_rss("<g:id>A1</g:id><g:product_type>Hats</g:product_type>"), "t.xml").listings[0]
    assert only_type.category == "Hats"


def test_plain_rss_elements_are_the_fallback_for_g_ones():
    boots = load_file(RSS, EN).listings[1]
    assert boots.texts("title")["en"].text == "Valenki felt boots "
    assert boots.texts("description")["en"].text == "Hand-felted, 100% wool."
    assert (boots.text_of("url"), boots.locate("url").line) == ("https://remesla.example.ru/en/boots-002", 36)
    both = load_text(_rss("<title>Plain</title><g:id>A1</g:id><g:title>Google</g:title>"), "b.xml", settings=EN)
    assert both.listings[0].texts("title")["en"].text == "Google"  # g:title wins wherever it stands


def test_atom_feed_with_link_href_and_summary():
    atom = (f'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom" {G}>\n<title>Shop</title>\n'
            '<entry>\n  <g:id>A1</g:id>\n  <title>Wool shawl</title>\n  <summary>Warm wool.</summary>\n'
            '  <content type="html">&lt;p&gt;Warm wool.&lt;/p&gt;</content>\n'
            '  <link rel="enclosure" href="https://example.com/a1.jpg"/>\n'
            '  <link rel="alternate" href="https://example.com/a1"/>\n  <g:price>48.60 USD</g:price>\n</entry>\n</feed>\n')
    catalog = load_text(atom, "f.atom", settings=EN)
    assert catalog.format == "gmc-xml"
    [listing] = catalog.listings
    assert listing.texts("description")["en"].text == "Warm wool."  # summary before content
    url = listing.scalar("url")
    assert (url.text, url.loc.line, url.loc.column) == ("https://example.com/a1", 10, 31)  # the page, not the image
    assert atom[url.start:url.end] == url.text


def test_namespace_is_matched_by_uri_not_prefix():
    other = _rss("<google:id>A1</google:id><google:title>Shawl</google:title>",
                 ns='xmlns:google="http://base.google.com/ns/1.0"')
    listing = load_text(other, "o.xml", settings=EN).listings[0]
    assert (listing.id, listing.texts("title")["en"].text) == ("A1", "Shawl")
    not_google = _rss('<g:id>A1</g:id><g:price>1 USD</g:price>', ns='xmlns:g="urn:not-google"')
    with pytest.raises(NotACatalog):  # the prefix is `g`, but these are not Google's attributes
        load_text(not_google, "n.xml", fmt="gmc-xml")


def test_unknown_g_elements_are_reported_once_where_first_written(cli, tmp_path):
    catalog = load_file(RSS, EN)
    [unknown] = catalog.unknown_columns  # g:colour twice in the file, reported once
    assert (unknown.name, unknown.loc.line, unknown.loc.column) == ("g:colour", 25, 7)
    assert "g:color" in unknown.known
    found = _check(cli, tmp_path, RSS, "L003")
    assert found == [("google_en.xml", 25, 7, "L003", None, "g:colour")]
    result = cli("check", "--config", tmp_path / "listing-lint.yaml", "--select", "L003", "--format", "json",
                 "--exit-zero", RSS)
    assert "did you mean 'g:color'?" in json.loads(result.stdout)[0]["message"]


def test_ignore_columns_names_elements_too():
    for pattern in ("g:colour", "colour", "*colour"):
        assert load_file(RSS, ReadSettings(locale="en_US", ignore_columns=(pattern,))).unknown_columns == []


def test_spec_and_meta_attributes_are_not_unknown():
    meta = _rss("<g:id>A1</g:id><g:inventory>5</g:inventory><g:fb_product_category>Clothing</g:fb_product_category>"
                "<g:shipping><g:country>US</g:country></g:shipping><g:custom_label_0>x</g:custom_label_0>"
                '<c:fabric xmlns:c="http://base.google.com/cns/1.0">wool</c:fabric>')
    assert load_text(meta, "m.xml").unknown_columns == []


def test_findings_point_into_the_rss_feed(cli, tmp_path):
    assert _check(cli, tmp_path, RSS, "L001,L005,C001") == [
        ("google_en.xml", 34, 14, "L005", "RU-BOOTS-002", "title.en"),  # `Valenki felt boots `
        ("google_en.xml", 42, 7, "L001", "RU-COAT-003", "title.en"),  # <g:title></g:title>: at the element
        ("google_en.xml", 44, 16, "C001", "RU-COAT-003", "price"),  # `204.00`, no currency
    ]


def test_same_listing_as_the_yaml_reader():
    rss = load_text(_rss("<g:id>A1</g:id><g:title>Shawl</g:title><g:description>Wool</g:description>"
                         "<g:price>48.60 USD</g:price><g:brand>PP</g:brand><g:gtin>4600000000017</g:gtin>"
                         "<g:image_link>https://x/1.jpg</g:image_link><g:color>red</g:color>"), "a.xml", settings=EN)
    yaml = load_text("- id: A1\n  title: {en: Shawl}\n  description: {en: Wool}\n  price: 48.60 USD\n  brand: PP\n"
                     "  gtin: '4600000000017'\n  images: [https://x/1.jpg]\n  attributes: {color: red}\n", "a.yaml")
    assert to_plain(rss.listings[0].node) == to_plain(yaml.listings[0].node)


@pytest.mark.parametrize("name, message, line, column", [
    ("blank_line_before_declaration.xml", "delete the 1 blank line before it", 2, 1),
    ("truncated.xml", "is it cut short?", 11, 28),
])
def test_broken_feeds_say_where_and_what_to_fix(name, message, line, column):
    with pytest.raises(LoadError) as info:
        load_file(FEEDS / "bad" / name)
    assert message in info.value.message
    assert (info.value.line, info.value.column) == (line, column)
    if name == "truncated.xml":
        assert "<g:title> opened on line 11" in info.value.message


# --- the text feed


def test_tsv_columns_map_to_the_same_fields():
    catalog = load_file(TSV, DE)
    assert catalog.format == "gmc-tsv"
    shawl = catalog.listings[0]
    title = shawl.texts("title")["de"]
    assert (title.text, title.loc.line, title.loc.column) == ("Pawlowo-Possader Tuch 125×125 cm", 2, 14)
    price = shawl.price
    assert (price.amount.text, price.amount.machine, price.amount.loc.column) == ("45.00 EUR", True, 247)
    assert (shawl.group_id, shawl.locate("group_id").column) == ("101", 316)  # `g:item_group_id`
    row = TSV.read_text(encoding="utf-8").splitlines()[1]
    assert row[246:].startswith("45.00 EUR\t") and row[315:].startswith("101\t")
    assert shawl.category == "Bekleidung & Accessoires > Schals & Tücher"  # `google product category`
    assert shawl.attributes["availability"] == "in stock"


def test_additional_images_in_one_cell_are_each_located():
    shawl = load_file(TSV, DE).listings[0]
    images = shawl.get("images").items
    assert [s.text.rsplit("/", 1)[1] for s in images] == ["shawl-001.jpg", "shawl-001-b.jpg", "shawl-001-c.jpg"]
    text = TSV.read_text(encoding="utf-8")
    for image in images:
        assert text[image.start:image.end] == image.text
        line = text.splitlines()[image.loc.line - 1]
        assert line[image.loc.column - 1:].startswith(image.text)


def test_findings_point_into_the_tsv_feed(cli, tmp_path):
    assert _check(cli, tmp_path, TSV, "L003,L005", source="de_DE", targets="en_US") == [
        ("google_de.tsv", 1, 140, "L003", None, "farbe"),  # not a spec column: reported at its header cell
        ("google_de.tsv", 3, 14, "L005", "RU-BOOTS-002", "title.de"),  # `Filzstiefel  Walenki`
    ]


@pytest.mark.parametrize("header, gmc", [
    ("id\ttitle\tdescription\tlink\timage_link\tprice\tavailability", True),
    ("g:id,g:title,g:price,g:link,g:item_group_id", True),
    ("ID,Title,Description,Link,Image Link,Price,Availability,Condition", True),
    ("id,title.ru,title.en,price", False),  # our own CSV names each text's language
    ("id,title,price", False),  # nothing only a Google feed has: our CSV's to read (and L001's to report)
    ("ID,Type,SKU,Name,Published,Sale price,Regular price,Categories,Images", False),  # a WooCommerce export
])
def test_header_score_tells_a_google_feed_from_other_tables(header, gmc):
    names = [normal_name(n) for n in header.replace("\t", ",").split(",")]
    score = GmcTable().header_score(names)
    assert (score > 80) is gmc and (score == 0) is not gmc


def test_same_ids_in_the_three_market_feeds():
    # One product range across markets: the YML (ru), the RSS (en) and the TSV (de) join on `id`.
    ids = {name: [l.id for l in load_file(FEEDS / name).listings]
           for name in ("market_ru.yml", "google_en.xml", "google_de.tsv")}
    assert ids["google_en.xml"] == ids["google_de.tsv"][:3] == ids["market_ru.yml"][:3]
    assert ids["google_de.tsv"] == ids["market_ru.yml"]


# --- detection


@pytest.mark.parametrize("name, reader", [
    ("google_en.xml", "gmc-xml"), ("google_de.tsv", "gmc-tsv"), ("market_ru.yml", "yml"),
    ("catalog.json", "json"), ("shopify_products.json", "json"),
])
def test_detection_picks_the_reader_without_input_format(name, reader):
    path = FEEDS / name
    assert choose(Probe(str(path), path.read_bytes(), ReadSettings())).name == reader


def test_detection_of_csv_headers():
    gmc = "id,title,link,price,availability\nA1,Shawl,https://x,48.60 USD,in stock\n"
    ours = "id,title.ru,title.en,price\nA1,Платок,Shawl,4500 RUB\n"
    assert load_text(gmc, "g.csv").format == "gmc-tsv"
    assert load_text(ours, "c.csv").format == "csv"


def test_plain_rss_is_read_by_the_google_reader_which_says_it_is_no_product_feed():
    blog = _rss("<title>We opened a shop</title><link>https://x/news/1</link>", ns="")
    assert choose(Probe("news.xml", blog.encode(), ReadSettings())).name == "gmc-xml"
    with pytest.raises(NotACatalog) as info:
        load_text(blog, "news.xml")
    assert "no Google Merchant Center attributes" in info.value.message and info.value.line == 2
    with pytest.raises(LoadError) as undeclared:  # `g:` used, its namespace never declared
        load_text(_rss("<title>Shawl</title>\n<g:id>A1</g:id>", ns=""), "late.xml")
    assert (undeclared.value.line, undeclared.value.column) == (6, 1)
    assert 'xmlns:g="http://base.google.com/ns/1.0"' in undeclared.value.message


def test_input_format_overrides_detection():
    as_csv = load_file(TSV, ReadSettings(locale="de_DE", input_format="csv"))
    assert as_csv.format == "csv"
    assert isinstance(as_csv.listings[0].get("title"), Scalar)  # our CSV's plain `title`: not localised
    with pytest.raises(NotACatalog) as info:
        load_file(RSS, ReadSettings(input_format="xml"))
    assert "<rss>" in info.value.message
