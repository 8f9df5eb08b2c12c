"""Configuration: `.listing-lint.yaml` or `[tool.listing-lint]` in `pyproject.toml`.

Found from the working directory upward (the first directory holding either wins;
`.listing-lint.yaml` before `pyproject.toml`), or named with `--config`. Keys may be
written with `-` or `_` (`extend-select` = `extend_select`). Unknown keys are errors.
Relative paths in the file (rates, comparables, plugins) are relative to the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from listing_lint.errors import ConfigError

CONFIG_NAMES = (".listing-lint.yaml", ".listing-lint.yml")


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    kind: type | tuple[type, ...]
    help: str
    choices: tuple[str, ...] = ()
    items: Any = None  # what each element of a list (each value of a mapping) must be


def _s(name: str, default: Any, kind: Any, help: str, choices: tuple[str, ...] = (), items: Any = str) -> Setting:
    return Setting(name, default, kind, help, choices, items)


def _marketplaces() -> tuple[str, ...]:
    """The marketplace presets: the data files `listing_lint_rules/marketplace/data/marketplaces/*.yaml`."""
    from listing_lint_rules.marketplace import preset_names

    return preset_names()


# Every top-level key the config knows. `listing-lint check --show-settings` prints them.
SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        _s("source_locale", None, str, "locale the seller writes in, for catalogs that do not say (`ru_RU`)"),
        _s("target_locales", [], (list, str), "market locales, for catalogs that do not say (`[en_US]`)"),
        _s("select", ["ALL"], list, "rules to run: codes, family letters, names or `ALL`; `ALL` means every rule enabled by default"),
        _s("extend_select", [], list, "rules to add to `select`, such as rules off by default (`P003`)"),
        _s("ignore", [], list, "rules to switch off"),
        _s("per_file_ignores", {}, dict, "glob → rules to switch off for files matching it", items=(list, str)),
        _s("rules", {}, dict, "per-rule settings by code or name: `severity` and the rule's options"),
        _s("plugins", [], list, "local rule modules (paths to .py files); loaded only from a config named with "
           "`--config`, or with `--allow-plugins` (see Guarantees)"),
        # reading files
        _s("input_format", None, str, "the reader for every file, instead of detecting it (`listing-lint formats` lists them)"),
        _s("encoding", None, str, "text encoding of the files (`cp1251`), instead of detecting it"),
        _s("columns", {}, dict, "column header → listing field, for exports in any layout (`{\"Артикул*\": id}`)"),
        _s("ignore_columns", [], list, "columns not to read and not to report (names or globs such as `Meta: *`)"),
        _s("currency", None, str, "currency of prices written without one (Shopify and WooCommerce exports)"),
        _s("sheet", None, (str, int), "a workbook's sheet to read: its name, or its position from 1 (default: the first)"),
        _s("header_row", None, int, "the row (from 1) holding the column names, when a template hides it"),
        _s("feeds", {}, dict, "one feed per market, locale → file (or → {path, input_format, ...}); the source locale's is the catalog"),
        _s("max_file_size", "2 GB", (int, str), "largest file read, in bytes or as `500 MB`, `2 GB`: a larger one is refused, "
           "not read (only regular files are read at all: no pipes or devices)"),
        _s("join_key", "id", (str, list), "the field (or fields) that pairs a market feed's items with the source listings"),
        # translation
        _s("keep_terms", [], list, "brand, place and model names that stay as written in every language"),
        _s("candidate_languages", ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "ru", "uk"], list,
           "languages a text may be mistaken for, besides the catalog's own"),
        _s("language_detector", "py3langid", str, "statistical language detector: `py3langid` or `langdetect`",
           ("py3langid", "langdetect")),
        _s("marketplace", "generic", str, "marketplace preset: title and description limits (T010) and required "
           "attributes (M005), one data file each: " + ", ".join(f"`{m}`" for m in _marketplaces()), _marketplaces()),
        # money
        _s("rates", None, (str, list), "exchange-rate providers in order: a rates file path, `ecb`, `cbr`, `live`, `cbr-live`; none set: `ecb, cbr`"),
        _s("market_currency", None, (str, dict), "market currency, or locale → currency, overriding the locale's territory"),
        _s("max_rate_age_days", 14, int, "rates older than this many days draw C007"),
        # price
        _s("comparables", [], list, "sources of comparable items' prices: any file listing-lint reads (a rival's feed, "
           "an export), the comparables CSV/YAML, a Merchant Center price benchmark export; a path or "
           "{path, locale, currency, input_format, ...}", items=(str, dict)),
        _s("category_map", {}, dict, "the seller's categories in the comparables' terms, "
           "`{\"Платки/Шёлк\": \"Apparel & Accessories > Scarves & Shawls\"}` (a category covers its subcategories)"),
        _s("compare_within_catalog", False, bool, "also compare each listing with the catalog's other listings"),
        _s("match_attributes", [], list, "attributes that narrow a category match (`[material]`)"),
    )
}

PATH_SETTINGS = ("plugins", "comparables", "feeds")


def canonical_key(key: str) -> str:
    return str(key).replace("-", "_")


@dataclass
class Config:
    values: dict[str, Any]
    path: Path | None  # the file it came from, None for defaults only

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def get(self, key: str) -> Any:
        return self.values[canonical_key(key)]

    def resolve(self, value: str) -> Path:
        """A path written in the config, relative to the config file."""
        p = Path(value).expanduser()
        return p if p.is_absolute() else self.base_dir / p

    def rule_settings(self) -> dict[str, dict[str, Any]]:
        return self.values.get("rules") or {}

    def with_overrides(self, **overrides: Any) -> "Config":
        values = dict(self.values)
        for key, value in overrides.items():
            if value is not None:
                values[canonical_key(key)] = value
        return Config(values, self.path)


def find_config(start: Path) -> Path | None:
    start = start.resolve()
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _pyproject_section(pyproject) is not None:
            return pyproject
    return None


def load_config(path: Path | None = None, *, discover_from: Path | None = None) -> Config:
    """The effective config: the file's values over the defaults."""
    if path is None and discover_from is not None:
        path = find_config(discover_from)
    raw: dict[str, Any] = {}
    if path is not None:
        raw = _read(path)
    values = {name: _copy(s.default) for name, s in SETTINGS.items()}
    for key, value in raw.items():
        name = canonical_key(key)
        setting = SETTINGS.get(name)
        if setting is None:
            raise ConfigError(f"unknown config key '{key}'{_closest(name)}", path)
        if value is None:
            continue
        if not isinstance(value, setting.kind) or (isinstance(value, bool) and setting.kind is int):
            raise ConfigError(f"'{key}' must be {_kind_name(setting.kind)}, not {type(value).__name__}", path)
        value = _check_items(key, value, setting, path)
        if setting.choices and value not in setting.choices:
            raise ConfigError(f"'{key}' must be one of {', '.join(setting.choices)}, not '{value}'", path)
        values[name] = value
    _check_locales(values, path)
    from listing_lint.loaders.reader import file_size

    if file_size(values["max_file_size"]) is None:
        raise ConfigError(f"'max_file_size' must be a size such as 500 MB or 2 GB, not '{values['max_file_size']}'", path)
    if isinstance(values["rules"], dict):
        values["rules"] = {str(k): v for k, v in values["rules"].items()}
        for key, value in values["rules"].items():
            if not isinstance(value, dict):
                raise ConfigError(f"rules.{key} must be a mapping of options", path)
    for key in ("select", "extend_select", "ignore"):
        values[key] = [str(v) for v in values[key]]
    _check_reading(values, path)
    return Config(values, path)


