"""YAML catalogs, composed into nodes so every value keeps its line and column.

Composing (not constructing) is what keeps the marks, keeps numbers as the text the
seller wrote (`48.60` stays `48.60`, never a float), and lets us see duplicate keys,
which PyYAML's constructor would silently collapse to the last one.
"""

from __future__ import annotations

from listing_lint.errors import LoadError, NotACatalog
from listing_lint.model import Catalog, DuplicateKey, Listing, Location, Mapping, Node, Scalar, Sequence

# Safe loading: only the tags of the YAML core schema; `!!python/...` and custom tags are refused.
SAFE_TAGS = frozenset(
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge", "binary", "set", "omap")
)
NULL_TAG = "tag:yaml.org,2002:null"


def _yaml_loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.duplicates: list[DuplicateKey] = []
        self.listing_index: int | None = None

    def loc(self, node) -> Location:
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node, at: str = "") -> Node:
        import yaml

        if node.tag not in SAFE_TAGS:
            raise LoadError(f"unsupported YAML tag {node.tag!r} (only plain YAML is read)", self.path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return Scalar(
                text=node.value,
                loc=self.loc(node),
                is_null=node.tag == NULL_TAG,
                quoted=node.style in ("'", '"'),
                start=node.start_mark.index,
                end=node.end_mark.index,
            )
        if isinstance(node, yaml.SequenceNode):
            return Sequence([self.build(item, at) for item in node.value], self.loc(node))
        items: dict[str, Node] = {}
        keys: dict[str, Location] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise LoadError("a mapping key must be plain text", self.path, key_node.start_mark.line + 1)
            key = key_node.value
            key_loc = self.loc(key_node)
            dotted = f"{at}.{key}" if at else key
            if key in keys:
                self.duplicates.append(DuplicateKey(dotted, keys[key], key_loc, self.listing_index))
            # The last one wins, as in every YAML reader; L004 reports the loss.
            keys[key] = key_loc
            items[key] = self.build(value_node, dotted)
        return Mapping(items, keys, self.loc(node))


def compose(text: str, path: str):
    import yaml

    try:
        return yaml.compose(text, Loader=_yaml_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        raise LoadError(f"YAML syntax error: {what}", path, line) from None
    except yaml.YAMLError as exc:
        raise LoadError(f"YAML error: {exc}", path) from None


def load_yaml(text: str, path: str) -> Catalog:
    import yaml

    root = compose(text, path)
    if root is None:
        raise NotACatalog("empty file, not a catalog", path, 1)
    builder = _Builder(path)
    top_node: Mapping | None = None
    if isinstance(root, yaml.MappingNode):
        listings_node = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "listings"), None)
        if listings_node is None:
            raise NotACatalog("not a catalog: expected a `listings:` list or a list of listings", path, 1)
        if not isinstance(listings_node, yaml.SequenceNode):
            raise LoadError("`listings` must be a list of listings", path, listings_node.start_mark.line + 1)
        items_nodes = listings_node.value
        # Build the top level without its listings, then each listing with its index,
        # so duplicate keys can say which listing lost data.
        shallow = yaml.MappingNode(root.tag, [(k, v) for k, v in root.value if v is not listings_node],
                                   root.start_mark, root.end_mark)
        top_node = builder.build(shallow)
        top_node.keys["listings"] = builder.loc(next(k for k, v in root.value if v is listings_node))
    elif isinstance(root, yaml.SequenceNode):
        items_nodes = root.value
    else:
        raise NotACatalog("not a catalog: expected a `listings:` list or a list of listings", path, 1)

    listings: list[Listing] = []
    for index, item in enumerate(items_nodes):
        if not isinstance(item, yaml.MappingNode):
            raise LoadError("each listing must be a mapping of fields (id, title, price, ...)", path, item.start_mark.line + 1)
        builder.listing_index = index
        node = builder.build(item)
        assert isinstance(node, Mapping)
        listings.append(Listing(node, path, index))

    source_locale = None
    target_locales: list[str] = []
    if top_node is not None:
        source = top_node.get("source_locale")
        if isinstance(source, Scalar) and not source.blank:
            source_locale = source.text.strip()
        targets = top_node.get("target_locales")
        if isinstance(targets, Sequence):
            target_locales = [t.text.strip() for t in targets.items if isinstance(t, Scalar) and not t.blank]
        elif isinstance(targets, Scalar) and not targets.blank:
            target_locales = [t for t in targets.text.replace(",", " ").split() if t]
    return Catalog(
        path=path,
        listings=listings,
        source_locale=source_locale,
        target_locales=target_locales,
        node=top_node,
        duplicate_keys=builder.duplicates,
        text=text,
        format="yaml",
    )
