"""Currency codes, symbols and words: what sellers write, mapped to ISO 4217.

Babel knows which codes exist and which are still legal tender (with dates), so
"current" and "obsolete, replaced by" come from its data, not from a list kept here.
Symbols and local words are a short curated table: babel's symbol data is per
locale and loading every locale to invert it would cost seconds per run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Written forms that name exactly one currency; words match in any case (`Руб.`), symbols as written.
# Short forms that are also English abbreviations (`Ft` for feet, `Br`) are left out.
UNAMBIGUOUS: dict[str, str] = {
    "₽": "RUB", "руб.": "RUB", "руб": "RUB", "р.": "RUB", "р": "RUB", "рублей": "RUB", "рубля": "RUB", "рубль": "RUB",
    "€": "EUR", "£": "GBP", "₹": "INR", "₴": "UAH", "грн": "UAH", "грн.": "UAH", "₸": "KZT", "₺": "TRY",
    "₪": "ILS", "₩": "KRW", "원": "KRW", "円": "JPY", "₫": "VND", "฿": "THB", "zł": "PLN", "Kč": "CZK",
    "₦": "NGN", "₱": "PHP", "₾": "GEL", "₼": "AZN",
    "US$": "USD", "U$S": "USD", "A$": "AUD", "AU$": "AUD", "CA$": "CAD", "C$": "CAD", "NZ$": "NZD",
    "HK$": "HKD", "S$": "SGD", "R$": "BRL", "MX$": "MXN", "NT$": "TWD", "KD": "KWD",
}

# Arabic abbreviations, as CLDR writes them for the `ar` locale (babel: `get_currency_symbol("AED", "ar")`
# is `د.إ.‏`; tests/test_money_parse.py checks each against it). Sellers drop the last dot or add one
# before (`.د.ب`, copied right to left), so the dots around are optional; see `arabic_key`.
ARABIC: dict[str, str] = {
    "د.إ": "AED", "د.ب": "BHD", "د.ج": "DZD", "ج.م": "EGP", "د.ع": "IQD", "د.أ": "JOD", "د.ك": "KWD",
    "ل.ل": "LBP", "د.ل": "LYD", "د.م": "MAD", "ر.ع": "OMR", "ر.ق": "QAR", "ر.س": "SAR", "ج.س": "SDG",
    "ل.س": "SYP", "د.ت": "TND", "ر.ي": "YER",
}
UNAMBIGUOUS.update(ARABIC)

# Written forms shared by several currencies: resolved only by the locale's territory.
AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "$": ("USD", "CAD", "AUD", "NZD", "MXN", "ARS", "CLP", "COP", "SGD", "HKD", "TWD", "UYU", "DOP",
          "CUP", "BSD", "BBD", "BMD", "BZD", "FJD", "JMD", "KYD", "LRD", "NAD", "SBD", "SRD", "TTD",
          "XCD", "GYD"),
    "¥": ("JPY", "CNY"),
    "￥": ("JPY", "CNY"),
    "元": ("CNY", "TWD", "HKD"),
    "kr": ("SEK", "NOK", "DKK", "ISK"),
    "kr.": ("SEK", "NOK", "DKK", "ISK"),
    "Kr": ("SEK", "NOK", "DKK", "ISK"),
    "Rs": ("INR", "PKR", "LKR", "NPR", "MUR", "SCR"),
    "Rs.": ("INR", "PKR", "LKR", "NPR", "MUR", "SCR"),
    "Fr.": ("CHF", "XOF", "XAF", "XPF"),
    # Romania's leu and Moldova's: `lei` in ro_MD is MDL.
    "lei": ("RON", "MDL"),
    "Lei": ("RON", "MDL"),
    "LEI": ("RON", "MDL"),
    # Words several Arab currencies share: the dirham (UAE, Morocco), the rial (Saudi Arabia, Oman,
    # Qatar, Yemen, Iran; `ریال` is the Persian spelling), the dinar, the pound.
    "درهم": ("AED", "MAD"),
    "ريال": ("SAR", "OMR", "QAR", "YER", "IRR"),
    "ریال": ("IRR", "SAR", "OMR", "QAR", "YER"),
    "﷼": ("SAR", "OMR", "QAR", "YER", "IRR"),
    "دينار": ("KWD", "BHD", "JOD", "IQD", "LYD", "TND", "DZD"),
    "جنيه": ("EGP", "SDG", "SSP", "GBP"),
}

# Currency words sellers put in prose, for spotting a foreign currency in market text.
# Kept to words that are not also ordinary words ("pound" is a weight too).
WORDS: dict[str, str] = {
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "рублей": "RUB", "рубля": "RUB",
    "рубль": "RUB", "рублях": "RUB", "euro": "EUR", "euros": "EUR", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "hryvnia": "UAH", "hryvnias": "UAH", "tenge": "KZT", "zloty": "PLN", "zlotys": "PLN",
    "dollar": "$", "dollars": "$", "rupee": "Rs", "rupees": "Rs", "krona": "kr", "kronor": "kr",
    "krone": "kr", "kroner": "kr",
}


@dataclass(frozen=True)
class CurrencyMatch:
    """What a currency text means: an ISO code, or why it does not name one."""

    code: str | None
    text: str
    problem: str | None = None
    candidates: tuple[str, ...] = ()
    obsolete: bool = False
    successor: str | None = None


@lru_cache(maxsize=None)
def _territory_table() -> dict[str, list[tuple]]:
    from babel.core import get_global

    return get_global("territory_currencies")


@lru_cache(maxsize=None)
def current_codes() -> frozenset[str]:
    """ISO 4217 codes that are legal tender somewhere today."""
    return frozenset(
        code for entries in _territory_table().values() for code, _start, end, tender in entries if end is None and tender
    )


@lru_cache(maxsize=None)
def known_codes() -> frozenset[str]:
    """Every ISO 4217 code babel knows, current or withdrawn."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


