"""Money: prices read from text as Decimal, exchange-rate providers, market currencies.

Importing this package is cheap: babel, yaml and forex-python load inside the
functions that need them.
"""

from listing_lint.money.amount import Money, format_amount, format_rate
from listing_lint.money.market import market_currency
from listing_lint.money.parse import ParsedPrice, parse_amount, parse_price
from listing_lint.money.rates import MissingRate, Rates, RatesError, get_rates

__all__ = [
    "Money", "ParsedPrice", "Rates", "RatesError", "MissingRate",
    "parse_price", "parse_amount", "get_rates", "market_currency", "format_amount", "format_rate",
]
