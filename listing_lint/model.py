"""The data that flows through a run: load → listings → rules → findings → report.

Every value read from a catalog keeps where it came from, so a finding can point
at the exact line and column. Scalars are kept as the text the seller wrote;
turning text into money or language is the job of later stages, never the loader's.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Iterator, NamedTuple, Union

SEVERITIES = ("error", "warning", "info")


class Location(NamedTuple):
    # A tuple, not a dataclass: loaders make one per value, and a frozen dataclass costs several times more.
    path: str
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True, slots=True)
class Scalar:
    """A leaf value as written: `text` is the source text (YAML scalar value or CSV cell)."""

    text: str
    loc: Location
    is_null: bool = False  # YAML `~`/`null`/empty value; CSV empty cells are simply absent
    quoted: bool = False
    # Exact source span of the scalar, in character offsets, for text-edit fixes.
    start: int | None = None
    end: int | None = None
    # A number written for machines (an unquoted YAML number, a workbook's number cell, a feed's
    # spec-defined `15.00 USD`): its `.` is a decimal point whatever the seller's locale.
    machine: bool = False
    # What the text stands for where its format defines it, when that differs from the text:
    # a YML feed's `RUR` is its spec's code for the rouble (`RUB`); a YML `param` with a unit.
    means: str | None = None

    @property
    def value(self) -> str:
        """The text as its format defines it (`means`), else as written."""
        return self.means if self.means is not None else self.text

    @property
    def blank(self) -> bool:
        return self.is_null or not self.text.strip()

    def plain(self) -> str | None:
        return None if self.is_null else self.text


@dataclass(slots=True)
class Mapping:
    """An ordered mapping; `items` maps key → value, `keys` keeps each key's location."""

    items: dict[str, "Node"]
    keys: dict[str, Location]
    loc: Location

    def get(self, key: str) -> "Node | None":
        return self.items.get(key)


@dataclass(slots=True)
class Sequence:
    items: list["Node"]
    loc: Location


Node = Union[Scalar, Mapping, Sequence]


