"""The comparables package: reading files (with lines for errors), statistics, the index."""

from __future__ import annotations

import random
import statistics
from decimal import Decimal
from fractions import Fraction

import pytest

from listing_lint.comparables import ComparablesError, ComparablesIndex, load_comparables, median, quartiles
from listing_lint.comparables.index import Group, PricedGroups, Sample, attribute_key
from listing_lint.comparables.items import title_tokens

HEADER = "id,category,title,price,currency,gtin,brand,mpn,attributes.material\n"
D = Decimal


def write(tmp_path, text, name="comparables.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- loading ---------------------------------------------------------------------------


def test_csv_rows_become_items_with_decimal_prices_and_lines(tmp_path):
    path = write(tmp_path, HEADER
                 + "AE-1,accessories/shawls,Wool shawl,26.00,USD,4607033184200,Posad,PH-1,wool\n"
                 + '"AE-2",accessories/shawls,"Shawl, ""folk""\nwith fringe",2400,rub,,,,\n'
                 + "\n"
                 + "AE-3,women/coats,Coat,99.90 EUR,,,,,\n")
    items = load_comparables(path)
    assert [i.id for i in items] == ["AE-1", "AE-2", "AE-3"]
    first, second, third = items
    assert first.amount == D("26.00") and str(first.amount) == "26.00" and first.currency == "USD"
    assert (first.gtin, first.brand, first.mpn, first.attributes) == ("4607033184200", "Posad", "PH-1", {"material": "wool"})
    assert second.title == 'Shawl, "folk"\nwith fringe' and second.currency == "RUB"
    assert third.amount == D("99.90") and third.currency == "EUR"
    # a quoted cell across two lines and a blank line are counted: AE-3 is on line 6
    assert [i.loc.line for i in items] == [2, 3, 6]


def test_shop_style_prices_go_through_the_money_parser(tmp_path):
    path = write(tmp_path, "id,title,price\nAE-1,Shawl,€26.00\nAE-2,Boots,2 400 ₽\n")
    items = load_comparables(path)
    assert [(i.amount, i.currency) for i in items] == [(D("26.00"), "EUR"), (D("2400"), "RUB")]


def test_semicolon_export_with_decimal_commas(tmp_path):
    path = write(tmp_path, "id;category;title;price;currency\nAE-1;shawls;Платок, шерсть;2 400,50;RUB\n")
    (item,) = load_comparables(path)
    assert (item.title, item.amount, item.currency) == ("Платок, шерсть", D("2400.50"), "RUB")


def test_a_localised_title_column_stands_in_for_title(tmp_path):
    path = write(tmp_path, "id,title.ru,title.en,price,currency\nAE-1,Платок,Wool shawl,26,USD\n")
    assert load_comparables(path)[0].title == "Wool shawl"
    path = write(tmp_path, "id,title,title.en,price,currency\nAE-1,Shawl,Wool shawl,26,USD\n")
    assert load_comparables(path)[0].title == "Shawl"


def test_yaml_file_is_a_list_of_items(tmp_path):
    path = write(tmp_path, (
        "- id: AE-1\n"
        "  category: accessories/shawls\n"
        "  title: Wool shawl\n"
        "  price: 26.10\n"
        "  currency: USD\n"
        "  attributes: {material: wool}\n"
        "- {id: AE-2, title: {en: Felt boots}, price: 45 USD}\n"
    ), "comparables.yaml")
    first, second = load_comparables(path)
    assert first.amount == D("26.10") and first.attributes == {"material": "wool"} and first.loc.line == 1
    assert second.title == "Felt boots" and second.amount == D("45") and second.loc.line == 7


@pytest.mark.parametrize(
    "row, line, words",
    [
        ("AE-1,c,t,abc,USD,,,,\n", 3, "price 'abc' of comparable item AE-1 cannot be read"),
        ("AE-1,c,t,,USD,,,,\n", 3, "comparable item AE-1 has no price"),
        (",c,t,26,USD,,,,\n", 3, "comparable item has no id"),
        ("AE-1,c,t,26,,,,,\n", 3, "has no currency"),
        ("AE-1,c,t,26,dollars,,,,\n", 3, "'DOLLARS' of comparable item AE-1 is not a three-letter"),
        ("AE-1,c,t,0,USD,,,,\n", 3, "is not a positive amount"),
        ("AE-1,c,t,26,USD,,,,,extra\n", 3, "row has 10 cells but the header names 9"),
    ],
)
def test_a_bad_row_names_the_file_and_line(tmp_path, row, line, words):
    path = write(tmp_path, HEADER + "AE-0,c,t,26,USD,,,,\n" + row)
    with pytest.raises(ComparablesError) as err:
        load_comparables(path)
    assert err.value.path == str(path) and err.value.line == line
    assert words in err.value.message
    assert str(err.value).startswith(f"{path}:{line}: ")


def test_unknown_column_is_named_with_a_suggestion(tmp_path):
    path = write(tmp_path, "id,categroy,price,currency\nAE-1,c,26,USD\n")
    with pytest.raises(ComparablesError, match=r"unknown column 'categroy' .*did you mean 'category'") as err:
        load_comparables(path)
    assert err.value.line == 1


def test_missing_file_empty_file_and_bad_encoding(tmp_path):
    with pytest.raises(ComparablesError, match="not found"):
        load_comparables(tmp_path / "nope.csv")
    with pytest.raises(ComparablesError, match="no header"):
        load_comparables(write(tmp_path, "\n"))
    bad = tmp_path / "latin.csv"
    bad.write_bytes(HEADER.encode() + "AE-1,c,Ch\xe2le,26,USD,,,,\n".encode("latin-1"))
    with pytest.raises(ComparablesError, match="not UTF-8") as err:
        load_comparables(bad)
    assert err.value.line == 2


def test_yaml_errors_name_the_line(tmp_path):
    path = write(tmp_path, "- {id: AE-1, price: 26 USD}\n- {id: AE-2, price: lots, currency: USD}\n", "c.yaml")
    with pytest.raises(ComparablesError, match="price .lots. of comparable item AE-2 cannot be read") as err:
        load_comparables(path)
    assert err.value.line == 2
    with pytest.raises(ComparablesError, match="not a comparables file"):
        load_comparables(write(tmp_path, "rates: {RUB: 92}\n", "other.yaml"))


# ---- statistics ------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6, 7, 10, 11])
def test_quartiles_match_the_inclusive_method_exactly(n):
    rng = random.Random(n)
    prices = sorted(D(rng.randrange(100, 100000)) / 100 for _ in range(n))
    q1, mid, q3 = quartiles(prices)
    expected = statistics.quantiles([Fraction(p) for p in prices], n=4, method="inclusive") if n > 1 else [prices[0]] * 3
    assert [Fraction(q1), Fraction(mid), Fraction(q3)] == [Fraction(e) for e in expected]
    assert median(prices) == mid and isinstance(mid, Decimal)


def test_median_of_even_count_is_the_mean_of_the_middle_two():
    assert median([D("22.00"), D("26.00"), D("30.00"), D("31.00")]) == D("28.00")
    assert quartiles([D("20"), D("22"), D("26"), D("28"), D("30")]) == (D("22"), D("26"), D("28"))


def test_sample_leaves_one_entry_out_without_copying():
    group = Group(sorted((D(p), f"X{p}", p) for p in (10, 20, 30, 40, 50)))
    whole = Sample(group)
    assert len(whole) == 5 and median(whole) == D(30)
    without = Sample(group, (D(30), "X30", 30))
    assert len(without) == 4 and [without[k] for k in range(4)] == [D(10), D(20), D(40), D(50)]
    assert median(without) == D(30) and without.ids() == ["X10", "X20", "X40", "X50"]
    assert len(Sample(group, (D(30), "X30", 999))) == 5  # not in the group: nothing left out


def test_closest_are_nearest_in_price_cheaper_first_on_ties():
    group = Group(sorted((D(p), f"X{p}", p) for p in (10, 20, 30, 40, 50)))
    assert Sample(group).closest(D(31), 3) == ["X30", "X40", "X20"]
    assert Sample(group).closest(D(35), 2) == ["X30", "X40"]
    assert Sample(group).closest(D(1000), 2) == ["X50", "X40"]
    assert Sample(group, (D(30), "X30", 30)).closest(D(31), 2) == ["X40", "X20"]
    assert Sample(group).closest(D(1), 10) == ["X10", "X20", "X30", "X40", "X50"]


# ---- index -----------------------------------------------------------------------------


def items_from(tmp_path, rows):
    return load_comparables(write(tmp_path, HEADER + "".join(r + "\n" for r in rows)))


def test_gtin_brand_mpn_and_category_keys_are_normalised(tmp_path):
    items = items_from(tmp_path, [
        "A,Women/Coats ,Coat,100,USD,0460 7033 1842 00,Posad  Heritage,PH-1250-RS,Wool",
        "B,women/coats,Coat,110,USD,4607033184200,posad heritage,ph 1250 rs,linen",
        "C,women/dresses,Dress,50,USD,,,,",
    ])
    index = ComparablesIndex(items, ["material"])
    assert index.members("gtin", "04607033184200") == [0, 1]
    assert index.members("brand_mpn", ("posad heritage", "ph1250rs")) == [0, 1]
    name, coats = index.category("women/coats/long")  # a subcategory the items lack: the nearest above it
    assert name == "women/coats" and coats.indexes(coats.all) == [0, 1]
    assert coats.indexes(coats.mask(attribute_key("material", "wool"))) == [0]
    assert index.category("Apparel > Coats") is None and index.category(None) is None


def test_priced_groups_convert_once_and_count_items_without_a_rate(tmp_path):
    items = items_from(tmp_path, ["A,c,t,10,USD,,,,", "B,c,t,1000,RUB,,,,", "C,c,t,9,EUR,,,,"])
    rates = {"USD": D(1), "RUB": D("0.0108")}
    calls = []

    def convert(amount, currency):
        calls.append(currency)
        return amount * rates[currency] if currency in rates else None

    index = ComparablesIndex(items)
    groups = PricedGroups(index, convert)
    name, category = index.category("c")
    group = groups.unit_group(name, category, category.all & ~groups.unpriced(name, category))
    assert [e[:2] for e in group.entries] == [(D("10"), "A"), (D("10.8000"), "B")]
    assert groups.unpriced(name, category).bit_count() == 1  # C: no EUR rate
    assert groups.unit_group(name, category, category.all & ~groups.unpriced(name, category)) is group
    assert len(calls) == 3


def test_title_similarity_matches_a_brute_force_scan(tmp_path):
    rng = random.Random(7)
    words = [f"q{chr(97 + k // 26)}{chr(97 + k % 26)}zz" for k in range(40)]  # five letters: their own stems
    titles = [" ".join(rng.sample(words, rng.randint(1, 6))) for _ in range(400)]
    index = ComparablesIndex(items_from(tmp_path, [f"X{i},,{t},10,USD,,,," for i, t in enumerate(titles)]))
    for threshold in (D("0.3"), D("0.5"), D("0.75"), D("1")):
        for probe in titles[:60]:
            mine = title_tokens(probe)
            expected = sorted(
                i for i, t in enumerate(titles)
                if Fraction(len(mine & title_tokens(t)), len(mine | title_tokens(t))) >= Fraction(threshold)
            )
            assert sorted(index.similar_titles(mine, threshold)) == expected


def test_title_words_ignore_case_punctuation_and_filler():
    assert title_tokens("Wool Shawl, with FRINGE (a gift)") == {"wool", "shawl", "fring", "gift"}
    # Sizes and counts are the unit price's business, not likeness; words compare by their stem.
    assert title_tokens("Shampoo 250ml, 2 x 50 мл, set of 3") == {"shamp"}
    assert title_tokens("Embroidered valenki") == title_tokens("valenki with embroidery") == {"embro", "valen"}
    assert title_tokens("iPhone15 case") == {"iphone15", "case"}
