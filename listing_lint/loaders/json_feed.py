"""JSON catalogs: our own shape, a Shopify products export, Merchant Center Content API products.

A JSON file is never read as YAML (JSON with tabs or `\\ud83d\\ude00` escapes is not YAML
any YAML parser here reads): the standard library says whether it is JSON and, when it is
not, where and why; a small scanner then builds the located nodes, each value at its
line and column, texts as written and numbers as the text written (never a float).

Shapes read:
- listing-lint's own: `{"source_locale": …, "listings": [...]}` or a list of listings,
  exactly as the YAML catalog (it is assembled by the same code);
- a Shopify Admin API export, `{"products": [{"handle", "title", "body_html", "variants": [...]}]}`:
  one listing per variant, whose id is its SKU (else `<handle>/<variant id>`), grouped by
  the handle; the variants of a product share its title and description values;
- Merchant Center Content API products, `{"resources": [{"offerId", "title", "price": {"value", "currency"}}]}`
  (`products.list`; also under `"products"`), mapped as the GMC feeds are (`loaders.gmc`).
A `.jsonl` file holds one such value per line.
"""

from __future__ import annotations

import bisect
import json
import re
from json.decoder import scanstring

from listing_lint.errors import LoadError, NotACatalog
from listing_lint.loaders.reader import Probe, ReadSettings, Reader
from listing_lint.loaders.table import as_machine
from listing_lint.model import Catalog, DuplicateKey, Listing, Location, Mapping, Node, Scalar, Sequence

# A string, a bracket, or a bare literal (number, true, false, null, NaN); `,` and `:` are
# skipped: the text is valid JSON by then, so where keys and values stand is known.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]]|[^\s{}\[\],:"]+')
_NUMBER_START = frozenset("-0123456789NI")  # NaN and Infinity: Python's json reads them; rules say what they are

SHAPES = ("listing-lint's own ({\"source_locale\": ..., \"listings\": [...]}, or a list of listings), "
          "a Shopify products export ({\"products\": [{\"handle\": ..., \"variants\": [...]}]}) or "
          "Merchant Center Content API products ({\"resources\": [{\"offerId\": ..., \"price\": {...}}]})")


class JsonFeed(Reader):
    name = "json"
    variants_inherit = True
    summary = "JSON (listing-lint's own shape, a Shopify products export, Merchant Center Content API products)"
    containers = ("json",)
    suffixes = (".json", ".jsonl")

    def detect(self, probe: Probe) -> int:
        return 50  # the reader of JSON; it says itself which shapes it reads when a file is none

    def read(self, probe: Probe) -> Catalog:
        text, path = probe.text, probe.path
        if not text.strip():
            raise NotACatalog("empty file, not a catalog", path, 1)
        lines = probe.suffix == ".jsonl"
        value = validate(text, path, lines)
        shape = shape_of(value)
        if shape is None:
            # Known to be no catalog before a node is built: a package-lock.json costs one json.loads.
            raise not_a_catalog(value, text, path)
        kind, under = shape
        root, duplicates = build(text, path, lines, WANTED.get(kind))
        if kind == "own":
            catalog = _own_shape(root, text, path, duplicates)
            catalog.sources[path] = self.make_source(probe)
            catalog.currency = probe.settings.currency
            return catalog
        items = _product_nodes(root, under)
        listings = (shopify_listings if kind == "shopify" else content_api_listings)(items, probe.settings, path)
        dups = [DuplicateKey(".".join(map(str, (*at, key))), first, dup, None) for at, key, first, dup in duplicates]
        return self.make_catalog(probe, listings, duplicate_keys=dups)


# --- the JSON itself


def validate(text: str, path: str, lines: bool = False):
    """The JSON value of `text` (for JSON Lines, the list of each line's value), as plain Python
    values; a LoadError names line, column and what to fix where `text` is not JSON."""
    if not lines:
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise _syntax_error(exc, path, 0) from None
    values = []
    for line_no, line in enumerate(text.split("\n")):
        if line.strip():
            try:
                values.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise _syntax_error(exc, path, line_no) from None
    return values


