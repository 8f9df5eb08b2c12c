"""Where comparable prices come from: any file listing-lint reads, and Merchant Center's price benchmarks.

A comparables source is named in config `comparables:`, as a path or as a mapping with
reading settings (`{path: rivals.xml, locale: zh_CN, currency: CNY}`, the keys a feed
takes). A file in the comparables' own CSV/YAML shape is read by `loader` (fast, strict:
a bad row stops the run with its line). Any other file (a rival's Google Merchant feed,
a YML feed, a Shopify or Taobao export, a spreadsheet through `columns:`) goes through
the same readers as catalogs, and each listing becomes an item; items whose price cannot
be read are left out, since a rival's feed is not the seller's to fix. A Merchant Center
price competitiveness export (a benchmark price per product) gives one benchmark per
product, found by GTIN or offer id.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from listing_lint.comparables.items import Comparable
from listing_lint.errors import ConfigError, LoadError

SOURCE_KEYS = ("path", "input_format", "encoding", "columns", "ignore_columns", "currency", "sheet", "header_row",
               "locale")
_MICROS = Decimal(1_000_000)


def source_specs(config) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    """Each configured source as (resolved path, its settings as sorted pairs): hashable, for the run's memo."""
    specs = []
    for entry in config.get("comparables") or []:
        if isinstance(entry, str):
            specs.append((str(config.resolve(entry)), ()))
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise ConfigError("each of `comparables:` is a file path, or a mapping with `path:` and reading "
                              f"settings ({', '.join(SOURCE_KEYS[1:])})", config.path)
        unknown = [k for k in entry if str(k).replace("-", "_") not in SOURCE_KEYS]
        if unknown:
            raise ConfigError(f"comparables: unknown key '{unknown[0]}' (a source takes {', '.join(SOURCE_KEYS)})",
                              config.path)
        settings = tuple(sorted((str(k).replace("-", "_"), _frozen(v)) for k, v in entry.items() if k != "path"))
        specs.append((str(config.resolve(entry["path"])), settings))
    return tuple(specs)


def data_paths(config) -> list[str]:
    """The files `comparables:` names (they are data, not catalogs to lint)."""
    return [path for path, _ in source_specs(config)]


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def load_source(spec: tuple[str, tuple], catalog_locale: str | None) -> list[Comparable]:
    from listing_lint.comparables.loader import ComparablesError, load_comparables

    path, pairs = spec
    options = dict(pairs)
    head = _head(path)
    if _is_benchmark_report(head):
        return _benchmarks(path, options)
    if set(options) <= {"locale"} and _is_own_shape(path, head):
        return load_comparables(path, locale=options.get("locale") or catalog_locale)
    from listing_lint.loaders import load_file
    from listing_lint.loaders.reader import ReadSettings

    locale = options.pop("locale", None) or catalog_locale
    if "columns" in options:
        options["columns"] = {k: v for k, v in options["columns"]}
    if "ignore_columns" in options:
        options["ignore_columns"] = tuple(options["ignore_columns"])
    try:
        catalog = load_file(path, ReadSettings(locale=locale, **options))
    except LoadError as exc:
        raise ComparablesError(f"comparables file: {exc.message}", exc.path or path, exc.line) from None
    return [item for listing in catalog.listings if (item := _item(listing, catalog, locale)) is not None]


def _head(path: str) -> str:
    import os

    if not os.path.isfile(path):  # a FIFO would block here; the loader says what it is
        return ""
    try:
        with open(path, "rb") as f:
            data = f.read(4096)
    except OSError:
        return ""
    return data.decode("utf-8", errors="replace").lstrip("\ufeff")


def _is_own_shape(path: str, head: str) -> bool:
    """A CSV whose header is the comparables' own columns, or a YAML list of items: the strict fast loader."""
    from listing_lint.comparables.loader import KNOWN_KEYS

    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return True
    if suffix not in (".csv", ".tsv", ".txt"):
        return False
    header = head.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header.count)
    names = [n.strip().strip('"').split(".", 1)[0] for n in header.split(delimiter)]
    return "id" in names and "price" in names and all(n in KNOWN_KEYS for n in names if n)


