"""Run the selected rules over catalogs and collect findings.

A rule that raises does not stop the run: the crash is recorded with the rule and
the listing it hit, the other rules still run, and the run exits with status 2.
"""

from __future__ import annotations

import datetime as _dt
import gc
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from listing_lint.config import Config
from listing_lint.errors import LoadError, NotACatalog, UserError
from listing_lint.model import Catalog, Finding, Listing, Location
from listing_lint.rule import CatalogRule, Context, ListingRule, Problem, Rule, RunState
from listing_lint.selection import Selection, matches_any


@dataclass
class Input:
    """A file to lint: a path, or text from stdin under a display name."""

    path: str
    text: str | None = None
    explicit: bool = True  # named by the user (not found by expanding a directory or a hook's list)
    directory: str | None = None  # the directory it was found in, when expanded from one
    data: bytes | None = None  # raw stdin, decoded like a file's bytes (BOM, encoding errors)
    load_hint: str | None = None  # added to the message when this input cannot be loaded
    feeds: Any = None  # a `loaders.feeds.FeedSet`: one feed per market, joined into one catalog

    @property
    def from_stdin(self) -> bool:
        return self.text is not None or self.data is not None


class RunError(str):
    """An error message (`path[:line]: message`) that keeps its parts, so CI formats
    can point at the file; being a `str`, it prints and compares as the message did."""

    path: str | None
    line: int | None
    column: int | None
    message: str

    def __new__(cls, message: str, path: str | None = None, line: int | None = None,
                column: int | None = None) -> "RunError":
        self = super().__new__(cls, str(UserError(message, path, line, column)))
        self.path, self.line, self.column, self.message = path, line, column if line else None, message
        return self

    @classmethod
    def of(cls, exc: UserError, hint: str | None = None) -> "RunError":
        return cls(exc.message + (f" {hint}" if hint else ""), exc.path, exc.line, getattr(exc, "column", None))


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[RunError] = field(default_factory=list)  # bad input, crashes: stderr, CI reports, exit 2
    catalogs: list[Catalog] = field(default_factory=list)
    files: int = 0
    listings: int = 0
    fixes: dict[Finding, Any] = field(default_factory=dict)
    tally: dict[str, int] = field(default_factory=dict)  # what rules counted (`price.judged`, `price.considered`)
    notes: dict[str, list] = field(default_factory=dict)  # what rules noted for reports (`RunState.note`)


