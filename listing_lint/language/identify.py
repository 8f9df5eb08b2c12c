"""Is this text in language L? Script evidence first, statistics only where scripts agree.

Rules never ask "what language is this?" (on a two-word title that has no
reliable answer) but "is this text in the language it should be in?". The
answer is a `Verdict`: yes, no (with the language it looks like and how sure),
or undecided when the text is too short to judge. Undecided is never reported:
a linter that cries wolf on "Wool scarf" gets switched off.

1. Scripts. Words in another script than the language's (Cyrillic in an
   English title) are decisive at any length once they are the majority.
   Capitalised Latin words beside words of a non-Latin language count as names
   (brands in a Russian title), not as another language.
2. Statistics, among the plausible languages of the same script only (the
   catalog's languages plus `candidate_languages`): a restricted detector does
   not mistake "Wool scarf" for Frisian. A text is flagged only when another
   candidate is clearly more probable (its probability at least e**margin times
   that of L: `margin` is a log-odds threshold), only when it holds at least
   `min_words` words and `min_letters` letters of that script, and only when the
   other language's probability reaches `min_confidence` (for texts under
   SHORT_TEXT_WORDS words). The last guards against loanwords: in "Sombrero style
   straw hat" Spanish beats English, yet at 35% among nine Latin-script candidates
   it is a hunch, not a verdict.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

from listing_lint.language.scripts import LATIN, scripts_of_language, single_script, word_script
from listing_lint.text.words import WORD_RE

YES, NO, UNDECIDED = "yes", "no", "undecided"

# Tuned on the Leipzig sentences and word pairs (benchmarks/langid_accuracy.py).
DEFAULT_MARGIN = {"py3langid": 0.8, "langdetect": 2.0}
DEFAULT_MIN_LETTERS = 6
DEFAULT_MIN_WORDS = 2
DEFAULT_BACKEND = "py3langid"
# Words a sentence needs before its language is judged apart from the rest of its text (T004).
# langdetect is sure of itself on short text even when wrong (Ukrainian read as Russian at 99%),
# so only length makes it safe: at 8 words it errs on 6 of 1,518 correct six-sentence texts, at 3
# on 35 (benchmarks/partial_translation.py); py3langid errs on none at 3.
SENTENCE_MIN_WORDS = {"py3langid": 3, "langdetect": 8}
# `min_confidence` holds for texts under this many words. A loanword or two tilts a
# title ("Pashmina stole in pastel rose": Italian 65%); in a sentence the other words
# outvote them, and a floor there would only hide foreign sentences.
SHORT_TEXT_WORDS = 7

_CACHE_LIMIT = 50_000
_TINY = 1e-12


@dataclass(frozen=True)
class Verdict:
    """The answer to "is this text in `language`?"."""

    status: str  # YES, NO or UNDECIDED
    language: str  # the language asked about
    detected: str | None = None  # for NO: the language (or script name) the text looks like
    confidence: float = 0.0  # for NO: share of foreign-script words, or the detected language's probability
    reason: str = ""  # script, statistics, too-short, no-letters, only-candidate, unsupported, close, unsure
    language_confidence: float = 0.0  # the same measure for the language asked about

    @property
    def wrong(self) -> bool:
        return self.status == NO


class LanguageIdentifier:
    """Answers "is this text in language L?" among a fixed set of plausible languages."""

    def __init__(
        self,
        languages: Iterable[str],
        backend: str = DEFAULT_BACKEND,
        *,
        margin: float | None = None,
        min_letters: int = DEFAULT_MIN_LETTERS,
        min_words: int = DEFAULT_MIN_WORDS,
        min_confidence: float = 0.0,
        prefer: Iterable[str] = (),
    ) -> None:
        from listing_lint.language.backends import make_backend

        self.candidates = tuple(sorted({lang for lang in languages if scripts_of_language(lang)}))
        self.backend = make_backend(backend, self.candidates)
        self.margin = DEFAULT_MARGIN[self.backend.name] if margin is None else margin
        self.min_letters = min_letters
        self.min_words = min_words
        self.min_confidence = min_confidence
        self.prefer = tuple(prefer)  # e.g. the catalog's source language, for guesses on scant evidence
        self._groups: dict[frozenset[str], tuple[str, ...]] = {}
        self._cache: dict[tuple[str, tuple[str, ...]], dict[str, float]] = {}

    def check(self, text: str, language: str, *, min_words: int | None = None,
              min_confidence: float | None = None) -> Verdict:
        """Is `text` in `language`? `min_words` and `min_confidence` override the identifier's
        for this question."""
        scripts = scripts_of_language(language)
        by_script: dict[str, list[str]] = {}
        found = WORD_RE.findall(text)
        one = single_script(text) if found else None
        if one is not None:  # the common case: one search, not one per word
            by_script[one] = found
        else:
            for word in found:
                script = word_script(word)
                if script is not None:  # `½`, `①` match as word characters but hold no letter
                    by_script.setdefault(script, []).append(word)
        if not by_script:
            return Verdict(UNDECIDED, language, reason="no-letters")
        if scripts is None:
            return Verdict(UNDECIDED, language, reason="unsupported")
        words = [w for s in scripts for w in by_script.get(s, ())]
        foreign = {s: ws for s, ws in by_script.items() if s not in scripts}
        if words and LATIN in foreign:
            # Capitalised Latin words beside Russian (or Greek, Chinese) words are brand and
            # model names far more often than English: "Платок Pavlovo Posad".
            foreign[LATIN] = [w for w in foreign[LATIN] if not w[0].isupper()]
            foreign = {s: ws for s, ws in foreign.items() if ws}
        n_foreign = sum(map(len, foreign.values()))
        # Words, not letters, are counted: one long Russian word left in an English
        # title is a partial translation (T004), not a Russian title.
        if n_foreign > len(words):
            script = max(sorted(foreign), key=lambda s: len(foreign[s]))
            detected = self._guess(foreign[script], script)
            share = n_foreign / (n_foreign + len(words))
            return Verdict(NO, language, detected, share, "script", 1 - share)

        group = self._group(scripts)
        if language not in group:
            return Verdict(UNDECIDED, language, reason="unsupported")
        if len(group) == 1:
            return Verdict(YES, language, reason="only-candidate")
        needed = self.min_words if min_words is None else min_words
        if len(words) < needed or sum(map(len, words)) < self.min_letters:
            return Verdict(UNDECIDED, language, reason="too-short")
        probs = self._probabilities(" ".join(words), group)
        if not probs:
            return Verdict(UNDECIDED, language, reason="no-features")
        top = max(sorted(probs), key=probs.__getitem__)
        own = probs.get(language, 0.0)
        if top == language:
            return Verdict(YES, language, confidence=own, reason="statistics", language_confidence=own)
        if math.log(probs[top] / max(own, _TINY)) < self.margin:
            return Verdict(UNDECIDED, language, top, probs[top], "close", own)
        floor = self.min_confidence if min_confidence is None else min_confidence
        if probs[top] < floor and len(words) < SHORT_TEXT_WORDS:
            return Verdict(UNDECIDED, language, top, probs[top], "unsure", own)
        return Verdict(NO, language, top, probs[top], "statistics", own)

    def _group(self, scripts: frozenset[str]) -> tuple[str, ...]:
        """The candidates sharing a script with `scripts`: the only ones a detector may choose from."""
        group = self._groups.get(scripts)
        if group is None:
            group = tuple(c for c in self.backend.languages if scripts_of_language(c) & scripts)
            self._groups[scripts] = group
        return group

    def _guess(self, words: list[str], script: str) -> str:
        """The candidate most likely behind words in `script`, else the script's name.

        Too little text to tell apart languages of one script (a lone Cyrillic word:
        Russian or Ukrainian?) gives the first preferred language of that script.
        """
        group = self._group(frozenset({script}))
        if not group:
            return script
        if len(group) > 1 and len(words) >= self.min_words and sum(map(len, words)) >= self.min_letters:
            probs = self._probabilities(" ".join(words), group)
            if probs:
                return max(sorted(probs), key=probs.__getitem__)
        return next((lang for lang in self.prefer if lang in group), group[0])

    def _probabilities(self, text: str, group: tuple[str, ...]) -> dict[str, float]:
        key = (text, group)
        probs = self._cache.get(key)
        if probs is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            probs = self._cache[key] = self.backend.probabilities(text, group)
        return probs