def _check_items(key: str, value: Any, setting: Setting, path: Path | None) -> Any:
    """Elements of a list setting (`comparables: [5]`) are checked here, not where they are used;
    a number where text is wanted is the text YAML read it from (`keep_terms: [501]`)."""
    if setting.items is None or setting.name in ("rules", "feeds", "columns") or not isinstance(value, (list, dict)):
        return value  # checked with their own messages
    def checked(at: Any, element: Any) -> Any:
        if setting.items is str and isinstance(element, (int, float)) and not isinstance(element, bool):
            return str(element)
        if isinstance(element, bool) or not isinstance(element, setting.items):
            raise ConfigError(f"'{key}' entry {at!r} must be {_kind_name(setting.items)}, "
                              f"not {type(element).__name__} ({element!r})", path)
        return element
    if isinstance(value, dict):
        return {k: checked(k, v) for k, v in value.items()}
    return [checked(i + 1, v) for i, v in enumerate(value)]


FEED_KEYS = ("path", "input_format", "encoding", "columns", "ignore_columns", "currency", "sheet", "header_row")


def _check_reading(values: dict[str, Any], path: Path | None) -> None:
    """Column maps and feeds name fields and files: a typo there would silently read nothing."""
    check_columns(values["columns"], "columns", path)
    join = values["join_key"]
    values["join_key"] = [join] if isinstance(join, str) else [str(j) for j in join]
    feeds = values["feeds"]
    for locale, spec in feeds.items():
        where = f"feeds.{locale}"
        if not _LOCALE_RE.match(str(locale)):
            raise ConfigError(f"{where}: '{locale}' is not a locale; key each feed by its market, such as en_US", path)
        if isinstance(spec, str):
            continue
        if not isinstance(spec, dict) or not isinstance(spec.get("path"), str):
            raise ConfigError(f"{where} must be a file path, or a mapping with `path:` and reading settings", path)
        for key in spec:
            if canonical_key(key) not in FEED_KEYS:
                raise ConfigError(f"{where}: unknown key '{key}' (a feed takes {', '.join(FEED_KEYS)})", path)
        check_columns(spec.get("columns") or {}, f"{where}.columns", path)