def jsonable(value: Any) -> Any:
    """Finding data as JSON-ready values: money stays exact as a string, never a float."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, Path):
        return str(value)
    return value


def apply_catalog_defaults(catalog: Catalog, config: Config) -> None:
    if not catalog.source_locale:
        catalog.source_locale = config.get("source_locale")
    if not catalog.target_locales:
        catalog.target_locales = list(config.get("target_locales") or [])


def to_finding(rule: Rule, problem: Problem, catalog: Catalog, listing: Listing | None) -> Finding:
    listing = problem.listing or listing
    if problem.loc is not None:
        loc = problem.loc
    elif listing is not None:
        loc = listing.locate(problem.field)
    else:
        loc = Location(catalog.path, 1, 1)
    message, data = problem.message, jsonable(problem.data)
    if rule.fixable and problem.fix is None:
        source = catalog.sources.get(loc.path)
        if source is not None and not source.editable:
            # A seller who ran --fix on a workbook must not wonder why nothing changed.
            message += f" (no automatic fix: {source.why_not})"
            data = {**data, "fix": "not offered", "why": source.why_not}
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=rule.level,
        message=message,
        path=loc.path,
        line=loc.line,
        column=loc.column,
        listing_id=listing.id if listing is not None else None,
        field=problem.field,
        data=data,
    )


@dataclass
class Checked:
    """What the listing rules said of one listing, ready to merge in listing order.

    `found` holds (finding, fix, once-keys the rule claimed just before yielding it, kept
    by the ignores); `claimed` every once-key claimed on this listing; `counted` the
    summary counts (a key of None stands for this listing). Built in this process, in a
    forked worker, or read back from the result cache, it merges the same way.
    """

    index: int
    found: list[tuple[Finding, Any, tuple, bool]] = field(default_factory=list)
    errors: list[tuple[RunError, bool]] = field(default_factory=list)  # (error, said once per run)
    claimed: tuple = ()
    counted: tuple = ()
    noted: tuple = ()  # what the rules noted for reports (`RunState.note`); not kept by the cache


def check_listing(listing: Listing, rules: list[ListingRule], ctx: Context, keep) -> Checked:
    state = ctx.run
    claimed_from, counted_from, noted_from = len(state.claimed), len(state.counted), len(state.noted)
    out = Checked(listing.index)
    for rule in rules:
        pending = []
        mark = len(state.claimed)
        try:
            for problem in rule.check(listing, ctx):
                pending.append((problem, tuple(state.claimed[mark:])))
                mark = len(state.claimed)
        except UserError as exc:  # a setup problem (no usable exchange rates): said once, exit 2
            out.errors.append((RunError.of(exc), True))
            continue
        except Exception as exc:
            out.errors.append((_crash(rule, ctx.catalog, listing, exc), False))
            continue
        for problem, tags in pending:
            finding = to_finding(rule, problem, ctx.catalog, listing)
            out.found.append((finding, problem.fix, tags, keep(finding, problem.listing or listing)))
    out.claimed = tuple(state.claimed[claimed_from:])
    me = id(listing)
    out.counted = tuple((what, None if key == me else key) for what, key in state.counted[counted_from:])
    out.noted = tuple(state.noted[noted_from:])
    del state.claimed[claimed_from:], state.counted[counted_from:], state.noted[noted_from:]  # the merge records them
    return out


class _Merger:
    """Findings into the result in listing order: the once-per-run reports and the
    variant de-duplication decided as a single process checking in order would."""

    def __init__(self, result: RunResult, state: RunState) -> None:
        self.result, self.state = result, state
        self.seen: set[tuple] = set()
        self.claimed: set = state.cache.setdefault("engine:claimed", set())

    def add(self, finding: Finding, fix, tags: tuple = (), kept: bool = True) -> None:
        if tags:
            if any(t in self.claimed for t in tags):
                return  # another listing said it first
            self.claimed.update(tags)
        at = (finding.code, finding.path, finding.line, finding.column, finding.field, finding.message)
        if at in self.seen:
            return
        self.seen.add(at)
        if kept:
            self.result.findings.append(finding)
            if fix is not None:
                self.result.fixes[finding] = fix

    def checked(self, c: Checked, listing: Listing) -> None:
        for finding, fix, tags, kept in c.found:
            self.add(finding, fix, tags, kept)
        self.claimed.update(c.claimed)
        self.state._once.update(c.claimed)
        for what, key in c.counted:
            self.state.tally.setdefault(what, set()).add(id(listing) if key is None else key)
        self.state.noted.extend(c.noted)
        for error, once in c.errors:
            if not (once and error in self.result.errors):
                self.result.errors.append(error)


def lint_catalog(catalog: Catalog, selection: Selection, run: RunState, result: RunResult, tick=None,
                 jobs: int = 1, remembered=None) -> list[Checked]:
    """Findings and errors go into `result`; `tick(listings_done)` runs as listings are done.

    `remembered(listing, ctx, listing_rules)` gives a listing's `Checked` from the result cache, or None.
    Returns every listing's `Checked`, for the cache to keep.
    """
    config = selection.config
    apply_catalog_defaults(catalog, config)
    ctx = Context(catalog, config, run)
    file_ignores = selection.ignored_for_file(catalog.path)
    rules = selection.rules

    def keep(f: Finding, listing: Listing | None) -> bool:
        if file_ignores and matches_any(f.code, file_ignores, rules):
            return False
        if listing is not None and listing.lint_ignore and matches_any(f.code, listing.lint_ignore, rules):
            return False
        return True

    listing_rules = [r for r in selection.instances if isinstance(r, ListingRule)]
    catalog_rules = [r for r in selection.instances if isinstance(r, CatalogRule)]
    listings = catalog.listings
    checked: list[Checked | None] = ([remembered(x, ctx, listing_rules) for x in listings] if remembered
                                     else [None] * len(listings))
    todo = [i for i, c in enumerate(checked) if c is None]

    def check(i: int) -> Checked:
        return check_listing(listings[i], listing_rules, ctx, keep)

    from listing_lint import jobs as _jobs

    if listing_rules and _jobs.worth_it(jobs, len(todo)):
        # The first listing here: it builds the caches (model, rates, comparables index) the workers share.
        checked[todo[0]] = check(todo[0])
        rest = _jobs.map_forked(check, todo[1:], jobs, tick and (lambda n: tick(len(listings) - len(todo) + 1 + n)))
        for i, c in zip(todo[1:], rest):
            checked[i] = c
    else:
        pending = set(todo)
        for i in range(len(listings)):
            if i in pending:
                checked[i] = check(i)
            if tick is not None:
                tick(i + 1)
    # Variants share their product's values (one title for every size): a defect in a shared
    # value is one finding, at its one place, not one per variant (the merger keeps the first).
    merger = _Merger(result, run)
    for listing, c in zip(listings, checked):
        merger.checked(c, listing)
    for rule in catalog_rules:
        mark = len(run.claimed)
        try:
            problems = list(rule.check_catalog(catalog, ctx))
        except UserError as exc:
            _once(result, exc)
            continue
        except Exception as exc:
            result.errors.append(_crash(rule, catalog, None, exc))
            continue
        for problem in problems:
            finding = to_finding(rule, problem, catalog, problem.listing)
            merger.add(finding, problem.fix, (), keep(finding, problem.listing))
        merger.claimed.update(run.claimed[mark:])
    return checked


def _once(result: RunResult, exc: UserError) -> None:
    error = RunError.of(exc)
    if error not in result.errors:
        result.errors.append(error)


def _crash(rule: Rule, catalog: Catalog, listing: Listing | None, exc: Exception) -> RunError:
    path, line = (listing.loc.path, listing.loc.line) if listing is not None else (catalog.path, None)
    who = f" on listing {listing.id or '#' + str(listing.index + 1)}" if listing is not None else ""
    return RunError(
        f"internal error: rule {rule.code} ({rule.name}) crashed{who}: "
        f"{type(exc).__name__}: {exc}; the other rules still ran. Please report this.",
        path, line,
    )


def run(inputs: Iterable[Input], selection: Selection, on_progress=None,
        overrides: dict[str, bytes] | None = None, on_load=None, jobs: int = 1, cache=None) -> RunResult:
    """Lint every input.

    `on_progress(files_done, listings_done)` runs after each listing and each file, so
    progress moves inside one large file too; it must be cheap (a clock read, mostly).
    `overrides` stands in for the bytes of files (by path): fixed texts not yet written.
    `on_load(input, listings)` runs when an input is read, before its listings are checked.
    `jobs`: processes for the listing rules of a large catalog. `cache`: a
    `result_cache.ResultCache` remembering unchanged files and listings, or None.
    """
    result = RunResult()
    state = RunState()
    catalogs_in: dict[str, int] = {}
    for item in inputs:
        if item.directory is not None:
            catalogs_in.setdefault(item.directory, 0)
        entry = cache.lookup(item) if cache is not None and not item.from_stdin and not overrides else None
        if entry is not None and entry.whole is not None:
            entry.restore(result, state)
            if item.directory is not None:
                catalogs_in[item.directory] += 1
            if on_progress is not None:
                on_progress(result.files, result.listings)
            continue
        try:
            catalog = load_input(item, selection.config, overrides or {})
        except NotACatalog as exc:
            if item.explicit:
                result.errors.append(RunError.of(exc, item.load_hint))
            continue
        except LoadError as exc:
            result.errors.append(RunError.of(exc, item.load_hint))
            continue
        if item.directory is not None:
            catalogs_in[item.directory] += 1
        result.catalogs.append(catalog)
        if on_load is not None:
            on_load(item, len(catalog.listings))
        tick = None
        if on_progress is not None:
            files, before = result.files, result.listings
            tick = lambda done: on_progress(files, before + done)  # noqa: E731
        # The catalog lives until its rules are done: keep the collector from walking it again and again.
        gc.freeze()
        try:
            if entry is None:
                lint_catalog(catalog, selection, state, result, tick, jobs)
            else:
                entry.lint(catalog, selection, state, result, tick, jobs)
        finally:
            gc.unfreeze()
        result.files += len(catalog.sources)
        result.listings += len(catalog.listings)
        if on_progress is not None:
            on_progress(result.files, result.listings)
    for directory, count in catalogs_in.items():
        if count == 0:
            result.errors.append(RunError("directory holds no catalogs (only files that are not catalogs or feeds)", directory))
    result.findings.sort(key=Finding.sort_key)
    result.tally = {what: len(keys) for what, keys in sorted(state.tally.items())}
    result.notes = state.notes
    return result


def load_input(item: Input, config: Config, overrides: dict[str, bytes]) -> Catalog:
    """The catalog an input holds: a file (or stdin) read by its reader, or feeds joined."""
    from listing_lint.loaders import load_file, load_text
    from listing_lint.loaders.reader import ReadSettings

    if item.feeds is not None:
        from listing_lint.loaders.feeds import load_feeds

        return load_feeds(item.feeds, config, overrides)
    settings = ReadSettings.from_config(config)
    if item.path in overrides:
        return load_file(item.path, settings, data=overrides[item.path])
    if item.text is not None:
        return load_text(item.text, item.path, settings=settings)
    return load_file(item.path, settings, data=item.data)


def _walk(top: Path, raw: str, errors: list[RunError]):
    """Every file under `top`, hidden files and folders left out; a folder that cannot be read is an
    error (pathlib's rglob passes over it silently, and its catalogs would never be linted)."""
    import os

    def unreadable(exc: OSError) -> None:
        where = Path(raw) / Path(exc.filename).relative_to(top) if exc.filename else Path(raw)
        errors.append(RunError(f"cannot read directory: {exc.strerror}; its catalogs are not checked", str(where)))

    for folder, dirs, files in os.walk(top, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not name.startswith("."):
                yield Path(folder) / name


def expand(paths: list[str], exclude: set[Path], claimed: set[Path] = frozenset()) -> tuple[list[Input], list[RunError]]:
    """Files named, and catalog files under directories named; errors for what is not there.

    `claimed` files are read another way (feeds, joined): never inputs of their own, but a
    directory holding one is not empty, and naming one is no error.

    A file reached twice (named twice, as `a.csv` and `./a.csv`, or named and inside a
    directory named) is checked once, where it first came, or its findings would double.
    """
    from listing_lint.loaders import CATALOG_SUFFIXES

    inputs: list[Input] = []
    errors: list[RunError] = []
    seen: dict[Path, Input] = {}

    def add(item: Input) -> None:
        resolved = Path(item.path).resolve()
        first = seen.setdefault(resolved, item)
        if first is item:
            inputs.append(item)
        elif first.directory is None:
            # Named and also found in a directory: the directory does hold that catalog.
            first.directory = item.directory

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in _walk(path, raw, errors)
                if p.suffix.lower() in CATALOG_SUFFIXES and p.is_file() and p.resolve() not in exclude
            )
            held = [p for p in found if p.resolve() in claimed]
            found = [p for p in found if p.resolve() not in claimed]
            if not found and not held and not any(e.path and e.path.startswith(raw) for e in errors):
                errors.append(RunError("directory holds no catalogs or feeds "
                                       f"({', '.join('*' + s for s in CATALOG_SUFFIXES)})", raw))
            for p in found:
                add(Input(str(p), explicit=False, directory=raw))
        elif path.exists():
            if path.resolve() not in claimed:
                add(Input(raw))
        else:
            errors.append(RunError("no such file or directory", raw))
    return inputs, errors
