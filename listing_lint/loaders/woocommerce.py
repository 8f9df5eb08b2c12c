"""WooCommerce's product CSV (Products → Export, the built-in exporter's columns).

A simple (or external) product is a listing. A variable product is the parent of its
`variation` rows (their `Parent` is `id:123` or the parent's SKU): each variation is a
listing of its own, grouped under the parent's SKU (or ID), and takes what the export
leaves empty on it (name, descriptions, categories, brand, images) from the parent, as
the very same values. A variable product with no variation in the file is a listing
itself. A grouped product only gathers other products, each its own row: not a listing.

`Regular price` is the price and `Sale price` the discounted one (`sale_price`, as in a
GMC feed); WooCommerce writes both with a `.` decimal point whatever the shop's language,
and no currency (config `currency:`). `Categories` holds category paths separated by
commas (`Clothing > Hoodies, Clothing > Tshirts`): the first is the listing's category.
"""

from __future__ import annotations

import re

from listing_lint.loaders.reader import Probe
from listing_lint.loaders.table import ColumnMap, PresetTable, Table, as_machine, insert, normal_name, split_cell
from listing_lint.model import Listing, Mapping, Scalar, Sequence

FIELDS = {
    "sku": "id", "name": "title", "description": "description", "short description": "attributes.short_description",
    "regular price": "price", "sale price": "sale_price", "categories": "category", "images": "images",
    "brands": "brand", "gtin, upc, ean, or isbn": "gtin", "external url": "url",
}
INHERITED = ("title", "description", "category", "brand", "images", "url")
SHORT = ("attributes", "short_description")
OTHER_COLUMNS = (
    "ID", "Type", "Parent", "Published", "Is featured?", "Visibility in catalog", "Visibility in catalogue",
    "Date sale price starts", "Date sale price ends", "Tax status", "Tax class", "In stock?", "Stock",
    "Low stock amount", "Backorders allowed?", "Sold individually?", "Allow customer reviews?", "Purchase note",
    "Tags", "Shipping class", "Download limit", "Download expiry days", "Grouped products", "Upsells",
    "Cross-sells", "Button text", "Position", "Swatches Attributes",
)
ATTRIBUTE = re.compile(r"attribute (\d+) (name|value\(s\))")
LIST = re.compile(r"(?<!\\),")  # WooCommerce escapes a comma inside a name as `\,`


