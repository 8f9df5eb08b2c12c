"""Shopify's product CSV (Products → Export), in the classic header and in the 2024 one.

One row per variant: the product's first row carries its Title, Body (HTML), Vendor, Type
and category, and the rows after it, under the same Handle, only the variant's columns
(option values, Variant SKU, Variant Price, ...). Each variant is a listing that takes the
product's values as the very same `Scalar`s, so a defect in the product's title is one
value at one place, reported once. Rows holding only a Handle and an Image Src are more
pictures of the product, not listings.

Prices: Shopify writes `12.50` in every shop language (so they are machine numbers) and
no currency; the shop's currency is config `currency:`. `Variant Price` is what the buyer
pays, even during a sale, so it is the listing's `price`: every price rule (conversions,
comparison with other sellers) must judge that amount. `Variant Compare At Price` is the
struck-through "was" price beside it, kept as `attributes.compare_at_price`; GMC-style
`sale_price` would be the wrong reading (there, `price` is the regular price).
"""

from __future__ import annotations

import re

from listing_lint.loaders.reader import Probe
from listing_lint.loaders.table import ColumnMap, PresetTable, Table, as_machine, insert, normal_name
from listing_lint.model import Listing, Mapping, Scalar, Sequence

# Normalised header (classic, then 2024 names) → listing field.
FIELDS = {
    "handle": "group_id", "url handle": "group_id",
    "title": "title",
    "body (html)": "description", "description": "description",
    "vendor": "brand",
    "product category": "category",
    "variant sku": "id", "sku": "id",
    "variant price": "price", "price": "price",
    "variant compare at price": "attributes.compare_at_price", "compare-at price": "attributes.compare_at_price",
    "variant barcode": "gtin", "barcode": "gtin",
    "image src": "images", "product image url": "images",  # the product's pictures, on any of its rows
    "google shopping / mpn": "mpn", "google shopping / manufacturer part number (mpn)": "mpn",
}
PRODUCT_FIELDS = ("title", "description", "brand", "category")  # said once, on the product's first row
VARIANT_FIELDS = ("id", "price", "attributes", "gtin", "mpn")  # what makes a row a variant, not an image row
MACHINE_FIELDS = ("price", "attributes.compare_at_price")
# Columns Shopify defines that listing-lint does not read: known, so never reported as unknown.
OTHER_COLUMNS = (
    "Type", "Tags", "Published", "Published on online store", "Status", "Gift Card", "Gift card",
    "Option1 Name", "Option1 Value", "Option2 Name", "Option2 Value", "Option3 Name", "Option3 Value",
    "Variant Grams", "Weight value (grams)", "Variant Weight Unit", "Weight unit for display",
    "Variant Inventory Tracker", "Inventory tracker", "Variant Inventory Qty", "Inventory quantity",
    "Variant Inventory Policy", "Continue selling when out of stock", "Variant Fulfillment Service",
    "Fulfillment service", "Variant Requires Shipping", "Requires shipping", "Variant Taxable", "Charge tax",
    "Variant Tax Code", "Tax code", "Cost per item", "Image Position", "Image position", "Image Alt Text",
    "Image alt text", "Variant Image", "Variant image URL", "SEO Title", "SEO title", "SEO Description", "SEO description",
    "Unit Price Total Measure", "Unit Price Total Measure Unit", "Unit Price Base Measure",
    "Unit Price Base Measure Unit", "Sales Channel",
)
OPTION = re.compile(r"option([123]) (name|value)")


