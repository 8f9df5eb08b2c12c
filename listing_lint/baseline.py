"""Baselines for adopting listing-lint on a catalog that already has many findings.

ESLint's bulk-suppressions model, keyed by what stays put while a catalog is edited:
the file, the listing id and the rule code, with a count. Line numbers are left out,
so adding a listing does not invalidate the rest. When a (file, listing, code) has
more findings than the baseline allows, all of them are reported, because there is
no telling which one is new. An entry whose count is above what is found now is
stale: the seller fixed something, and `--prune-baseline` lowers or drops it so the
fixed problem cannot creep back unnoticed.

The file is JSON with sorted keys and one count per line, so a commit that
changes it shows exactly which listings got better or worse.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from listing_lint.errors import UserError
from listing_lint.model import Finding

VERSION = 1
NO_ID = "(no id)"  # findings about a listing without an id, or about the catalog as a whole

Key = tuple[str, str, str]  # (file relative to the baseline, listing id, code)


@dataclass(frozen=True)
class Stale:
    file: str
    listing: str
    code: str
    allowed: int
    found: int

    def __str__(self) -> str:
        where = f"listing {self.listing}" if self.listing != NO_ID else "the catalog"
        now = f"now {self.found}" if self.found else "none now"
        return (f"{self.file}: baseline entry for {self.code} in {where} allows {self.allowed}, {now}; "
                "remove it with --prune-baseline")


def file_key(path: str, base: Path) -> str:
    """The finding's file relative to the baseline's directory, with forward slashes."""
    absolute = Path(os.path.abspath(path))
    return Path(os.path.relpath(absolute, os.path.abspath(base))).as_posix()


def key_of(f: Finding, base: Path) -> Key:
    return (file_key(f.path, base), f.listing_id or NO_ID, f.code)


def count(findings: list[Finding], base: Path) -> Counter:
    return Counter(key_of(f, base) for f in findings)


def dumps(counts: Counter) -> str:
    tree: dict[str, dict[str, dict[str, int]]] = {}
    for (file, listing, code), n in sorted(counts.items()):
        if n > 0:
            tree.setdefault(file, {}).setdefault(listing, {})[code] = n
    doc = {"version": VERSION, "tool": "listing-lint", "suppressions": tree}
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(path: str, findings: list[Finding]) -> int:
    """Record the findings; returns how many."""
    base = Path(path).parent
    _write_text(path, dumps(count(findings, base)))
    return len(findings)


def raw_byte(exc: UnicodeDecodeError) -> int:
    return exc.object[exc.start]


def load(path: str) -> Counter:
    if Path(path).exists() and not Path(path).is_file():  # a FIFO would block the run; a device never end
        raise UserError("the baseline is not a regular file", path)
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError("baseline file not found (create it with --write-baseline)", path) from None
    except OSError as exc:
        raise UserError(f"cannot read baseline: {exc.strerror}", path) from None
    except UnicodeDecodeError as exc:
        raise UserError(f"baseline is not UTF-8 JSON (byte 0x{raw_byte(exc):02x} at offset {exc.start})", path) from None
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise UserError(f"baseline is not valid JSON: {exc.msg}", path, exc.lineno) from None
    tree = doc.get("suppressions") if isinstance(doc, dict) else None
    if not isinstance(tree, dict) or doc.get("version") != VERSION:
        raise UserError(f"not a listing-lint baseline (version {VERSION} with `suppressions`)", path)
    counts: Counter = Counter()
    for file, listings in tree.items():
        if not isinstance(listings or {}, dict):
            raise UserError(f"baseline entry suppressions.{file} must map listing ids to rule counts, "
                            f"not {type(listings).__name__}", path)
        for listing, codes in (listings or {}).items():
            if not isinstance(codes or {}, dict):
                raise UserError(f"baseline entry suppressions.{file}.{listing} must map rule codes to counts, "
                                f"not {type(codes).__name__}", path)
            for code, n in (codes or {}).items():
                if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                    raise UserError(f"baseline count for {file} {listing} {code} must be a whole number", path)
                counts[(file, listing, code)] = n
    return counts


def apply(findings: list[Finding], allowed: Counter, base: Path, checked_files: list[str]):
    """(findings to report, stale entries) under a baseline.

    Only files this run loaded can have stale entries: linting one file does not
    make the baseline of every other file look stale.
    """
    found = count(findings, base)
    keep = [f for f in findings if found[key_of(f, base)] > allowed.get(key_of(f, base), 0)]
    checked = {file_key(p, base) for p in checked_files}
    stale = [
        Stale(file, listing, code, n, found.get((file, listing, code), 0))
        for (file, listing, code), n in sorted(allowed.items())
        if file in checked and n > found.get((file, listing, code), 0)
    ]
    return keep, stale


def pruned(allowed: Counter, stale: list[Stale]) -> Counter:
    """The baseline lowered to what is found now for each stale entry."""
    out = Counter(allowed)
    for s in stale:
        out[(s.file, s.listing, s.code)] = s.found
    return +out  # drops zero counts


def prune(path: str, allowed: Counter, stale: list[Stale]) -> None:
    _write_text(path, dumps(pruned(allowed, stale)))


def _write_text(path: str, text: str) -> None:
    from listing_lint.atomic_write import replace_file

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    replace_file(target, text.encode("utf-8"))
