"""Words as runs of letters, and the scripts their letters are in."""

from __future__ import annotations

import re

# Letters joined by an apostrophe (doesn’t) or hyphen (hand-knitted) stay one word.
WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# Letter runs only: hyphenated parts apart, so `Wi-Fi-роутер` is three words, each in one script.
LETTERS_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)