def _item(listing, catalog, locale: str | None) -> Comparable | None:
    from listing_lint.comparables.quantities import quantity_from
    from listing_lint.money.parse import parse_price

    raw = listing.price
    if listing.id is None or raw is None or raw.amount.blank:
        return None
    given = raw.currency.value if raw.currency is not None else catalog.currency
    parsed = parse_price(raw.amount.text, currency=given, locale=locale, machine_number=raw.amount.machine, strict=True)
    if not parsed.ok or parsed.currency is None or not parsed.amount.is_finite() or parsed.amount <= 0:
        return None
    texts = [s.text for s in listing.texts("title").values() if not s.blank]
    attributes = listing.attributes
    return Comparable(
        id=listing.id,
        amount=parsed.amount,
        currency=parsed.currency,
        loc=listing.loc,
        category=listing.category,
        title=texts[0] if texts else "",
        gtin=listing.text_of("gtin") or attributes.get("gtin"),
        brand=listing.text_of("brand") or attributes.get("brand"),
        mpn=listing.text_of("mpn") or attributes.get("mpn"),
        attributes=attributes,
        quantity=quantity_from(listing.text_of("quantity"), listing.text_of("unit"), attributes, texts, locale),
        titles=tuple(texts[1:]),
    )


# --- Merchant Center price competitiveness (benchmark) exports

_BENCHMARK = re.compile(r"benchmark[ _.]?price", re.IGNORECASE)


def _is_benchmark_report(head: str) -> bool:
    return bool(_BENCHMARK.search(head.split("\n", 1)[0]))


def _norm(name: str) -> str:
    return re.sub(r"[\s_.]+", " ", name.strip().strip('"').casefold())


_COLUMNS = {
    "offer": ("offer id", "item id", "product id", "id"),
    "gtin": ("gtin", "product gtin", "gtins"),
    "micros": ("benchmark price amount micros", "benchmark price micros"),
    "price": ("benchmark price", "price benchmark"),
    "currency": ("benchmark price currency code", "benchmark price currency", "currency code", "currency"),
    "title": ("title", "product title"),
}


def _benchmarks(path: str, options: dict[str, Any]) -> list[Comparable]:
    """One benchmark item per row of a Merchant Center price competitiveness export."""
    from listing_lint.comparables.loader import ComparablesError
    from listing_lint.loaders import read_bytes
    from listing_lint.loaders.encoding import decode_file
    from listing_lint.loaders.table import CsvTable
    from listing_lint.model import Location

    try:
        text = decode_file(read_bytes(path), path, "table", options.get("encoding")).text
        table = CsvTable(text, path)
    except LoadError as exc:
        raise ComparablesError(f"price benchmark file: {exc.message}", exc.path or path, exc.line) from None
    if not len(table):
        return []
    names = [_norm(n) for n in table.values(0)]
    where = {role: next((names.index(n) for n in wanted if n in names), None) for role, wanted in _COLUMNS.items()}
    if where["micros"] is None and where["price"] is None:
        raise ComparablesError("price benchmark file has no benchmark price column", path, 1)
    items = []
    for r in range(1, len(table)):
        row = table.values(r)

        def cell(role: str) -> str:
            c = where[role]
            return row[c].strip() if c is not None and c < len(row) else ""

        offer = cell("offer").rsplit(":", 1)[-1]  # Content API ids read `online:en:US:<offer id>`
        amount, currency = _benchmark_price(cell("micros"), cell("price"), cell("currency") or options.get("currency"))
        if not offer and not cell("gtin") or amount is None or currency is None:
            continue
        items.append(Comparable(id=offer or cell("gtin"), amount=amount, currency=currency,
                                loc=Location(path, table.row_number(r), 1), title=cell("title"),
                                gtin=cell("gtin") or None, benchmark=True))
    return items


def _benchmark_price(micros: str, price: str, currency: str | None) -> tuple[Decimal | None, str | None]:
    from listing_lint.money.parse import parse_price

    if micros.isdigit():
        return Decimal(micros) / _MICROS, currency.upper() if currency else None
    if price:
        parsed = parse_price(price, currency=currency, machine_number=True, strict=True)
        if parsed.ok and parsed.currency and parsed.amount > 0:
            return parsed.amount, parsed.currency
    return None, None
