"""Finding rules: the `listing_lint.rules` entry-point group, plus plugin files named in config.

The built-in rules register through the same entry-point group as third-party ones
(see pyproject.toml), so the door a plugin author uses is the one the project uses.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

from listing_lint.errors import PluginError
from listing_lint.rule import CatalogRule, ListingRule, Rule

ENTRY_POINT_GROUP = "listing_lint.rules"


def _rule_classes_in(obj, origin: str) -> list[type[Rule]]:
    """An entry point may name a rule class or a module holding rule classes."""
    if isinstance(obj, type) and issubclass(obj, Rule):
        return [obj]
    if hasattr(obj, "__dict__") and not isinstance(obj, type):
        found = [
            v for v in vars(obj).values()
            if isinstance(v, type) and issubclass(v, Rule) and v not in (Rule, ListingRule, CatalogRule) and v.code
            and v.__module__ == obj.__name__
        ]
        if found:
            return found
    raise PluginError(f"{origin} is not a listing-lint rule class or a module of rules")


def load_entry_points(group: str, what: str):
    """(entry point, loaded object, origin) for each entry point of `group`, in a fixed order.

    Rules and readers both come through here: a plugin that fails to import is an error
    naming its entry point, never a traceback or a silently missing plugin.
    """
    for ep in sorted(_entry_points(group), key=lambda e: (e.name, e.value)):
        origin = f"entry point '{ep.name} = {ep.value}'"
        try:
            obj = ep.load()
        except Exception as exc:
            raise PluginError(f"cannot load {what} {origin}: {type(exc).__name__}: {exc}") from None
        yield ep, obj, origin


class _EntryPoint:
    """An entry point as `importlib.metadata` gives it, from the table kept between runs."""

    def __init__(self, name: str, value: str) -> None:
        self.name, self.value = name, value

    def load(self):
        import importlib

        module, _, attrs = self.value.partition("[")[0].partition(":")
        obj = importlib.import_module(module.strip())
        for attr in filter(None, attrs.strip().split(".")):
            obj = getattr(obj, attr)
        return obj


def _entry_points(group: str) -> list[_EntryPoint]:
    """listing-lint's entry points, read once per installation: importlib.metadata reads every
    installed distribution's metadata, a fifth of a pre-commit run's start-up."""
    from listing_lint.disk_cache import cached_json, installed

    key = hashlib.blake2b(repr((sys.path, installed())).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    table = cached_json("entry-points", key, _all_entry_points)
    return [_EntryPoint(name, value) for name, value in table.get(group, [])]


def _all_entry_points() -> dict[str, list[list[str]]]:
    from importlib.metadata import entry_points

    groups = sorted(g for g in entry_points().groups if g.startswith("listing_lint."))
    return {group: sorted([ep.name, ep.value] for ep in entry_points(group=group)) for group in groups}


def discover() -> dict[str, type[Rule]]:
    """Every installed rule by code. Conflicting codes are an error naming both."""
    rules: dict[str, type[Rule]] = {}
    origins: dict[str, str] = {}
    for _, obj, origin in load_entry_points(ENTRY_POINT_GROUP, "rule"):
        for cls in _rule_classes_in(obj, origin):
            _add(rules, origins, cls, origin)
    return rules


def load_plugin_files(paths: list[Path], rules: dict[str, type[Rule]]) -> None:
    """Rule modules from the seller's repo, named in config `plugins:`."""
    origins = {code: "an installed rule" for code in rules}
    for path in paths:
        if not path.is_file():
            raise PluginError("plugin file not found", path)
        name = "listing_lint_plugin_" + "".join(c if c.isalnum() else "_" for c in path.stem)
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise PluginError("cannot load plugin (expected a .py file)", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            raise PluginError(f"plugin failed to load: {type(exc).__name__}: {exc}", path) from None
        for cls in _rule_classes_in(module, f"plugin {path}"):
            _add(rules, origins, cls, f"plugin {path}")


def _add(rules: dict[str, type[Rule]], origins: dict[str, str], cls: type[Rule], origin: str) -> None:
    errors = cls.declaration_errors()
    if errors:
        raise PluginError(f"rule {cls.__module__}.{cls.__name__} from {origin}: " + "; ".join(errors))
    if cls.code in rules and rules[cls.code] is not cls:
        raise PluginError(f"rule code {cls.code} is declared twice: by {origins[cls.code]} and by {origin}")
    names = {r.name: c for c, r in rules.items()}
    if cls.name in names and names[cls.name] != cls.code:
        raise PluginError(f"rule name {cls.name} is used by both {names[cls.name]} and {cls.code} ({origin})")
    rules[cls.code] = cls
    origins[cls.code] = origin


def find_rule(rules: dict[str, type[Rule]], code_or_name: str) -> type[Rule] | None:
    key = code_or_name.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    for cls in rules.values():
        if cls.name == key.lower():
            return cls
    return None
