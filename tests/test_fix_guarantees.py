"""What --fix promises (README "Guarantees", "--fix"): a fix is kept only when the fixed text proves it,
a file is replaced only if nobody touched it, and a file the user protected is left alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from listing_lint.testing import check_fix

RATES = Path(__file__).parent / "rule_cases" / "C0_rates.csv"
HEAD = "source_locale: ru_RU\ntarget_locales: [en_US]\nlistings:\n  - id: A1\n    title: {ru: \"Шарф\"}\n    price: 5900 RUB\n"


@pytest.mark.parametrize("prices, fixed", [
    ("    prices:\n      USD:\n", "    prices:\n      USD: 63.72\n"),
    ("    prices: {USD: ~}\n", "    prices: {USD: 63.72}\n"),
    ("    prices: {USD: , EUR: 54.17}\n", "    prices: {USD: 63.72, EUR: 54.17}\n"),
    ("    prices:\n      USD: null   # to do\n      EUR: 54.17\n", "    prices:\n      USD: 63.72   # to do\n      EUR: 54.17\n"),
    ("    prices:\n      USD: ''\n", "    prices:\n      USD: 63.72\n"),
])
def test_an_empty_market_price_is_filled_once(cli, tmp_path, prices, fixed):
    path = tmp_path / "catalog.yaml"
    path.write_text(HEAD + prices, encoding="utf-8")
    result = cli("check", "--select", "C003,L004", "--rates", RATES, "--fix", "--unsafe-fixes", path)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Fixed 1 problem (1 C003)" in result.stderr
    assert path.read_text(encoding="utf-8") == HEAD + fixed


@pytest.mark.parametrize("prices", ["    prices:\n      USD:\n", "    prices: {USD: ~}\n"])
def test_fix_check_helper_holds_on_an_empty_price(prices):
    out = check_fix(HEAD + prices, config_values={"rates": str(RATES)}, select=["C003", "L004"])
    assert out[False]["fixed"] == {} and out[True]["fixed"] == {"C003": 1}
    assert [f["code"] for f in out[True]["after"]] == []


NOT_A_FIX = '''
from listing_lint.rule import Edit, Fix, ListingRule, Problem


class Shout(ListingRule):
    """A title not in capitals (test rule whose fixes do not do their job).

    ## What it does
    Test rule.
    ## Why it matters
    Test rule.
    ## Example
    None.
    ## How to fix
    None.
    """

    code = "X902"
    name = "not-shouting"
    severity = "error"

    def check(self, listing, ctx):
        title = listing.node.items["title"].items["ru"]
        if not title.text.isupper():
            if listing.id == "A1":  # adds a space: the title is still not in capitals
                edit = Edit(title.end, title.end, " ")
            else:  # writes the key a second time: the file loads, with a duplicate key
                edit = Edit(title.end + 1, title.end + 1, ', ru: "ШАРФ"')
            yield Problem("not shouting", field="title.ru", fix=Fix((edit,), "shout"))
'''


def test_a_fix_that_does_not_remove_its_finding_is_not_applied(cli, tmp_path):
    (tmp_path / "plugin.py").write_text(NOT_A_FIX, encoding="utf-8")
    config = tmp_path / "lint.yaml"
    config.write_text("plugins: [plugin.py]\n", encoding="utf-8")
    path = tmp_path / "catalog.yaml"
    text = ('source_locale: ru_RU\nlistings:\n  - {id: A1, title: {ru: "Шарф"}, price: 1 RUB}\n'
            '  - {id: A2, title: {ru: "Шарф"}, price: 1 RUB}\n')
    path.write_text(text, encoding="utf-8")
    result = cli("check", "--config", config, "--select", "X902,L004", "--fix", path)
    assert path.read_text(encoding="utf-8") == text  # neither fix proved itself
    assert "Fixed" not in result.stderr
    assert result.exit_code == 1 and result.stdout.count(" X902 ") == 2 and " L004 " not in result.stdout


def test_apply_edits_never_applies_a_duplicate_edit():
    from listing_lint.fixes import choose
    from listing_lint.model import Finding
    from listing_lint.rule import Edit, Fix

    same = Fix((Edit(5, 5, "USD: 1\n"),), "fill")
    a = (Finding("C003", "x", "error", "m", "c.yaml", 1, 1, "A1", "prices.USD"), same)
    b = (Finding("C003", "x", "error", "m2", "c.yaml", 2, 1, "A1", "prices.USD"), same)
    assert len(choose([a, b], 10, unsafe=True)) == 1
