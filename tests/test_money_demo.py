"""The currency rules on the demo catalog: the numbers in the messages, and C007 once per run."""

from __future__ import annotations

import pytest

from conftest import DEMO

CODES = [f"C00{i}" for i in range(1, 8)]


@pytest.fixture
def lint(monkeypatch):
    from listing_lint.config import load_config
    from listing_lint.engine import Input, run
    from listing_lint.registry import discover
    from listing_lint.selection import Selection

    rules = discover()
    missing = [c for c in CODES if c not in rules]
    assert not missing, f"currency rules not registered as entry points: {missing} (see /work/brief/entry_points_C.txt)"

    def go(*names, today="2026-11-26"):
        monkeypatch.setenv("LISTING_LINT_TODAY", today)
        config = load_config(DEMO / "listing-lint.yaml").with_overrides(select=["C"])
        result = run([Input(str(DEMO / n)) for n in names], Selection(rules, config))
        assert not result.errors, result.errors
        return result.findings

    return go


def test_messages_carry_the_numbers(lint):
    by_listing = {(f.listing_id, f.code): f for f in lint("catalog.yaml")}
    over = by_listing[("RU-SHAWL-009", "C004")]
    assert over.message == "price 45.00 USD is 39% above 3000 RUB × 0.0108 = 32.40 USD (Bank of Russia, 2026-11-20)"
    assert over.data["expected"] == "32.40" and over.data["rate_source"] == "Bank of Russia"
    copied = by_listing[("RU-SHAWL-008", "C004")]
    assert "copied without conversion" in copied.message and copied.data["expected"] == "31.32"
    assert by_listing[("RU-VAL-006", "C003")].data["suggested"] == "63.72"
    assert by_listing[("RU-COAT-006", "C002")].data["suggested"] == "RUB"


def test_fresh_rates_draw_no_c007(lint):
    assert not [f for f in lint("catalog.yaml", "clean.yaml") if f.code == "C007"]


def test_stale_rates_are_reported_once_per_run(lint):
    stale = [f for f in lint("catalog.yaml", "catalog.csv", "clean.yaml", today="2026-12-20") if f.code == "C007"]
    assert len(stale) == 1
    assert stale[0].data == {
        "rate_date": "2026-11-20", "age_days": 30, "max_rate_age_days": 14,
        "rate_source": "Bank of Russia", "provider": "rates file rates.yaml",
    }
    assert "30 days ago" in stale[0].message


def test_clean_catalog_gives_no_currency_findings_even_when_converting(lint):
    assert lint("clean.yaml") == []


def test_withdrawn_code_fix_is_safe_only_for_same_amount_aliases():
    from listing_lint.testing import lint_text

    text = "listings:\n  - {id: A1, price: 12400 RUR}\n  - {id: A2, price: 99000 BYR}\n"
    result = lint_text(text, select=["C002"])
    fixes = {f.listing_id: fix for f, fix in result.fixes.items()}
    assert fixes["A1"].safe  # RUR is still written for today's rouble: same amount
    assert not fixes["A2"].safe and "check it" in fixes["A2"].description  # BYN came at 10000:1
    (edit,) = fixes["A1"].edits
    assert text[edit.start : edit.end] == "RUR" and edit.text == "RUB"


def test_demo_rur_fix_touches_only_the_code():
    from listing_lint.config import load_config
    from listing_lint.engine import Input, run
    from listing_lint.registry import discover
    from listing_lint.selection import Selection

    config = load_config(DEMO / "listing-lint.yaml").with_overrides(select=["C002"])
    result = run([Input(str(DEMO / "catalog.yaml"))], Selection(discover(), config))
    (finding, fix), = result.fixes.items()
    assert finding.listing_id == "RU-COAT-006" and fix.safe
    (edit,) = fix.edits
    text = (DEMO / "catalog.yaml").read_text(encoding="utf-8")
    assert text[edit.start - 6 : edit.end] == "12400 RUR" and edit.text == "RUB"
