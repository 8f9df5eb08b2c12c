"""Word lists per language (`data/words/<language>.yaml`), compiled once per run.

A list entry is a phrase matched case-insensitively as whole words (`free shipping`
also finds `FREE  SHIPPING`); a trailing `*` stands for the rest of a word (`скидк*`
finds скидка, скидки, скидкой); `#` stands for a number (`#% off`). Phrases in a
script written without spaces (Chinese, Japanese) are found anywhere in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from listing_lint_rules.marketplace import WORDS_DIR

_NO_SPACES = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_EDGES = re.compile(r"^[\W_]+|(?<![\W_])[\W_]+$")
# A percentage right after a promotional word belongs to it: "СКИДКА 50%", "Rabatt -30 %".
PERCENT_AFTER = re.compile(r"\s*[-−–]?\d{1,3}\s?%")
NUMBER = r"\d{1,3}(?:[.,]\d+)?\s?"  # what `#` stands for


def phrase_pattern(phrase: str) -> str:
    """The regular expression for one list entry."""
    phrase = " ".join(str(phrase).split())
    star = phrase.endswith("*")
    core = phrase[:-1] if star else phrase
    if not core:
        raise ValueError(f"empty phrase {phrase!r}")
    body = r"\s+".join(re.escape(part).replace(r"\#", NUMBER) for part in core.split())
    if _NO_SPACES.search(core):
        return body
    before = r"(?<!\w)" if (core[0].isalnum() or core[0] == "#") else ""
    after = r"\w*(?!\w)" if star else (r"(?!\w)" if core[-1].isalnum() else "")
    return before + body + after


def anchors(phrases) -> tuple[str, ...]:
    """A piece of each phrase that any text it matches holds, as `folded` writes it: a text
    holding none of them cannot match, and is passed by without running the pattern."""
    found = set()
    for phrase in phrases:
        first = str(phrase).split()[0].lower().rstrip("*")
        found.add(first.split("#")[-1] if "#" in first else first)
    return () if "" in found else tuple(sorted(found))


def folded(text: str) -> str:
    """`text` in lower case as `re.IGNORECASE` compares it (`İ` is `i`, not `i̇`)."""
    return text.lower().replace("\u0307", "")


def compile_phrases(phrases) -> re.Pattern | None:
    """One pattern for a list, longest phrase first so `hot sale` wins over `sale`."""
    unique = sorted({" ".join(str(p).split()) for p in phrases if str(p).strip()}, key=lambda p: (-len(p), p))
    if not unique:
        return None
    return re.compile("|".join(f"(?:{phrase_pattern(p)})" for p in unique), re.IGNORECASE)


class Compiled(dict):
    """language → (pattern, anchors), compiled on first use: a run on a Russian and English catalog
    must not compile the lists of ten other languages (it cost a pre-commit run a tenth of a second)."""

    def __init__(self, phrases: dict[str, list[str]]) -> None:
        super().__init__()
        self.phrases = phrases

    def get(self, language, default=None):
        if language not in self:
            phrases = self.phrases.get(language)
            pattern = compile_phrases(phrases) if phrases else None
            self[language] = (pattern, anchors(phrases)) if pattern is not None else None
        return dict.get(self, language) or default


def normal(text: str) -> str:
    """A text as whole-text lists compare it: case, runs of spaces and the punctuation around it aside."""
    return _EDGES.sub("", " ".join(text.split()).casefold()).replace("ё", "е")


@dataclass(frozen=True)
class Words:
    promotional: dict[str, tuple[re.Pattern, tuple[str, ...]]]  # language → (pattern, its anchors)
    promotional_patterns: tuple[re.Pattern, ...]  # every language
    placeholder_whole: frozenset[str]  # normalised, every language
    placeholder_contains: dict[str, tuple[re.Pattern, tuple[str, ...]]]  # language → its phrases and `any`'s
    markers: re.Pattern | None
    markers_are_words: dict[str, frozenset[str]]  # marker → languages where it is a word
    longest_whole: int = 0  # characters of the longest whole-text placeholder

    def promotional_in(self, text: str, language: str) -> list[tuple[int, int]]:
        """Spans of promotional phrases in `text`, in order, a percentage after one included."""
        spans = []
        own, marks = self.promotional.get(language) or (None, ())
        if own is not None and marks:
            text_folded = folded(text)
            if not any(mark in text_folded for mark in marks):
                own = None
        for pattern in ((own,) if own is not None else ()) + self.promotional_patterns:
            for m in pattern.finditer(text):
                end = m.end()
                after = PERCENT_AFTER.match(text, end)
                if after is not None and after.end() > end and pattern is own:
                    end = after.end()
                spans.append((m.start(), end))
        return merge(spans)

    def dummy_in(self, text: str, language: str) -> re.Match | None:
        """Dummy text in `text`: the phrases of every language (`any`) and of `language`."""
        pattern, marks = self.placeholder_contains.get(language) or self.placeholder_contains.get("any") or (None, ())
        if pattern is None or (marks and not any(mark in folded(text) for mark in marks)):
            return None
        return pattern.search(text)

    def marker_in(self, text: str, language: str) -> re.Match | None:
        if self.markers is None:
            return None
        for m in self.markers.finditer(text):
            if language not in self.markers_are_words.get(m.group(), frozenset()):
                return m
        return None


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans as one, in order (spans that only touch stay apart: 包邮 and 限时 in 包邮限时)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def load_words() -> Words:
    import yaml

    promotional: dict[str, list[str]] = {}
    whole: set[str] = set()
    dummy: dict[str, list[str]] = {}
    patterns: tuple[re.Pattern, ...] = ()
    markers, marker_words = None, {}
    for path in sorted(WORDS_DIR.glob("*.yaml")):
        language = path.stem
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        placeholder = data.get("placeholder") or {}
        try:
            for phrase in data.get("promotional") or ():
                phrase_pattern(str(phrase))  # a bad entry is said now, naming its file, not mid-run
            promotional[language] = [str(p) for p in data.get("promotional") or ()]
            dummy[language] = [str(p) for p in placeholder.get("contains") or ()]
            whole.update(normal(str(p)) for p in placeholder.get("whole") or ())
            if language == "any":
                patterns = tuple(re.compile(p) for p in data.get("promotional_patterns") or ())
                names = [str(m) for m in placeholder.get("markers") or ()]
                markers = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)") if names else None
                marker_words = {str(k): frozenset(map(str, v)) for k, v in (placeholder.get("markers_are_words") or {}).items()}
        except (re.error, ValueError) as exc:
            raise ValueError(f"{path}: {exc}") from None
    contains = {language: phrases + (dummy.get("any", []) if language != "any" else [])
                for language, phrases in dummy.items()}
    whole.discard("")
    return Words(Compiled(promotional), patterns, frozenset(whole), Compiled(contains), markers, marker_words,
                 max(map(len, whole), default=0))


def words(ctx) -> Words:
    """The word lists, read and compiled once per run."""
    return ctx.run.memo("marketplace-words", load_words)
