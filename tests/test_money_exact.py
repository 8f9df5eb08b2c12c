"""C004's verdict does not depend on which currency is the market's, and limits are compared exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest

from listing_lint.testing import lint_text

D = Decimal
RATES = "date: 2026-11-20\nsource: Test Bank\nbase: USD\nrates: {OMR: \"0.3845\", AED: \"3.6725\", RUB: \"92.59\"}\n"
LOCALES = {"USD": "en_US", "OMR": "ar_OM", "AED": "ar_AE", "RUB": "ru_RU"}
DECIMALS = {"USD": 2, "OMR": 3, "AED": 2, "RUB": 2}


def _flagged(tmp_path, pairs, source: str, market: str) -> set[int]:
    """Indexes of the (source amount, market amount) pairs C004 flags, priced `source` → `market`."""
    (tmp_path / "rates.yaml").write_text(RATES, encoding="utf-8")
    rows = "".join(f"  - {{id: L{i}, price: {a} {source}, prices: {{{market}: {b}}}}}\n" for i, (a, b) in enumerate(pairs))
    text = f"source_locale: {LOCALES[source]}\ntarget_locales: [{LOCALES[market]}]\nlistings:\n{rows}"
    result = lint_text(text, select=["C004"], config_values={"rates": "rates.yaml"}, config_path=tmp_path / "x.yaml")
    assert not result.errors, result.errors
    return {int(f.listing_id[1:]) for f in result.findings}


def _around(amount: Decimal, places: int, below: str, above: str, steps: int) -> list[Decimal]:
    low, high = amount * D(below), amount * D(above)
    step = (high - low) / steps
    unit = D(1).scaleb(-places)
    return sorted({(low + step * k).quantize(unit) for k in range(steps + 1)})


@pytest.mark.parametrize(
    "first, first_amount, second",
    [("USD", D("100.00"), "OMR"), ("OMR", D("10.000"), "AED"), ("RUB", D("4500.00"), "USD"), ("AED", D("37.00"), "OMR")],
)
def test_the_same_two_prices_get_the_same_verdict_either_way(tmp_path, first, first_amount, second):
    from listing_lint.money.rates_file import load_rates_file

    (tmp_path / "rates.yaml").write_text(RATES, encoding="utf-8")
    converted = load_rates_file(tmp_path / "rates.yaml").convert(first_amount, first, second)
    pairs = [(first_amount, b) for b in _around(converted, DECIMALS[second], "0.80", "1.25", 400)]
    one_way = _flagged(tmp_path, pairs, first, second)
    other_way = _flagged(tmp_path, [(b, a) for a, b in pairs], second, first)
    assert one_way == other_way
    assert 0 < len(one_way) < len(pairs)  # prices on both sides of the limits were tried


def test_upper_limit_exactly_both_ways(tmp_path):
    # 100.00 USD and 40.757 OMR (106.00 USD): exactly 5% + 1.00 USD apart; a fils more is beyond.
    assert _flagged(tmp_path, [(D("100.00"), D("40.757")), (D("100.00"), D("40.758"))], "USD", "OMR") == {1}
    assert _flagged(tmp_path, [(D("40.757"), D("100.00")), (D("40.758"), D("100.00"))], "OMR", "USD") == {1}


def test_slack_is_the_same_money_whatever_the_market_currency():
    from listing_lint.money.amount import Money
    from listing_lint_rules.currency.conversion_mismatch import _slack

    assert _slack(Money(D("1.00"), "USD")) == Money(D("1.00"), "USD")
    assert _slack(0.10) == Money(D("0.1"), "USD")  # a bare number, as YAML gives it: US dollars
    assert _slack("2.50 AED") == Money(D("2.50"), "AED")
    from listing_lint.errors import ConfigError

    for bad in ("lots", -1, "-1 USD", "1 RUR"):
        with pytest.raises(ConfigError, match=f"absolute_slack: '{bad}' is not an amount of money"):
            _slack(bad)


def test_common_values_compare_worth_without_rounding():
    from datetime import date

    from listing_lint.money import Rates

    table = Rates("USD", date(2026, 11, 20), "Test Bank", "rates file x", {"RUB": D("92.59"), "EUR": D("0.9432")})
    rub, usd = table.common_values((D("462950.00"), "RUB"), (D("5000"), "USD"))
    assert rub == usd  # 462950 RUB is 5000 USD exactly
    assert table.convert(D("462950.00"), "RUB", "USD") != D("5000")  # the rounded quotient is not
    rub, eur = table.common_values((D("9259000"), "RUB"), (D("94320"), "EUR"))
    assert rub == eur
