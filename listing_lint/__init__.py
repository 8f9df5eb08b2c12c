"""listing-lint: a linter for e-commerce product listings (translations, currency, prices)."""

__version__ = "0.1.0"
