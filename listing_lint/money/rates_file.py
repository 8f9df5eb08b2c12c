"""Rates files pinned in the seller's repository: YAML or CSV.

YAML:
    date: 2026-11-20
    source: Bank of Russia
    base: USD
    rates: {RUB: 92.59, EUR: 0.95}     # 1 USD = 92.59 RUB

CSV, one rate a row (one base per file; `source` is an optional column):
    base,quote,rate,date
    USD,RUB,92.59,2026-11-20

Numbers are read from the text as written, never through a YAML float.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

from listing_lint.money.rates import ProviderFailed, Rates, positive_rate


def load_rates_file(path: Path, shown: str | None = None) -> Rates:
    shown = shown or str(path)
    if not path.is_file():
        raise ProviderFailed("file not found")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProviderFailed(f"cannot read it: {exc}") from None
    if path.suffix.lower() == ".csv":
        return _from_csv(text, shown)
    return _from_yaml(text, shown)


def _day(text: str, where: str) -> date:
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise ProviderFailed(f"{where}: the date '{text}' is not YYYY-MM-DD") from None


def _code(text: str, where: str) -> str:
    code = str(text).strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise ProviderFailed(f"{where}: '{text}' is not a currency code")
    return code


def _from_yaml(text: str, shown: str) -> Rates:
    import yaml

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise ProviderFailed(f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(root, yaml.MappingNode):
        raise ProviderFailed("it must be a mapping with date, source, base and rates")
    top = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    for key in ("date", "base", "rates"):
        if key not in top:
            raise ProviderFailed(f"it has no '{key}'")
    line = lambda node: f"line {node.start_mark.line + 1}"  # noqa: E731 - tiny local formatter
    if not isinstance(top["rates"], yaml.MappingNode):
        raise ProviderFailed(f"{line(top['rates'])}: 'rates' must map currency codes to rates")
    table: dict[str, Decimal] = {}
    for key_node, value_node in top["rates"].value:
        where = line(value_node)
        if not isinstance(value_node, yaml.ScalarNode):
            raise ProviderFailed(f"{where}: the rate of {key_node.value} must be a number")
        table[_code(key_node.value, where)] = positive_rate(value_node.value, where)
    source = top["source"].value if isinstance(top.get("source"), yaml.ScalarNode) else shown
    base = _code(top["base"].value, line(top["base"]))
    table.pop(base, None)
    return Rates(base, _day(top["date"].value, line(top["date"])), str(source), f"rates file {shown}", table)


def _from_csv(text: str, shown: str) -> Rates:
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower() for c in reader.fieldnames or []}
    need = {"base", "quote", "rate", "date"}
    if not need <= columns:
        raise ProviderFailed(f"it needs the columns base,quote,rate,date (has {', '.join(sorted(columns)) or 'none'})")
    table: dict[str, Decimal] = {}
    bases, days, sources = set(), [], set()
    for number, row in enumerate(reader, start=2):
        row = {str(k).strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
        if not any(row.values()):
            continue
        where = f"line {number}"
        bases.add(_code(row["base"], where))
        table[_code(row["quote"], where)] = positive_rate(row["rate"], where)
        days.append(_day(row["date"], where))
        if row.get("source"):
            sources.add(row["source"])
    if not table:
        raise ProviderFailed("it has no rates")
    if len(bases) > 1:
        raise ProviderFailed(f"it mixes bases ({', '.join(sorted(bases))}); use one base per file")
    base = bases.pop()
    table.pop(base, None)
    # The oldest row dates the table: staleness is judged by the weakest rate.
    return Rates(base, min(days), ", ".join(sorted(sources)) or shown, f"rates file {shown}", table)
