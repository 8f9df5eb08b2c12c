"""Every installed rule is declared completely: code, kebab-case name, severity, docs."""

from __future__ import annotations

import pytest

from listing_lint.registry import discover
from listing_lint.rule import FAMILIES

RULES = discover()


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_declaration_is_complete(code):
    cls = RULES[code]
    assert cls.declaration_errors() == []
    assert cls.family() in FAMILIES
    assert cls.summary() and not cls.summary().startswith("#")


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_options_are_documented_with_their_defaults(code):
    cls = RULES[code]
    doc = cls.doc()
    from listing_lint.rule import _show

    for option in cls.options:
        assert f"| `{option.name}` | `{_show(option.default)}` | {option.help} |" in doc


def test_names_and_codes_are_unique():
    assert len({r.name for r in RULES.values()}) == len(RULES)
