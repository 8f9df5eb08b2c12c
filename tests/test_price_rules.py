"""P001 overpriced, P002 underpriced, P003 no-benchmark: run through the engine as the CLI does."""

from __future__ import annotations

import pytest
import yaml

from conftest import DEMO
from listing_lint.config import Config, load_config
from listing_lint.engine import Input, run
from listing_lint.errors import ConfigError
from listing_lint.selection import Selection
from listing_lint_rules.price.no_benchmark import NoBenchmark
from listing_lint_rules.price.overpriced import Overpriced
from listing_lint_rules.price.underpriced import Underpriced

RULES = {"P001": Overpriced, "P002": Underpriced, "P003": NoBenchmark}
HEADER = "id,category,title,price,currency,gtin,brand,mpn,attributes.material\n"
# 1 USD = 100 RUB = 0.5 EUR: conversions come out in round numbers.
RATES = 'date: 2026-11-20\nsource: Test Bank\nbase: USD\nrates: {RUB: "100", EUR: "0.5"}\n'
# Six shawls: median 26.00, middle half 22.00–30.00.
SHAWLS = [("AE-1001", "18.00"), ("AE-1002", "22.00"), ("AE-1003", "22.00"),
          ("AE-1004", "30.00"), ("AE-1005", "30.00"), ("AE-1006", "34.00")]


def rows(category, priced, currency="USD", title="Shawl", gtin="", brand="", mpn="", material=""):
    return [f"{i},{category},{title},{p},{currency},{gtin},{brand},{mpn},{material}" for i, p in priced]


def listing(id, price=None, usd=None, category="accessories/shawls", title="Wool shawl", extra=""):
    parts = [f"id: {id}"]
    if category:
        parts.append(f"category: {category}")
    parts.append(f'title: {{ru: "Платок", en: "{title}"}}')
    if price:
        parts.append(f"price: {price}")
    if usd:
        parts.append(f"prices: {{USD: {usd}}}")
    if extra:
        parts.append(extra)
    return "  - {" + ", ".join(parts) + "}\n"


@pytest.fixture
def lint(tmp_path):
    def go(*listings, comparables=(), select=("P001", "P002", "P003"), targets="[en_US]", **settings):
        if comparables:
            (tmp_path / "comparables.csv").write_text(HEADER + "\n".join(comparables) + "\n", encoding="utf-8")
            settings.setdefault("comparables", ["comparables.csv"])
        (tmp_path / "rates.yaml").write_text(RATES, encoding="utf-8")
        settings.setdefault("rates", "rates.yaml")
        values = dict(load_config(None).values)
        values.update({k.replace("-", "_"): v for k, v in settings.items()}, select=list(select))
        config = Config(values, tmp_path / ".listing-lint.yaml")
        text = f"source_locale: ru_RU\ntarget_locales: {targets}\nlistings:\n" + "".join(listings)
        result = run([Input(str(tmp_path / "catalog.yaml"), text=text)], Selection(RULES, config))
        return result

    return go


def findings(result):
    assert not result.errors, result.errors
    return [(f.code, f.listing_id, f.field) for f in result.findings]


# ---- the message and its data --------------------------------------------------------------


def test_overpriced_message_gives_the_evidence(lint):
    result = lint(listing("S1", "9900 RUB", "106.92"), comparables=rows("accessories/shawls", SHAWLS))
    (f,) = result.findings
    assert (f.code, f.severity, f.field) == ("P001", "error", "prices.USD")
    assert f.message == (
        "price 106.92 USD is 4.1× the median 26.00 USD of 6 comparable items in accessories/shawls "
        "(middle half 22.00–30.00 USD, typical distance from the median 4.00 USD); closest: AE-1006, AE-1005, AE-1004"
    )
    assert f.data["price"] == "106.92" and f.data["median"] == "26.00"
    assert (f.data["q1"], f.data["q3"], f.data["ratio"]) == ("22.00", "30.00", "4.112")
    assert f.data["count"] == 6 and f.data["level"] == "category" and f.data["factor"] == "2.0"
    assert sorted(f.data["comparables"]) == [i for i, _ in SHAWLS]


