"""What a rule is: the one place that declares its code, name, severity, options and docs.

A rule is a class. Its docstring is its user documentation, in Markdown, with the
sections `## What it does`, `## Why it matters`, `## Example` and `## How to fix`;
`listing-lint rule CODE` prints it, followed by a table built from `options`, so
the documented options and defaults are the ones the code uses.

Listing rules see one listing at a time (`check`); catalog rules see a whole
catalog (`check_catalog`). Both yield `Problem`s; the engine turns them into
`Finding`s, adding the code, severity, path and listing.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Iterable

from listing_lint.model import SEVERITIES, Catalog, Listing, Location

if TYPE_CHECKING:
    from listing_lint.config import Config

CODE_RE = re.compile(r"^[A-Z]\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
DOC_SECTIONS = ("What it does", "Why it matters", "Example", "How to fix")
FAMILIES = {
    "L": "listing structure",
    "T": "translation",
    "C": "currency",
    "P": "price",
    "M": "marketplace content",
}


@dataclass(frozen=True)
class Option:
    """A rule option: its name, default and a one-line description for the docs."""

    name: str
    default: Any
    help: str
    kind: Any = None  # the type a value must have when the default (None) does not tell


@dataclass(frozen=True)
class Edit:
    """Replace `start:end` (character offsets in the decoded file) with `text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fix:
    """A fix for a problem: text edits, and whether it can change meaning (`--unsafe-fixes`)."""

    edits: tuple[Edit, ...]
    description: str
    safe: bool = True


def verbatim_span(source: str, scalar) -> tuple[int, int] | None:
    """Where the scalar's value stands character for character in the file, if it does.

    A YAML escape (`\\t`, `''`), a folded line or a block scalar makes the source
    differ from the value; an edit there could change what the text means, so none is offered.
    """
    if scalar.start is None or scalar.end is None:
        return None
    span = source[scalar.start : scalar.end]
    if span == scalar.text:
        return scalar.start, scalar.end
    if len(span) >= 2 and span[0] in ("'", '"') and span[-1] == span[0] and span[1:-1] == scalar.text:
        return scalar.start + 1, scalar.end - 1
    return None


def value_edits(source: str, scalar, replacements) -> tuple[Edit, ...] | None:
    """Edits for (start, end, new) ranges of a scalar's value, or None when the file
    does not hold the value character for character."""
    span = verbatim_span(source, scalar)
    if span is None or not replacements:
        return None
    return tuple(Edit(span[0] + start, span[0] + end, new) for start, end, new in replacements)


@dataclass
class Problem:
    """What a rule reports. `listing` defaults to the listing being checked.

    `field` is a dotted path into the listing (`title.en`, `prices.USD`) and gives
    the location unless `loc` is set. `data` holds the numbers behind the message,
    as JSON-ready values (Decimals are written as strings).
    """

    message: str
    field: str | None = None
    listing: Listing | None = None
    loc: Location | None = None
    data: dict[str, Any] = dataclasses.field(default_factory=dict)
    fix: Fix | None = None


class RunState:
    """State shared by all rules for one run (caches, once-per-run reports)."""

    def __init__(self) -> None:
        self.cache: dict[Any, Any] = {}
        self._once: set[Any] = set()
        # Counts rules keep for the summary (`price.judged`: listings whose price was judged).
        self.tally: dict[str, set] = {}
        # What the listing being checked claimed and counted, so that a listing checked in
        # another process, or remembered from an earlier run, counts as if checked here.
        self.claimed: list[Any] = []
        self.counted: list[tuple[str, Any]] = []
        # Facts rules leave for reports beyond their findings (`price.ratios`: every judged price),
        # in the order they were left.
        self.noted: list[tuple[str, Any]] = []

    def count(self, what: str, key: Any) -> None:
        """Count `key` (a listing, say) once under `what`, however many rules count it."""
        self.tally.setdefault(what, set()).add(key)
        self.counted.append((what, key))

    def note(self, what: str, value: Any) -> None:
        """Keep `value` under `what` for the reports (the HTML report's price overview)."""
        self.noted.append((what, value))

    @property
    def notes(self) -> dict[str, list]:
        out: dict[str, list] = {}
        for what, value in self.noted:
            out.setdefault(what, []).append(value)
        return out

    def once(self, key: Any) -> bool:
        """True the first time `key` is seen in this run, False after."""
        if key in self._once:
            return False
        self._once.add(key)
        self.claimed.append(key)
        return True

    def memo(self, key: Any, build):
        """A value built once per run (rates tables, language detectors, indexes)."""
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]


@dataclass
class Context:
    catalog: Catalog
    config: "Config"
    run: RunState
    cache: dict[Any, Any] = dataclasses.field(default_factory=dict, repr=False)

    def memo(self, key: Any, build):
        """A value built once per catalog (what depends on its locales), like `RunState.memo` per run."""
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]

    @property
    def source_locale(self) -> str | None:
        return self.catalog.source_locale

    @property
    def target_locales(self) -> list[str]:
        return self.catalog.target_locales


class Rule:
    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[str] = "error"
    enabled_by_default: ClassVar[bool] = True
    options: ClassVar[tuple[Option, ...]] = ()
    fixable: ClassVar[bool] = False  # offers fixes; where a file cannot take one, the finding says so

    def __init__(self, options: dict[str, Any] | None = None, severity: str | None = None) -> None:
        self.opts: dict[str, Any] = {o.name: o.default for o in self.options}
        self.opts.update(options or {})
        self.level = severity or self.severity

    def depends_on(self, listing: Listing, ctx: "Context") -> Iterable[Listing] | None:
        """The other listings this rule's verdict on `listing` depends on; None: the whole catalog.

        The result cache re-checks a listing when it, or one of these, changed. A rule
        comparing a listing with its variant siblings names them; the default is none.
        """
        return ()

    @classmethod
    def family(cls) -> str:
        return cls.code[:1]

    @classmethod
    def kind(cls) -> str:
        return "catalog" if issubclass(cls, CatalogRule) else "listing"

    @classmethod
    def doc(cls) -> str:
        """The rule's documentation: its docstring plus the table of its options."""
        import inspect

        text = inspect.cleandoc(cls.__doc__ or "")
        if cls.options:
            rows = "\n".join(f"| `{o.name}` | `{_show(o.default)}` | {o.help} |" for o in cls.options)
            text += "\n\n## Options\n| option | default | meaning |\n|---|---|---|\n" + rows
        return text

    @classmethod
    def summary(cls) -> str:
        """The first line of the docs: a one-line description."""
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0].strip() if doc else cls.name

    @classmethod
    def declaration_errors(cls) -> list[str]:
        """What is wrong with the rule's declaration, for the registry and tests."""
        errors = []
        if not CODE_RE.match(cls.code or ""):
            errors.append(f"code {cls.code!r} is not a letter and three digits")
        if not NAME_RE.match(cls.name or ""):
            errors.append(f"name {cls.name!r} is not kebab-case")
        if cls.severity not in SEVERITIES:
            errors.append(f"severity {cls.severity!r} is not one of {', '.join(SEVERITIES)}")
        if not (issubclass(cls, ListingRule) or issubclass(cls, CatalogRule)):
            errors.append("is neither a ListingRule nor a CatalogRule")
        doc = cls.__doc__ or ""
        for section in DOC_SECTIONS:
            if f"## {section}" not in doc:
                errors.append(f"docs lack the section '## {section}'")
        return errors


class ListingRule(Rule):
    """A rule that sees one listing at a time."""

    def check(self, listing: Listing, ctx: Context) -> Iterable[Problem]:
        raise NotImplementedError


class CatalogRule(Rule):
    """A rule that sees a whole catalog.

    `scope` says how much of a catalog the rule must see at once, so that an engine that
    reads a catalog in parts (`--engine dask`) runs it without a second implementation:

    - `"catalog"` (the default): the whole catalog; such a file is read in one part.
    - `"partition"`: any part gives that part's findings (checks of each listing, facts
      about the file that every part repeats, such as its header): `check_catalog` runs on each part.
    - `"groups"`: the rule only relates listings that share a key. It implements
      `group_keys(listing, ctx)` (the keys a listing is grouped by) and
      `check_group(listings, ctx)`; listings joined by shared keys, directly or through
      others, form one group, given in catalog order. A listing that shares no key with
      another is never passed on, so `check_group` always sees two listings or more.
      `check_catalog` is then built from these two, on one machine as on a cluster. On a
      cluster `ctx.catalog` holds only the group's listings, and what `ctx.memo` builds is
      shared by the groups of one file.
    """

    scope: ClassVar[str] = "catalog"

    def check_catalog(self, catalog: Catalog, ctx: Context) -> Iterable[Problem]:
        if self.scope != "groups":
            raise NotImplementedError
        from listing_lint.groups import components

        for members in components(catalog.listings, lambda listing: self.group_keys(listing, ctx)):
            yield from self.check_group(members, ctx)

    def group_keys(self, listing: Listing, ctx: Context) -> Iterable[Any]:
        """The keys (hashable, picklable) this listing is grouped by; none leaves it out."""
        raise NotImplementedError

    def check_group(self, listings: list[Listing], ctx: Context) -> Iterable[Problem]:
        """Problems among listings that share keys (two or more, in catalog order)."""
        raise NotImplementedError


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)
