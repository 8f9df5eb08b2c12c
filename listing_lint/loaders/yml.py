"""Yandex Market YML (`yml_catalog/shop/offers/offer`): the feed format of Russian shops.

What the spec defines is read as it defines it: `RUR` is its code for the rouble, so the
currency's value is `RUB` and no currency rule flags the spec's own code (the text stays
`RUR`, where the file holds it). A `categoryId` stands for a path in the shop's
`<categories>` tree (`Аксессуары/Платки`): the listing's category is that path, as a YAML
catalog would write it, located at the `<categoryId>` element; the id as written is kept
in `attributes.categoryId`. Categories may come before or after the offers: paths are
resolved once the whole file is read. A `<param>` with a `unit` means its value with the
unit (`50` `мл` → `50 мл`).

Real feeds are windows-1251 with `<!DOCTYPE yml_catalog SYSTEM "shops.dtd">`: the XML
declaration decides the decoding (`loaders.encoding`), and the DTD is never loaded.
"""

from __future__ import annotations

from listing_lint.loaders.reader import Probe
from listing_lint.loaders.table import as_machine, localise
from listing_lint.loaders.xml import Document, Element, XmlReader
from listing_lint.model import Catalog, Listing, Mapping, Scalar, Sequence

# Codes the YML spec defines that differ from ISO 4217: what each stands for.
CURRENCY_MEANS = {"RUR": "RUB"}
# Offer elements → listing fields (texts go under the file's language).
FIELDS = {
    "description": "description", "price": "price", "currencyId": "currency", "vendor": "brand",
    "vendorCode": "mpn", "barcode": "gtin", "url": "url",
}
# Offer elements kept under `attributes.<name>`.
ATTRIBUTES = ("oldprice", "country_of_origin", "weight", "dimensions", "sales_notes", "manufacturer_warranty")
MACHINE = frozenset(("price", "oldprice"))  # amounts written for machines: `.` is the decimal point
NAME_PARTS = ("typePrefix", "vendor", "model")  # the title of a `type="vendor.model"` offer, in order
MAX_DEPTH = 64  # a category chain longer than this is a loop in parentId


class YandexYml(XmlReader):
    name = "yml"
    summary = "Yandex Market YML feed"
    item_tags = frozenset(("offer",))

    def detect(self, probe: Probe) -> int:
        root = probe.xml_root
        return 95 if root is not None and root[0] == "yml_catalog" else 0

    def read(self, probe: Probe) -> Catalog:
        settings = probe.settings
        fields = {tag: localise(field, settings) for tag, field in FIELDS.items()}
        title_field = localise("title", settings)
        listings: list[Listing] = []
        pending: list[tuple[Mapping, Scalar]] = []  # (offer, its categoryId) until the categories are read
        path = probe.path

        def on_item(offer: Element, document: Document) -> None:
            node = Mapping({}, {}, offer.loc)
            items, keys = node.items, node.keys
            for name, field in (("id", "id"), ("group_id", "group_id")):
                value = document.attribute(offer, name)
                if value is not None:
                    items[field] = value
                    keys[field] = value.loc
            by_tag: dict[str, Element] = {}
            attributes = Mapping({}, {}, offer.loc)
            images: Sequence | None = None
            for child in offer.children:
                tag = child.tag
                if tag == "picture":
                    value = child.scalar()
                    if value is not None:
                        if images is None:
                            images = Sequence([], value.loc)
                        images.items.append(value)
                    continue
                if tag == "param":
                    _param(child, attributes)
                    continue
                by_tag.setdefault(tag, child)  # the first of each: a second <price> is not the price
            for tag, child in by_tag.items():
                field = fields.get(tag)
                if field is not None:
                    value = child.scalar(blank=True)
                    if tag in MACHINE:
                        value = as_machine(value)
                    elif tag == "currencyId":
                        means = CURRENCY_MEANS.get(value.text.strip())
                        if means is not None:
                            value = Scalar(value.text, value.loc, start=value.start, end=value.end, means=means)
                    _put(node, field, value)
                elif tag in ATTRIBUTES and tag not in attributes.items:
                    value = child.scalar()
                    if value is not None:
                        _add(attributes, tag, as_machine(value) if tag in MACHINE else value)
            title = _title(offer, by_tag)
            if title is not None:
                _put(node, title_field, title)
            category = by_tag.get("categoryId")
            if category is not None:
                written = category.scalar()
                if written is not None:
                    _add(attributes, "categoryId", written)
                    pending.append((node, written))
            if images is not None:
                items["images"] = images
                keys["images"] = images.loc
            if attributes.items:
                items["attributes"] = attributes
                keys["attributes"] = attributes.loc
            listings.append(Listing(node, path, len(listings)))

        document = self.parse(probe, on_item)
        if pending:
            paths = _category_paths(document)
            for node, written in pending:
                category = paths.get(written.text.strip())
                # An id the tree does not hold stays as written: the offer still says which category it meant.
                node.items["category"] = written if category is None else Scalar(category, written.loc)
                node.keys["category"] = written.loc
        return self.make_catalog(probe, listings)


def _title(offer: Element, by_tag: dict[str, Element]) -> Scalar | None:
    """`<name>`; for a `vendor.model` offer without one, `typePrefix vendor model`, located at the first."""
    name = by_tag.get("name")
    if name is not None or offer.attrs.get("type") != "vendor.model":
        return name.scalar(blank=True) if name is not None else None
    parts = [v for v in (by_tag[t].scalar() for t in NAME_PARTS if t in by_tag) if v is not None]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    # Not one span of the file: no offsets, so no fix edits it.
    return Scalar(" ".join(p.text.strip() for p in parts), parts[0].loc)


def _param(param: Element, attributes: Mapping) -> None:
    """`<param name="Цвет">красный</param>` → `attributes.Цвет`; a `unit` is part of what it means."""
    name = param.attrs.get("name", "").strip()
    value = param.scalar()
    if not name or value is None or name in attributes.items:
        return
    unit = param.attrs.get("unit", "").strip()
    if unit:
        value = Scalar(value.text, value.loc, quoted=value.quoted, start=value.start, end=value.end,
                       means=f"{value.text.strip()} {unit}")
    attributes.items[name] = value
    attributes.keys[name] = param.loc


def _put(node: Mapping, field: str, value: Scalar) -> None:
    head, _, lang = field.partition(".")
    if not lang:
        node.items[head] = value
        node.keys[head] = value.loc
        return
    node.items[head] = Mapping({lang: value}, {lang: value.loc}, value.loc)
    node.keys[head] = value.loc


def _add(mapping: Mapping, key: str, value: Scalar) -> None:
    mapping.items[key] = value
    mapping.keys[key] = value.loc


def _category_paths(document: Document) -> dict[str, str]:
    """Category id → its path from the root of the shop's tree (`Аксессуары/Платки`)."""
    shop = document.root.find("shop")
    categories = shop.find("categories") if shop is not None else None
    if categories is None:
        return {}
    names: dict[str, str] = {}
    parents: dict[str, str] = {}
    for category in categories.findall("category"):
        cid = category.attrs.get("id", "").strip()
        if not cid:
            continue
        names[cid] = category.text.strip()
        parent = category.attrs.get("parentId", "").strip()
        if parent:
            parents[cid] = parent
    paths: dict[str, str] = {}
    for cid in names:
        chain, at = [], cid
        while at in names and len(chain) < MAX_DEPTH:
            chain.append(names[at])
            at = parents.get(at)
            if at == cid:
                break  # a loop in parentId: the path stops where it would repeat
        paths[cid] = "/".join(reversed(chain))
    return paths
