"""Is this text in language L? Script evidence first, statistics only where scripts agree.

Rules never ask "what language is this?" (on a two-word title that has no
reliable answer) but "is this text in the language it should be in?". The
answer is a `Verdict`: yes, no (with the language it looks like and how sure),
or undecided when the text is too short to judge. Undecided is never reported:
a linter that cries wolf on "Wool scarf" gets switched off.

1. Scripts. Letters in another script than the language's (Cyrillic in an
   English title) are decisive at any length once they are the majority.
2. Statistics, among the plausible languages of the same script only (the
   catalog's languages plus `candidate_languages`): a restricted detector does
   not mistake "Wool scarf" for Frisian. A text is flagged only when another
   candidate is clearly more probable (`margin`), and only when it holds at least
   `min_words` words and `min_letters` letters of that script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from listing_lint.language.scripts import letter_scripts, scripts_of_language, word_script

YES, NO, UNDECIDED = "yes", "no", "undecided"

# Tuned on the Leipzig sentences and word pairs (benchmarks/langid_accuracy.py).
DEFAULT_MARGIN = {"py3langid": 0.5, "langdetect": 0.5}
DEFAULT_MIN_LETTERS = 6
DEFAULT_MIN_WORDS = 2
DEFAULT_BACKEND = "py3langid"

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_CACHE_LIMIT = 50_000


@dataclass(frozen=True)
class Verdict:
    """The answer to "is this text in `language`?"."""

    status: str  # YES, NO or UNDECIDED
    language: str  # the language asked about
    detected: str | None = None  # for NO: the language (or script name) the text looks like
    confidence: float = 0.0  # for NO: share of foreign letters, or the detected language's probability
    reason: str = ""  # script, statistics, too-short, no-letters, only-candidate, unsupported, close

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
    ) -> None:
        from listing_lint.language.backends import make_backend

        self.candidates = tuple(sorted({lang for lang in languages if scripts_of_language(lang)}))
        self.backend = make_backend(backend, self.candidates)
        self.margin = DEFAULT_MARGIN[self.backend.name] if margin is None else margin
        self.min_letters = min_letters
        self.min_words = min_words
        self._groups: dict[frozenset[str], tuple[str, ...]] = {}
        self._cache: dict[tuple[str, tuple[str, ...]], dict[str, float]] = {}

    def check(self, text: str, language: str) -> Verdict:
        scripts = scripts_of_language(language)
        counts = letter_scripts(text)
        total = sum(counts.values())
        if not total:
            return Verdict(UNDECIDED, language, reason="no-letters")
        if scripts is None:
            return Verdict(UNDECIDED, language, reason="unsupported")
        own = sum(counts[s] for s in scripts)
        if own * 2 < total:
            foreign_script = max((s for s in counts if s not in scripts), key=lambda s: (counts[s], s))
            detected = self._guess_for_script(text, foreign_script)
            return Verdict(NO, language, detected, (total - own) / total, "script")

        words = [w for w in _WORD_RE.findall(text) if word_script(w) in scripts]
        group = self._group(scripts)
        if language not in group:
            return Verdict(UNDECIDED, language, reason="unsupported")
        if len(group) == 1:
            return Verdict(YES, language, reason="only-candidate")
        if len(words) < self.min_words or sum(map(len, words)) < self.min_letters:
            return Verdict(UNDECIDED, language, reason="too-short")
        probs = self._probabilities(" ".join(words), group)
        if not probs:
            return Verdict(UNDECIDED, language, reason="no-features")
        top = max(sorted(probs), key=probs.__getitem__)
        if top == language:
            return Verdict(YES, language, confidence=probs[top], reason="statistics")
        if probs[top] - probs.get(language, 0.0) >= self.margin:
            return Verdict(NO, language, top, probs[top], "statistics")
        return Verdict(UNDECIDED, language, top, probs[top], "close")

    def _group(self, scripts: frozenset[str]) -> tuple[str, ...]:
        """The candidates sharing a script with `scripts`: the only ones a detector may choose from."""
        group = self._groups.get(scripts)
        if group is None:
            group = tuple(c for c in self.backend.languages if scripts_of_language(c) & scripts)
            self._groups[scripts] = group
        return group

    def _guess_for_script(self, text: str, script: str) -> str:
        """The candidate language most likely behind the letters of `script`, else the script's name."""
        group = self._group(frozenset({script}))
        if not group:
            return script
        if len(group) == 1:
            return group[0]
        words = [w for w in _WORD_RE.findall(text) if word_script(w) == script]
        probs = self._probabilities(" ".join(words), group)
        return max(sorted(probs), key=probs.__getitem__) if probs else script

    def _probabilities(self, text: str, group: tuple[str, ...]) -> dict[str, float]:
        key = (text, group)
        probs = self._cache.get(key)
        if probs is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            probs = self._cache[key] = self.backend.probabilities(text, group)
        return probs
