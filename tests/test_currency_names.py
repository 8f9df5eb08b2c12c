"""Currency names from CLDR (babel) in the catalog's languages, and how C005 reads codes and signs."""

from __future__ import annotations

import pytest

from listing_lint.money.mentions import foreign_mentions
from listing_lint.money.names import currency_names

LANGUAGES = ("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "tr", "uk", "zh")
CODES = ("BYN", "CHF", "CNY", "EUR", "GBP", "JPY", "KZT", "PLN", "RUB", "UAH", "USD")


@pytest.fixture(scope="module")
def names():
    return currency_names(LANGUAGES, CODES)


def _found(names, text):
    return [(written, codes) for _, written, codes in names.find(text)]


@pytest.mark.parametrize("text, written, codes", [
    ("Nur 4500 Rubel!", "Rubel", ("BYN", "RUB")),  # the noun, shared: settled by the locales
    ("Früher 5000 Rubeln", "Rubeln", ("BYN", "RUB")),  # a case ending babel does not list
    ("Russische Rubel", "Russische Rubel", ("RUB",)),  # a full name, alone
    ("всего 4500 рублей", "рублей", ("BYN", "RUB")),
    ("4500 рубля", "рубля", ("BYN", "RUB")),
    ("100 юаней", "юаней", ("CNY",)),
    ("only 50 dollars", "dollars", ("USD",)),  # of the dollars, the one concerned
    ("20 euros", "euros", ("EUR",)),
    ("dollar des États-Unis", "dollar des États-Unis", ("USD",)),
    ("价格4500卢布", "卢布", ("BYN", "RUB")),
    ("100人民币", "人民币", ("CNY",)),
    ("5 Franken", "Franken", ("CHF",)),
    ("300 ين", "ين", ("JPY",)),
])
def test_names_and_nouns_are_found(names, text, written, codes):
    assert _found(names, text) == [(written, codes)]


@pytest.mark.parametrize("text", [
    "Rubel",  # a bare noun counts after an amount only
    "Franken-Design",
    "1 pound of coffee", "2 Pfund Kaffee", "2 libras", "5 фунтов",  # weights in their language
    "2 yeni ürün",  # Turkish `new`, a word of `Yeni İsrail şekeli`, is no noun
    "45 des plus belles",  # the `des` of `dollar des États-Unis`
    "Poolse wol, 2 Poolse",  # an adjective of a name
    "Real leather",
])
def test_ordinary_words_are_not_currencies(names, text):
    assert _found(names, text) == []


def test_a_full_name_is_one_mention(names):
    assert foreign_mentions("Оплата в российских рублях или 4500 российских рублей", "de_DE", "EUR", names) == [
        ("рублях", "RUB"), ("российских рублей", "RUB")]


def test_a_noun_shared_by_currencies_is_settled_by_the_locales(names):
    assert foreign_mentions("Nur 4500 Rubel!", "de_DE", "EUR", names, "ru_RU") == [("Rubel", "RUB")]
    assert foreign_mentions("Nur 4500 Rubel!", "de_DE", "EUR", names, "en_US") == [("Rubel", "BYN/RUB")]
    assert foreign_mentions("Всего 4500 рублей", "ru_RU", "RUB", names) == []  # the market's own
    assert foreign_mentions("Всего 4500 рублей", "be_BY", "BYN", names) == []  # Belarus pays in roubles too


@pytest.mark.parametrize("text, found", [
    ("SOOTHING GEL 300мл", []),  # a quantity is no amount
    ("Aloe gel, GEL 300 ml", []),
    ("HAIR GEL 250", []),  # a rare code among capitals: a product name
    ("Price: 25 GEL", [("GEL", "GEL")]),
    ("ONLY 4500 RUB TODAY", [("RUB", "RUB")]),  # a common code beside an amount counts in capitals too
    ("ALL WOOL - DO NOT RUB", []),
    ("витамин А и Р", []),  # a one-letter sign only right after an amount
    ("Вітаміни групи Р.", []),
    ("Only 450 р. here", [("р.", "RUB")]),
    ("Всего 450р", [("р", "RUB")]),
    ("Комплект 2 x 50 р.", [("р.", "RUB")]),
])
def test_codes_and_signs_count_beside_an_amount(text, found):
    assert foreign_mentions(text, "en_US", "USD") == found


def test_a_date_or_a_year_is_no_amount():
    assert foreign_mentions("Since 01.08.2000 TMT makes gels", "en_US", "USD") == []
    assert foreign_mentions("Price 2000 TMT", "en_US", "USD") == [("TMT", "TMT")]
    # Ukrainian writes `р.` for рік, років (year, years), as CLDR's dates show (`4 травня 2007 р.`)
    assert foreign_mentions("у 1992 р. поняття", "uk_UA", "UAH") == []
    assert foreign_mentions("лише через 200 р. після його смерті", "uk_UA", "UAH") == []
    assert foreign_mentions("Всего 2000 р.", "ru_RU", "USD") == [("р.", "RUB")]  # Russian years are `г.`
    assert foreign_mentions("Only 2000 р.", "en_US", "USD") == [("р.", "RUB")]


def test_the_table_is_built_once_per_set_of_languages_and_codes(names):
    assert currency_names(LANGUAGES, CODES) is names
    assert currency_names(("xx",), ("RUB",)).find("4500 рублей") == []  # an unknown language has no names
