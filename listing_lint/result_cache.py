"""Remember what a run found, so an unchanged catalog is not checked again.

As ESLint's and ruff's caches do, but keyed by content, never by modification time (a CI
checkout gives every file a new one). A run's key (`RunKey`) covers what can change a
verdict besides the catalog: listing-lint's own code and data, the libraries that judge
text, the rules selected with their options and severities, the whole config, the files
it names (rates, comparables, plugins) and today's date (rates grow stale). Under it:

- a file whose bytes (and those of the feeds joined with it) are unchanged gets its
  findings back without being read;
- a changed file is read, and each listing that is unchanged (its fields, their text as
  written and their places relative to the listing), together with the listings its
  verdict depends on (`Rule.depends_on`: variant siblings for the price rules), gets its
  listing rules' findings back, moved to where the listing now stands; the other listings,
  and the catalog rules over the whole catalog, are checked.

Entries are JSON in `<cache dir>/results/`, one pair of files per catalog path, replaced
whole, so the cache stays the size of the catalogs last checked. A cache entry never runs
code (no pickle): a directory anyone could write to can at worst make a run check again.
Fixes are not remembered (a run with `--fix` or `--diff` does not use the cache); a
remembered finding still says whether a fix exists, for the hint after the report. What rules
note for the HTML report is not remembered either: `--format html` does not use the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from listing_lint.disk_cache import installed
from listing_lint.model import Catalog, Finding, Listing, Mapping, Scalar, Sequence

VERSION = 1  # of the entries' layout


def _digest(*parts: Any) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _file_digest(path: str | Path) -> str | None:
    """The digest of a regular file's bytes; None for anything else (a FIFO, a device), which is
    never opened to block or read forever here: the reader refuses it with a message."""
    import stat

    h = hashlib.blake2b(digest_size=20)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    with os.fdopen(fd, "rb") as handle:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            for block in iter(lambda: handle.read(1 << 20), b""):
                h.update(block)
        except OSError as exc:
            return f"unreadable:{exc.errno}"
    return h.hexdigest()


def _code_digest() -> str:
    """listing-lint's own code and data, by name, size and time: a development checkout
    changes without a new version (a new time only costs a check again)."""
    import listing_lint
    import listing_lint_rules

    out = []
    for package in (listing_lint, listing_lint_rules):
        root = Path(package.__file__).parent
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                st = os.stat(os.path.join(folder, name))
                out.append((os.path.relpath(os.path.join(folder, name), root), st.st_size, st.st_mtime_ns))
    return _digest(out)


def run_key(config, selection) -> str | None:
    """The key of everything but the catalogs; None when a verdict can change between two
    runs with the same files (live exchange rates)."""
    import sys
    from listing_lint.comparables.sources import data_paths
    from listing_lint.money.rates import provider_names
    from listing_lint.money.today import today

    providers = provider_names(config)
    if any("live" in name.lower() for name in providers):
        return None
    files = [*data_paths(config), *config.get("plugins"),
             *(n for n in providers if n.lower() not in ("ecb", "cbr"))]
    rules = []
    for rule in selection.instances:
        module = sys.modules.get(type(rule).__module__)
        source = getattr(module, "__file__", None)
        rules.append((rule.code, type(rule).__module__, type(rule).__qualname__, rule.level,
                      sorted(rule.opts.items(), key=lambda kv: kv[0]), source and _file_digest(source)))
    return _digest(VERSION, _code_digest(), installed(), sys.version_info[:2], sorted(map(str, config.values.items())),
                   str(config.path), rules, [(str(f), _file_digest(config.resolve(str(f)))) for f in files],
                   today().isoformat())


def default_dir() -> Path | None:
    from listing_lint.language.model_cache import cache_dir

    base = cache_dir()
    return None if base is None else base / "results"


class ResultCache:
    def __init__(self, directory: Path, key: str) -> None:
        self.directory, self.key = Path(directory), key

    @classmethod
    def for_run(cls, config, selection, directory: str | None = None) -> "ResultCache | None":
        key = run_key(config, selection)
        where = Path(directory).expanduser() if directory else default_dir()
        if key is None or where is None:
            return None
        return cls(where, key)

    def lookup(self, item) -> "Entry | None":
        paths = item.feeds.paths if item.feeds is not None else [item.path]
        files = {str(p): _file_digest(p) for p in paths}
        if None in files.values():
            return None
        stem = self.directory / _digest(self.key, str(Path(item.path).resolve()))
        whole = _read(stem.with_suffix(".json"))
        if whole is None or whole.get("run") != self.key or whole.get("files") != files:
            whole = None
        return Entry(self, stem, files, whole)


def _read(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def _write(path: Path, value: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(staging, "w", encoding="utf-8") as handle:
            json.dump(value, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(staging, path)  # another run reads the whole entry or none
    except (OSError, ValueError, TypeError):
        pass  # a cache that cannot be written only means checking again next time


def _tuples(value: Any) -> Any:
    """JSON arrays back into the tuples rules use as keys."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _finding(d: dict) -> Finding:
    return Finding(**d)