class WooCommerceCsv(PresetTable):
    name = "woocommerce"
    summary = "WooCommerce product CSV"
    prices_carry_currency = False
    suffixes = (".csv",)
    fields = FIELDS
    known_columns = ("SKU", "Name", "Description", "Short description", "Regular price", "Sale price",
                     "Categories", "Images", "Brands", "GTIN, UPC, EAN, or ISBN", "External URL", *OTHER_COLUMNS)
    known_patterns = re.compile(r"meta: .*|attribute \d+ (name|value\(s\)|visible|global|default)"
                                r"|download \d+ (id|name|url)|(weight|length|width|height) \(.*\)")
    required = (frozenset(("type",)), frozenset(("name",)), frozenset(("sku", "id")))
    distinctive = frozenset(("regular price", "sale price", "short description", "parent", "is featured?",
                             "visibility in catalog", "visibility in catalogue", "tax status", "in stock?",
                             "attribute 1 name", "attribute 1 value(s)", "backorders allowed?", "grouped products"))
    ids_from_elsewhere = True  # a product with no SKU is known by its ID

    def listings(self, table: Table, header: int, colmap: ColumnMap, probe: Probe):
        names = [normal_name(v) for v in table.values(header)]

        def column(name: str) -> int | None:
            return names.index(name) if name in names else None

        id_at, type_at, parent_at = column("id"), column("type"), column("parent")
        attributes: dict[int, dict[str, int]] = {}
        for c, n in enumerate(names):
            m = ATTRIBUTE.fullmatch(n)
            if m:
                attributes.setdefault(int(m.group(1)), {})[m.group(2)[:4]] = c

        pairs = [cols for _, cols in sorted(attributes.items())]

        def cell(r: int, c: int | None) -> Scalar | None:
            return table.scalar(r, c) if c is not None else None

        rows: list[_Row] = []
        by_ref: dict[str, _Row] = {}
        for r in self.data_rows(table, header, colmap):
            node = self.row_mapping(table, r, colmap)
            kind, ident = table.cell_text(r, type_at).lower(), table.cell_text(r, id_at)
            row = _Row(node, r, {t.strip() for t in kind.split(",")} if kind else set(), table.cell_text(r, parent_at))
            self._tidy(table, node)
            for cols in pairs:
                name, value = cell(r, cols.get("name")), cell(r, cols.get("valu"))
                if name is not None and value is not None and not name.blank:
                    insert(node, f"attributes.{name.text.strip().replace('.', ' ')}", value)
            if ident:
                by_ref[f"id:{ident}"] = row
            sku = node.items.get("id")
            if isinstance(sku, Scalar):
                by_ref.setdefault(sku.text.strip(), row)
            rows.append(row)

        for row in rows:
            if "variation" in row.types and row.parent:
                row.parent_row = by_ref.get(row.parent)
                if row.parent_row is not None:
                    row.parent_row.has_variations = True
        index = 0
        for row in rows:
            if "grouped" in row.types or ("variable" in row.types and row.has_variations):
                continue
            yield Listing(self._listing(row, lambda r: cell(r, id_at), lambda r: cell(r, parent_at)), probe.path, index)
            index += 1

    @staticmethod
    def _tidy(table: Table, node: Mapping) -> None:
        """Prices as machine numbers, the first category path, one image per URL."""
        for key in ("price", "sale_price"):
            if isinstance(node.items.get(key), Scalar):
                node.items[key] = as_machine(node.items[key])
        category = node.items.get("category")
        if isinstance(category, Scalar) and "," in category.text:
            paths = split_cell(table, category, LIST)
            if paths:
                node.items["category"] = paths[0]
        images = node.items.get("images")
        if isinstance(images, Sequence) and any("," in value.text for value in images.items):
            images.items = [piece for value in images.items for piece in split_cell(table, value, LIST)]

    @staticmethod
    def _listing(row: "_Row", ident, parent_ref) -> Mapping:
        """The row's listing; `ident(r)` and `parent_ref(r)` are row r's `ID` and `Parent` cells."""
        node = row.node
        if "id" not in node.items and (own := ident(row.row)) is not None:
            insert(node, "id", own)
        parent = row.parent_row
        if parent is None:
            if row.parent and "variation" in row.types:
                insert(node, "group_id", parent_ref(row.row))  # its product is not in this file: the reference
            return node
        source = parent.node
        group = source.items.get("id") if isinstance(source.items.get("id"), Scalar) else ident(parent.row)
        if group is not None:
            insert(node, "group_id", group)
        for field in INHERITED:
            if field not in node.items and field in source.items:
                node.items[field] = source.items[field]  # the parent's own value, not a copy
                node.keys[field] = source.keys[field]
        mine, theirs = node.items.get(SHORT[0]), source.items.get(SHORT[0])
        if isinstance(theirs, Mapping) and SHORT[1] in theirs.items:
            if not isinstance(mine, Mapping):
                mine = node.items[SHORT[0]] = Mapping({}, {}, theirs.loc)
                node.keys[SHORT[0]] = theirs.loc
            if SHORT[1] not in mine.items:
                mine.items[SHORT[1]] = theirs.items[SHORT[1]]
                mine.keys[SHORT[1]] = theirs.keys[SHORT[1]]
        return node


class _Row:
    __slots__ = ("node", "row", "types", "parent", "parent_row", "has_variations")

    def __init__(self, node: Mapping, row: int, types: set[str], parent: str) -> None:
        self.node = node
        self.row = row  # its row in the table
        self.types = types  # `variable`, `variation`, `simple, virtual`
        self.parent = parent  # the `Parent` cell's text: `id:44` or the parent's SKU
        self.parent_row: _Row | None = None
        self.has_variations = False
