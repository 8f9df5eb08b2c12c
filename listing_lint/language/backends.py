"""Statistical language detectors, each restricted to a set of plausible languages.

A backend answers one question: given a text and a few languages of the same
script, how probable is each? Probabilities are normalised over exactly those
languages. Both detectors are imported only when first used, so the command line
starts fast.
"""

from __future__ import annotations

from typing import Iterable

BACKENDS = ("py3langid", "langdetect")


class Backend:
    name = ""

    def __init__(self, languages: Iterable[str], supported: Iterable[str]) -> None:
        # Languages the detector has no model for are left out; for them only the
        # script evidence counts.
        self.languages = tuple(sorted(set(languages) & set(supported)))

    def probabilities(self, text: str, group: tuple[str, ...]) -> dict[str, float]:
        """Probability of each language of `group` (a subset of `languages`), summing to 1.

        Empty when the text holds nothing the detector can use.
        """
        raise NotImplementedError


def _normalise(scores: dict[str, float]) -> dict[str, float]:
    total = sum(scores.values())
    if total <= 0:
        return {}
    return {lang: p / total for lang, p in scores.items()}


class Py3langidBackend(Backend):
    """py3langid's naive Bayes model, restricted with `set_languages` to the candidates."""

    name = "py3langid"

    def __init__(self, languages: Iterable[str]) -> None:
        base = _shared_identifier()
        super().__init__(languages, base.nb_classes)
        # A view of the one model with its own candidates: catalogs with other locale sets in
        # the same run share the model's tables (tens of MB), each restricting only its scores.
        self._model = object.__new__(type(base))
        for slot in type(base).__slots__:
            setattr(self._model, slot, getattr(base, slot))
        if self.languages:
            self._model.set_languages(list(self.languages))

    def probabilities(self, text: str, group: tuple[str, ...]) -> dict[str, float]:
        # Naive Bayes scores each language on its own, so dropping the candidates of
        # other scripts after scoring is the same as never having loaded them.
        ranked = dict(self._model.rank(text))
        return _normalise({lang: ranked.get(lang, 0.0) for lang in group})


_identifier = None


def _shared_identifier():
    """py3langid's model, loaded once per process: unpacked once per install and memory-mapped
    (model_cache), milliseconds rather than half a second."""
    global _identifier
    if _identifier is None:
        from listing_lint.language.model_cache import load_identifier

        _identifier = load_identifier()
    return _identifier


class LangdetectBackend(Backend):
    """langdetect, seeded for reproducible results, with only the candidates' profiles loaded."""

    name = "langdetect"

    def __init__(self, languages: Iterable[str]) -> None:
        from pathlib import Path

        import langdetect

        self._profiles = Path(langdetect.__file__).parent / "profiles"
        super().__init__(languages, (p.name for p in self._profiles.iterdir()))
        self._factories: dict[tuple[str, ...], object] = {}

    def _factory(self, group: tuple[str, ...]):
        factory = self._factories.get(group)
        if factory is None:
            factory = self._factories[group] = _restricted_factory(self._profiles, group)
        return factory

    def probabilities(self, text: str, group: tuple[str, ...]) -> dict[str, float]:
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._factory(group).create()
        detector.append(text)
        try:
            detector.get_probabilities()
        except LangDetectException:  # no n-gram of any loaded profile in the text
            return {}
        return _normalise(dict(zip(detector.langlist, detector.langprob)))


def _restricted_factory(profiles, group: tuple[str, ...]):
    """A DetectorFactory holding only the profiles of `group`.

    `langdetect.detect` loads every profile (55 languages); on short text that
    invites false alarms from languages nobody would paste, so the profiles are
    read one by one instead.
    """
    from langdetect.detector_factory import DetectorFactory

    factory = DetectorFactory()
    factory.seed = 0  # the detector samples n-grams at random; a fixed seed makes runs repeatable
    factory.load_json_profile([(profiles / lang).read_text(encoding="utf-8") for lang in group])
    return factory


def make_backend(name: str, languages: Iterable[str]) -> Backend:
    if name == "py3langid":
        return Py3langidBackend(languages)
    if name == "langdetect":
        return LangdetectBackend(languages)
    raise ValueError(f"unknown language detector {name!r}; choose one of: {', '.join(BACKENDS)}")
