"""Comparable items: what a listing's price is judged against (rules P001–P003).

`loader` reads comparables files, `index` keys them for lookup, `stats` gives
median and quartiles on Decimal, and `judge` finds a listing's benchmark.
"""

from listing_lint.comparables.index import ComparablesIndex, Sample
from listing_lint.comparables.items import Comparable
from listing_lint.comparables.judge import Judgement, judge
from listing_lint.comparables.loader import ComparablesError, load_comparables
from listing_lint.comparables.stats import median, quantile, quartiles

__all__ = [
    "Comparable", "ComparablesError", "ComparablesIndex", "Judgement", "Sample",
    "judge", "load_comparables", "median", "quantile", "quartiles",
]
