"""C003's unsafe fix: a missing market price filled in from the rates, as one insertion per listing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from listing_lint.testing import lint_text

RATES = Path(__file__).parent / "rule_cases" / "C0_rates.csv"
DESCRIPTION = "add prices.USD = 63.72 (5900 RUB × 0.0108, Bank of Russia, 2026-11-20)"

# Every layout the fix writes into: a flow listing (with a comment after it), a flow `prices`,
# a block listing ending in a block scalar, a block `prices`, a block listing with a trailing
# comment, an empty flow `prices`.
CATALOG = """\
source_locale: ru_RU
target_locales: [en_US]
listings:
  - {id: A1, title: {ru: "Шарф"}, price: 5900 RUB}   # flow
  - {id: A2, title: {ru: "Шарф"}, price: 5900 RUB, prices: {EUR: 54.17}}
  - id: A3
    title:
      ru: "Шарф"
    price: 5900 RUB
    description: |
      text
  - id: A4
    price: 5900 RUB
    prices:
      EUR: 54.17
  - id: A5
    price: 5900 RUB  # comment
    title: {ru: "Шарф", en: "x"}
  - {id: A6, price: 5900 RUB, prices: {}}
"""


def _fixes(text: str, path: str = "catalog.yaml"):
    config = {"rates": str(RATES), "source_locale": "ru_RU", "target_locales": ["en_US"]}
    result = lint_text(text, select=["C003"], config_values=config, path=path)
    assert not result.errors, result.errors
    return result


def test_each_layout_gets_one_insertion_that_names_its_rate():
    result = _fixes(CATALOG)
    assert len(result.findings) == 6
    for finding in result.findings:
        fix = result.fixes[finding]
        assert not fix.safe
        assert fix.description == DESCRIPTION
        assert len(fix.edits) == 1 and fix.edits[0].start == fix.edits[0].end
    inserted = {f.listing_id: result.fixes[f].edits[0].text for f in result.findings}
    assert inserted == {
        "A1": ", prices: {USD: 63.72}",
        "A2": "USD: 63.72, ",
        "A3": "    prices: {USD: 63.72}\n",
        "A4": "      USD: 63.72\n",
        "A5": "    prices: {USD: 63.72}\n",
        "A6": "USD: 63.72",
    }


def _inserted(text: str, edits) -> str:
    """`text` with the insertions made, back to front so earlier offsets hold."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def test_unsafe_fixes_fill_the_prices_and_keep_every_other_byte(cli, tmp_path):
    path = tmp_path / "catalog.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    shutil.copy(RATES, tmp_path / "rates.csv")
    args = ("check", "--select", "C003", "--rates", "rates.csv", "catalog.yaml")

    safe_only = cli(*args[:-1], "--fix", args[-1], cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == CATALOG, safe_only.output
    assert safe_only.output.count(" C003 ") == 6

    unsafe = cli(*args[:-1], "--fix", "--unsafe-fixes", args[-1], cwd=tmp_path)
    assert DESCRIPTION in unsafe.stderr
    fixed = path.read_text(encoding="utf-8")
    listings = yaml.safe_load(fixed)["listings"]
    assert all(listing["prices"]["USD"] == 63.72 for listing in listings)
    assert listings[1]["prices"]["EUR"] == 54.17 and listings[3]["prices"]["EUR"] == 54.17
    assert listings[2]["description"] == "text\n" and listings[4]["title"]["en"] == "x"
    # Exactly the six insertions at their offsets in the original: every other byte is unchanged.
    assert fixed == _inserted(CATALOG, [e for fix in _fixes(CATALOG).fixes.values() for e in fix.edits])
    assert not _fixes(fixed).findings  # the C003 findings are gone
    again = cli(*args, cwd=tmp_path)
    assert again.exit_code == 0, again.output


def test_amount_is_rounded_to_the_currency_unit():
    # 4500 RUB × (1 / 92.59) = 48.601... → 48.60 USD; JPY has no minor unit → 7357
    text = "source_locale: ru_RU\ntarget_locales: [en_US, ja_JP]\nlistings:\n  - {id: A1, price: 4500 RUB}\n"
    result = _fixes(text)
    inserted = sorted(result.fixes[f].edits[0].text for f in result.findings)
    assert inserted == [", prices: {JPY: 7357}", ", prices: {USD: 48.60}"]


def test_a_half_cent_rounds_up():
    # At 1 USD = 100 RUB, 4500.50 RUB is 45.005 USD: half up gives 45.01 (half even or down: 45.00).
    rates = Path(__file__).parent / "rule_cases" / "data" / "P_rates.yaml"
    text = "listings:\n  - {id: A1, price: 4500.50 RUB}\n"
    config = {"rates": str(rates), "source_locale": "ru_RU", "target_locales": ["en_US"]}
    result = lint_text(text, select=["C003"], config_values=config)
    (finding,) = result.findings
    assert result.fixes[finding].edits[0].text == ", prices: {USD: 45.01}"


@pytest.mark.parametrize(
    "listing",
    [
        "  - &base {id: A0, price: 5900 RUB}\n  - {<<: *base, id: A1}\n",  # merged from another listing
        "  - {id: A1, price: 5900 RUB, prices: }\n",  # an empty `prices:` is not a mapping to extend
    ],
)
def test_no_fix_where_the_layout_is_not_certain(listing):
    text = "source_locale: ru_RU\ntarget_locales: [en_US]\nlistings:\n" + listing
    result = _fixes(text)
    assert "A1" in {f.listing_id for f in result.findings}  # the finding is there, only its fix is not
    fixed = [f.listing_id for f in result.findings if result.fixes.get(f) is not None]
    assert "A1" not in fixed


def test_csv_gets_no_fix():
    # An empty CSV cell is absent from the model, so there is no offset to write the price at.
    result = _fixes("id,title.ru,price,prices.USD\nA1,Шарф,5900 RUB,\n", path="catalog.csv")
    assert len(result.findings) == 1 and result.fixes.get(result.findings[0]) is None
