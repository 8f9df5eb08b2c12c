"""The language model, unpacked once into a cache directory and memory-mapped after (issue 12: start-up)."""

from __future__ import annotations

import pytest

TEXTS = ["This is a wool scarf made by hand", "Handgewebtes Wolltuch mit Blumenmuster",
         "Шерстяной платок с бахромой", "Bufanda de lana hecha a mano", "", "12345"]
LANGS = ["de", "en", "es", "ru"]


def _probabilities(identifier):
    identifier.set_languages(LANGS)
    return [identifier.rank(t) for t in TEXTS]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("LISTING_LINT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_cached_model_judges_exactly_as_the_shipped_one(fresh, monkeypatch):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from listing_lint.language import model_cache

    shipped = _probabilities(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
    assert _probabilities(model_cache.load_identifier()) == shipped  # built now
    assert sorted(p.name for p in next(fresh.iterdir()).iterdir()) == [
        "meta.json", "nextmove.bin", "out_feat.bin", "pc.bin", "ptc.bin", "row.bin"]

    def unpacked(*_):
        raise AssertionError("the model was unpacked again")

    monkeypatch.setattr("py3langid.modelio.load_model", unpacked)
    assert _probabilities(model_cache.load_identifier()) == shipped  # read from the cache, mapped


def test_a_partial_cache_is_rebuilt(fresh):
    from listing_lint.language import model_cache

    model_cache.load_identifier()
    folder = next(fresh.iterdir())
    with open(folder / "nextmove.bin", "r+b") as f:
        f.truncate(1000)  # a run killed while copying, or a full disk
    assert model_cache._read(folder) is None
    identifier = model_cache.load_identifier()
    assert identifier.rank("A warm wool scarf")[0][0] == "en"


def test_no_usable_cache_directory_still_identifies(tmp_path, monkeypatch):
    from listing_lint.language import model_cache

    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("LISTING_LINT_CACHE_DIR", str(blocked / "cache"))
    assert model_cache.load_identifier().rank("A warm wool scarf")[0][0] == "en"
    monkeypatch.setenv("LISTING_LINT_CACHE_DIR", "off")
    assert model_cache.cache_dir() is None
    assert model_cache.load_identifier().rank("Шерстяной платок")[0][0] == "ru"


def test_catalogs_with_other_locale_sets_share_one_model():
    """One language model a run: each locale set restricts its own scores, never copies the tables."""
    from listing_lint.language.backends import Py3langidBackend
    from listing_lint.language.model_cache import load_identifier

    ru_en, de_fr = Py3langidBackend(("ru", "en")), Py3langidBackend(("de", "fr", "en"))
    assert ru_en._model.tk_nextmove is de_fr._model.tk_nextmove
    assert ru_en._model._rowbase is de_fr._model._rowbase
    assert ru_en.languages == ("en", "ru") and de_fr.languages == ("de", "en", "fr")
    alone = load_identifier()
    alone.set_languages(["de", "en", "fr"])
    text = "Ein warmer Schal aus reiner Wolle, von Hand gestrickt"
    expected = dict(alone.rank(text))
    got = de_fr.probabilities(text, ("de", "en", "fr"))
    total = sum(expected[lang] for lang in ("de", "en", "fr"))
    assert max(got, key=got.get) == "de"
    assert all(abs(got[lang] - expected[lang] / total) < 1e-9 for lang in got)
    # The first backend still scores only its own candidates.
    assert set(ru_en.probabilities(text, ("en", "ru"))) == {"en", "ru"}