def test_underpriced_is_a_warning_with_the_same_evidence(lint):
    result = lint(listing("S1", "450 RUB"), comparables=rows("accessories/shawls", SHAWLS))
    (f,) = result.findings
    assert (f.code, f.severity, f.field) == ("P002", "warning", "price")
    assert f.message.startswith("price 4.50 USD is 0.17× the median 26.00 USD of 6 comparable items")
    assert f.data["low_factor"] == "0.25"


# ---- threshold edges: the verdict is exact on Decimal ------------------------------------------


@pytest.mark.parametrize(
    "usd, expected",
    [("52.00", []), ("52.01", ["P001"]), ("6.50", []), ("6.49", ["P002"]), ("26.00", [])],
)
def test_threshold_edges(lint, usd, expected):
    result = lint(listing("S1", usd=usd), comparables=rows("accessories/shawls", SHAWLS))
    assert [c for c, _, _ in findings(result)] == expected


def test_just_above_the_factor_shows_enough_digits_to_differ(lint):
    (f,) = lint(listing("S1", usd="52.01"), comparables=rows("accessories/shawls", SHAWLS)).findings
    assert "is 2.0004× the median" in f.message
    assert f.data["ratio"] == "2.0004" and f.data["factor"] == "2.0"  # never shown as equal to the factor


# ---- matching levels -------------------------------------------------------------------------


def test_same_gtin_wins_over_the_category(lint):
    branded = rows("accessories/shawls", [(f"G{k}", "100.00") for k in range(5)], gtin="4607033184200")
    result = lint(listing("S1", usd="150.00", extra="gtin: '04607033184200'"),
                  comparables=rows("accessories/shawls", SHAWLS) + branded)
    assert findings(result) == []  # 1.5× its own model, though 3.5× the category median
    result = lint(listing("S1", usd="250.00", extra="gtin: '4607033184200'"),
                  comparables=rows("accessories/shawls", SHAWLS) + branded)
    (f,) = result.findings
    assert f.data["level"] == "gtin" and f.data["count"] == 5 and "with the same GTIN 4607033184200" in f.message


def test_too_few_by_gtin_falls_to_brand_and_model(lint):
    same_gtin = rows("accessories/shawls", [(f"G{k}", "100.00") for k in range(4)], gtin="4607033184200",
                     brand="Posad Heritage", mpn="PH-1250")
    same_model = rows("accessories/shawls", [(f"M{k}", "90.00") for k in range(2)], brand="posad heritage", mpn="ph 1250")
    result = lint(listing("S1", usd="300.00", extra="gtin: '4607033184200', brand: Posad Heritage, mpn: PH-1250"),
                  comparables=rows("accessories/shawls", SHAWLS) + same_gtin + same_model)
    (f,) = result.findings
    assert f.data["level"] == "brand_mpn" and f.data["count"] == 6
    assert "of the same brand and model (Posad Heritage PH-1250)" in f.message


def test_match_attributes_narrow_the_category(lint):
    wool = rows("women/coats", [(f"W{k}", "100.00") for k in range(5)], material="wool")
    acrylic = rows("women/coats", [(f"A{k}", "20.00") for k in range(5)], material="acrylic")
    coat = listing("C1", usd="150.00", category="women/coats", extra="attributes: {material: Wool}")
    broad = lint(coat, comparables=wool + acrylic)
    assert [c for c, _, _ in findings(broad)] == ["P001"]  # 2.5× the median 60 of all coats
    narrow = lint(coat, comparables=wool + acrylic, match_attributes=["material"])
    assert findings(narrow) == []  # 1.5× the wool coats
    dear = lint(listing("C1", usd="250.00", category="women/coats", extra="attributes: {material: wool}"),
                comparables=wool + acrylic, match_attributes=["material"])
    assert "in women/coats with material wool" in dear.findings[0].message


