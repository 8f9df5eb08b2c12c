"""Hostile and unlucky input, one case per way it used to go wrong (issue 13): no rule crashes,
no run hangs or is lost; each problem is a finding or a `path[:line]: message`."""

from __future__ import annotations

import json

import pytest

CATALOG = """source_locale: ru_RU
target_locales: [en_US]
listings:
{listings}"""
LISTING = """  - id: {id}
    title: {{ru: "Платок шерсть", en: "{title}"}}
    description: {{ru: "Платок шерсть", en: "Wool shawl"}}
    price: {price}
{extra}"""


def catalog(tmp_path, *listings: dict, name: str = "c.yaml"):
    body = "".join(LISTING.format(**{"id": f"A{i}", "title": "Wool shawl", "price": "4500 RUB", "extra": "", **l})
                   for i, l in enumerate(listings, 1))
    path = tmp_path / name
    path.write_text(CATALOG.format(listings=body), encoding="utf-8")
    return path


def findings(cli, *args, select=("--extend-select", "ALL")):
    result = cli("check", "--format", "json", "--exit-zero", *select, *args)
    assert "internal error" not in result.stderr, result.stderr
    return result, json.loads(result.stdout)


@pytest.mark.parametrize("price, extra", [
    ("9999999999999999999999999999 TRY", ""),
    ("4500 RUB", "    prices: {USD: 1000000000000000000000000000}\n"),
    ("99999999999999999999999999999999999999999999.5 USD", ""),
    ("4500 RUB", "    prices: {USD: 0.0000000000000000000000000000000000001}\n"),
    ("4500 RUB", "    prices: {USD: 99999999999999.99}\n"),
])
def test_an_absurd_amount_is_a_c006_finding_not_a_crash(cli, tmp_path, price, extra):
    path = catalog(tmp_path, {"price": price, "extra": extra}, {})
    result, found = findings(cli, "--config", _config(tmp_path, "marketplace: aliexpress\ncomparables: []\n"), path)
    codes = {f["code"] for f in found if f["listing_id"] == "A1"}
    assert result.exit_code == 0
    if "99999999999999.99" not in extra:
        assert "C006" in codes


def test_an_absurd_amount_is_said_as_one(cli, tmp_path):
    path = catalog(tmp_path, {"price": "9999999999999999999999999999 TRY"})
    _, found = findings(cli, path)
    [c006] = [f for f in found if f["code"] == "C006"]
    assert "28 digits" in c006["message"] and c006["data"]["problem"] == "absurd-amount"


def test_money_rounding_never_overflows_the_context():
    from decimal import Decimal

    from listing_lint.money.amount import format_amount, format_rate, rounded

    assert rounded(Decimal("9" * 40 + ".555"), 2) == Decimal("9" * 40 + ".56")
    assert format_amount(Decimal("1E+60"), "USD").endswith(".00")
    assert format_rate(Decimal("1E+45"))


@pytest.mark.parametrize("title", ["Shawl ½ шерсть", "Shawl ² шерсть Ⅻ", "½ ² Ⅻ ① Платок", "Ⅻ"])
def test_number_like_words_beside_another_script(cli, tmp_path, title):
    # `½`, `²`, `Ⅻ` match as word characters but hold no letter (no script): T003/T004 sorted None.
    path = catalog(tmp_path, {"title": title})
    _, found = findings(cli, path, select=("--select", "T003,T004"))
    assert all(f["code"] in ("T003", "T004") for f in found)


def test_language_check_of_scriptless_words():
    from listing_lint.language.identify import LanguageIdentifier

    identifier = LanguageIdentifier(["en", "ru"])
    for text in ("Shawl ½ шерсть", "½ ² Ⅻ", "Ⅻ Платок шерсть ²"):
        identifier.check(text, "en")


def _config(tmp_path, text: str) -> str:
    path = tmp_path / "listing-lint.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)
