"""Keep-terms: brand, place and model names that stay as written in every language.

They are masked (replaced by spaces) before a text is compared with its source
or judged for language, so `Pavlovo Posad` in an English title is neither an
untranslated word nor a sign of another language.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=64)
def _pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    cleaned = sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    # Longest first so `Posad Heritage` wins over `Posad`. Whole words only: the term
    # `Mezen` must not eat the start of `Mezenskaya`, yet covers `Mezen's`.
    alternatives = "|".join(r"\s+".join(map(re.escape, t.split())) for t in cleaned)
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W\d_])", re.IGNORECASE)


def mask_terms(text: str, terms) -> str:
    """`text` with every keep-term replaced by spaces of the same length."""
    return _masked(text, tuple(terms or ()))


@lru_cache(maxsize=8192)  # each text is asked for by several rules in turn
def _masked(text: str, terms: tuple[str, ...]) -> str:
    pattern = _pattern(terms)
    if pattern is None:
        return text
    return pattern.sub(lambda m: " " * len(m.group()), text)