def _syntax_error(exc: json.JSONDecodeError, path: str, lines_before: int) -> LoadError:
    doc, pos = exc.doc, exc.pos
    if doc.startswith(("//", "/*"), pos):
        # JSON with comments: a tsconfig.json or an editor's settings, which a hook hands over too.
        return NotACatalog("JSON has no comments: a file with them (tsconfig.json, editor settings) is not a "
                           "catalog; if this is one, delete the comment", path, exc.lineno + lines_before, exc.colno)
    before = doc[:pos].rstrip()
    after = doc[pos:].lstrip()
    if not after and exc.msg != "Extra data":
        hint = "the file ends before its JSON is complete: is it cut short?"
    elif exc.msg.startswith("Expecting property name") and before.endswith(","):
        hint = "a comma after the last entry of an object: delete it"
    elif exc.msg.startswith("Expecting property name"):
        hint = "keys are written in double quotes (\"title\")"
    elif exc.msg == "Expecting value" and before.endswith(",") and after.startswith("]"):
        hint = "a comma after the last item of a list: delete it"
    elif exc.msg == "Expecting value" and after.startswith("'"):
        hint = "strings are written in double quotes"
    elif exc.msg == "Expecting ',' delimiter":
        hint = "a comma is missing between two entries"
    elif exc.msg == "Extra data":
        hint = "text after the end of the JSON value: a .json file holds one value (one per line is a .jsonl file)"
    elif exc.msg.startswith("Invalid control character"):
        hint = "a tab or line break inside a string: write it as \\t or \\n"
    elif exc.msg.startswith("Invalid \\escape"):
        hint = "a backslash that starts no JSON escape: write a backslash as \\\\"
    elif exc.msg.startswith("Unterminated string"):
        hint = "a string is never closed: a `\"` is missing"
    else:
        hint = None
    message = f"JSON syntax error: {exc.msg}" + (f" ({hint})" if hint else "")
    return LoadError(message, path, exc.lineno + lines_before, exc.colno)


def build(text: str, path: str, lines: bool = False, wanted: frozenset[str] | None = None):
    """Located nodes of valid JSON text (of each line, for JSON Lines: then a Sequence of them).

    With `wanted`, only the values of those keys are built (a Shopify export's `created_at`,
    `inventory_policy` and the like are skipped, containers and all), and keys keep the
    offset they stand at rather than a Location: such nodes only hand their values on.

    Also returns each key written twice in one object: (where its object stands, as keys
    and indexes from the root; key; first location; second location). The last one wins.
    """
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    # The hot loop of a JSON load: names bound locally, a Location made without its Python-level __new__.
    find_line, new, location, scalar = bisect.bisect_right, tuple.__new__, Location, Scalar
    mapping_type = Mapping
    root: Node | None = Sequence([], Location(path, 1, 1)) if lines else None
    # One frame per open container: [node, the key waiting for its value, its location, the path of the node,
    # whether the node is a mapping]
    frame: list | None = [root, None, None, (), False] if lines else None
    stack: list[list] = [frame] if lines else []
    duplicates: list[tuple[tuple, str, Location, Location]] = []
    skip = 0  # how deep inside the value of an unwanted key
    drop = False  # the next value is an unwanted key's
    for m in _TOKEN.finditer(text):
        token = m.group()
        first = token[0]
        if skip:
            if first == "{" or first == "[":
                skip += 1
            elif first == "}" or first == "]":
                skip -= 1
            continue
        if drop:
            drop = False
            if first == "{" or first == "[":
                skip = 1
            continue
        if first == "}" or first == "]":
            stack.pop()
            frame = stack[-1] if stack else None
            continue
        start = m.start()
        if first == '"':
            value = token[1:-1] if "\\" not in token else scanstring(token, 1)[0]
            if frame is not None and frame[4] and frame[1] is None:
                if wanted is None:
                    line = find_line(starts, start)
                    frame[2] = new(location, (path, line, start - starts[line - 1] + 1))
                elif value in wanted:
                    frame[2] = start
                else:
                    drop = True
                    continue
                frame[1] = value
                continue
            line = find_line(starts, start)
            node: Node = scalar(value, new(location, (path, line, start - starts[line - 1] + 1)),
                                False, True, start, m.end())
        else:
            line = find_line(starts, start)
            loc = new(location, (path, line, start - starts[line - 1] + 1))
            if first == "{":
                node = mapping_type({}, {}, loc)
            elif first == "[":
                node = Sequence([], loc)
            elif token == "null":
                node = scalar(token, loc, True, False, start, m.end())
            else:
                # A number as written (`48.60` stays `48.60`): for machines, `.` is its decimal point.
                node = scalar(token, loc, False, False, start, m.end(), first in _NUMBER_START)
        if frame is None:
            root = node
            at = None
        elif frame[4]:
            parent, key = frame[0], frame[1]
            if key in parent.items:
                duplicates.append((frame[3], key, parent.keys[key], frame[2]))
            parent.items[key] = node
            parent.keys[key] = frame[2]
            frame[1] = None
            at = key
        else:
            items = frame[0].items
            at = len(items)
            items.append(node)
        if first == "{" or first == "[":
            frame = [node, None, None, (*frame[3], at) if frame is not None else (), first == "{"]
            stack.append(frame)
    if wanted is not None and duplicates:
        def loc_at(offset: int) -> Location:
            line = find_line(starts, offset)
            return Location(path, line, offset - starts[line - 1] + 1)

        duplicates = [(at, key, loc_at(first), loc_at(second)) for at, key, first, second in duplicates]
    return root, duplicates


