"""Google Merchant Center feeds: the XML feed (RSS 2.0 or Atom with the `g:` namespace) and
the text feed (TSV or CSV with the spec's attribute names as headers).

Meta (Facebook, Instagram) catalogs are the same formats with the same names, so these
readers serve them too. Both readers map the spec's attributes to listing fields through
one table (`FIELDS`): `g:price` and a `price` column become the same `price` field, with
the same location rules, so no rule can tell which of the three files a value came from.

A feed is written in one language (the spec asks for it): its titles and descriptions go
under that language's key (config `source_locale`, or the market locale of a feed).
A `g:` element the spec does not define is not read; it is reported once, where it first
stands (L003), with the spec's names to suggest the one meant.
"""

from __future__ import annotations

import re

from listing_lint.errors import NotACatalog
from listing_lint.loaders.reader import Probe, ReadSettings
from listing_lint.loaders.table import Table, TableReader, ignoring, insert, localise, split_cell
from listing_lint.loaders.xml import Document, Element, XmlReader
from listing_lint.model import Catalog, Listing, Mapping, Scalar, Sequence, UnknownColumn

G_NS = "http://base.google.com/ns/1.0"
CUSTOM_NS = "http://base.google.com/cns/1.0"  # `c:` custom attributes: the seller's own, never reported
ATOM_NS = "http://www.w3.org/2005/Atom"

# The attributes of the Merchant Center product data specification.
SPEC_ATTRIBUTES = (
    "id", "title", "description", "link", "image_link", "additional_image_link", "lifestyle_image_link",
    "mobile_link", "canonical_link", "virtual_model_link", "link_template", "mobile_link_template",
    "availability", "availability_date", "cost_of_goods_sold", "expiration_date", "price", "sale_price",
    "sale_price_effective_date", "unit_pricing_measure", "unit_pricing_base_measure", "installment",
    "subscription_cost", "loyalty_program", "auto_pricing_min_price", "minimum_price",
    "google_product_category", "product_type", "brand", "gtin", "mpn", "identifier_exists", "condition",
    "adult", "multipack", "is_bundle", "certification", "energy_efficiency_class",
    "min_energy_efficiency_class", "max_energy_efficiency_class", "age_group", "color", "gender", "material",
    "pattern", "size", "size_type", "size_system", "item_group_id", "product_length", "product_width",
    "product_height", "product_weight", "product_detail", "product_highlight", "structured_title",
    "structured_description", "short_title", "ads_redirect", "custom_label_0", "custom_label_1",
    "custom_label_2", "custom_label_3", "custom_label_4", "promotion_id", "included_destination",
    "excluded_destination", "shopping_ads_excluded_country", "shipping", "shipping_label", "shipping_weight",
    "shipping_length", "shipping_width", "shipping_height", "ships_from_country", "max_handling_time",
    "min_handling_time", "transit_time_label", "free_shipping_threshold", "tax", "tax_category",
    "return_policy_label", "pause", "external_seller_id", "disclosure_date", "store_code", "pickup_method",
    "pickup_sla", "sell_on_google_quantity", "display_ads_id", "display_ads_similar_id", "display_ads_title",
    "display_ads_link", "display_ads_value", "ads_grouping", "ads_labels", "adwords_redirect",
    "adwords_grouping", "adwords_labels",
)
# What Meta's catalog adds to the same names.
META_ATTRIBUTES = (
    "inventory", "quantity_to_sell_on_facebook", "fb_product_category", "rich_text_description", "visibility",
    "status", "additional_variant_attribute", "applink", "video", "commerce_tax_category", "origin_country",
    "importer_name", "importer_address", "manufacturer_info", "wa_compliance_category", "internal_label",
    "product_tags", "return_policy_info",
)
KNOWN = frozenset(SPEC_ATTRIBUTES + META_ATTRIBUTES)

