"""Language identification: scripts first, a restricted statistical detector second."""

from __future__ import annotations

import subprocess
import sys

import pytest

from listing_lint.language import NO, UNDECIDED, YES, LanguageIdentifier
from listing_lint.language.scripts import letter_scripts, script_of, scripts_of_language

CANDIDATES = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "ru", "uk"]
BACKENDS = ["py3langid", "langdetect"]


@pytest.fixture(scope="module", params=BACKENDS)
def ident(request):
    return LanguageIdentifier(CANDIDATES, request.param, prefer=["ru"])


def test_scripts_of_letters():
    assert [script_of(c) for c in "aßЖіωض中あア한"] == [
        "Latin", "Latin", "Cyrillic", "Cyrillic", "Greek", "Arabic", "Han", "Hiragana", "Katakana", "Hangul"]
    assert letter_scripts("embrоidery 125 см!") == {"Latin": 9, "Cyrillic": 3}
    assert scripts_of_language("uk") == {"Cyrillic"}
    assert scripts_of_language("ja") == {"Han", "Hiragana", "Katakana"}
    assert scripts_of_language("xx") is None


@pytest.mark.parametrize("text, lang", [
    ("Pavlovo Posad wool shawl with a silk fringe", "en"),
    ("Павлопосадский платок Pavlovo Posad из чистой шерсти", "ru"),
    ("Handgewebtes Wolltuch mit Blumenmuster und Fransen", "de"),
    ("Vestido largo de lino suave con bolsillos", "es"),
    ("Теплий вовняний шарф з традиційним візерунком", "uk"),
])
def test_text_in_its_language_is_accepted(ident, text, lang):
    assert ident.check(text, lang).status == YES


@pytest.mark.parametrize("text, lang, detected", [
    ("Handgewebtes Wolltuch mit Blumenmuster und Fransen, ideal für kalte Wintertage", "en", "de"),
    ("Vestido largo de lino suave con bolsillos y corte holgado, perfecto para el verano", "en", "es"),
    ("Теплий вовняний шарф з традиційним візерунком", "ru", "uk"),
])
def test_text_in_another_language_of_the_same_script_is_flagged(ident, text, lang, detected):
    verdict = ident.check(text, lang)
    assert (verdict.status, verdict.detected, verdict.reason) == (NO, detected, "statistics")
    assert 0.5 < verdict.confidence <= 1


def test_other_script_is_decisive_at_any_length(ident):
    verdict = ident.check("Шарф", "en")
    assert (verdict.status, verdict.detected, verdict.reason) == (NO, "ru", "script")
    assert verdict.confidence == 1
    assert ident.check("Wool Scarf", "ru").status == NO


def test_a_guess_on_scant_evidence_takes_the_preferred_language():
    ident = LanguageIdentifier(CANDIDATES, "py3langid", prefer=["ru", "en"])
    assert ident.check("Wool", "ru").detected == "en"
    assert ident.check("Шарф", "en").detected == "ru"


def test_a_latin_brand_in_russian_text_does_not_change_its_language(ident):
    assert ident.check("Валенки Kukmor, серые", "ru").status != NO
    assert ident.check("Платок Pavlovo Posad", "ru").status != NO
    assert ident.check("Платок wool scarf", "ru").status == NO  # lower-case English is not a name


@pytest.mark.parametrize("text, lang", [
    ("Valenki", "en"), ("Шарф", "ru"), ("Шарф", "uk"), ("", "en"), ("125 × 125", "en"),
])
def test_too_little_text_is_undecided(ident, text, lang):
    assert ident.check(text, lang).status == UNDECIDED


def test_short_correct_titles_are_never_flagged(ident):
    for text in ("Wool scarf", "Valenki", "Patterned wool scarf", "Knitted beanie"):
        assert not ident.check(text, "en").wrong, text
    assert not ident.check("Шарф", "ru").wrong


def test_min_words_can_be_raised_per_question(ident):
    assert ident.check("Linen dress burgundy", "en", min_words=4).reason == "too-short"


