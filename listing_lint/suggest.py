"""Did-you-mean suggestions for misspelt keys and rule names."""

from __future__ import annotations

import difflib
from typing import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    matches = difflib.get_close_matches(word.lower(), [c for c in choices], n=1, cutoff=cutoff)
    return matches[0] if matches else None
