"""listing-lint's built-in rules, installed as `listing_lint_rules`, one module per rule.

They are registered in pyproject.toml under the `listing_lint.rules` entry-point group,
the same door third-party rules use.
"""
