"""Comparable items: what a listing's price is judged against (rules P001–P004).

`sources` and `loader` read comparables (any reader's files, the comparables CSV/YAML,
Merchant Center benchmarks), `index` keys them for lookup (`similar`: word masks per
category), `quantities` says what an item sells, `stats` gives median and quartiles on
Decimal, and `judge` finds a listing's benchmark. The names below load their module on
first use: a rule importing `comparables.items` at start-up must not pay for the rest.
"""

from importlib import import_module

_WHERE = {
    "ComparablesIndex": "index", "Sample": "index", "Comparable": "items", "Judgement": "judge", "judge": "judge",
    "ComparablesError": "loader", "load_comparables": "loader",
    "median": "stats", "quantile": "stats", "quartiles": "stats",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
