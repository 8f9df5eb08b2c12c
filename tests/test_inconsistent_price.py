"""P004 inconsistent-price beyond its rule cases (tests/rule_cases/P004.yaml): options and large groups."""

from __future__ import annotations

import yaml

from listing_lint.testing import lint_text


def _catalog(*listings: dict) -> str:
    return yaml.safe_dump({"source_locale": "ru_RU", "listings": list(listings)}, allow_unicode=True, sort_keys=False)


def _p004(text: str, **rules):
    return lint_text(text, select=["P004"], config_values={"rules": {"P004": rules}} if rules else None)


def test_bad_options_are_config_errors():
    text = _catalog({"id": "A", "gtin": "4607033184200", "price": "100 RUB"},
                    {"id": "B", "gtin": "4607033184200", "price": "200 RUB"})
    negative = _p004(text, tolerance=-0.1)
    assert len(negative.errors) == 1 and "tolerance must be 0 or more" in str(negative.errors[0])
    one = _p004(text, variant_factor=1)
    assert len(one.errors) == 1 and "variant_factor must be more than 1" in str(one.errors[0])
    zero = _p004(text, tolerance=0)  # any difference at all
    assert not zero.errors and len(zero.findings) == 2


def test_a_large_group_names_its_lowest_and_highest_prices_only():
    listings = [{"id": f"X{i:02}", "gtin": "4607033184200", "price": f"{100 + i} RUB"} for i in range(12)]
    result = _p004(_catalog(*reversed(listings)))
    assert not result.errors
    assert len(result.findings) == 12  # every listing is still reported
    message = result.findings[0].message
    assert "is listed 12 times at different prices: 100.00 RUB (X00), 101.00 RUB (X01), 102.00 RUB (X02), " \
           "103.00 RUB (X03), 104.00 RUB (X04), 2 more, 107.00 RUB (X07), " in message
    assert message.endswith("111.00 RUB (X11); the highest is 11.0% above the lowest")
    data = result.findings[0].data
    assert data["count"] == 12 and len(data["prices"]) == 12
    big = _p004(_catalog(*[{"id": f"Y{i:02}", "gtin": "4607033184200", "price": f"{100 + i} RUB"} for i in range(30)]))
    assert [p["id"] for p in big.findings[0].data["prices"]] == [f"Y{i:02}" for i in [*range(10), *range(20, 30)]]