def check_columns(columns: Any, where: str, path: Path | None) -> None:
    from listing_lint.loaders import LISTING_KEYS
    from listing_lint.suggest import closest

    if not isinstance(columns, dict):
        raise ConfigError(f"'{where}' must be a mapping of column → field", path)
    for column, field in columns.items():
        if field is None:
            continue  # read nothing from it, and do not report it
        if not isinstance(field, str) or not field.strip():
            raise ConfigError(f"{where}: the field for column '{column}' must be a field name such as "
                              "title, price or attributes.color (or null to skip the column)", path)
        head = field.split(".", 1)[0]
        if head not in LISTING_KEYS:
            hint = closest(head, LISTING_KEYS)
            raise ConfigError(f"{where}: '{field}' (for column '{column}') is not a listing field"
                              + (f" (did you mean '{hint}'?)" if hint else f"; fields: {', '.join(LISTING_KEYS)}"), path)


# A language code, then optional script/territory/variant parts: `ru`, `en_US`, `zh_Hans_CN`, `en-gb`.
_LOCALE_RE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")


def _check_locales(values: dict[str, Any], path: Path | None) -> None:
    """Locales are checked for shape here (cheap); whether babel knows them is L006's business."""
    if isinstance(values["target_locales"], str):
        values["target_locales"] = [p for p in values["target_locales"].replace(",", " ").split() if p]
    written = [("source_locale", values["source_locale"])] if values["source_locale"] else []
    written += [("target_locales", v) for v in values["target_locales"]]
    for key, value in written:
        if not isinstance(value, str) or not _LOCALE_RE.match(value):
            raise ConfigError(f"{key}: '{value}' is not a locale; write a language code and a territory, "
                              "such as ru_RU or en_US", path)


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ConfigError("config file is not a regular file" if path.exists() else "config file not found", path)
    if path.name == "pyproject.toml":
        section = _pyproject_section(path)
        return section or {}
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read config file: {exc.strerror}", path) from None
    except UnicodeDecodeError:
        raise ConfigError("config file is not UTF-8 text", path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ConfigError(f"YAML syntax error: {getattr(exc, 'problem', exc)}", path, line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError("config must be a mapping of settings", path)
    return data


def _pyproject_section(path: Path) -> dict[str, Any] | None:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read pyproject.toml: {exc}", path) from None
    tool = data.get("tool", {})
    section = tool.get("listing-lint")
    if section is None and isinstance(tool.get("listing_lint"), dict):
        raise ConfigError("the table is named [tool.listing_lint]; listing-lint reads [tool.listing-lint]", path)
    return section if isinstance(section, dict) else None


def _closest(name: str) -> str:
    from listing_lint.suggest import closest

    match = closest(name, SETTINGS)
    return f" (did you mean '{match}'?)" if match else ""


def _kind_name(kind: Any) -> str:
    names = {str: "a string", list: "a list", dict: "a mapping", int: "a whole number", bool: "true or false"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _copy(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return type(value)(value)
    return value
