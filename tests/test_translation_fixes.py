"""Fixes offered by translation rules: repaired encoding damage (T007), look-alike letters (T009)."""

from __future__ import annotations

from listing_lint.testing import lint_text

CATALOG = """\
source_locale: ru_RU   # the seller writes in Russian
target_locales: [en_US]
listings:
  - id: A1
    title: {ru: "Шарф из мериноса", en: "Merino scarf"}
    description:
      ru: "Мягкая шерсть — тёплая. Шарф не колется."
      en: "Soft wool â€” warm. This scarf doesnâ€™t itch, even with embrоidery."
    price: 1900 RUB
  - id: A2
    title: {ru: "Шарф ????", en: "Scarf with a жtripe"}
    price: 1900 RUB
"""


def _apply(text: str, edits) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def _fixes(select: str):
    result = lint_text(CATALOG, select=[select], path="fixes.yaml")
    assert not result.errors, result.errors
    return result


def test_mojibake_fix_restores_the_characters_and_touches_nothing_else():
    result = _fixes("T007")
    by_listing = {f.listing_id: result.fixes.get(f) for f in result.findings}
    assert by_listing["A2"] is None  # `????` lost its letters: nothing to restore
    fixed = _apply(CATALOG, by_listing["A1"].edits)
    assert fixed == CATALOG.replace("â€”", "—").replace("doesnâ€™t", "doesn’t")


def test_homoglyph_fix_swaps_the_stray_letter_for_its_twin():
    result = _fixes("T009")
    by_listing = {f.listing_id: result.fixes.get(f) for f in result.findings}
    assert by_listing["A2"] is None  # Cyrillic ж has no Latin twin: a typo, not a homoglyph
    fixed = _apply(CATALOG, by_listing["A1"].edits)
    assert "embr\u043eidery" in CATALOG
    assert fixed == CATALOG.replace("embr\u043eidery", "embroidery")


def test_mojibake_fix_puts_back_control_characters_read_as_windows_1252_but_not_a_lost_one():
    # In a CSV cell the control character stands in the file as it is read, so it can be fixed;
    # a byte that was dropped cannot be put back.
    table = ("id,title.ru,title.en,description.ru,description.en,price\n"
             "A1,Шарф,Our â€œBestâ€\x9d scarf,Шарф ручной вязки.,Handâ€knitted scarf.,1900 RUB\n")
    result = lint_text(table, select=["T007"], path="fixes.csv",
                       config_values={"source_locale": "ru_RU", "target_locales": ["en_US"]})
    assert not result.errors, result.errors
    by_field = {f.field: result.fixes.get(f) for f in result.findings}
    assert sorted(by_field) == ["description.en", "title.en"]
    assert by_field["description.en"] is None
    assert _apply(table, by_field["title.en"].edits) == table.replace("â€œBestâ€\x9d", "“Best”")
