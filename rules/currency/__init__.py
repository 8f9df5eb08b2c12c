"""C rules: prices in the right currency for each market, converted at a known rate.

The parsing, rates and market currencies they share live in `listing_lint.money`.
"""