def test_a_loanword_hunch_below_min_confidence_is_no_verdict():
    ident = LanguageIdentifier(CANDIDATES, "py3langid")
    hunch = ident.check("Sombrero style straw hat", "en")
    assert (hunch.status, hunch.detected) == (NO, "es")  # Spanish wins, at about a third
    assert hunch.confidence < 0.5 and 0 < hunch.language_confidence < hunch.confidence
    unsure = ident.check("Sombrero style straw hat", "en", min_confidence=0.8)
    assert (unsure.status, unsure.reason, unsure.detected) == (UNDECIDED, "unsure", "es")
    german = ident.check("Handgewebtes Wolltuch mit Blumenmuster und Fransen", "en", min_confidence=0.8)
    assert (german.status, german.detected) == (NO, "de")
    assert german.language_confidence < 0.01


def test_min_confidence_leaves_sentences_to_the_margin():
    # In seven words or more the other words outvote a loanword, so the floor is not applied.
    text = "Vestido de lino con bolsillos, corte holgado y cinturón"
    ident = LanguageIdentifier(CANDIDATES, "py3langid", min_confidence=1.0)
    assert ident.check(text, "en").wrong
    assert not ident.check(" ".join(text.split()[:5]), "en").wrong


def test_the_detector_only_chooses_among_candidates_of_the_same_script():
    ident = LanguageIdentifier(["en", "de", "ru", "uk"], "py3langid")
    probs = ident.backend.probabilities("Wollschal aus Schurwolle", ident._group(frozenset({"Latin"})))
    assert set(probs) == {"de", "en"}
    assert abs(sum(probs.values()) - 1) < 1e-6
    # Dutch is not a candidate, so a Dutch text can only be judged as English or German
    assert ident.check("Een warme sjaal van wol met franjes", "en").detected in (None, "de")


def test_langdetect_loads_only_the_candidate_profiles_and_is_seeded():
    first = LanguageIdentifier(["en", "de", "ru"], "langdetect")
    group = first._group(frozenset({"Latin"}))
    assert group == ("de", "en")
    factory = first.backend._factory(group)
    assert sorted(factory.get_lang_list()) == ["de", "en"]
    assert factory.seed == 0
    text = "wool hat warm"
    second = LanguageIdentifier(["en", "de", "ru"], "langdetect")
    assert first.backend.probabilities(text, group) == second.backend.probabilities(text, group)


def test_languages_a_backend_lacks_are_left_to_script_analysis():
    ident = LanguageIdentifier(["en", "kk", "ru"], "langdetect")  # langdetect has no Kazakh profile
    assert "kk" not in ident.backend.languages
    assert ident.check("Жылы жүн шарф бар", "kk").reason == "unsupported"
    assert ident.check("Warm wool scarf", "kk").status == NO


def test_a_text_in_one_alphabet_is_known_by_one_search():
    from listing_lint.language.scripts import single_script, word_script
    from listing_lint.text.words import words

    for text, script in [("Wool scarf, 100% Größe Ærø doesn’t", "Latin"), ("Шарф шерстяной, 125×125 см", "Cyrillic"),
                         ("Шарф wool", None), ("½ valeur", None), ("中文", None)]:
        assert single_script(text) == script, text
        if script:
            assert {word_script(w) for w in words(text)} == {script}


def test_symbols_read_as_word_characters_are_no_letters(ident):
    # `½` and `①` match `\w` without being letters: no alphabet, so no evidence of a language
    assert ident.check("①②③", "ru").status == UNDECIDED
    verdict = ident.check("Glass jar ½ gallon", "ru")  # once a crash: a script of None beside Latin
    assert (verdict.status, verdict.reason) == (NO, "script")
    assert verdict.detected in CANDIDATES


def test_repeated_text_is_detected_once(monkeypatch):
    ident = LanguageIdentifier(CANDIDATES, "py3langid")
    calls = []
    real = ident.backend.probabilities
    monkeypatch.setattr(ident.backend, "probabilities", lambda t, g: calls.append(t) or real(t, g))
    for lang in ("en", "de", "fr", "en"):
        ident.check("Warm merino wool scarf with a northern pattern", lang)
    assert len(calls) == 1


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="py3langid, langdetect"):
        LanguageIdentifier(["en"], "fasttext")


def test_importing_the_interface_does_not_import_a_detector():
    code = ("import sys, listing_lint.language; "
            "print(any(m.split('.')[0] in ('langdetect', 'py3langid', 'numpy') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