# Attributes kept under `attributes.<name>`: what a comparable item or a reviewer matches on, and
# `identifier_exists`, which waives Merchant Center's brand, GTIN and MPN requirements (M005).
KEPT_ATTRIBUTES = (
    "google_product_category", "product_type", "color", "size", "material", "gender", "age_group", "pattern",
    "condition", "availability", "unit_pricing_measure", "unit_pricing_base_measure", "multipack", "is_bundle",
    "identifier_exists",
)
# Spec attribute → listing field, for the XML and the text feed alike.
FIELDS = {
    "id": "id", "title": "title", "description": "description", "link": "url", "image_link": "images",
    "additional_image_link": "images", "price": "price", "sale_price": "sale_price", "brand": "brand",
    "gtin": "gtin", "mpn": "mpn", "item_group_id": "group_id",
    **{name: f"attributes.{name}" for name in KEPT_ATTRIBUTES},
}
CATEGORY_FROM = ("google_product_category", "product_type")  # the first present is the listing's category
_COMMA = re.compile(",")
MACHINE_PRICES = ("price", "sale_price")  # `15.00 USD`: the spec's format, a `.` decimal point in any locale


def spec_name(name: str) -> str:
    """`g:item_group_id`, `Item Group ID`, `item group id` → `item_group_id`."""
    name = name.strip().casefold()
    if name.startswith("g:"):
        name = name[2:]
    return "_".join(name.split())


def localised_fields(settings: ReadSettings) -> dict[str, str]:
    """`FIELDS` with texts under the file's language (`title` → `title.en`)."""
    return {name: localise(field, settings) for name, field in FIELDS.items()}


def machine(scalar: Scalar) -> Scalar:
    if scalar.machine:
        return scalar
    return Scalar(scalar.text, scalar.loc, scalar.is_null, scalar.quoted, scalar.start, scalar.end, True, scalar.means)


def finish(node: Mapping) -> Mapping:
    """What both feeds do once an item's attributes are in: prices are the spec's machine
    format, and the category is `google_product_category`, else `product_type`."""
    items = node.items
    for name in MACHINE_PRICES:
        price = items.get(name)
        if isinstance(price, Scalar):
            items[name] = machine(price)
    attributes = items.get("attributes")
    if "category" not in items and isinstance(attributes, Mapping):
        for name in CATEGORY_FROM:
            value = attributes.items.get(name)
            if isinstance(value, Scalar) and not value.blank:
                items["category"] = value
                node.keys["category"] = attributes.keys[name]
                break
    return node


# Plain RSS and Atom elements a Google feed may use instead of the `g:` ones, best first.
PLAIN_FIELDS = {"title": "title", "description": "description", "summary": "description",
                "content": "description", "link": "url"}
PLAIN_RANK = {tag: rank for rank, tag in enumerate(PLAIN_FIELDS)}