def to_plain(node: Node | None) -> Any:
    """The node as plain Python values (strings, dicts, lists); used for display and comparison."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return node.plain()
    if isinstance(node, Mapping):
        return {k: to_plain(v) for k, v in node.items.items()}
    return [to_plain(v) for v in node.items]


def locale_language(locale: str) -> str:
    """`en_US` → `en`; also accepts `en-US`."""
    return locale.replace("-", "_").split("_", 1)[0].lower()


@dataclass(frozen=True)
class RawPrice:
    """A price as the seller wrote it, not yet parsed.

    `amount` is the amount text (`4500`, `4 500,00 ₽`, `4500 RUB`), `currency` a separately
    given currency text (from `currency:` or `{amount, currency}`), or None.
    """

    amount: Scalar
    currency: Scalar | None
    field: str  # `price`, `price.amount`


@dataclass
class Listing:
    """One product listing: a mapping of fields plus where it stands in its file."""

    node: Mapping
    path: str
    index: int  # position in the catalog, 0-based
    # Market locale → the item of that market's feed joined into this listing (config `feeds:`).
    joined: dict[str, "Listing"] = field(default_factory=dict, repr=False, compare=False)
    # Text keys by normalised locale, per field: every T rule asks for them, for every locale.
    _locales: dict[str, dict[str, tuple[str, Scalar]]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def loc(self) -> Location:
        return self.node.loc

    def get(self, key: str) -> Node | None:
        return self.node.items.get(key)

    def scalar(self, key: str) -> Scalar | None:
        node = self.node.items.get(key)
        return node if isinstance(node, Scalar) else None

    def text_of(self, key: str) -> str | None:
        """The non-blank text of a scalar field, else None."""
        node = self.scalar(key)
        if node is None or node.blank:
            return None
        return node.text.strip()

    @property
    def id(self) -> str | None:
        return self.text_of("id")

    @property
    def category(self) -> str | None:
        return self.text_of("category")

    @property
    def group_id(self) -> str | None:
        """The product a variant belongs to (Shopify handle, GMC `item_group_id`, YML `group_id`)."""
        return self.text_of("group_id")

    def texts(self, key: str) -> dict[str, Scalar]:
        """Localised text of a field (`title`, `description`) by the key the seller used."""
        node = self.node.items.get(key)
        if isinstance(node, Mapping):
            return {k: v for k, v in node.items.items() if isinstance(v, Scalar)}
        return {}

    def text(self, key: str, locale: str) -> tuple[str, Scalar] | None:
        """Text of `key` for `locale`: the exact locale first (`en_US`), then the language (`en`).

        Returns (field name as written, e.g. `title.en`, scalar) or None when absent.
        Keys are compared case- and separator-insensitively (`en-US`, `en_us`).
        """
        by_norm = self._locales.get(key)
        if by_norm is None:
            by_norm = self._locales[key] = {_norm_locale(k): (k, v) for k, v in self.texts(key).items()}
        for wanted in (_norm_locale(locale), locale_language(locale)):
            if wanted in by_norm:
                written, scalar = by_norm[wanted]
                return f"{key}.{written}", scalar
        return None

    @property
    def price(self) -> RawPrice | None:
        node = self.node.items.get("price")
        if isinstance(node, Scalar):
            currency = self.scalar("currency")
            return RawPrice(node, currency if currency is not None and not currency.blank else None, "price")
        if isinstance(node, Mapping):
            amount = node.get("amount")
            currency = node.get("currency")
            if isinstance(amount, Scalar):
                cur = currency if isinstance(currency, Scalar) and not currency.blank else None
                return RawPrice(amount, cur, "price.amount")
        return None

    @property
    def prices(self) -> dict[str, Scalar]:
        """Market prices already converted by the seller, keyed by the currency as written."""
        node = self.node.items.get("prices")
        if isinstance(node, Mapping):
            return {k: v for k, v in node.items.items() if isinstance(v, Scalar)}
        return {}

    @property
    def attributes(self) -> dict[str, str]:
        node = self.node.items.get("attributes")
        if isinstance(node, Mapping):
            return {k: v.value for k, v in node.items.items() if isinstance(v, Scalar) and not v.blank}
        return {}

    @property
    def lint_ignore(self) -> list[str]:
        node = self.node.items.get("lint_ignore")
        if isinstance(node, Sequence):
            return [v.text.strip() for v in node.items if isinstance(v, Scalar) and not v.blank]
        if isinstance(node, Scalar) and not node.blank:
            # CSV cells and the one-line YAML form: `P001, T008` or `P001 T008`
            return [p for p in node.text.replace(",", " ").split() if p]
        return []

    def locate(self, field: str | None) -> Location:
        """Location of a dotted field path (`title.en`, `prices.USD`), else of the listing."""
        if not field:
            return self.loc
        node: Node | None = self.node
        for part in field.split("."):
            if isinstance(node, Mapping) and part in node.items:
                node = node.items[part]
            else:
                return self.loc
        return node.loc if node is not None else self.loc


def _norm_locale(locale: str) -> str:
    return locale.replace("-", "_").lower()


@dataclass(frozen=True)
class DuplicateKey:
    key: str
    first: Location
    duplicate: Location
    listing_index: int | None  # the listing it was found in, if any


@dataclass
class Source:
    """A file as read: its decoded text and what it takes to write it back unchanged.

    Scalar offsets (`start`/`end`) are offsets into `text`. `editable` is False where a
    fix cannot be written as a text edit (a workbook); `why_not` then says so in a seller's words.
    """

    path: str
    text: str
    reader: str = "yaml"  # the reader's name (`yaml`, `csv`, `gmc-xml`, ...)
    encoding: str = "utf-8"
    bom: bytes = b""
    editable: bool = True
    why_not: str | None = None
    settings: Any = None  # the ReadSettings it was read with, to read a fixed text the same way
    prices_carry_currency: bool = True  # False where the format's price cells never hold one (Shopify)


@dataclass(frozen=True)
class UnknownColumn:
    """A column (or feed element) no field is mapped to, reported once where it is named."""

    name: str
    loc: Location
    known: tuple[str, ...]  # names it may be a misspelling of
    kind: str = "column"  # what the seller calls it: a table's `column`, a feed's `element`


@dataclass
class Feed:
    """A market feed joined into a catalog: its locale, file and the source listings it lacks."""

    locale: str
    path: str
    missing: set[int] = field(default_factory=set)  # indexes of source listings with no item in this feed
    orphans: list["Listing"] = field(default_factory=list)  # items with no source listing of their key
    repeated: list["Listing"] = field(default_factory=list)  # items whose key an earlier item of the feed had


@dataclass
class Catalog:
    """A loaded catalog: its listings and catalog-level settings.

    `source_locale`/`target_locales` come from the file, else from config.
    `node` is the top-level mapping for YAML catalogs that have one. A catalog joined
    from several feeds has one `Source` per file; every other catalog has one.
    """

    path: str
    listings: list[Listing]
    source_locale: str | None = None
    target_locales: list[str] = field(default_factory=list)
    node: Mapping | None = None
    duplicate_keys: list[DuplicateKey] = field(default_factory=list)
    text: str = ""  # the decoded source of `path`, for fixes and context lines
    format: str = "yaml"  # the reader that read `path`
    columns: dict[str, Location] = field(default_factory=dict)  # table header cells by name
    sources: dict[str, Source] = field(default_factory=dict)
    unknown_columns: list[UnknownColumn] = field(default_factory=list)
    currency: str | None = None  # the currency of prices written without one (config `currency:`)
    feeds: dict[str, Feed] = field(default_factory=dict)  # market locale → the feed joined for it

    def __post_init__(self) -> None:
        if self.path not in self.sources:
            self.sources[self.path] = Source(self.path, self.text, self.format)

    def __iter__(self) -> Iterator[Listing]:
        return iter(self.listings)

    def source(self, path: str) -> Source:
        """The file a value was read from (by its location's path)."""
        return self.sources.get(path) or self.sources[self.path]

    def text_at(self, scalar: Scalar) -> str:
        """The decoded text of the file that holds `scalar`: what its offsets index."""
        return self.source(scalar.loc.path).text


@dataclass(frozen=True)
class Finding:
    """One problem found by one rule, with the machine-readable numbers behind it."""

    code: str
    name: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    listing_id: str | None = None
    field: str | None = None
    data: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.listing_id or "", self.field or "", self.message)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "listing_id": self.listing_id,
            "field": self.field,
            "data": self.data,
        }