def test_title_similarity_when_the_listing_has_no_category(lint):
    similar = rows("accessories/shawls", [(f"T{k}", "40.00") for k in range(5)], title="Pavlovo Posad wool shawl roses")
    unlike = rows("footwear/valenki", [(f"V{k}", "400.00") for k in range(5)], title="Felt boots valenki")
    item = listing("S1", usd="100.00", category=None, title="Pavlovo Posad wool shawl")
    (f,) = lint(item, comparables=similar + unlike).findings
    assert (f.code, f.data["level"], f.data["count"]) == ("P001", "title", 5)
    assert "with titles like “Pavlovo Posad wool shawl”" in f.message
    strict = lint(item, comparables=similar + unlike, rules={"P001": {"title_similarity": 1}, "P003": {"title_similarity": 1}})
    assert [c for c, _, _ in findings(strict)] == ["P003"]


def test_a_category_no_comparable_has_falls_back_to_similar_titles(lint):
    # A seller's own category text (`accessories/rare`) that matches none of the comparables'
    # is no reason to stay silent: items with similar titles anywhere are the benchmark.
    similar = rows("c/shawls", [(f"T{k}", "40.00") for k in range(5)], title="Wool shawl")
    result = lint(listing("S1", usd="100.00", category="accessories/rare"), comparables=similar)
    (f,) = result.findings
    assert f.code == "P001" and f.data["level"] == "title"
    assert "of 5 comparable items with titles like “Wool shawl”, as none are in accessories/rare" in f.message
    unlike = rows("c/coats", [(f"T{k}", "40.00") for k in range(5)], title="Winter coat")
    (f,) = lint(listing("S1", usd="100.00", category="accessories/rare"), comparables=unlike).findings
    assert f.code == "P003" and "(0 with titles like “Wool shawl”, as none are in accessories/rare)" in f.message


# ---- options ---------------------------------------------------------------------------------


def test_factor_per_category_and_its_parent(lint):
    coats = rows("women/coats", [(f"C{k}", "100.00") for k in range(5)])
    both = [listing("S1", usd="106.92"), listing("C1", usd="300.00", category="women/coats")]
    assert [c for c, _, _ in findings(lint(*both, comparables=rows("accessories/shawls", SHAWLS) + coats))] == ["P001", "P001"]
    per = {"P001": {"per-category": {"accessories/shawls": {"factor": 5}}}}
    result = lint(*both, comparables=rows("accessories/shawls", SHAWLS) + coats, rules=per)
    assert [i for _, i, _ in findings(result)] == ["C1"]
    parent = {"P001": {"factor": 3.5, "per_category": {"Accessories": {"factor": 4.5}}}}
    result = lint(*both, comparables=rows("accessories/shawls", SHAWLS) + coats, rules=parent)
    assert [i for _, i, _ in findings(result)] == []  # 4.1 < 4.5 for accessories/*, 3.0 < 3.5 elsewhere


def test_min_comparables_per_category(lint):
    result = lint(listing("S1", usd="106.92"), comparables=rows("accessories/shawls", SHAWLS),
                  rules={"P001": {"per_category": {"accessories/shawls": {"min_comparables": 7}}}})
    assert findings(result) == []
    result = lint(listing("S1", usd="106.92"), comparables=rows("accessories/shawls", SHAWLS),
                  rules={"P003": {"min_comparables": 7}})
    (p001, p003) = sorted(result.findings, key=lambda f: f.code)
    assert p001.code == "P001"
    assert p003.message == ("price 106.92 USD was not compared with the market: "
                            "fewer than 7 comparable items (6 in accessories/shawls)")


def test_unknown_option_in_per_category_is_a_config_error(lint):
    result = lint(listing("S1", usd="106.92"), comparables=rows("accessories/shawls", SHAWLS),
                  rules={"P001": {"per_category": {"accessories/shawls": {"factr": 3}}}}, select=["P001"])
    assert len(result.errors) == 1 and "has no option 'factr'" in result.errors[0]


