"""Money: prices read from text as Decimal, exchange-rate providers, market currencies.

Importing this package is cheap: its names load their modules on first use, and babel,
yaml and forex-python load inside the functions that need them.
"""

from importlib import import_module

_WHERE = {
    "Money": "amount", "format_amount": "amount", "format_rate": "amount", "market_currency": "market",
    "ParsedPrice": "parse", "parse_amount": "parse", "parse_price": "parse",
    "MissingRate": "rates", "Rates": "rates", "RatesError": "rates", "get_rates": "rates",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    # Each name loads its module on first use: `money.amount` alone must not load the parser and rates.
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
