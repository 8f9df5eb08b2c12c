"""WooCommerce product CSV: variations are listings that take their parent's values, lists split in place."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from listing_lint.loaders import load_file, load_text
from listing_lint.loaders.reader import ReadSettings
from listing_lint.model import to_plain

DATA = Path(__file__).parent / "data" / "tables"
# A variable hoodie (parent 44, variations by `id:44` and by SKU), a simple shawl, a variable cap with no
# variations, a grouped set, and a simple product with no name.
EXPORT = DATA / "woocommerce_variable.csv"
LINES = EXPORT.read_text(encoding="utf-8").splitlines()


def at(line: int, column: int) -> str:
    return LINES[line - 1][column - 1 :]


@pytest.fixture
def export():
    return load_file(EXPORT, ReadSettings(currency="USD", locale="en_US"))


def test_detected_and_which_rows_are_listings(export):
    assert export.format == "woocommerce"
    # The variable hoodie (line 2) is its variations; the grouped set (line 7) only gathers products.
    assert [(l.id, l.loc.line) for l in export.listings] == [
        ("hoodie-blue", 3), ("46", 4), ("shawl-rose", 5), ("cap", 6), ("mittens", 8)]
    blue, red, shawl, cap, mittens = export.listings
    assert blue.group_id == red.group_id == "hoodie"  # `Parent` as `id:44` and as the parent's SKU
    assert shawl.group_id is None and cap.group_id is None


def test_a_variation_takes_its_parents_values_as_the_same_objects(export):
    blue, red = export.listings[:2]
    parent_sku = blue.scalar("group_id")
    assert parent_sku is red.scalar("group_id") and (parent_sku.loc.line, parent_sku.loc.column) == (2, 13)
    assert red.texts("description")["en"] is blue.texts("description")["en"]
    assert red.text("title", "en")[1].text == "Hoodie"  # no Name of its own: the parent's
    assert blue.text("title", "en")[1].text == "Hoodie - Blue"
    assert red.get("attributes").items["short_description"] is blue.get("attributes").items["short_description"]
    assert red.scalar("category") is blue.scalar("category")
    assert blue.attributes == {"Color": "Blue", "short_description": "Soft hoodie"}
    assert red.attributes["Color"] == "Red"


def test_prices_categories_and_images(export):
    blue, red, shawl, cap, _ = export.listings
    assert (blue.price.amount.text, blue.price.amount.machine) == ("45.00", True)
    assert (blue.scalar("sale_price").text, blue.scalar("sale_price").machine) == ("40.00", True)
    assert cap.price.amount.text == "19.00"  # a variable product with no variations is a listing itself
    category = red.scalar("category")  # the first of `Clothing > Hoodies, Sale`, where it stands
    assert (category.text, category.loc.line, category.loc.column) == ("Clothing > Hoodies", 2, 77)
    assert at(2, 77).startswith("Clothing > Hoodies, Sale")
    assert EXPORT.read_text(encoding="utf-8")[category.start : category.end] == category.text  # fixable in place
    images = red.get("images").items
    assert [i.text for i in images] == ["https://shop.example/hoodie.jpg", "https://shop.example/hoodie-back.jpg"]
    assert [(i.loc.line, i.loc.column) for i in images] == [(2, 105), (2, 138)]
    assert at(2, 138).startswith("https://shop.example/hoodie-back.jpg\"")
    assert to_plain(blue.get("images")) == ["https://shop.example/hoodie-blue.jpg"]  # its own, not the parent's
    assert shawl.category == "Accessories > Shawls" and export.currency == "USD"


def test_findings_point_at_the_cells(cli, tmp_path):
    shutil.copy(EXPORT, tmp_path / "wc-product-export.csv")
    (tmp_path / ".listing-lint.yaml").write_text("source_locale: en_US\ntarget_locales: [en_US]\ncurrency: USD\n",
                                                 encoding="utf-8")
    result = cli("check", "--select", "L001,L003,L005,C001", "--format", "json", "--exit-zero",
                 "wc-product-export.csv", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    found = [(f["code"], f["line"], f["column"], f["listing_id"], f["field"]) for f in json.loads(result.stdout)]
    assert found == [
        # `Meta: …`, `Attribute 1 visible` and the rest are WooCommerce's columns; this one is not.
        ("L003", 1, 250, None, "Gift wrap"),
        # The parent's description, shared by both variations: one finding at its one place.
        ("L005", 2, 51, "hoodie-blue", "description.en"),
        ("L001", 8, 1, "mittens", "title"),
    ]
    assert at(1, 250) == "Gift wrap" and at(2, 51).startswith("<p>Organic  cotton</p>")


def test_a_variation_whose_parent_is_not_in_the_file_keeps_the_reference():
    text = ("ID,Type,SKU,Name,Regular price,Parent,Short description\n"
            "7,variation,,Scarf - Red,10.00,id:3,\n"
            "8,simple,,Hat,12.00,,\n")
    catalog = load_text(text, "export.csv")
    assert catalog.format == "woocommerce"
    scarf, hat = catalog.listings
    assert (scarf.id, scarf.group_id, hat.id, hat.group_id) == ("7", "id:3", "8", None)  # no SKU: the ID


def test_a_product_reads_as_the_same_listing_as_in_yaml():
    woo = load_text("ID,Type,SKU,Name,Short description,Description,Sale price,Regular price,Categories,Images\n"
                    '5,simple,SH-1,Wool shawl,Warm,<p>Pure wool</p>,40.00,48.60,"Shawls, Sale",https://x.example/1.jpg\n',
                    "export.csv", settings=ReadSettings(locale="en_US"))
    yaml = load_text("- {id: SH-1, title: {en: Wool shawl}, description: {en: <p>Pure wool</p>}, sale_price: 40.00,\n"
                     "   price: 48.60, category: Shawls, images: [https://x.example/1.jpg],\n"
                     "   attributes: {short_description: Warm}}\n", "c.yaml")
    (ours,), (theirs,) = woo.listings, yaml.listings
    assert to_plain(ours.node) == to_plain(theirs.node)
    assert ours.price.amount.machine == theirs.price.amount.machine is True