def test_p003_is_on_by_default_so_an_unjudged_price_is_never_silent(lint):
    hats = listing("S1", usd="10.00", category="hats", title="Fur hat")
    for select in (["ALL"], ["P"], ["no-benchmark"]):
        result = lint(hats, comparables=rows("accessories/shawls", SHAWLS), select=select)
        assert [code for code, _, _ in findings(result)] == ["P003"], select
    assert NoBenchmark.enabled_by_default and NoBenchmark.severity == "info"
    # Without comparables nothing is judged, and nothing is said.
    assert findings(lint(hats, select=["ALL"])) == []


# ---- currencies ------------------------------------------------------------------------------


def test_comparables_in_other_currencies_are_converted(lint):
    mixed = (rows("accessories/shawls", SHAWLS[:2]) + rows("accessories/shawls", [("R1", "2200"), ("R2", "3000")], "RUB")
             + rows("accessories/shawls", [("E1", "15.00"), ("E2", "17.00")], "EUR"))
    (f,) = lint(listing("S1", "9900 RUB"), comparables=mixed).findings
    # 18, 22, 22, 30, 30, 34 USD as before: RUB ÷ 100, EUR × 2; the listing's roubles too
    assert f.message.startswith("price 99.00 USD is 3.8× the median 26.00 USD of 6 comparable items")
    assert f.field == "price" and f.data["skipped_no_rate"] == 0


def test_comparables_without_a_rate_are_left_out_and_counted(lint):
    with_kzt = rows("accessories/shawls", SHAWLS) + rows("accessories/shawls", [("K1", "50000"), ("K2", "60000")], "KZT")
    (f,) = lint(listing("S1", usd="106.92"), comparables=with_kzt).findings
    assert f.data["count"] == 6 and f.data["skipped_no_rate"] == 2


def test_too_few_because_rates_are_missing_says_so(lint):
    kzt = rows("accessories/shawls", SHAWLS[:3]) + rows("accessories/shawls", [("K1", "50000"), ("K2", "60000")], "KZT")
    (f,) = lint(listing("S1", usd="26.00"), comparables=kzt).findings
    assert f.code == "P003"
    assert "(3 in accessories/shawls, 2 more without an exchange rate)" in f.message
    assert f.data["tried"] == [{"level": "category", "scope": "in accessories/shawls", "count": 3, "skipped_no_rate": 2}]


def test_a_listing_whose_price_cannot_be_converted_is_left_to_the_currency_rules(lint):
    result = lint(listing("S1", "9900 KZT"), listing("S2", "abc RUB"), comparables=rows("accessories/shawls", SHAWLS))
    assert findings(result) == []


def test_the_market_price_is_preferred_to_the_converted_source_price(lint):
    result = lint(listing("S1", "2600 RUB", "106.92"), comparables=rows("accessories/shawls", SHAWLS))
    assert findings(result) == [("P001", "S1", "prices.USD")]


# ---- sources ---------------------------------------------------------------------------------


def test_compare_within_catalog_leaves_the_listing_itself_out(lint):
    own = [listing(f"S{k}", usd=p) for k, p in enumerate(["22.00", "24.00", "26.00", "28.00", "30.00"])]
    result = lint(*own, listing("S9", usd="200.00"), compare_within_catalog=True)
    (f,) = result.findings
    assert (f.code, f.listing_id, f.data["count"], f.data["median"]) == ("P001", "S9", 5, "26.00")
    assert "S9" not in f.data["comparables"]


def test_catalog_and_file_comparables_are_pooled(lint):
    own = [listing(f"S{k}", usd="26.00") for k in range(2)]
    result = lint(*own, listing("S9", usd="200.00"), comparables=rows("accessories/shawls", SHAWLS[:3]),
                  compare_within_catalog=True)
    (f,) = result.findings
    assert f.data["count"] == 5 and sorted(f.data["comparables"]) == ["AE-1001", "AE-1002", "AE-1003", "S0", "S1"]