def _fix(d: dict | None):
    if d is None:
        return None
    from listing_lint.rule import Fix

    return Fix((), d["description"], d["safe"])


def _fix_record(fix) -> dict | None:
    return None if fix is None else {"description": fix.description, "safe": fix.safe}


class Entry:
    """One input's cache entry: the whole file's findings (`whole`) when its bytes are unchanged."""

    def __init__(self, cache: ResultCache, stem: Path, files: dict[str, str], whole: dict | None) -> None:
        self.cache, self.stem, self.files, self.whole = cache, stem, files, whole

    def restore(self, result, state) -> None:
        from listing_lint.engine import RunError

        w = self.whole
        fixes = w["fixes"]
        for i, d in enumerate(w["findings"]):
            finding = _finding(d)
            result.findings.append(finding)
            if fixes[i] is not None:
                result.fixes[finding] = _fix(fixes[i])
        claimed = {_tuples(k) for k in w["claimed"]}
        state._once.update(claimed)
        state.cache.setdefault("engine:claimed", set()).update(claimed)
        for what, n in w["tally"].items():
            # Distinct stand-ins: the counts of each file add up as listings' ids would.
            state.tally.setdefault(what, set()).update((self.stem.name, i) for i in range(n))
        for error in w["errors"]:
            error = RunError(error["message"], error["path"], error["line"], error["column"])
            if error not in result.errors:
                result.errors.append(error)
        result.catalogs.append(Catalog(w["path"], []))
        result.files += w["file_count"]
        result.listings += w["listings"]

    def lint(self, catalog: Catalog, selection, state, result, tick, jobs: int) -> None:
        from listing_lint.engine import lint_catalog

        stored = _read(self.stem.with_suffix(".listings.json"))
        if not isinstance(stored, dict) or stored.get("run") != self.cache.key:
            stored = {"listings": {}}
        remembered = stored.get("listings") or {}
        keys: list[str | None] = []
        context = _catalog_key(catalog)
        texts = {p: s.text for p, s in catalog.sources.items()}  # each file's text, for the scalars as written

        def recall(listing: Listing, ctx, rules):
            key = _listing_key(listing, ctx, rules, context, texts)
            keys.append(key)
            record = remembered.get(key) if key is not None else None
            return _checked(record, listing) if record is not None else None

        before = len(result.findings), len(result.errors)
        claimed = state.cache.setdefault("engine:claimed", set())
        claimed_before = set(claimed)
        tally_before = {what: len(keys_) for what, keys_ in state.tally.items()}
        checked = lint_catalog(catalog, selection, state, result, tick, jobs, recall)
        records = {}
        for listing, key, c in zip(catalog.listings, keys, checked):
            record = _record(c, listing) if key is not None else None
            if record is not None:
                records[key] = record
        _write(self.stem.with_suffix(".listings.json"), {"run": self.cache.key, "listings": records})
        if len(result.errors) != before[1]:
            return  # a crash or a setup problem is never remembered: the next run says it again
        found = result.findings[before[0]:]
        _write(self.stem.with_suffix(".json"), {
            "run": self.cache.key,
            "files": self.files,
            "path": catalog.path,
            "file_count": len(catalog.sources),
            "listings": len(catalog.listings),
            "findings": [f.as_dict() for f in found],
            "fixes": [_fix_record(result.fixes.get(f)) for f in found],
            "claimed": sorted(claimed - claimed_before, key=repr),
            "tally": {what: len(k) - tally_before.get(what, 0) for what, k in state.tally.items()
                      if len(k) != tally_before.get(what, 0)},
            "errors": [],
        })


