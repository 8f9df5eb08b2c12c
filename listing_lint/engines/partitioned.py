"""A run over catalogs read in parts: the same rules, the same findings, in the same order.

Three steps, each a task that any executor (this process, a Dask cluster) can run:

1. `lint_part`: read one part, run the listing rules and the `partition` catalog rules on
   it, and note the group keys (`group_keys`, hashed) of every listing for the `groups`
   catalog rules. A file read whole runs every rule, as the single-process engine does.
2. `link`: per file and grouped rule, join the parts' keys into groups (union-find over
   listing positions); only listings that share a key with another are in a group.
3. `collect` re-reads each part and sends the listings of groups to buckets by group, and
   `check_groups` runs `check_group` on each group, its listings in catalog order.

What comes back to the caller is findings (with the position each had in the single-process
run, so they merge in its order), errors and counts; listings stay on the workers.
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from array import array
from typing import Any, Callable

from listing_lint.engine import RunError, RunResult, _crash, _once, apply_catalog_defaults, to_finding
from listing_lint.engines.partitions import Part, count_range, csv_parts, csv_plan, parquet_parts, read_part
from listing_lint.errors import LoadError, NotACatalog, UserError
from listing_lint.groups import UnionFind, stable_hash
from listing_lint.model import Catalog, Finding, Listing
from listing_lint.rule import CatalogRule, Context, ListingRule, RunState
from listing_lint.selection import Selection, matches_any

PART_BYTES = 64 << 20  # a CSV part: big enough that a task's overhead is noise, small enough to stream
PART_ROWS = 250_000  # a Parquet part: whole row groups up to about this many rows

# This process's share of each run: what rules built once (comparables indexes, rates), by run.
_SHARED: dict[str, dict] = {}


class PartState(RunState):
    """A task's run state: the process's cache of the run, counts of its own, and `once` left
    to the merge (which keeps the first finding that claimed a key, in the single-process order)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.shared = _SHARED.setdefault(token, {})
        self.cache = dict(self.shared)
        self.claimed: list = []
        self.built: list = []

    def once(self, key: Any) -> bool:
        self.claimed.append(key)
        return True

    def memo(self, key: Any, build):
        if key not in self.cache:
            self.cache[key] = build()
            self.built.append(key)
        return self.cache[key]

    def keep_cache(self) -> None:
        """Keep for the process's next tasks what was built through `memo`, except what is keyed by an
        object's id (a listing's prices, a catalog's index): the object dies with the task, and its id
        can be another's in the next."""
        for key in self.built:
            if not _mentions_id(key):
                self.shared[key] = self.cache[key]
        self.built.clear()


def forget(token: str) -> None:
    """Drop a finished run's cache from this process."""
    _SHARED.pop(token, None)


def _mentions_id(key: Any) -> bool:
    if isinstance(key, tuple):
        return any(_mentions_id(k) for k in key)
    return type(key) is int and key >= 1 << 32  # an address, as `id()` gives on a 64-bit machine


class Records:
    """Findings of a task with their single-process positions, the `once` keys each claimed,
    and whether ignores keep it (a finding ignored still hides a later one at the same place)."""

    def __init__(self, selection: Selection, catalog: Catalog, state: PartState) -> None:
        self.selection, self.catalog, self.state = selection, catalog, state
        self.file_ignores = selection.ignored_for_file(catalog.path)
        self.items: list[tuple] = []
        self.errors: list[RunError] = []

    def keep(self, finding: Finding, listing: Listing | None) -> bool:
        rules = self.selection.rules
        if self.file_ignores and matches_any(finding.code, self.file_ignores, rules):
            return False
        return not (listing is not None and listing.lint_ignore and matches_any(finding.code, listing.lint_ignore, rules))

    def run(self, order: tuple, rule, problems: Callable, listing: Listing | None) -> None:
        self.state.claimed.clear()
        found = []
        try:
            for problem in problems():
                claims = tuple(self.state.claimed)
                self.state.claimed.clear()
                found.append((problem, claims))
        except UserError as exc:
            result = RunResult(errors=self.errors)
            _once(result, exc)
            return
        except Exception as exc:
            self.errors.append(_crash(rule, self.catalog, listing, exc))
            return
        for seq, (problem, claims) in enumerate(found):
            finding = to_finding(rule, problem, self.catalog, listing)
            self.items.append((order + (seq,), finding, self.keep(finding, problem.listing or listing), claims))


