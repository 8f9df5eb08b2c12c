"""Currencies mentioned in prose: symbols, codes and names in a listing's text."""

from __future__ import annotations

import re
from functools import lru_cache

from listing_lint.money.currencies import AMBIGUOUS, WORDS, CurrencyMatch, identify, resolve_ambiguous
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


def mentions(text: str, names=None, locale: str | None = None) -> list[tuple[int, str, str | tuple[str, ...]]]:
    """(position, text as written, form to identify or the currencies named) of each currency
    mention; `names` (`listing_lint.money.names.CurrencyNames`) adds the currency names of the
    catalog's languages; `locale` is the text's, whose abbreviation of "year" is no currency (`2007 р.`)."""
    named = names.find(text) if names is not None else []
    # A name of the catalog's languages says more than the short lists (`рублей`: RUB or BYN),
    # and `российских рублей` is one mention, not two.
    spans = [(pos, pos + len(written)) for pos, written, _ in named]
    found = list(named)
    measures = None
    for start, end, token in find_currencies(text):
        if _inside(start, spans):
            continue
        bare = token.rstrip(".")
        if bare.isalpha() and len(bare) == 1:
            # `р.`, `Р`: a currency only right after an amount (`500 р.`), else a letter (`витамин А и Р`)
            if measures is None:
                measures = _measures(text)
            if not _amount_before(text, start, measures) or _is_year_mark(token, locale):
                continue
        elif token.isalpha() and token.isupper() and len(token) == 3:
            if measures is None:
                measures = _measures(text)
            if not _counts_as_code(text, start, end, token, measures) or _SIZE_BEFORE.search(
                    text[max(0, start - 30) : start]):
                continue
        found.append((start, token, token))
    for m in _CODE_AFTER_NUMBER.finditer(text):
        if not m.group("code").isupper():  # capitals are found above
            found.append((m.start("code"), text[m.start("code") : m.end()], m.group("code").upper()))
    # The short list fills in what the catalog's languages do not name (`rouble`, `рублях`).
    for m in _words().finditer(text):
        if not _inside(m.start(), spans):
            found.append((m.start(), m.group(0), WORDS[m.group(0).lower()]))
    return sorted(found, key=lambda hit: hit[0])


# An amount just before a code or a one-letter sign (`5000 RUB`, `500 р.`), or just after a code (`RUB 5000`).
_NUMBER_BEFORE = re.compile(r"[0-9][\s.,]{0,2}$")
_NUMBER_AFTER = re.compile(r"[\s:]{0,2}([0-9])")


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Is `pos` within one of `spans` (a number with its unit, a currency name)?"""
    return any(start <= pos < end for start, end in spans)


def _measures(text: str) -> list[tuple[int, int]]:
    from listing_lint.quantity import measure_spans

    return measure_spans(text)


# A date just before a code is no amount: `01.08.2000 TMT realisiert` (a company after a date).
_DATE_BEFORE = re.compile(r"[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4}[\s.,]{0,2}$")


def _amount_before(text: str, start: int, measures: list[tuple[int, int]]) -> bool:
    m = _NUMBER_BEFORE.search(text, max(0, start - 3), start)
    return (m is not None and not _inside(m.start(), measures)
            and _DATE_BEFORE.search(text, max(0, start - 14), start) is None)


def _is_year_mark(token: str, locale: str | None) -> bool:
    """Is the sign how the text's language abbreviates "year" (Ukrainian `р.`: `1992 р.`, `за 200 р.`)?"""
    return bool(locale) and token.casefold().rstrip(".") == _year_mark(locale.split("_")[0].lower())


@lru_cache(maxsize=32)
def _year_mark(language: str) -> str | None:
    """What the language writes after a year in a date, from CLDR: `р` (uk), `г` (ru, bg); None (en)."""
    import datetime

    from babel import UnknownLocaleError
    from babel.dates import format_date

    try:
        written = format_date(datetime.date(2007, 5, 4), "long", locale=language)
    except (UnknownLocaleError, ValueError):
        return None
    mark = written.partition("2007")[2].strip().rstrip(".").casefold()
    return mark if mark.isalpha() and len(mark) <= 3 else None


def _amount_after(text: str, end: int, measures: list[tuple[int, int]]) -> bool:
    m = _NUMBER_AFTER.match(text, end, end + 3)
    return m is not None and not _inside(m.start(1), measures)


def _counts_as_code(text: str, start: int, end: int, code: str, measures: list[tuple[int, int]]) -> bool:
    """An upper-case three-letter code is a currency beside an amount, a number that is no quantity
    (`5000 RUB`, not `GEL 300мл`); a rare code (GEL, ALL, TOP) only where the words around are not
    capitals too (`SOOTHING GEL 300`: a product name); a common code also alone, except between
    capitals (`DO NOT RUB`)."""
    if _amount_before(text, start, measures) or _amount_after(text, end, measures):
        return code in COMMON_CODES or not _between_capitals(text, start, end)
    return code in COMMON_CODES and not _between_capitals(text, start, end)


def _between_capitals(text: str, start: int, end: int) -> bool:
    """Is the code between words in capitals (`DO NOT RUB`, `SOOTHING GEL`): shouting, not a currency?"""
    before = re.findall(r"[^\W\d_]+", text[max(0, start - 20) : start])[-1:]
    after = re.findall(r"[^\W\d_]+", text[end : end + 20])[:1]
    return any(w.isupper() and len(w) > 1 for w in before + after)


def foreign_mentions(text: str, locale: str, market: str, names=None,
                     home: str | None = None) -> list[tuple[str, str]]:
    """Mentions of currencies other than `market`, as (text, ISO code or candidates), in order.

    `names` adds the currency names of the catalog's languages (`listing_lint.money.names`); a name
    several currencies share (`Rubel`: RUB, BYN) is settled by the territory of `locale`, then of
    `home` (the catalog's source locale)."""
    result: list[tuple[str, str]] = []
    for _pos, written, form in mentions(text, names, locale):
        if isinstance(form, tuple):
            match = resolve_ambiguous(written, form, (locale, home)) if len(form) > 1 else CurrencyMatch(form[0], written)
        else:
            match = identify(form, (locale,))
        if match.code == market:
            continue
        if match.code is None:
            candidates = match.candidates or (AMBIGUOUS.get(form, ()) if isinstance(form, str) else ())
            if market in candidates or not candidates:
                continue
            label = "/".join(candidates[:3]) + ("/..." if len(candidates) > 3 else "")
        else:
            label = match.code
        if (written, label) not in result:
            result.append((written, label))
    return result
