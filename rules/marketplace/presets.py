"""Marketplace presets: one data file per marketplace, read once per run.

A preset (`data/marketplaces/<name>.yaml`) gives the marketplace's name, its title and
description limits (`max`, the page that says so, or `null` and a note where nothing
is published) and what it requires of a listing:

    required:
      - attributes: [color]                 # each must be there; `gtin|mpn`: one of them
        categories: ["Apparel & Accessories", "166"]   # none: every product
        except_categories: ["* > Keychains"]
        unless: {identifier_exists: ["no", "false"]}   # waived when the listing says so
        for: Apparel & Accessories products  # the words a message uses
        source: https://support.google.com/merchants/answer/6324487

A category pattern is a glob compared case- and separator-insensitively (`>` and `/`
are one separator), and covers its subcategories, as `category_map` does.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from typing import Any

from listing_lint.comparables.items import norm_category
from listing_lint.loaders import LISTING_KEYS
from listing_lint_rules.marketplace import DATA, PRESETS_DIR, preset_names

TEXT_FIELDS = ("title", "description")
# Attributes that name a category in a marketplace's terms (a Google feed keeps both, whichever
# the reader made the listing's category): a requirement for a category is met through any of them.
CATEGORY_ATTRIBUTES = ("google_product_category", "product_type")
_KEY_SEPARATORS = re.compile(r"[\s_\-]+")


@dataclass(frozen=True)
class Limit:
    max: int | None  # characters; None where the marketplace publishes none
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Requirement:
    """Attributes a marketplace requires, for every product or for some categories."""

    attributes: tuple[tuple[str, ...], ...]  # each entry: alternatives, one of which must be there
    categories: tuple[str, ...] = ()  # normalised patterns; empty: every product
    except_categories: tuple[str, ...] = ()
    unless: tuple[tuple[str, frozenset[str]], ...] = ()  # attribute → values that waive it
    scope: str = "every product"
    source: str | None = None
    exempt: str = ""  # the exceptions, for the docs

    def applies(self, categories: list[str], attributes: dict[str, str]) -> bool:
        if self.categories and not any(covers(p, c) for p in self.categories for c in categories):
            return False
        if any(covers(p, c) for p in self.except_categories for c in categories):
            return False
        for name, values in self.unless:
            if (found := attribute_value(attributes, name)) is not None and found.strip().casefold() in values:
                return False
        return True


@dataclass(frozen=True)
class Preset:
    key: str  # the file's name, as `marketplace:` names it
    name: str  # the marketplace's own name, for messages
    limits: dict[str, Limit]
    required: tuple[Requirement, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def limit(self, key: str) -> Limit:
        return self.limits.get(key) or Limit(None)


def norm_key(name: str) -> str:
    """`Age group`, `age-group`, `AGE_GROUP` → `age_group`."""
    return _KEY_SEPARATORS.sub("_", str(name).strip().casefold())


def covers(pattern: str, category: str) -> bool:
    """A normalised category pattern matches the category or one above it."""
    return fnmatch.fnmatchcase(category, pattern) or fnmatch.fnmatchcase(category, pattern + "/*")


def norm_pattern(pattern: str) -> str:
    return norm_category(str(pattern)) or ""


def attribute_value(attributes: dict[str, str], name: str) -> str | None:
    """An attribute by its normalised name (`attributes` as `Listing.attributes` gives them)."""
    wanted = norm_key(name)
    for key, value in attributes.items():
        if norm_key(key) == wanted:
            return value
    return None


def load_preset(key: str) -> Preset:
    """The preset of `key`; a malformed data file is a bug in listing-lint, said with its path."""
    import yaml

    path = PRESETS_DIR / f"{key}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        return _preset(key, data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: {exc}") from None


def _preset(key: str, data: dict[str, Any]) -> Preset:
    limits = {}
    for text_field in TEXT_FIELDS:
        entry = data["limits"][text_field]
        maximum = entry.get("max")
        if maximum is not None and (not isinstance(maximum, int) or maximum <= 0):
            raise ValueError(f"limits.{text_field}.max must be a positive whole number or null")
        if maximum is not None and not entry.get("source"):
            raise ValueError(f"limits.{text_field} gives a limit without its source")
        if maximum is None and not entry.get("note"):
            raise ValueError(f"limits.{text_field} has no limit and no note saying why")
        limits[text_field] = Limit(maximum, entry.get("source"), entry.get("note"))
    required = tuple(requirement(entry, default_source=None) for entry in data.get("required") or ())
    for i, entry in enumerate(required):
        if not entry.source:
            raise ValueError(f"required[{i}] has no source")
    notes = tuple(str(n) for n in data.get("notes") or ())
    return Preset(key, str(data["name"]), limits, required, notes)


def requirement(entry: dict[str, Any], default_source: str | None) -> Requirement:
    names = entry["attributes"]
    if not isinstance(names, list) or not names:
        raise ValueError("`attributes` must be a non-empty list")
    unless = tuple((str(k), frozenset(str(v).strip().casefold() for v in vs))
                   for k, vs in (entry.get("unless") or {}).items())
    categories = tuple(norm_pattern(p) for p in entry.get("categories") or ())
    scope = entry.get("for") or ("every product" if not categories else "products in "
                                 + ", ".join(f"“{p}”" for p in entry["categories"]))
    excepted = [str(p) for p in entry.get("except_categories") or ()]
    named = [p for p in excepted if not p.isdigit()]
    exempt = ", ".join(f"“{p}”" for p in named) if len(named) <= 2 else f"{len(named)} subcategories"
    return Requirement(
        exempt=exempt if excepted else "",
        attributes=tuple(tuple(a.strip() for a in str(name).split("|") if a.strip()) for name in names),
        categories=categories,
        except_categories=tuple(norm_pattern(p) for p in entry.get("except_categories") or ()),
        unless=unless,
        scope=str(scope),
        source=entry.get("source") or default_source,
    )


def preset_for(ctx) -> Preset:
    """The run's preset, by the config's `marketplace` (default `generic`)."""
    key = str(ctx.config.get("marketplace") or "generic").strip().lower()
    if key not in preset_names():
        from listing_lint.errors import ConfigError

        raise ConfigError(f"'marketplace' must be one of {', '.join(preset_names())}, not '{key}'", ctx.config.path)
    return ctx.run.memo(("marketplace-preset", key), lambda: load_preset(key))


def all_presets() -> list[Preset]:
    """Every preset, for the docs."""
    return [load_preset(key) for key in preset_names()]


def aliases() -> dict[str, tuple[str, ...]]:
    """Attribute names as other readers and languages write them (`Colour`, `Цвет`), by the name asked for."""
    import yaml

    data = yaml.safe_load((DATA / "attributes.yaml").read_text(encoding="utf-8")) or {}
    return {norm_key(k): tuple(norm_key(a) for a in (v or ())) for k, v in data.items()}


def has_field(listing, name: str, known_aliases: dict[str, tuple[str, ...]]) -> bool:
    """Whether the listing gives `name`: a listing field (`brand`, `gtin`) or an attribute
    (`color`, `attributes.color`, or one of its aliases), filled in."""
    if name.startswith("attributes."):
        name = name.split(".", 1)[1]
    elif name in LISTING_KEYS and name != "attributes":
        if _filled(listing.get(name)):
            return True
    attributes = listing.attributes
    if not attributes:
        return False
    wanted = {norm_key(name), *known_aliases.get(norm_key(name), ())}
    return any(norm_key(key) in wanted for key in attributes)


def field_of(name: str) -> str:
    """The field a missing `name` is reported at."""
    if name.startswith("attributes.") or (name in LISTING_KEYS and name != "attributes"):
        return name
    return f"attributes.{name}"


def _filled(node) -> bool:
    from listing_lint.model import Mapping, Scalar, Sequence

    if isinstance(node, Scalar):
        return not node.blank
    if isinstance(node, Mapping):
        return any(_filled(v) for v in node.items.values())
    if isinstance(node, Sequence):
        return any(_filled(v) for v in node.items)
    return False


def listing_categories(listing) -> list[str]:
    """The listing's category and the Google category fields a feed keeps, normalised."""
    found = []
    for value in (listing.category, *(attribute_value(listing.attributes, n) for n in CATEGORY_ATTRIBUTES)):
        norm = norm_category(value) if value else None
        if norm and norm not in found:
            found.append(norm)
    return found