def lint_part(part: Part, selection: Selection, token: str, buckets: int = 1) -> dict:
    """Step 1. `summary`: findings, errors and counts; `("keys", i, b)`: (hashed key, listing position)
    of the grouped rule at position i of the selection, for keys of hash bucket b (split files only)."""
    cpu = time.process_time()
    out: dict[Any, Any] = {}
    summary = {"records": [], "errors": [], "listings": 0, "files": 0, "tally": {}, "loaded": False,
               "file": part.file, "number": part.number, "cpu": 0.0}
    out["summary"] = summary
    try:
        catalog = read_part(part, selection.config)
    except NotACatalog as exc:
        if part.item.explicit:
            summary["errors"].append(RunError.of(exc, part.item.load_hint))
        return out
    except LoadError as exc:
        summary["errors"].append(RunError.of(exc, part.item.load_hint))
        return out
    if part.base:
        for listing in catalog.listings:
            listing.index += part.base
    apply_catalog_defaults(catalog, selection.config)
    state = PartState(token)
    ctx = Context(catalog, selection.config, state)
    records = Records(selection, catalog, state)
    split = part.count > 1
    rules = list(enumerate(selection.instances))
    listing_rules = [(i, r) for i, r in rules if isinstance(r, ListingRule)]
    for local, listing in enumerate(catalog.listings):
        for i, rule in listing_rules:
            records.run((part.file, 0, part.number, local, i), rule, lambda: rule.check(listing, ctx), listing)
    for i, rule in rules:
        if not isinstance(rule, CatalogRule):
            continue
        if split and rule.scope == "groups":
            # (key, position) pairs flat in arrays of 64-bit integers: a few bytes a key while they wait
            # for the shuffle, not a Python tuple's hundred.
            spread = [array("q") for _ in range(buckets)]
            for local, keys in _keys(rule, catalog, ctx, records):
                position = part.number << 32 | local
                for key in keys:
                    spread[key % buckets].extend((key, position))
            for b, pairs in enumerate(spread):
                out[("keys", i, b)] = pairs
        else:
            records.run((part.file, 1, i, (part.number, 0)), rule, lambda: rule.check_catalog(catalog, ctx), None)
    state.keep_cache()
    summary.update(records=records.items, errors=records.errors, listings=len(catalog.listings),
                   files=len(catalog.sources) if part.number == 0 else 0, loaded=True,
                   tally={what: len(keys) for what, keys in state.tally.items()},
                   cpu=time.process_time() - cpu)
    return out


def _keys(rule: CatalogRule, catalog: Catalog, ctx: Context, records: Records) -> list[tuple[int, list[int]]]:
    keyed = []
    try:
        for local, listing in enumerate(catalog.listings):
            keys = [stable_hash(k) for k in rule.group_keys(listing, ctx) or ()]
            if keys:
                keyed.append((local, keys))
    except Exception as exc:
        records.errors.append(_crash(rule, catalog, None, exc))
        return []
    return keyed


def shared_keys(*parts_pairs) -> list[list[int]]:
    """Step 2a, for one hash bucket of keys: the positions of the listings of each key that more than
    one listing has (positions are `part << 32 | place in the part`; pairs come flat: key, position, ...)."""
    by_key: dict[int, list[int]] = {}
    for pairs in parts_pairs:
        for key, position in zip(pairs[0::2], pairs[1::2]):
            by_key.setdefault(key, []).append(position)
    return [sorted(set(positions)) for positions in by_key.values() if len(positions) > 1 and len(set(positions)) > 1]


def link(*buckets_shared: list[list[int]]) -> dict[int, dict[int, int]]:
    """Step 2b: part number → {place in the part: the listing's group}, for every listing that shares
    a key with another; a group is named by its first listing's position."""
    sets = UnionFind()
    for shared in buckets_shared:
        for positions in shared:
            first = positions[0]
            for position in positions[1:]:
                sets.union(first, position)
    groups: dict[int, dict[int, int]] = {}
    for position in sets.parent:
        groups.setdefault(position >> 32, {})[position & 0xFFFFFFFF] = sets.find(position)
    return groups