# --- listing-lint's own shape


def _own_shape(root: Node, text: str, path: str, duplicates) -> Catalog:
    from listing_lint.loaders.yaml_loader import catalog_from_root

    dups = []
    for at, key, first, dup in duplicates:
        if isinstance(root, Mapping) and at[:1] == ("listings",) and len(at) >= 2:
            index, rest = at[1], at[2:]
        elif isinstance(root, Sequence) and at:
            index, rest = at[0], at[1:]
        else:
            index, rest = None, at
        dups.append(DuplicateKey(".".join(map(str, (*rest, key))), first, dup, index))
    return catalog_from_root(root, path, text, dups, fmt="json")


def not_a_catalog(value, text: str, path: str) -> NotACatalog:
    if isinstance(value, dict):
        keys = list(value)
        what = f"an object with the keys {', '.join(keys[:6])}{', ...' if len(keys) > 6 else ''}" if keys else "an empty object"
    elif isinstance(value, list):
        what = "a list, but not of listings"
    else:
        what = "a single value"
    # The value's first character: JSON text starts there, after any blank lines.
    at = len(text) - len(text.lstrip())
    line = text.count("\n", 0, at) + 1
    return NotACatalog(f"not a catalog: this JSON is {what}; the JSON listing-lint reads is {SHAPES}",
                       path, line, at - (text.rfind("\n", 0, at) + 1) + 1)


# --- which shape


def shape_of(value) -> tuple[str, str | None] | None:
    """(`own`, `shopify` or `content-api`; the key that holds the products, None for the root itself)
    from the plain JSON value, or None when it is no shape listing-lint reads."""
    from listing_lint.loaders import CATALOG_KEYS, LISTING_KEYS

    if isinstance(value, dict):
        for key in ("products", "resources"):
            kind = _product_kind(value.get(key))
            if kind is not None:
                return kind, key
        kind = _product_kind([value["product"]]) if isinstance(value.get("product"), dict) else None
        if kind is not None:
            return kind, "product"
        if "offerId" in value:
            return "content-api", None
        # A catalog with a misspelt `listings` is still ours: its reading says what is wrong.
        return ("own", None) if any(key in CATALOG_KEYS for key in value) else None
    if isinstance(value, list):
        kind = _product_kind(value)
        if kind is not None:
            return kind, None
        if all(isinstance(v, dict) for v in value) and (not value or any(k in LISTING_KEYS for v in value for k in v)):
            return "own", None
    return None


def _product_kind(items) -> str | None:
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        return None
    if all("variants" in i or "body_html" in i or "handle" in i for i in items):
        return "shopify"
    if all("offerId" in i for i in items):
        return "content-api"
    return None


