"""Which rules run, where, with which severity and options.

Selectors are codes (`T003`), code prefixes and families (`T`, `T00`), names
(`wrong-language`) or `ALL`. `ALL` and prefixes take the rules that are on by
default; a rule that is off by default runs only when named by code or name.
When a select and an ignore both match a rule, the more specific one wins
(`select: [T003]` with `ignore: [T]` runs T003); on a tie, ignore wins.
"""

from __future__ import annotations

import fnmatch
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePath
from typing import Any

from listing_lint.config import Config
from listing_lint.errors import ConfigError
from listing_lint.model import SEVERITIES
from listing_lint.rule import Rule
from listing_lint.suggest import closest


def specificity(selector: str, cls: type[Rule]) -> int | None:
    """How specifically `selector` names `cls` (higher is more specific), None if not at all."""
    s = selector.strip()
    if s.upper() == "ALL":
        return 0
    if s.lower() == cls.name:
        return 10
    if s.upper() == cls.code:
        return 10
    if s and s.upper() == cls.code[: len(s)] and s[0].isalpha():
        return len(s)
    return None


def check_selectors(selectors: list[str], rules: dict[str, type[Rule]], what: str, source: Path | None) -> None:
    for s in selectors:
        if not any(specificity(s, cls) is not None for cls in rules.values()):
            choices = [*rules, *(r.name for r in rules.values())]
            hint = closest(s, choices)
            hint_text = f" (did you mean '{hint}'?)" if hint else ""
            raise ConfigError(f"{what}: no rule matches '{s}'{hint_text}", source)


def _best(selectors: list[str], cls: type[Rule]) -> int | None:
    scores = [sp for s in selectors if (sp := specificity(s, cls)) is not None]
    return max(scores) if scores else None


def is_selected(cls: type[Rule], select: list[str], ignore: list[str]) -> bool:
    chosen = _best(select, cls)
    if chosen is None:
        return False
    if not cls.enabled_by_default and chosen < 10:
        return False
    dropped = _best(ignore, cls)
    return dropped is None or chosen > dropped


def matches_any(code: str, selectors: list[str], rules: dict[str, type[Rule]]) -> bool:
    cls = rules.get(code)
    if cls is None:
        return False
    return any(specificity(s, cls) is not None for s in selectors)


class Selection:
    """The rules of a run, configured, and the per-file switches."""

    def __init__(self, rules: dict[str, type[Rule]], config: Config) -> None:
        self.rules = rules
        self.config = config
        select = config.get("select") + config.get("extend_select")
        ignore = config.get("ignore")
        check_selectors(config.get("select"), rules, "select", config.path)
        check_selectors(config.get("extend_select"), rules, "extend-select", config.path)
        check_selectors(ignore, rules, "ignore", config.path)
        self.per_file: list[tuple[str, list[str]]] = []
        for glob, selectors in (config.get("per_file_ignores") or {}).items():
            if isinstance(selectors, str):
                selectors = [p for p in selectors.replace(",", " ").split() if p]
            if not isinstance(selectors, list):
                raise ConfigError(f"per-file-ignores['{glob}'] must be a list of rules", config.path)
            selectors = [str(s) for s in selectors]
            check_selectors(selectors, rules, f"per-file-ignores['{glob}']", config.path)
            self.per_file.append((str(glob), selectors))
        settings = _rule_settings(config, rules)
        self.instances: list[Rule] = []
        for code in sorted(rules):
            cls = rules[code]
            if not is_selected(cls, select, ignore):
                continue
            options = dict(settings.get(code, {}))
            severity = options.pop("severity", None)
            self.instances.append(cls(options, severity))

    def ignored_for_file(self, path: str) -> list[str]:
        p = PurePath(path)
        candidates = {p.as_posix(), p.name}
        try:
            candidates.add(Path(path).resolve().relative_to(self.config.base_dir.resolve()).as_posix())
        except ValueError:
            pass
        out: list[str] = []
        for glob, selectors in self.per_file:
            if any(fnmatch.fnmatch(c, glob) for c in candidates):
                out.extend(selectors)
        return out


def _rule_settings(config: Config, rules: dict[str, type[Rule]]) -> dict[str, dict[str, Any]]:
    """`rules:` from config, by code, with options checked and typed like their defaults."""
    from listing_lint.registry import find_rule

    out: dict[str, dict[str, Any]] = {}
    for key, values in config.rule_settings().items():
        cls = find_rule(rules, key)
        if cls is None:
            hint = closest(key, [*rules, *(r.name for r in rules.values())])
            raise ConfigError(f"rules: no rule '{key}'" + (f" (did you mean '{hint}'?)" if hint else ""), config.path)
        known = {o.name: o for o in cls.options}
        typed: dict[str, Any] = {}
        for opt, value in values.items():
            name = str(opt).replace("-", "_")
            if name == "severity":
                if value not in SEVERITIES:
                    raise ConfigError(f"rules.{key}.severity must be one of {', '.join(SEVERITIES)}, not '{value}'", config.path)
                typed["severity"] = value
                continue
            if name not in known:
                names = ", ".join(sorted(known)) or "none"
                raise ConfigError(f"rules.{key}: {cls.code} has no option '{opt}' (options: {names}, severity)", config.path)
            option = known[name]
            default = option.kind() if option.default is None and option.kind and value is not None else option.default
            typed[name] = coerce_option(value, default, f"rules.{key}.{opt}", config)
        out.setdefault(cls.code, {}).update(typed)
    return out


def coerce_option(value: Any, default: Any, where: str, config: Config) -> Any:
    """Config values take the type of the option's default; YAML floats become exact Decimals."""
    if isinstance(default, Decimal):
        if isinstance(value, bool):
            raise ConfigError(f"{where} must be a number", config.path)
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ConfigError(f"{where} must be a number, not '{value}'", config.path) from None
        if not number.is_finite():
            raise ConfigError(f"{where} must be a finite number, not '{value}'", config.path)
        return number
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false", config.path)
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where} must be a whole number", config.path)
        return value
    if isinstance(default, (list, tuple)) and not isinstance(value, list):
        raise ConfigError(f"{where} must be a list", config.path)
    if isinstance(default, dict) and not isinstance(value, dict):
        raise ConfigError(f"{where} must be a mapping", config.path)
    if isinstance(default, str) and not isinstance(value, str):
        raise ConfigError(f"{where} must be text", config.path)
    return value