def collect(part: Part, selection: Selection, base: int, buckets: int, *links: tuple[int, dict]) -> dict:
    """Step 3a: bucket → (catalog shell, [(rule position, group, position, listing)]) for this part's
    listings that are in groups; the part is read again only if it has any."""
    wanted = [(i, groups.get(part.number, {})) for i, groups in links]
    out: dict[int, Any] = {b: (None, []) for b in range(buckets)}
    if not any(members for _, members in wanted):
        return out
    catalog = read_part(part, selection.config)
    apply_catalog_defaults(catalog, selection.config)
    shell = dataclasses.replace(catalog, listings=[], text="", node=None, duplicate_keys=[],
                                sources={k: dataclasses.replace(v, text="") for k, v in catalog.sources.items()})
    for i, members in wanted:
        for local, group in members.items():
            listing = catalog.listings[local]
            listing.index = base + local
            out[group % buckets][1].append((i, group, part.number << 32 | local, listing))
    for b in out:
        out[b] = (shell, out[b][1])
    return out


def check_groups(selection: Selection, token: str, file: int, *collected: tuple) -> dict:
    """Step 3b: the grouped rules on each group of a bucket."""
    shell = next((s for s, _ in collected if s is not None), None)
    summary = {"records": [], "errors": []}
    if shell is None:
        return summary
    groups: dict[tuple[int, int], list] = {}
    for _, items in collected:
        for i, group, position, listing in items:
            groups.setdefault((i, group), []).append((position, listing))
    state = PartState(token)
    # What rules build per catalog (language identifiers, a price converter) is built once for all the
    # file's groups here, as it is once for the whole catalog in one process.
    memos: dict = {}
    for (i, group), members in sorted(groups.items()):
        members.sort(key=lambda m: m[0])
        catalog = dataclasses.replace(shell, listings=[listing for _, listing in members])
        ctx = Context(catalog, selection.config, state, memos)
        records = Records(selection, catalog, state)
        rule = selection.instances[i]
        records.run((file, 1, i, (group >> 32, group & 0xFFFFFFFF)), rule,
                    lambda: rule.check_group(catalog.listings, ctx), None)
        summary["records"].extend(records.items)
        summary["errors"].extend(records.errors)
    return summary


class InProcess:
    """Runs the steps here, one after the other: the reference the cluster is tested against."""

    def share(self, value):
        return value

    def submit(self, fn, *args):
        return fn(*args)

    def pick(self, value, key):
        return value[key]

    def gather(self, values):
        return list(values)

    def forget(self, token: str) -> None:
        forget(token)


def splittable(selection: Selection) -> bool:
    """Whether files may be read in parts: every catalog rule runs on parts or groups, and no price
    rule compares listings with the whole catalog (`compare_within_catalog`)."""
    if selection.config.get("compare_within_catalog"):
        return False
    return all(r.scope in ("partition", "groups") for r in selection.instances if isinstance(r, CatalogRule))


def plan(inputs: list, selection: Selection, ex, part_bytes: int = PART_BYTES, part_rows: int = PART_ROWS) -> list[list[Part]]:
    """The parts of each input, in input order."""
    from listing_lint.loaders.reader import ReadSettings

    settings = ReadSettings.from_config(selection.config)
    split = splittable(selection)
    planned: list[Any] = []
    counting = []
    for file, item in enumerate(inputs):
        found = parquet_parts(item, file, part_rows) if split else None
        if found:
            planned.append(found)
            continue
        csv = csv_plan(item, settings, part_bytes) if split else None
        if csv is None:
            planned.append([Part(file, 0, 1, item)])
            continue
        bounds = csv["starts"] + [csv["size"]]
        handles = [ex.submit(count_range, item.path, a, b) for a, b in zip(bounds, bounds[1:])]
        planned.append((item, file, csv, handles))
        counting.append(handles)
    counts = iter(ex.gather([h for handles in counting for h in handles]))
    parts = []
    for entry in planned:
        if isinstance(entry, tuple):
            item, file, csv, handles = entry
            entry = csv_parts(item, file, csv, [next(counts) for _ in handles])
        parts.append(entry)
    return parts