def _product_nodes(root: Node, under: str | None) -> list[Mapping]:
    node = root.items[under] if under is not None and isinstance(root, Mapping) else root
    return list(node.items) if isinstance(node, Sequence) else [node]


def _scalar(node: Mapping, key: str) -> Scalar | None:
    value = node.items.get(key)
    return value if isinstance(value, Scalar) and not value.is_null else None


def _set(node: Mapping, key: str, value: Node | None) -> None:
    if value is not None:
        node.items[key] = value
        node.keys[key] = value.loc


def _texts(node: Mapping, field: str, lang: str, value: Scalar | None) -> None:
    # A Mapping per listing, the Scalar shared: a feed join adds one listing's translations, not all variants'.
    if value is not None:
        _set(node, field, Mapping({lang: value}, {lang: value.loc}, value.loc))


def shopify_listings(products: list[Mapping], settings: ReadSettings, path: str) -> list[Listing]:
    """One listing per variant; a product without variants is one listing."""
    lang = settings.language
    listings: list[Listing] = []
    for product in products:
        handle = _scalar(product, "handle") or _scalar(product, "id")
        title, body = _scalar(product, "title"), _scalar(product, "body_html")
        brand, category = _scalar(product, "vendor"), _scalar(product, "product_type")
        options = product.items.get("options")
        option_names = [_scalar(o, "name") if isinstance(o, Mapping) else None
                        for o in (options.items if isinstance(options, Sequence) else [])]
        images = _shopify_images(product)
        variants = product.items.get("variants")
        for variant in (variants.items if isinstance(variants, Sequence) and variants.items else [product]):
            if not isinstance(variant, Mapping):
                continue
            node = Mapping({}, {}, variant.loc)
            sku = _scalar(variant, "sku") if variant is not product else None
            if sku is not None and not sku.blank:
                _set(node, "id", sku)
            elif variant is not product and handle is not None and _scalar(variant, "id") is not None:
                vid = _scalar(variant, "id")
                _set(node, "id", Scalar(f"{handle.text.strip()}/{vid.text.strip()}", vid.loc))
            else:
                _set(node, "id", handle)
            _set(node, "group_id", handle)
            _texts(node, "title", lang, title)
            _texts(node, "description", lang, body)
            _set(node, "brand", brand)
            _set(node, "category", category)
            price = _scalar(variant, "price")
            _set(node, "price", as_machine(price) if price is not None else None)
            _set(node, "gtin", _scalar(variant, "barcode"))
            attributes = Mapping({}, {}, variant.loc)
            compare = _scalar(variant, "compare_at_price")
            if compare is not None and not compare.blank:
                _set(attributes, "compare_at_price", as_machine(compare))
            for n, name in enumerate(option_names, 1):
                value = _scalar(variant, f"option{n}")
                if name is not None and value is not None and not name.blank and value.text != "Default Title":
                    _set(attributes, name.text.strip(), value)
            if attributes.items:
                _set(node, "attributes", attributes)
            if images:
                own = _scalar(variant, "image_id")
                first = [s for i, s in images if own is not None and i == own.text]
                node.items["images"] = Sequence(first + [s for _, s in images if s not in first], images[0][1].loc)
                node.keys["images"] = images[0][1].loc
            listings.append(Listing(node, path, len(listings)))
    return listings


def _shopify_images(product: Mapping) -> list[tuple[str | None, Scalar]]:
    """(image id, its `src`) of each product image, the main `image` first when it is not listed."""
    found: list[tuple[str | None, Scalar]] = []
    seen: set[str] = set()
    listed = product.items.get("images")
    main = product.items.get("image")
    candidates = ([main] if isinstance(main, Mapping) else []) + (listed.items if isinstance(listed, Sequence) else [])
    for image in candidates:
        src = _scalar(image, "src") if isinstance(image, Mapping) else None
        if src is None or src.blank or src.text in seen:
            continue
        seen.add(src.text)
        image_id = _scalar(image, "id")
        found.append((image_id.text if image_id is not None else None, src))
    return found