class GmcXml(XmlReader):
    name = "gmc-xml"
    summary = "Google Merchant Center XML feed (RSS or Atom; also Meta catalogs)"
    item_tags = frozenset(("item", "entry"))

    def detect(self, probe: Probe) -> int:
        root = probe.xml_root
        if root is None:
            return 0
        tag, namespaces = root
        if tag in ("rss", "feed") and G_NS in namespaces:
            return 90
        if tag == "rss" and "<item" in probe.text:
            return 30  # plain RSS with items: a feed whose `g:` namespace is declared further in, or missing
        if tag == "feed" and "<entry" in probe.text and G_NS in probe.text:
            return 30
        return 0

    def read(self, probe: Probe) -> Catalog:
        settings = probe.settings
        fields = localised_fields(settings)
        plain = {tag: localise(field, settings) for tag, field in PLAIN_FIELDS.items()}
        listings: list[Listing] = []
        unknown: list[UnknownColumn] = []
        reported: set[str] = set()
        path = probe.path
        google = False  # whether any item has a `g:` attribute
        ignored = ignoring(settings)  # config `ignore_columns:` names elements too (`g:colour`, `colour`)

        def on_item(element: Element, document: Document) -> None:
            nonlocal google
            node = Mapping({}, {}, element.loc)
            fallback: list[Element] = []
            for child in element.children:
                ns = child.ns
                if ns == G_NS:
                    google = True
                    field = fields.get(child.tag)
                    if field is not None:
                        insert(node, field, child.scalar(blank=True))
                    elif child.tag not in KNOWN and child.tag not in reported:
                        reported.add(child.tag)
                        written = child.qname(document.text)
                        if ignored(written.casefold()) or ignored(child.tag.casefold()):
                            continue
                        prefix = written[: len(written) - len(child.tag)]
                        unknown.append(UnknownColumn(written, child.loc, tuple(prefix + n for n in SPEC_ATTRIBUTES), "element"))
                elif child.tag in plain and (ns == "" or ns == ATOM_NS):
                    fallback.append(child)
            if fallback:
                # Best first; of several Atom links, the page itself (`rel="alternate"`, the default).
                fallback.sort(key=lambda c: (PLAIN_RANK[c.tag], c.attrs.get("rel", "alternate") != "alternate"))
                for child in fallback:
                    field = plain[child.tag]
                    if _present(node, field):
                        continue  # the `g:` element says it; a plain one is the fallback
                    value = child.scalar(blank=True)
                    if child.tag == "link" and value.blank:
                        value = document.attribute(child, "href") or value  # Atom: <link href="…"/>
                    insert(node, field, value)
            listings.append(Listing(finish(node), path, len(listings)))

        document = self.parse(probe, on_item)
        if listings and not google:
            # A blog's or a podcast's RSS: items, but not one product attribute (`g:id`, `g:price`).
            raise NotACatalog(f"an RSS or Atom feed whose items have no Google Merchant Center attributes "
                              f"(g:id, g:price in the namespace {G_NS}): not a product feed",
                              path, document.root.loc.line, document.root.loc.column)
        return self.make_catalog(probe, listings, unknown_columns=unknown)


def _present(node: Mapping, field: str) -> bool:
    head, _, rest = field.partition(".")
    value = node.items.get(head)
    if rest and isinstance(value, Mapping):
        value = value.items.get(rest)
    return value is not None


# Names that only a Google or Meta feed has, not our own CSV nor a shop's export.
DISTINCTIVE = frozenset((
    "link", "image_link", "additional_image_link", "availability", "condition", "item_group_id",
    "google_product_category", "product_type", "identifier_exists", "age_group", "fb_product_category",
    "quantity_to_sell_on_facebook", "inventory", "custom_label_0", "shipping", "shipping_weight",
))


class GmcTable(TableReader):
    name = "gmc-tsv"
    summary = "Google Merchant Center text feed (TSV or CSV; also Meta catalogs)"
    suffixes = (".tsv", ".txt")
    known_columns = SPEC_ATTRIBUTES + META_ATTRIBUTES

    def header_score(self, names: list[str]) -> int:
        from listing_lint.loaders import LISTING_KEYS

        named = [n for n in names if n]
        if not named or any("." in n and n.partition(".")[0] in LISTING_KEYS for n in named):
            return 0  # `title.ru`: our own CSV's header, which names each text's language
        spec = [spec_name(n) for n in named]
        if "id" not in spec or not DISTINCTIVE.intersection(spec):
            return 0
        share = sum(1 for n in spec if n in KNOWN) / len(spec)
        # Beats our CSV's bare-`id` fallback (20 + its field names, at most 36) when most names are the spec's.
        return int(40 + 50 * share) if share >= 0.6 else 0

    def field_for(self, name: str, written: str, settings: ReadSettings) -> str | None:
        return FIELDS.get(spec_name(name))

    def is_known(self, name: str) -> bool:
        return spec_name(name) in KNOWN

    def row_mapping(self, table: Table, row: int, colmap) -> Mapping:
        node = super().row_mapping(table, row, colmap)
        images = node.items.get("images")
        if isinstance(images, Sequence):
            # A text feed lists additional images in one cell, separated by commas.
            images.items = [piece for value in images.items for piece in split_cell(table, value, _COMMA)]
        return finish(node)