def run(inputs: list, selection: Selection, ex=None, part_bytes: int = PART_BYTES, part_rows: int = PART_ROWS,
        buckets: int = 4, timings: dict[str, float] | None = None) -> RunResult:
    """Lint every input in parts; the result is what `engine.run` gives, without the catalogs.

    `buckets`: how many tasks the group-bys are spread over; `timings`, if given, gets the seconds
    of each step (`plan`, `lint`, `groups`) and the CPU seconds the workers spent in step 1 (`lint_cpu`)."""
    ex = ex or InProcess()
    token = uuid.uuid4().hex
    shared = ex.share(selection)
    try:
        clock = _Clock(timings)
        files = plan(inputs, selection, ex, part_bytes, part_rows)
        clock("plan")
        linted = [[ex.submit(lint_part, p, shared, token, buckets) for p in parts] for parts in files]
        summaries = ex.gather([ex.pick(h, "summary") for handles in linted for h in handles])
        clock("lint")
        if timings is not None:
            timings["lint_cpu"] = sum(s["cpu"] for s in summaries)
        it = iter(summaries)
        by_file = [[next(it) for _ in parts] for parts in files]
        grouped = [i for i, r in enumerate(selection.instances) if isinstance(r, CatalogRule) and r.scope == "groups"]
        later = []
        for parts, handles, sums in zip(files, linted, by_file):
            if len(parts) < 2 or not grouped or not all(s["loaded"] for s in sums):
                continue
            links = [(i, ex.submit(link, *[
                ex.submit(shared_keys, *[ex.pick(h, ("keys", i, b)) for h in handles]) for b in range(buckets)
            ])) for i in grouped]
            bases = [0]
            for s in sums:
                bases.append(bases[-1] + s["listings"])
            collected = [ex.submit(_collect_all, part, shared, bases[k], buckets, [i for i, _ in links],
                                   *[h for _, h in links]) for k, part in enumerate(parts)]
            later += [ex.submit(check_groups, shared, token, parts[0].file, *[ex.pick(c, b) for c in collected])
                      for b in range(buckets)]
        del linted  # what the workers hold for step 1 can go once steps 2 and 3 have taken it
        group_sums = ex.gather(later)
        clock("groups")
    finally:
        ex.forget(token)
    return merge(summaries + group_sums, [s for sums in by_file for s in sums], inputs)


class _Clock:
    def __init__(self, timings: dict[str, float] | None) -> None:
        import time

        self.timings, self.now, self.last = timings, time.perf_counter, time.perf_counter()

    def __call__(self, step: str) -> None:
        now = self.now()
        if self.timings is not None:
            self.timings[step] = now - self.last
        self.last = now


def _collect_all(part: Part, selection: Selection, base: int, buckets: int, positions: list[int], *groups) -> dict:
    return collect(part, selection, base, buckets, *zip(positions, groups))


def merge(summaries: list[dict], parts: list[dict], inputs: list) -> RunResult:
    """The findings in the order the single-process engine made them, kept as it keeps them:
    one finding at each place, the first claim of each `once` key, ignores applied."""
    result = RunResult()
    records = sorted((r for s in summaries for r in s["records"]), key=lambda r: r[0])
    claimed: set = set()
    seen: set = set()
    for _, finding, kept, claims in records:
        if claims and any(c in claimed for c in claims):
            continue
        claimed.update(claims)
        at = (finding.code, finding.path, finding.line, finding.column, finding.field, finding.message)
        if at in seen:
            continue
        seen.add(at)
        if kept:
            result.findings.append(finding)
    for s in summaries:
        for error in s["errors"]:
            if error not in result.errors:
                result.errors.append(error)
    tally: dict[str, int] = {}
    for s in parts:
        result.listings += s["listings"]
        result.files += s["files"]
        for what, n in s["tally"].items():
            tally[what] = tally.get(what, 0) + n
    result.tally = dict(sorted(tally.items()))
    loaded = {s["file"]: s["loaded"] for s in parts if s.get("number") == 0}
    catalogs_in: dict[str, int] = {}
    for file, item in enumerate(inputs):
        if item.directory is not None:
            catalogs_in[item.directory] = catalogs_in.get(item.directory, 0) + bool(loaded.get(file))
    for directory, count in catalogs_in.items():
        if count == 0:
            result.errors.append(RunError("directory holds no catalogs (only files that are not catalogs or feeds)",
                                          directory))
    result.findings.sort(key=Finding.sort_key)
    return result