# Shopify keys whose values are read; the rest of an export (dates, inventory, SEO) is skipped unbuilt.
SHOPIFY_KEYS = frozenset((
    "products", "product", "id", "handle", "title", "body_html", "vendor", "product_type", "options", "name",
    "images", "image", "src", "variants", "sku", "price", "compare_at_price", "option1", "option2", "option3",
    "barcode", "image_id",
))
# Content API names (camelCase) that are not the spec's name in camelCase.
CONTENT_API_NAMES = {"offer_id": "id", "id": None, "additional_image_links": "additional_image_link",
                     "product_types": "product_type", "sizes": "size", "gtins": "gtin"}
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def _content_api_keys() -> frozenset[str]:
    """The Content API keys whose values are read: the mapped attributes' names in camelCase."""
    from listing_lint.loaders.gmc import FIELDS

    def camel(name: str) -> str:
        head, *rest = name.split("_")
        return head + "".join(part.title() for part in rest)

    aliases = {camel(api) for api, spec in CONTENT_API_NAMES.items() if spec in FIELDS}
    return frozenset({camel(n) for n in FIELDS if n != "id"} | aliases | {"contentLanguage", *PRODUCT_KEYS, *MEASURE_KEYS})


PRODUCT_KEYS = ("products", "resources", "product")  # where a response holds its products
MEASURE_KEYS = ("value", "currency", "unit")  # inside a price or a unit pricing measure


def content_api_listings(products: list[Mapping], settings: ReadSettings, path: str) -> list[Listing]:
    """Products of the Content API for Shopping, mapped as the GMC feeds map the same attributes."""
    from listing_lint.loaders.gmc import FIELDS, finish, localised_fields
    from listing_lint.loaders.table import insert

    by_language: dict[str, dict[str, str]] = {}
    names: dict[str, str | None] = {}
    listings: list[Listing] = []
    for product in products:
        # The texts' language: the config's (or the feed's market), else the product's own `contentLanguage`.
        lang = settings.language
        if settings.locale is None:
            written = _scalar(product, "contentLanguage")
            lang = written.text.strip() if written is not None and not written.blank else lang
        fields = by_language.get(lang)
        if fields is None:
            fields = by_language[lang] = localised_fields(ReadSettings(locale=lang))
        node = Mapping({}, {}, product.loc)
        for key, value in product.items.items():
            if key not in names:
                spec = _CAMEL.sub("_", key).lower()
                spec = CONTENT_API_NAMES.get(spec, spec)
                names[key] = spec if spec in FIELDS else None
            spec = names[key]
            if spec is None:
                continue
            field = fields[spec]
            if isinstance(value, Sequence):
                # A list attribute (`additionalImageLinks`, `sizes`): an image list keeps all, others the first.
                values = [v for v in value.items if isinstance(v, Scalar) and not v.is_null]
                for item in values if field == "images" else values[:1]:
                    insert(node, field, item)
            elif isinstance(value, Mapping):
                if field in ("price", "sale_price"):
                    _content_price(node, field, value)
                else:
                    joined = _measure(value)
                    if joined is not None:
                        insert(node, field, joined)
            elif not value.is_null:
                insert(node, field, value)
        listings.append(Listing(finish(node), path, len(listings)))
    return listings


def _content_price(node: Mapping, field: str, price: Mapping) -> None:
    """`{"value": "15.00", "currency": "USD"}` → `{amount, currency}`, the amount written for machines."""
    amount = _scalar(price, "value")
    if amount is None:
        return
    value = Mapping({"amount": as_machine(amount)}, {"amount": amount.loc}, price.loc)
    currency = _scalar(price, "currency")
    if currency is not None:
        value.items["currency"] = currency
        value.keys["currency"] = currency.loc
    _set(node, field, value)
    node.keys[field] = price.loc


def _measure(value: Mapping) -> Scalar | None:
    """`{"value": 750, "unit": "ml"}` → `750 ml`, located at the number."""
    amount = _scalar(value, "value")
    if amount is None:
        return None
    unit = _scalar(value, "unit")
    return Scalar(f"{amount.text} {unit.text}" if unit is not None else amount.text, amount.loc, machine=True)


WANTED = {"shopify": SHOPIFY_KEYS, "content-api": _content_api_keys()}