def _catalog_key(catalog: Catalog) -> str:
    """What listing rules read of the catalog besides the listing itself."""
    sources = sorted((s.path, s.reader, s.encoding, s.editable, s.why_not, s.prices_carry_currency)
                     for s in catalog.sources.values())
    return _digest(catalog.path, catalog.source_locale, catalog.target_locales, catalog.currency, catalog.format,
                   sorted(catalog.columns.items()), sources, sorted((k, f.path) for k, f in catalog.feeds.items()))


def _anchors(listing: Listing) -> dict[str, int] | None:
    """Where the listing stands in each file holding part of it: the lines its findings move with."""
    anchors = {listing.loc.path: listing.loc.line}
    for joined in listing.joined.values():
        if joined.loc.path in anchors:
            return None
        anchors[joined.loc.path] = joined.loc.line
    return anchors


def _shape(node, base: int, texts: dict[str, str]) -> Any:
    if isinstance(node, Scalar):
        text = texts.get(node.loc.path)
        raw = text[node.start:node.end] if text is not None and node.start is not None and node.end is not None else None
        return (node.text, raw, node.loc.line - base, node.loc.column, node.is_null, node.quoted, node.machine,
                node.means)
    if isinstance(node, Mapping):
        return ("{", node.loc.line - base, node.loc.column,
                tuple((k, node.keys[k].line - base, node.keys[k].column, _shape(v, base, texts))
                      if k in node.keys else (k, _shape(v, base, texts)) for k, v in node.items.items()))
    if isinstance(node, Sequence):
        return ("[", node.loc.line - base, node.loc.column, tuple(_shape(v, base, texts) for v in node.items))
    return repr(node)


def _listing_shape(listing: Listing, catalog: Catalog, texts: dict[str, str]) -> Any:
    missing = tuple(sorted(k for k, f in catalog.feeds.items() if listing.index in f.missing))
    return (listing.id if listing.id is not None else ("#", listing.index), listing.loc.column,
            _shape(listing.node, listing.loc.line, texts),
            tuple(sorted((k, j.loc.path, j.loc.column, _shape(j.node, j.loc.line, texts))
                         for k, j in listing.joined.items())), missing)


def _listing_key(listing: Listing, ctx, rules, context: str, texts: dict[str, str]) -> str | None:
    if _anchors(listing) is None:
        return None
    deps: dict[int, Listing] = {}
    for rule in rules:
        depends = rule.depends_on(listing, ctx)
        if depends is None:
            return None  # the verdict depends on the whole catalog
        for other in depends:
            if other is not listing:
                deps[other.index] = other
    catalog = ctx.catalog
    return _digest(context, _listing_shape(listing, catalog, texts),
                   [_listing_shape(deps[i], catalog, texts) for i in sorted(deps)])


def _record(c, listing: Listing) -> dict | None:
    """A listing's `Checked` for the cache, its findings' lines relative to the listing; None
    when it cannot be remembered (a crash, a finding outside the listing, a count of another)."""
    anchors = _anchors(listing)
    if c.errors or anchors is None or any(key is not None for _, key in c.counted):
        return None
    found = []
    for finding, fix, tags, kept in c.found:
        if finding.path not in anchors:
            return None
        d = finding.as_dict()
        d["line"] -= anchors[finding.path]
        found.append([d, _fix_record(fix), tags, kept])
    return {"found": found, "claimed": c.claimed, "counted": [what for what, _ in c.counted]}


def _checked(record: dict, listing: Listing):
    from listing_lint.engine import Checked

    anchors = _anchors(listing) or {}
    found = []
    for d, fix, tags, kept in record["found"]:
        d = dict(d)
        d["line"] += anchors[d["path"]]
        found.append((_finding(d), _fix(fix), _tuples(tags), kept))
    return Checked(listing.index, found, [], _tuples(record["claimed"]),
                   tuple((what, None) for what in record["counted"]))
