"""Text analysis behind the translation rules: numbers, markup, keep-terms, encoding damage."""

from __future__ import annotations

from decimal import Decimal

import pytest

from listing_lint.text.markup import markup_items, unbalanced_tags, visible_text
from listing_lint.text.mojibake import damage_in
from listing_lint.text.numbers import numbers_in, parse_number
from listing_lint.text.terms import mask_terms


@pytest.mark.parametrize("token, lang, value", [
    ("1 000,5", "ru", "1000.5"),
    ("1\u00a0000,5", "fr", "1000.5"),
    ("1,000.5", "en", "1000.5"),
    ("1.000,5", "de", "1000.5"),
    ("1,000", "en", "1000"),
    ("1,5", "ru", "1.5"),
    ("1.5", "ru", "1.5"),  # a dot followed by one digit can only be a decimal point
    ("1.000", "de", "1000"),
    ("1,234,567", "en", "1234567"),
    ("12.50", "en", "12.50"),
])
def test_numbers_are_read_the_way_their_language_writes_them(token, lang, value):
    assert parse_number(token, lang) == Decimal(value)


def test_dimensions_and_ranges_hold_the_same_numbers_in_both_languages():
    assert numbers_in("Платок 125×125 см, размеры 42–52", "ru") == numbers_in("Shawl 125 x 125 cm, sizes 42–52", "en")
    assert numbers_in("Вес 1 000,5 г", "ru") == numbers_in("Weight 1,000.5 g", "en")
    assert numbers_in("125×125 см", "ru") != numbers_in("120 x 120 cm", "en")


def test_markup_items_and_balance():
    text = '<p>Size {size}, see <a href="https://example.ru/t">chart</a> or write shop@example.com<br/></p>'
    items = markup_items(text)
    assert items["<p>"] == 1 and items["</p>"] == 1 and items["<a>"] == 1 and items["<br>"] == 1
    assert items["{size}"] == 1 and items["https://example.ru/t"] == 1 and items["shop@example.com"] == 1
    assert unbalanced_tags(text) == []
    assert unbalanced_tags("<p>A <b>bold shawl.</p>") == ["<b> is never closed"]
    assert unbalanced_tags("<p>text</b></p>") == ["</b> closes a tag that was never opened"]
    assert visible_text("<p>Wool &amp; silk, https://x.ru/a</p>").split() == ["Wool", "&", "silk,"]


def test_keep_terms_are_masked_as_whole_words_whatever_the_case():
    terms = ["Pavlovo Posad", "Posad Heritage", "Mezen"]
    assert mask_terms("pavlovo  posad shawl by Posad Heritage", terms).split() == ["shawl", "by"]
    assert mask_terms("Mezenskaya painting, Mezen's style", terms).split() == ["Mezenskaya", "painting,", "'s", "style"]
    assert mask_terms("no terms", []) == "no terms"


@pytest.mark.parametrize("damaged, repaired", [
    ("cafÃ©", "café"),
    ("â€”", "—"),
    ("doesnâ€™t", "doesn’t"),
    ("Ð¨Ð°Ñ€Ñ„", "Шарф"),
    ("РЁР°СЂС„", "Шарф"),
    ("Ã‚Â©", "©"),  # damaged twice
])
def test_encoding_damage_is_found_and_repaired(damaged, repaired):
    assert [(d.found, d.repaired) for d in damage_in(f"Soft {damaged} wool")] == [(damaged, repaired)]


@pytest.mark.parametrize("text", [
    "Écharpe en mérinos, façon « naïve », Größe 42",
    "Шарф із мериносу: дії, їжак, є, ґанок, Січень",
    "Really??? Yes!",
    "Ñandú ½ Æsir — “quoted” ‘text’ …",
])
def test_correct_text_in_any_alphabet_is_not_damage(text):
    assert damage_in(text) == []


def test_replacement_characters_and_question_marks():
    assert [d.kind for d in damage_in("Шарф \ufffd шерсть")] == ["replacement-character"]
    assert [d.kind for d in damage_in("????? ??????")] == ["question-marks", "question-marks"]
    assert damage_in("FAQ ??? answers", source="FAQ ??? ответы") == []
