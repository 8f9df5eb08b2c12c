"""Money: prices read from text as Decimal, exchange-rate providers, market currencies.

Importing this package is cheap: its names load their modules on first use, and babel,
yaml and forex-python load inside the functions that need them.
"""

from listing_lint.lazy import lazy_names

_WHERE = {
    "Money": "amount", "format_amount": "amount", "format_rate": "amount", "market_currency": "market",
    "ParsedPrice": "parse", "parse_amount": "parse", "parse_price": "parse",
    "MissingRate": "rates", "Rates": "rates", "RatesError": "rates", "get_rates": "rates",
}

__all__ = sorted(_WHERE)


# Each name loads its module on first use: one module alone must not load the rest.
__getattr__ = lazy_names(__name__, _WHERE)