class ShopifyCsv(PresetTable):
    name = "shopify"
    summary = "Shopify product CSV"
    prices_carry_currency = False
    suffixes = (".csv",)
    fields = FIELDS
    known_columns = (
        "Handle", "URL handle", "Title", "Body (HTML)", "Description", "Vendor", "Product Category",
        "Product category", "Variant SKU", "SKU", "Variant Price", "Price", "Variant Compare At Price",
        "Compare-at price", "Variant Barcode", "Barcode", "Image Src", "Product image URL", *OTHER_COLUMNS,
    )
    # Markets' prices (`Price / International`), metafields, Google Shopping's columns, options' links.
    known_patterns = re.compile(
        r"google shopping / .*|(included|price|compare at price|compare-at price) / .*"
        r"|.*\((product|variant)\.metafields\..*\)|variant metafield: .*|metafield: .*|option[123] linked to"
    )
    required = (frozenset(("handle", "url handle")), frozenset(("title",)))
    distinctive = frozenset(("body (html)", "variant sku", "variant price", "option1 name", "option1 value",
                             "variant compare at price", "variant barcode", "image src", "variant inventory qty",
                             "compare-at price", "product image url", "published on online store"))
    ids_from_elsewhere = True  # a product with no SKU is known by its handle (and option values)

    def listings(self, table: Table, header: int, colmap: ColumnMap, probe: Probe):
        names = [normal_name(v) for v in table.values(header)]
        handle_at = next((c for c, n in enumerate(names) if n in ("handle", "url handle")), None)
        type_at = next((c for c, n in enumerate(names) if n == "type"), None)
        image_at = next((c for c, n in enumerate(names) if n in ("variant image", "variant image url")), None)
        options: dict[int, dict[str, int]] = {}
        for c, n in enumerate(names):
            m = OPTION.fullmatch(n)
            if m:
                options.setdefault(int(m.group(1)), {})[m.group(2)] = c

        handle_read = handle_at is not None and colmap.fields[handle_at] == "group_id"
        products: dict[str, _Product] = {}
        rows: list[tuple[_Product, Mapping, list[Scalar], Scalar | None]] = []
        current: _Product | None = None
        for r in self.data_rows(table, header, colmap):
            node = self.row_mapping(table, r, colmap)
            if handle_read:
                handle = node.items.get("group_id")
            else:
                handle = table.scalar(r, handle_at) if handle_at is not None else None
            if handle is None and current is not None:
                product = current  # a row with no handle continues the product above it
            else:
                key = handle.text.strip() if handle is not None else ""
                product = products.get(key)
                if product is None:
                    product = products[key] = _Product(node, table.scalar(r, type_at) if type_at is not None else None)
                    product.option_names = {i: table.scalar(r, cols["name"]) for i, cols in options.items()
                                            if "name" in cols}
            current = product
            pictures = node.items.pop("images", None)
            node.keys.pop("images", None)
            if isinstance(pictures, Sequence):
                product.images.extend(pictures.items)
            values = {i: table.scalar(r, cols["value"]) for i, cols in options.items() if "value" in cols}
            own = table.scalar(r, image_at) if image_at is not None else None
            if product.first is not node and own is None and not _is_variant(node, values):
                continue  # only a Handle and an Image Src: one more picture of the product, not a listing
            product.variants += 1
            rows.append((product, node, _add_options(node, product, values), own))

        for index, (product, node, option_values, own) in enumerate(rows):
            yield Listing(self._variant(product, node, option_values, own), probe.path, index)

    def _variant(self, product: "_Product", node: Mapping, option_values: list[Scalar], own: Scalar | None) -> Mapping:
        first = product.first
        for field in ("group_id", *PRODUCT_FIELDS):
            if field not in node.items and field in first.items:
                node.items[field] = first.items[field]  # the product's own value, not a copy
                node.keys[field] = first.keys[field]
        if "category" not in node.items and product.type is not None:
            insert(node, "category", product.type)
        pictures = list({p.text.strip(): p for p in reversed([own, *product.images] if own else product.images)}.values())
        if pictures:
            pictures.reverse()  # each picture once (a variant's image is also among the product's), first place kept
            node.items["images"] = Sequence(pictures, pictures[0].loc)
            node.keys["images"] = pictures[0].loc
        for field in MACHINE_FIELDS:
            head, _, rest = field.partition(".")
            holder = node.items.get(head) if rest else node
            key = rest or head
            if isinstance(holder, Mapping) and isinstance(holder.items.get(key), Scalar):
                holder.items[key] = as_machine(holder.items[key])
        handle = node.items.get("group_id")
        if "id" not in node.items and isinstance(handle, Scalar):
            # No Variant SKU: the handle names a product of one variant, handle/values each of several.
            parts = [handle.text.strip(), *(v.text.strip() for v in option_values)] if product.variants > 1 else [
                handle.text.strip()]
            insert(node, "id", Scalar("/".join(parts), handle.loc, quoted=handle.quoted))
        return node


class _Product:
    __slots__ = ("first", "type", "images", "variants", "option_names")

    def __init__(self, first: Mapping, type_: Scalar | None) -> None:
        self.first = first
        self.type = type_
        self.images: list[Scalar] = []
        self.variants = 0
        self.option_names: dict[int, Scalar | None] = {}


def _is_variant(node: Mapping, option_values: dict[int, Scalar | None]) -> bool:
    return any(f in node.items for f in VARIANT_FIELDS) or any(v is not None for v in option_values.values())


def _add_options(node: Mapping, product: _Product, values: dict[int, Scalar | None]) -> list[Scalar]:
    """`Option1 Name: Size` on the product's row, `Option1 Value: M` on each: `attributes.Size = M`."""
    found = []
    for i, value in sorted(values.items()):
        name = product.option_names.get(i)
        if value is None or name is None or name.blank:
            continue
        if name.text.strip() == "Title" and value.text.strip() == "Default Title":
            continue  # Shopify's placeholder for a product with no options
        insert(node, f"attributes.{name.text.strip().replace('.', ' ')}", value)
        found.append(value)
    return found