def test_nothing_happens_without_comparables(lint):
    assert findings(lint(listing("S1", usd="9999.00"))) == []


def test_a_bad_comparables_file_is_reported_once_with_file_and_line(lint, tmp_path):
    bad = rows("accessories/shawls", SHAWLS) + ["AE-2000,accessories/shawls,Shawl,twelve,USD,,,,"]
    result = lint(listing("S1", usd="106.92"), listing("S2", usd="1.00"), comparables=bad)
    assert result.findings == []
    assert len(result.errors) == 1
    assert f"{tmp_path / 'comparables.csv'}:8: price 'twelve' of comparable item AE-2000 cannot be read" in result.errors[0]


def test_bad_option_values(lint):
    with pytest.raises(ConfigError, match="factor must be a number"):
        lint(listing("S1", usd="1.00"), comparables=rows("c", SHAWLS), rules={"P001": {"factor": "high"}})
    result = lint(listing("S1", usd="1.00"), comparables=rows("c", SHAWLS), rules={"P002": {"title_similarity": 0}},
                  select=["P002"])
    assert "title_similarity must be above 0" in result.errors[0]


def test_each_market_is_judged_in_its_own_currency(lint):
    # 1 USD = 0.5 EUR: the shawls' median is 13.00 EUR; 20.00 EUR is fine there, 106.92 USD is not
    result = lint(listing("S1", "9900 RUB", extra="prices: {USD: 106.92, EUR: 20.00}"),
                  comparables=rows("accessories/shawls", SHAWLS), targets="[en_US, de_DE]")
    assert findings(result) == [("P001", "S1", "prices.USD")]
    result = lint(listing("S1", "9900 RUB", extra="prices: {USD: 30.00, EUR: 53.46}"),
                  comparables=rows("accessories/shawls", SHAWLS), targets="[en_US, de_DE]")
    (f,) = result.findings
    assert f.field == "prices.EUR" and "the median 13.00 EUR" in f.message


def test_comparables_are_loaded_and_indexed_once_per_run(lint, monkeypatch):
    import listing_lint.comparables.loader as loader

    calls = []
    real = loader.load_comparables
    monkeypatch.setattr(loader, "load_comparables", lambda path, **kw: calls.append(path) or real(path, **kw))
    many = [listing(f"S{k}", usd=str(20 + k)) for k in range(30)]
    result = lint(*many, comparables=rows("accessories/shawls", SHAWLS))
    assert not result.errors and len(calls) == 1


def test_nothing_to_match_on_is_said_by_p003(lint):
    bare = "  - {id: S1, title: {ru: \"!!\", en: \"!!\"}, prices: {USD: 26.00}}\n"
    result = lint(bare, comparables=rows("c", SHAWLS), select=["P003"])
    (f,) = result.findings
    assert "has no GTIN, brand and model number, category or title to match" in f.message


# ---- the demo catalog ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["catalog.yaml", "catalog.csv", "clean.yaml"])
def test_demo_catalog_gives_exactly_the_planted_price_findings(name):
    if not (DEMO / "comparables.csv").is_file() or not (DEMO / "expected.yaml").is_file():
        pytest.skip("demo fixtures not present")
    expected_all = yaml.safe_load((DEMO / "expected.yaml").read_text(encoding="utf-8"))
    expected = sorted((e["listing"], e["code"], e["field"]) for e in expected_all[name] if e["code"].startswith("P"))
    config = load_config(DEMO / "listing-lint.yaml").with_overrides(select=["P001", "P002", "P003"])
    result = run([Input(str(DEMO / name))], Selection(RULES, config))
    assert not result.errors, result.errors
    got = sorted((f.listing_id, f.code, f.field) for f in result.findings if f.code in ("P001", "P002"))
    assert got == expected
