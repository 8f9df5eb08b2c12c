"""The M family's data and helpers: marketplace presets, word lists, GTIN arithmetic, M002's fixes.

The rules' behaviour is in `rule_cases/M00*.yaml`; this checks what cases cannot: that every
data file shipped is well-formed and sourced, that the config offers exactly the presets
present, and that the fixes write what they say.
"""

from __future__ import annotations

import re

import pytest

from listing_lint.testing import lint_text
from listing_lint_rules.marketplace import preset_names
from listing_lint_rules.marketplace.invalid_gtin import check_digit, isbn10_to_13, upc_e_to_a, valid
from listing_lint_rules.marketplace.presets import all_presets, load_preset
from listing_lint_rules.marketplace.words import load_words, normal, phrase_pattern

URL = re.compile(r"^https://\S+$")


def test_the_config_offers_the_presets_present():
    from listing_lint.config import SETTINGS

    assert SETTINGS["marketplace"].choices == preset_names()
    assert {"generic", "google", "aliexpress", "ozon", "amazon", "yandex"} <= set(preset_names())


def test_an_unknown_marketplace_is_a_config_error_naming_the_presets(tmp_path):
    from listing_lint.config import load_config
    from listing_lint.errors import ConfigError

    path = tmp_path / ".listing-lint.yaml"
    path.write_text("marketplace: ebay\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be one of aliexpress, amazon, generic, google, ozon, yandex, not 'ebay'"):
        load_config(path)


def test_rules_say_an_unknown_marketplace_once_however_it_was_set():
    text = "source_locale: ru_RU\nlistings:\n  - {id: A1, title: {ru: Платок}, price: 4500 RUB}\n  - {id: A2, title: {ru: Шарф}, price: 90 RUB}\n"
    result = lint_text(text, select=["T010", "M005"], config_values={"marketplace": "ebay"})
    assert [e.message for e in result.errors] == ["'marketplace' must be one of " + ", ".join(preset_names()) + ", not 'ebay'"]


@pytest.mark.parametrize("key", preset_names())
def test_every_limit_and_requirement_says_where_it_comes_from(key):
    preset = load_preset(key)
    for text_field in ("title", "description"):
        limit = preset.limit(text_field)
        if limit.max is None:
            assert limit.note, f"{key}: no {text_field} limit and no note why"
        else:
            assert URL.match(limit.source or ""), f"{key}: the {text_field} limit has no source URL"
    for req in preset.required:
        assert URL.match(req.source or ""), f"{key}: requirement {req.attributes} has no source URL"
        assert req.attributes and all(req.attributes)


def test_the_published_limits():
    limits = {p.key: (p.limit("title").max, p.limit("description").max) for p in all_presets()}
    assert limits == {
        "generic": (150, 5000), "google": (150, 5000), "aliexpress": (218, None), "amazon": (200, None),
        "ozon": (500, None), "yandex": (256, 6000),
    }


def test_google_apparel_requirements_follow_the_pages():
    google = load_preset("google")
    by_attribute = {alts: req for req in google.required for alts in req.attributes}
    assert set(by_attribute) == {("brand",), ("gtin", "mpn"), ("color",), ("gender",), ("age_group",), ("size",)}
    apparel = ["apparel & accessories/clothing/dresses"]
    assert all(by_attribute[(a,)].applies(apparel, {}) for a in ("color", "gender", "age_group", "size"))
    bag = ["apparel & accessories/handbags, wallets & cases/handbags"]
    assert by_attribute[("color",)].applies(bag, {}) and not by_attribute[("size",)].applies(bag, {})
    cufflinks = ["193"]
    assert by_attribute[("gender",)].applies(cufflinks + ["166"], {})  # gender's exemptions have no cufflinks
    assert not by_attribute[("age_group",)].applies(cufflinks, {})
    assert not by_attribute[("gtin", "mpn")].applies([], {"identifier_exists": "No"})


def test_the_word_lists_compile_and_their_languages_are_known():
    from listing_lint_rules.translation import language_name

    words = load_words()
    languages = set(words.promotional.phrases) - {"any"}
    for language in languages:
        assert language_name(language) != language, f"data/words/{language}.yaml: not a language code listing-lint names"
        assert words.promotional.get(language) is not None, language  # compiles, on first use
    assert {"en", "ru", "de", "zh"} <= languages
    assert set(words.promotional) == languages | ({"any"} & set(words.promotional))  # compiled only when asked
    assert normal("  Описание   товара. ") == "описание товара"


@pytest.mark.parametrize("phrase, text, found", [
    ("sale", "Summer SALE!", "SALE"),
    ("sale", "wholesale", None),
    ("скидк*", "со скидкой 20%", "скидкой"),
    ("#% off", "50 % off today", "50 % off"),
    ("free shipping", "FREE\u00a0 SHIPPING", "FREE\u00a0 SHIPPING"),
    ("包邮", "羊毛围巾包邮", "包邮"),
])
def test_a_phrase_matches_whole_words_and_what_its_marks_stand_for(phrase, text, found):
    m = re.search(phrase_pattern(phrase), text, re.IGNORECASE)
    assert (m.group() if m else None) == found


def test_gtin_arithmetic():
    assert check_digit("400638133393") == 1 and valid("4006381333931") and not valid("4006381333932")
    assert valid("036282818705") and valid("96385074") and valid("10614141000415")
    assert upc_e_to_a("01234565") == "012345000065"
    assert upc_e_to_a("01234566") is None
    assert isbn10_to_13("0306406152") == "9780306406157" and isbn10_to_13("080442957X") == "9780804429573"
    assert isbn10_to_13("0306406153") is None


CATALOG = """\
source_locale: ru_RU
listings:
  - {id: A1, title: {ru: Платок}, price: 4500 RUB, gtin: "460 7033 18420-0"}
  - {id: A2, title: {ru: Книга}, price: 900 RUB, gtin: 0-306-40615-2}
  - {id: A3, title: {ru: Шарф}, price: 900 RUB, gtin: "4607033184200.0, 4.60703E+12"}
"""


def _apply(text: str, edits) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def test_m002_fixes_write_the_digits_and_say_which_are_safe():
    result = lint_text(CATALOG, select=["M002"], path="gtin.yaml")
    assert not result.errors
    fixes = {(f.listing_id, f.data["kind"]): result.fixes.get(f) for f in result.findings if f.listing_id != "A3"}
    assert set(fixes) == {("A1", "separators"), ("A2", "isbn10")}
    separators, isbn = fixes[("A1", "separators")], fixes[("A2", "isbn10")]
    assert separators.safe and not isbn.safe  # an ISBN-13 is another number for the same book
    fixed = _apply(CATALOG, [*separators.edits, *isbn.edits])
    assert 'gtin: "4607033184200"}' in fixed and "gtin: 9780306406157}" in fixed
    # A3: the first barcode of the field is fixable, the second is lost; both are reported.
    a3 = sorted((f.data["gtin"], f.data["kind"], getattr(result.fixes.get(f), "safe", None))
                for f in result.findings if f.listing_id == "A3")
    assert a3 == [("4.60703E+12", "spreadsheet", None), ("4607033184200.0", "spreadsheet", True)]