@lru_cache(maxsize=None)
def successor(code: str) -> str | None:
    """The currency that replaced a withdrawn one (`RUR` → `RUB`, `BYR` → `BYN`).

    Taken from the territory where the old code was legal tender last, as its
    currency that is current now.
    """
    last_end, best = None, None
    for entries in _territory_table().values():
        for old, _start, end, tender in entries:
            if old != code or end is None or not tender:
                continue
            current = [c for c, _s, e, t in entries if e is None and t]
            if current and (last_end is None or end > last_end):
                last_end, best = end, current[0]
    return best


def minor_units(code: str) -> int:
    """Decimals the currency allows (JPY 0, USD 2, KWD 3), from babel."""
    from babel.numbers import get_currency_precision

    return get_currency_precision(code)


def territory_of(locale: str | None) -> str | None:
    """`en_US` → `US`; a bare language (`en`) → its likely territory (`US`)."""
    if not locale:
        return None
    from babel import Locale, UnknownLocaleError

    try:
        parsed = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    if parsed.territory:
        return parsed.territory
    from babel.core import get_global

    likely = get_global("likely_subtags").get(parsed.language)
    if likely:
        parts = [p for p in likely.split("_") if p.isupper() and len(p) == 2]
        return parts[0] if parts else None
    return None


def territory_currency(locale: str | None) -> str | None:
    """The legal tender of the locale's territory (`en_US` → USD, `es_ES` → EUR)."""
    territory = territory_of(locale)
    if not territory:
        return None
    from babel.numbers import get_territory_currencies

    found = get_territory_currencies(territory, tender=True, non_tender=False)
    return found[0] if found else None


# Direction marks around right-to-left text (`د.إ.‏` ends with U+200F): invisible, and no part of a currency.
BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = dict.fromkeys(map(ord, BIDI_MARKS))
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").translate(_BIDI)).strip()


def arabic_key(text: str) -> str:
    """An Arabic abbreviation without the dots sellers add or drop around it (`.د.ب`, `ر.ع.` → `د.ب`, `ر.ع`)."""
    return text.strip(". ") if _ARABIC_LETTER.search(text) else text


@lru_cache(maxsize=1)
def _lowered() -> dict[str, str]:
    return {k.lower(): v for k, v in UNAMBIGUOUS.items()}


def identify(text: str, locales: tuple[str | None, ...] = ()) -> CurrencyMatch:
    """What currency `text` names. Ambiguous symbols resolve through the locales' territories."""
    raw = _norm(text)
    if not raw:
        return CurrencyMatch(None, text, "the currency is blank")
    if raw.endswith(".") and len(raw) == 4 and raw[:3].isalpha() and raw[:3].upper() in known_codes():
        raw = raw[:3]  # `Rub.`: a code written as an abbreviation
    if raw.isalpha() and raw.upper() in known_codes():
        code = raw.upper()
        if code in current_codes() or code.startswith("X"):
            return CurrencyMatch(code, text)
        new = successor(code)
        hint = f"; use {new}" if new else ""
        return CurrencyMatch(code, text, f"{code} is no longer a valid currency code{hint}", obsolete=True, successor=new)
    if raw not in UNAMBIGUOUS:
        raw = arabic_key(raw)
    if raw in UNAMBIGUOUS:
        return CurrencyMatch(UNAMBIGUOUS[raw], text)
    lowered = _lowered()
    if raw.lower() in lowered:
        return CurrencyMatch(lowered[raw.lower()], text)
    candidates = AMBIGUOUS.get(raw) or AMBIGUOUS.get(raw.lower())
    if candidates:
        return resolve_ambiguous(raw, candidates, locales)
    return CurrencyMatch(None, text, f"'{raw}' is not a currency code (write an ISO 4217 code such as USD, EUR or RUB)")


def resolve_ambiguous(symbol: str, candidates: tuple[str, ...], locales: tuple[str | None, ...]) -> CurrencyMatch:
    for locale in locales:
        home = territory_currency(locale)
        if home in candidates:
            return CurrencyMatch(home, symbol)
    where = ", ".join(l for l in locales if l) or "no locale"
    listed = ", ".join(candidates[:4]) + (", ..." if len(candidates) > 4 else "")
    return CurrencyMatch(
        None,
        symbol,
        f"'{symbol}' could be {listed}, and the locale ({where}) does not settle which; write the ISO code",
        candidates=candidates,
    )
