"""`listing-lint show`: the listings exactly as they were read, each value with its place.

It is how a seller checks a column map or a feed before trusting the findings: every
canonical field with the text read, the file, line and column it came from, and the
reader and encoding each file was read with.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from listing_lint.model import Catalog, Listing, Mapping, Node, Scalar, Sequence


def fields(node: Node, prefix: str = "") -> Iterator[tuple[str, Scalar]]:
    """Each leaf value under its dotted field (`title.en`, `images.0`), in the order read."""
    if isinstance(node, Scalar):
        yield prefix, node
    elif isinstance(node, Mapping):
        for key, value in node.items.items():
            yield from fields(value, f"{prefix}.{key}" if prefix else key)
    elif isinstance(node, Sequence):
        for i, value in enumerate(node.items):
            yield from fields(value, f"{prefix}.{i}" if prefix else str(i))


def listing_record(listing: Listing, catalog: Catalog, market: str | None = None) -> dict[str, Any]:
    source = catalog.source(listing.path)
    record: dict[str, Any] = {
        "id": listing.id,
        "group_id": listing.group_id,
        "path": listing.loc.path,
        "line": listing.loc.line,
        "column": listing.loc.column,
        "reader": source.reader,
        "encoding": source.encoding,
        "fields": {},
    }
    if market is not None:
        record["orphan_in"] = market  # an item of this market's feed that no source listing has
    for name, scalar in fields(listing.node):
        entry: dict[str, Any] = {"value": scalar.plain(), "path": scalar.loc.path,
                                 "line": scalar.loc.line, "column": scalar.loc.column}
        if scalar.means is not None:
            entry["means"] = scalar.means
        record["fields"][name] = entry
    return record


def records(catalogs: list[Catalog]) -> list[dict[str, Any]]:
    out = []
    for catalog in catalogs:
        out.extend(listing_record(listing, catalog) for listing in catalog.listings)
        for locale, feed in sorted(catalog.feeds.items()):
            out.extend(listing_record(item, catalog, locale) for item in [*feed.orphans, *feed.repeated])
    return out


def render(catalogs: list[Catalog], fmt: str) -> str:
    data = records(catalogs)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        import yaml

        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
    return _text(catalogs, data)


def _text(catalogs: list[Catalog], data: list[dict[str, Any]]) -> str:
    lines = []
    for catalog in catalogs:
        markets = {feed.path: (locale, feed) for locale, feed in catalog.feeds.items()}
        for source in catalog.sources.values():
            if source.path in markets:
                locale, feed = markets[source.path]
                n = len(catalog.listings) - len(feed.missing) + len(feed.orphans) + len(feed.repeated)
                what = f"{source.path} ({locale} feed): {n} item{'s' if n != 1 else ''}"
            else:
                n = len(catalog.listings)
                what = f"{source.path}: {n} listing{'s' if n != 1 else ''}"
            lines.append(f"{what}, read as {source.reader}, encoding {source.encoding}")
    lines.append("")
    for record in data:
        head = f"{record['path']}:{record['line']}:{record['column']}: {record['id'] or '(no id)'}"
        if record["group_id"]:
            head += f" (group {record['group_id']})"
        if "orphan_in" in record:
            head += f" [only in the {record['orphan_in']} feed]"
        lines.append(head)
        width = max((len(name) for name in record["fields"]), default=0)
        for name, entry in record["fields"].items():
            value = entry["value"]
            shown = "null" if value is None else json.dumps(value, ensure_ascii=False)
            if len(shown) > 100:
                shown = shown[:97] + "…\""
            means = f" (means {entry['means']})" if "means" in entry else ""
            where = f"{entry['line']}:{entry['column']}" if entry["path"] == record["path"] else \
                f"{entry['path']}:{entry['line']}:{entry['column']}"
            lines.append(f"  {name.ljust(width)}  {shown}{means}  @{where}")
        lines.append("")
    return "\n".join(lines)
