"""Comparables files read their prices in a locale, as catalog prices are read."""

from __future__ import annotations

from decimal import Decimal

import pytest

from listing_lint.comparables import ComparablesError, load_comparables

D = Decimal


def write(tmp_path, text, name="comparables.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


YUAN = "id,title,price\nCN-1,Teapot,99.00元\nCN-2,Teapot,¥99\nCN-3,Teapot,99元\nCN-4,Cup,12.50 CNY\n"


def test_yuan_prices_in_the_comparables_locale(tmp_path):
    items = load_comparables(write(tmp_path, YUAN), locale="zh_CN")
    assert [(i.id, i.amount, i.currency) for i in items] == [
        ("CN-1", D("99.00"), "CNY"), ("CN-2", D("99"), "CNY"), ("CN-3", D("99"), "CNY"), ("CN-4", D("12.50"), "CNY"),
    ]


def test_the_locale_settles_what_a_shared_symbol_means(tmp_path):
    (item,) = load_comparables(write(tmp_path, "id,title,price\nTW-1,Teapot,99元\n"), locale="zh_TW")
    assert item.currency == "TWD"
    (item,) = load_comparables(write(tmp_path, "id,title,price\nJP-1,Teapot,¥990\n"), locale="ja_JP")
    assert item.currency == "JPY"


def test_without_a_locale_a_shared_symbol_is_refused_with_what_it_could_be(tmp_path):
    with pytest.raises(ComparablesError) as caught:
        load_comparables(write(tmp_path, YUAN))
    assert caught.value.line == 2
    assert "'元' could be CNY, TWD, HKD" in caught.value.message and "no locale" in caught.value.message


def test_the_locale_decides_the_decimal_symbol(tmp_path):
    path = write(tmp_path, "id,title,price,currency\nDE-1,Becher,1.299,EUR\nDE-2,Becher,12.99,EUR\n")
    german = load_comparables(path, locale="de_DE")
    assert [i.amount for i in german] == [D("1299"), D("12.99")]
    assert [i.amount for i in load_comparables(path, locale="en_US")] == [D("1.299"), D("12.99")]
    assert [i.amount for i in load_comparables(path)] == [D("1.299"), D("12.99")]  # a machine export, as before


def test_arabic_digits_and_gulf_currencies_in_comparables(tmp_path):
    path = write(tmp_path, "id,title,price\nAE-1,شال,٩٩٫٥٠ د.إ\nAE-2,شال,١٬٢٥٠ درهم\n")
    items = load_comparables(path, locale="ar_AE")
    assert [(i.amount, i.currency) for i in items] == [(D("99.50"), "AED"), (D("1250"), "AED")]


def test_a_yaml_file_may_carry_its_own_locale(tmp_path):
    path = write(tmp_path, (
        "source_locale: zh_CN\n"
        "listings:\n"
        "  - {id: CN-1, title: Teapot, price: 99.00元}\n"
    ), "comparables.yaml")
    for given in (None, "zh_TW"):  # the file's own setting wins over the one passed in
        (item,) = load_comparables(path, locale=given)
        assert (item.amount, item.currency) == (D("99.00"), "CNY")
    listed = write(tmp_path, "- {id: CN-1, title: Teapot, price: 99元}\n", "list.yaml")
    assert load_comparables(listed, locale="zh_TW")[0].currency == "TWD"
