"""YAML catalogs, built from parser events so every value keeps its line and column.

Building our own nodes from the C parser's events (rather than composing or
constructing with PyYAML) does three things: values keep the text the seller wrote
(`48.60` stays `48.60`, never a float); duplicate keys, which PyYAML's constructor
silently collapses to the last one, are seen; and loading is about four times
faster, because PyYAML's tag resolver runs in Python for every scalar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from listing_lint.errors import LoadError, NotACatalog
from listing_lint.loaders.reader import Probe, Reader
from listing_lint.model import Catalog, DuplicateKey, Listing, Location, Mapping, Node, Scalar, Sequence

# Safe loading: only the tags of the YAML core schema; `!!python/...` and custom tags are refused.
SAFE_TAGS = frozenset(
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary", "set", "omap")
) | {"!"}
NULL_TAG = "tag:yaml.org,2002:null"
NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
MERGE_KEY = "<<"
_YAML_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
NOT_A_CATALOG = "not a catalog: expected a `listings:` list or a list of listings"


@dataclass
class _Frame:
    node: Mapping | Sequence
    at: str  # dotted path of this container inside its listing (`title`, `prices`), "" at a listing's top
    listing_index: int | None
    is_listings: bool = False  # the sequence that holds the listings
    key: tuple[str, Location] | None = None  # a mapping's key waiting for its value


def _parser():
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.duplicates: list[DuplicateKey] = []
        self.anchors: dict[str, Node] = {}

    def loc(self, mark) -> Location:
        return Location(self.path, mark.line + 1, mark.column + 1)

    def check_tag(self, event) -> None:
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in SAFE_TAGS:
            raise LoadError(f"unsupported YAML tag {tag!r} (only plain YAML is read)", self.path, event.start_mark.line + 1)

    def build(self, events) -> Node | None:
        yaml, _ = _parser()
        stack: list[_Frame] = []
        root: Node | None = None
        documents = 0
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        for event in events:
            kind = type(event)  # dispatch on the exact type, most frequent first: this loop is the hot path
            if kind is scalar_event:
                if event.tag is not None:
                    self.check_tag(event)
                # The C parser says '' for plain style, the pure one None.
                is_null = event.tag == NULL_TAG or (event.tag is None and not event.style and event.value in NULL_WORDS)
                mark = event.start_mark
                quoted = event.style in ("'", '"')
                node: Node = Scalar(
                    event.value,
                    Location(self.path, mark.line + 1, mark.column + 1),
                    is_null,
                    quoted,
                    mark.index,
                    event.end_mark.index,
                    # An unquoted YAML number is written for machines; `4.500 RUB` is text a person wrote.
                    not event.style and _YAML_NUMBER.fullmatch(event.value) is not None,
                )
                if event.anchor:
                    self.anchors[event.anchor] = node
                if not stack:
                    root = node
                else:
                    self.attach(stack, node, event)
            elif kind in ends:
                done = stack.pop()
                if not stack:
                    root = done.node
            elif kind is mapping_start or kind is sequence_start:
                self.check_tag(event)
                loc = self.loc(event.start_mark)
                container: Mapping | Sequence = Mapping({}, {}, loc) if kind is mapping_start else Sequence([], loc)
                if event.anchor:
                    self.anchors[event.anchor] = container
                frame = self.child_frame(stack, container)
                if stack:
                    self.attach(stack, container, event)
                stack.append(frame)
            elif kind is alias_event:
                if event.anchor not in self.anchors:
                    raise LoadError(f"unknown alias *{event.anchor}", self.path, event.start_mark.line + 1)
                self.attach(stack, self.anchors[event.anchor], event)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise LoadError("a catalog file holds one YAML document; found a second (`---`)", self.path,
                                    event.start_mark.line + 1)
        return root

    @staticmethod
    def child_frame(stack: list[_Frame], container: Mapping | Sequence) -> _Frame:
        if not stack:
            # A top-level sequence is a bare list of listings.
            return _Frame(container, "", None, is_listings=isinstance(container, Sequence))
        parent = stack[-1]
        if parent.is_listings:
            return _Frame(container, "", len(parent.node.items))
        if isinstance(parent.node, Mapping):
            key = parent.key[0] if parent.key else ""
            at = f"{parent.at}.{key}" if parent.at else key
            is_listings = len(stack) == 1 and key == "listings" and isinstance(container, Sequence)
            return _Frame(container, at, parent.listing_index, is_listings)
        return _Frame(container, parent.at, parent.listing_index)

    def attach(self, stack: list[_Frame], node: Node, event) -> None:
        frame = stack[-1]
        if isinstance(frame.node, Sequence):
            frame.node.items.append(node)
            return
        if frame.key is None:
            if not isinstance(node, Scalar):
                raise LoadError("a mapping key must be plain text", self.path, event.start_mark.line + 1)
            frame.key = (node.text, node.loc)
            return
        key, key_loc = frame.key
        frame.key = None
        mapping = frame.node
        if key == MERGE_KEY and isinstance(node, (Mapping, Sequence)):
            self.merge(mapping, node)
            return
        if key in mapping.keys:
            dotted = f"{frame.at}.{key}" if frame.at else key
            self.duplicates.append(DuplicateKey(dotted, mapping.keys[key], key_loc, frame.listing_index))
        # The last one wins, as in every YAML reader; L004 reports the loss.
        mapping.keys[key] = key_loc
        mapping.items[key] = node

    @staticmethod
    def merge(mapping: Mapping, source: Node) -> None:
        """YAML merge keys (`<<: *defaults`): keys not written in the mapping come from the source."""
        sources = source.items if isinstance(source, Sequence) else [source]
        for src in sources:
            if isinstance(src, Mapping):
                for key, value in src.items.items():
                    if key not in mapping.items:
                        mapping.items[key] = value
                        mapping.keys[key] = src.keys[key]


def _not_a_catalog(root: Mapping, path: str) -> None:
    """A mapping without `listings:`: some other YAML file, unless it is a catalog gone wrong.

    A catalog key (`source_locale`) or a misspelt `listings` makes it a broken catalog, which is
    an error even where other YAML files are skipped quietly (directories, pre-commit hooks).
    """
    from listing_lint.loaders import CATALOG_KEYS
    from listing_lint.suggest import closest

    from listing_lint.config import SETTINGS, canonical_key

    if any(canonical_key(key) in SETTINGS and key not in CATALOG_KEYS for key in root.keys):
        raise NotACatalog("a listing-lint config file, not a catalog", path, 1)
    for key, loc in root.keys.items():
        if key != "listings" and closest(key, ["listings"], cutoff=0.75):
            raise LoadError(f"no `listings:` in this catalog; is '{key}' meant to be `listings`?", path, loc.line)
    if any(key in CATALOG_KEYS for key in root.keys):
        raise LoadError("this catalog has no `listings:` list", path, 1)
    raise NotACatalog(NOT_A_CATALOG, path, 1)


def _looks_like_listings(items: Sequence) -> bool:
    from listing_lint.loaders import LISTING_KEYS

    mappings = [i for i in items.items if isinstance(i, Mapping)]
    if len(mappings) != len(items.items):
        return False
    return not mappings or any(key in LISTING_KEYS for m in mappings for key in m.keys)


def load_yaml(text: str, path: str) -> Catalog:
    yaml, loader = _parser()
    builder = _Builder(path)
    try:
        root = builder.build(yaml.parse(text, Loader=loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        raise LoadError(f"YAML syntax error: {what}", path, line) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, NUL of UTF-16 read as UTF-8 above all
        line = text.count("\n", 0, exc.position) + 1
        character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        hint = " (is it UTF-16 or UTF-32 without a byte-order mark? save it as UTF-8)" if character == 0 else ""
        raise LoadError(f"YAML does not allow the control character U+{character:04X} in a file{hint}",
                        path, line) from None
    except yaml.YAMLError as exc:
        raise LoadError(f"YAML error: {exc}", path) from None
    if root is None:
        raise NotACatalog("empty file, not a catalog", path, 1)
    return catalog_from_root(root, path, text, builder.duplicates)


def catalog_from_root(root: Node, path: str, text: str, duplicates: list[DuplicateKey], fmt: str = "yaml") -> Catalog:
    """A catalog in our own shape (`listings:` under a mapping, or a bare list of listings),
    from its root node however it was parsed (YAML events, the located JSON scanner)."""
    top: Mapping | None = None
    if isinstance(root, Mapping):
        items = root.items.get("listings")
        if items is None:
            _not_a_catalog(root, path)
        if not isinstance(items, Sequence):
            raise LoadError("`listings` must be a list of listings", path, items.loc.line)
        top = Mapping({k: v for k, v in root.items.items() if k != "listings"}, dict(root.keys), root.loc)
    elif isinstance(root, Sequence):
        items = root
    else:
        raise NotACatalog(NOT_A_CATALOG, path, 1)

    if top is None and not _looks_like_listings(items):
        # A bare list of anything but listings (an Ansible playbook, say) is some other YAML file.
        raise NotACatalog(NOT_A_CATALOG, path, 1)
    listings: list[Listing] = []
    for index, item in enumerate(items.items):
        if not isinstance(item, Mapping):
            raise LoadError("each listing must be a mapping of fields (id, title, price, ...)", path, item.loc.line)
        listings.append(Listing(item, path, index))

    source_locale = None
    target_locales: list[str] = []
    if top is not None:
        source = top.get("source_locale")
        if isinstance(source, Scalar) and not source.blank:
            source_locale = source.text.strip()
        targets = top.get("target_locales")
        if isinstance(targets, Sequence):
            target_locales = [t.text.strip() for t in targets.items if isinstance(t, Scalar) and not t.blank]
        elif isinstance(targets, Scalar) and not targets.blank:
            target_locales = [t for t in targets.text.replace(",", " ").split() if t]
    return Catalog(
        path=path,
        listings=listings,
        source_locale=source_locale,
        target_locales=target_locales,
        node=top,
        duplicate_keys=duplicates,
        text=text,
        format=fmt,
    )


class YamlReader(Reader):
    name = "yaml"
    variants_inherit = True
    summary = "listing-lint YAML"
    containers = ("yaml",)
    suffixes = (".yaml", ".yml")

    def detect(self, probe: Probe) -> int:
        return 50  # the only reader of YAML; it says itself when a file is not a catalog

    def read(self, probe: Probe) -> Catalog:
        catalog = load_yaml(probe.text, probe.path)
        catalog.sources[probe.path] = self.make_source(probe)
        catalog.currency = probe.settings.currency
        return catalog
