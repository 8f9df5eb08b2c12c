"""Text analysis behind the translation rules: numbers, markup, keep-terms, encoding damage."""

from __future__ import annotations

from decimal import Decimal

import pytest

from listing_lint.text.markup import markup_items, unbalanced_tags, visible_text
from listing_lint.text.mojibake import damage_in
from listing_lint.text.numbers import number_tokens, numbers_in, parse_number
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
    ("١٢٫٥", "ar", "12.5"),  # Arabic-Indic digits, the Arabic decimal separator
    ("١٬٢٥٠", "ar", "1250"),  # ... and its group separator
    ("١٫٢٥٠", "ar", "1.25"),  # `٫` is a decimal point even before three digits
    ("۱۲٫۵", "fa", "12.5"),  # Persian digits
])
def test_numbers_are_read_the_way_their_language_writes_them(token, lang, value):
    assert parse_number(token, lang) == Decimal(value)


def test_dimensions_and_ranges_hold_the_same_numbers_in_both_languages():
    assert numbers_in("Платок 125×125 см, размеры 42–52", "ru") == numbers_in("Shawl 125 x 125 cm, sizes 42–52", "en")
    assert numbers_in("Вес 1 000,5 г", "ru") == numbers_in("Weight 1,000.5 g", "en")
    assert numbers_in("125×125 см", "ru") != numbers_in("120 x 120 cm", "en")


def test_prices_can_be_left_out_of_the_numbers():
    text = "Шарф 180 см, всего 3 900 рублей, доставка 300₽ или $5, от 2 штук"
    assert [t for t, _ in number_tokens(text, "ru")] == ["180", "3 900", "300", "5", "2"]
    assert [t for t, _ in number_tokens(text, "ru", prices=False)] == ["180", "2"]


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
    ("â€œBestâ€\x9d", "“Best”"),  # the last byte of ” is undefined in Windows-1252: a control character
    ("Handâ€\x90knitted", "Hand‐knitted"),  # ... and so is that of the hyphen ‐
    ("Brandâ„¢", "Brand™"),  # what ftfy lets through, the round trip catches
])
def test_encoding_damage_is_found_and_repaired(damaged, repaired):
    assert [(d.found, d.repaired) for d in damage_in(f"Soft {damaged} wool")] == [(damaged, repaired)]


@pytest.mark.parametrize("text", [
    "Écharpe en mérinos, façon « naïve », Größe 42",
    "Шарф із мериносу: дії, їжак, є, ґанок, Січень",
    "Really??? Yes!",
    "Ñandú ½ Æsir — “quoted” ‘text’ …",
    "CACHECOL DE LÃ MERINO, SÃO PAULO, IRMÃ E MÃE, Ã VISTA",  # Portuguese capitals
    "Lã merino à vista, às 10h, café, Größe, naïve, Ærø",
])
def test_correct_text_in_any_alphabet_is_not_damage(text):
    assert damage_in(text) == []


def test_a_character_whose_last_byte_was_dropped_is_found_but_not_repaired():
    found = damage_in("Our â€œBestâ€ wool, handâ€knitted.")
    assert [(d.found, d.repaired, d.kind) for d in found] == [
        ("â€œBestâ€", None, "lost-character"), ("handâ€knitted", None, "lost-character")]


def test_replacement_characters_and_question_marks():
    assert [d.kind for d in damage_in("Шарф \ufffd шерсть")] == ["replacement-character"]
    assert [d.kind for d in damage_in("????? ??????")] == ["question-marks", "question-marks"]
    assert damage_in("FAQ ??? answers", source="FAQ ??? ответы") == []


def test_dense_scripts_are_counted_in_latin_letters():
    from listing_lint.text.length import latin_length

    assert latin_length("  Wool   coat ") == 9  # spaces collapsed, as the reader sees them
    assert latin_length("大衣。") == 9  # a Chinese character as 4, punctuation as 1
    assert latin_length("コート") == 4.5  # a kana as 1.5
    assert latin_length("울 코트") == 10  # a Hangul syllable as 3


def test_no_markup_or_whitespace_pattern_can_backtrack_catastrophically():
    """Listing text comes from anywhere: `<a "x" "x" "x" ...` without a `>` must not take
    exponential time. The check is on the patterns' shape (see test_quantity)."""
    import re

    from test_quantity import _unbounded_nested_repeats

    from listing_lint.text import markup
    from listing_lint_rules.structure import whitespace

    patterns = {f"{module.__name__}.{name}": value for module in (markup, whitespace)
                for name, value in vars(module).items() if isinstance(value, re.Pattern)}
    assert len(patterns) >= 7
    assert {name: found for name, pattern in patterns.items() if (found := _unbounded_nested_repeats(pattern))} == {}
