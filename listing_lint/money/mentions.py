"""Currencies mentioned in prose: symbols, codes and names in a listing's text."""

from __future__ import annotations

import re
from functools import lru_cache

from listing_lint.money.currencies import AMBIGUOUS, WORDS, identify
from listing_lint.money.parse import find_currencies

# Codes common enough in listings to count even away from a number. Other codes
# (ALL, TOP, CUP, TRY...) are ordinary English words in capitals.
COMMON_CODES = frozenset({"RUB", "RUR", "USD", "EUR", "GBP", "CNY", "JPY", "UAH", "KZT", "BYN", "BYR", "PLN", "CHF"})


@lru_cache(maxsize=1)
def _words() -> re.Pattern[str]:
    names = sorted(WORDS, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)


# A common code in any case right after a number (`926 rub.`, `50 usd`): a price, whatever the case.
_CODE_AFTER_NUMBER = re.compile(
    r"(?<=\d)\s?(?P<code>" + "|".join(sorted(COMMON_CODES)) + r")\.?(?![^\W\d_])", re.IGNORECASE
)
# `size 38 (EUR 38)`, `размер: EUR 38`: a European size, not euros.
_SIZE_BEFORE = re.compile(r"\b(?:sizes?|размер\w*)\W{0,3}(?:\d[\d.,/]*\W{0,3})?$", re.IGNORECASE)


def mentions(text: str) -> list[tuple[int, str, str]]:
    """(position, text as written, form to identify) of each currency mention."""
    found = []
    for start, end, token in find_currencies(text):
        if token.isalpha() and token.isupper() and len(token) == 3:
            if not _counts_as_code(text, start, end, token) or _SIZE_BEFORE.search(text[max(0, start - 30) : start]):
                continue
        found.append((start, token, token))
    for m in _CODE_AFTER_NUMBER.finditer(text):
        if not m.group("code").isupper():  # capitals are found above
            found.append((m.start("code"), text[m.start("code") : m.end()], m.group("code").upper()))
    for m in _words().finditer(text):
        found.append((m.start(), m.group(0), WORDS[m.group(0).lower()]))
    return sorted(found)


def _counts_as_code(text: str, start: int, end: int, code: str) -> bool:
    near_number = bool(re.search(r"\d[\s.,]{0,2}$", text[max(0, start - 3) : start])) or bool(
        re.match(r"^[\s:]{0,2}\d", text[end : end + 3])
    )
    if near_number:
        return True
    if code not in COMMON_CODES:
        return False
    # A code between words in capitals (`DO NOT RUB`) is shouting, not a currency.
    before = re.findall(r"[^\W\d_]+", text[max(0, start - 20) : start])[-1:]
    after = re.findall(r"[^\W\d_]+", text[end : end + 20])[:1]
    return not any(w.isupper() and len(w) > 1 for w in before + after)


def foreign_mentions(text: str, locale: str, market: str) -> list[tuple[str, str]]:
    """Mentions of currencies other than `market`, as (text, ISO code or candidates), in order."""
    result: list[tuple[str, str]] = []
    for _pos, written, form in mentions(text):
        match = identify(form, (locale,))
        if match.code == market:
            continue
        if match.code is None:
            candidates = match.candidates or AMBIGUOUS.get(form, ())
            if market in candidates or not candidates:
                continue
            label = "/".join(candidates[:3]) + ("/..." if len(candidates) > 3 else "")
        else:
            label = match.code
        if (written, label) not in result:
            result.append((written, label))
    return result
