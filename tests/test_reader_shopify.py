"""Shopify product CSV: one listing per variant, product values shared, images rows folded in, exact places."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from listing_lint.loaders import load_file, load_text
from listing_lint.loaders.reader import ReadSettings
from listing_lint.model import to_plain

DATA = Path(__file__).parent / "data" / "tables"
EXPORT = DATA / "shopify_variants.csv"  # a product with 3 variants and an image row, two single-variant products
LINES = EXPORT.read_text(encoding="utf-8").splitlines()


def at(line: int, column: int) -> str:
    """The file's text from a 1-based line and column: what a finding's place points at."""
    return LINES[line - 1][column - 1 :]


@pytest.fixture
def export() -> object:
    return load_file(EXPORT, ReadSettings(currency="USD", locale="en_US"))


def check(cli, tmp_path: Path, config: str, *select: str, name: str = "products_export.csv") -> list[dict]:
    shutil.copy(EXPORT, tmp_path / name)
    (tmp_path / ".listing-lint.yaml").write_text(config, encoding="utf-8")
    result = cli("check", "--select", ",".join(select), "--format", "json", "--exit-zero", name, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def places(findings: list[dict], code: str) -> list[tuple]:
    return [(f["line"], f["column"], f["listing_id"], f["field"]) for f in findings if f["code"] == code]


def test_detected_without_input_format_and_one_listing_per_variant(export):
    assert export.format == "shopify"
    assert [l.id for l in export.listings] == ["PP-RED-125", "PP-RED-148", "pavlovo-shawl/Blue/125 cm", "valenki", "UH-01"]
    assert [l.loc.line for l in export.listings] == [2, 3, 4, 6, 7]  # line 5 holds only another picture
    assert {l.group_id for l in export.listings[:3]} == {"pavlovo-shawl"}


def test_variants_share_the_products_scalars(export):
    red, large, blue = export.listings[:3]
    title = red.text("title", "en_US")[1]
    for variant in (large, blue):
        assert variant.text("title", "en_US")[1] is title  # the same object: one value, one place
        assert variant.scalar("brand") is red.scalar("brand")
        assert variant.scalar("category") is red.scalar("category")
        assert variant.texts("description")["en"] is red.texts("description")["en"]
    assert (title.text, title.loc.line, title.loc.column) == ("Pavlovo Posad  wool shawl", 2, 15)
    assert at(2, 15).startswith("Pavlovo Posad  wool shawl,")


def test_fields_of_a_variant(export):
    red, large, blue, boots, hat = export.listings
    assert to_plain(large.get("attributes")) == {"Color": "Red", "Size": "148 cm"}
    assert to_plain(red.get("attributes")) == {"compare_at_price": "55.00", "Color": "Red", "Size": "125 cm"}
    assert (large.price.amount.text, large.price.amount.machine, large.price.currency) == ("56.60", True, None)
    assert export.currency == "USD"  # what prices written without one are in (config `currency:`)
    assert red.attributes["compare_at_price"] == "55.00" and red.get("attributes").items["compare_at_price"].machine
    assert large.text_of("gtin") == "4607033184217" and blue.text_of("gtin") is None
    assert red.text_of("brand") == "Posad Heritage"
    assert red.category == "Apparel & Accessories > Clothing Accessories > Scarves & Shawls"
    assert boots.category == "Boots"  # no Product Category: the Type
    # The variant's own image first, then every picture of the product, each once.
    assert to_plain(blue.get("images")) == ["https://cdn.example/pp-blue.jpg", "https://cdn.example/pp-red.jpg",
                                            "https://cdn.example/pp-detail.jpg", "https://cdn.example/pp-box.jpg"]
    box = blue.get("images").items[-1]
    assert (box.loc.line, box.loc.column) == (5, 32) and at(5, 32).startswith("https://cdn.example/pp-box.jpg")
    assert boots.get("attributes") is None  # `Title: Default Title` is Shopify's placeholder, not an option


def test_ids_without_a_sku():
    text = ("Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price\n"
            "cap,Cap,Size,S,,10.00\ncap,,,M,,10.00\nscarf,Scarf,Title,Default Title,,12.00\n")
    catalog = load_text(text, "export.csv")
    assert catalog.format == "shopify"
    assert [l.id for l in catalog.listings] == ["cap/S", "cap/M", "scarf"]
    assert [(l.scalar("id").loc.line, l.scalar("id").loc.column) for l in catalog.listings] == [(2, 1), (3, 1), (4, 1)]


def test_the_2024_export_header_is_the_same_format():
    text = ("Title,URL handle,Description,Vendor,Product category,Type,Published on online store,Status,SKU,"
            "Barcode,Option1 name,Option1 value,Price,Compare-at price,Product image URL,Variant image URL\n"
            "Wool shawl,wool-shawl,<p>Warm</p>,Posad,Apparel,Shawls,TRUE,active,WS-1,4607033184200,Color,Red,"
            "48.60,55.00,https://cdn.example/1.jpg,https://cdn.example/red.jpg\n"
            ",wool-shawl,,,,,,,WS-2,,,Blue,49.60,,https://cdn.example/2.jpg,\n")
    catalog = load_text(text, "export.csv", settings=ReadSettings(locale="en_US"))
    assert catalog.format == "shopify" and not catalog.unknown_columns
    first, second = catalog.listings
    assert [first.id, second.id, second.group_id] == ["WS-1", "WS-2", "wool-shawl"]
    assert second.text("title", "en")[1] is first.text("title", "en")[1]
    assert second.attributes == {"Color": "Blue"} and first.attributes["compare_at_price"] == "55.00"
    assert to_plain(second.get("images")) == ["https://cdn.example/1.jpg", "https://cdn.example/2.jpg"]


def test_findings_point_at_the_cells(cli, tmp_path):
    config = "source_locale: en_US\ntarget_locales: [en_US]\ncurrency: USD\n"
    found = check(cli, tmp_path, config, "L001", "L003", "L005", "C001")
    # The doubled space is in the product's title: one value, reported once, where it is written.
    assert places(found, "L005") == [(2, 15, "PP-RED-125", "title.en")]
    assert places(found, "L001") == [(7, 1, "UH-01", "title")]  # the hat's product row has no title
    # Published, SEO Title, Google Shopping / …, metafield columns: Shopify's, not unknown.
    assert places(found, "L003") == [(1, 364, None, "Wrapping note")]
    assert at(1, 364) == "Wrapping note"
    assert places(found, "C001") == []  # every price takes config `currency:`


def test_prices_without_config_currency_have_none(cli, tmp_path):
    found = check(cli, tmp_path, "source_locale: en_US\n", "C001")
    assert places(found, "C001") == [(2, 222, "PP-RED-125", "price"), (3, 52, "PP-RED-148", "price"),
                                     (4, 43, "pavlovo-shawl/Blue/125 cm", "price"), (6, 104, "valenki", "price"),
                                     (7, 84, "UH-01", "price")]
    assert at(2, 222).startswith("48.60,") and at(7, 84).startswith("65.00,")


def test_an_image_only_row_is_not_a_listing_and_a_row_without_handle_continues():
    text = ("Handle,Title,Variant SKU,Variant Price,Image Src\n"
            "cap,Cap,C-1,10.00,https://cdn.example/1.jpg\n"
            "cap,,,,https://cdn.example/2.jpg\n"
            ",,C-2,11.00,\n")
    catalog = load_text(text, "export.csv")
    assert [l.id for l in catalog.listings] == ["C-1", "C-2"]
    assert catalog.listings[1].group_id == "cap" and to_plain(catalog.listings[1].get("images")) == [
        "https://cdn.example/1.jpg", "https://cdn.example/2.jpg"]


def test_a_product_reads_as_the_same_listing_as_in_yaml():
    shopify = load_text("Handle,Title,Body (HTML),Vendor,Type,Variant SKU,Variant Price,Variant Barcode\n"
                        "valenki,Felt boots,<p>Wool</p>,Kukmor,Boots,VB-1,120.00,4607033184200\n", "export.csv",
                        settings=ReadSettings(locale="en_US"))
    yaml = load_text("- {id: VB-1, group_id: valenki, title: {en: Felt boots}, description: {en: <p>Wool</p>},\n"
                     "   brand: Kukmor, category: Boots, price: 120.00, gtin: '4607033184200'}\n", "c.yaml")
    (ours,), (theirs,) = shopify.listings, yaml.listings
    assert to_plain(ours.node) == to_plain(theirs.node)
    assert ours.price.amount.machine == theirs.price.amount.machine is True


def test_bad_rows_name_their_line():
    from listing_lint.errors import LoadError

    with pytest.raises(LoadError) as err:
        load_text('Handle,Title,Variant SKU,Variant Price\ncap,Cap,C-1,10.00\ncap,"Cap,C-2,11.00\n', "export.csv")
    assert (err.value.path, err.value.line, err.value.message) == ("export.csv", 3, "a quoted cell is never closed")
    with pytest.raises(LoadError) as err:
        load_text("Handle,Title,Variant SKU,Variant Price\ncap,Cap,C-1,10.00,extra\n", "export.csv")
    assert (err.value.line, err.value.message) == (2, "row has 5 cells but the header names 4")
