"""Comparable items: what a listing's price is judged against (rules P001–P004).

`sources` and `loader` read comparables (any reader's files, the comparables CSV/YAML,
Merchant Center benchmarks), `index` keys them for lookup (`similar`: word masks per
category), `quantities` says what an item sells, `stats` gives median and quartiles on
Decimal, and `judge` finds a listing's benchmark. The names below load their module on
first use: a rule importing `comparables.items` at start-up must not pay for the rest.
"""

from listing_lint.lazy import lazy_names

_WHERE = {
    "ComparablesIndex": "index", "Sample": "index", "Comparable": "items", "Judgement": "judge", "judge": "judge",
    "ComparablesError": "loader", "load_comparables": "loader",
    "median": "stats", "quantile": "stats", "quartiles": "stats",
}

__all__ = sorted(_WHERE)


# Each name loads its module on first use: one module alone must not load the rest.
__getattr__ = lazy_names(__name__, _WHERE)
