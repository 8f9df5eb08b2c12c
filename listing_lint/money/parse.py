"""Reading prices as sellers write them: `4500 RUB`, `4 500,00 ₽`, `$1,299.50`, `1299.5 руб.`.

The amount is read from the text into a Decimal, never through float. Whether
`1.299` is one thousand two hundred and ninety-nine or one point two nine nine
depends on who wrote it: the locale's decimal symbol decides; without a locale a
single separator followed by exactly three digits is read as a thousands separator,
unless the currency has three decimals (KWD, OMR, ...). Arabic-Indic and Persian digits
(`٢٧`, `۲۷`) are read as 0-9, and the Arabic separators say what they are in any locale:
`٫` is a decimal point, `٬` groups thousands (`١٬٢٥٠٫٥٠` is 1250.50).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from listing_lint.money.currencies import AMBIGUOUS, BIDI_MARKS, UNAMBIGUOUS, CurrencyMatch, identify, known_codes

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\t": " ", "’": "'", "−": "-"})
# Arabic-Indic (٠–٩) and Persian (۰–۹) digits as 0–9 (a str.translate table).
WESTERN_DIGITS = {**{0x660 + i: str(i) for i in range(10)}, **{0x6F0 + i: str(i) for i in range(10)}}
# What a price is read from: spaces as above, Eastern digits as 0–9, and the direction
# marks around right-to-left text dropped.
_CLEAN = {**_SPACES, **WESTERN_DIGITS, **dict.fromkeys(map(ord, BIDI_MARKS))}
# The Arabic decimal separator and thousands separator say which they are, unlike `.` and `,`:
# `٢٧٫٠٨` is 27.08 and `١٬٢٥٠` 1250 whatever the locale. They are read as `.` and `'`.
ARABIC_SEPARATORS = str.maketrans({"٫": ".", "٬": "'"})
_ARABIC_HINT = (".", "'")

# A number as written: space- or apostrophe-grouped thousands first (`4 500,00`, `1'049,95`),
# then any run of digits and separators, then a leading separator (`.75`).
# Shops also write cents after a space (`119. 95`, `130, 38`): a separator, one space, two digits.
_NUMBER = re.compile(
    r"(?<!\d)(?:\d{1,3}(?:[ '](?=\d{3}(?!\d))\d{3})+(?:[.,]\d+)?"
    r"|\d[\d.,']*"
    r"|(?<![.,])[.,]+\d[\d.,']*)"
    r"(?:(?<=[.,]) \d{2}(?!\d))?"
)
_PERCENT = re.compile(r"\s?%")
# Cents set after the currency symbol (`35€ 99`, `35€99`): the symbol stands for the decimal point.
_SYMBOL_CENTS = re.compile(r"(?<!\d)(\d+)\s?([€$£])\s?(\d{2})(?!\d|\s*[€$£])\s*$")
_MACHINE_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_FREE = re.compile(r"\b(?:free|gratis|бесплатно)\b", re.IGNORECASE)
_SPECIAL = {"nan": "NaN", ".nan": "NaN", "inf": "Infinity", ".inf": "Infinity", "infinity": "Infinity"}


@dataclass(frozen=True)
class ParsedPrice:
    """A price read from text. `problem` says, in a seller's words, why it is unusable.

    `currency` is None when none was written (that alone is not a `problem`: it
    is what C001 reports). `kind` names the problem for rules: `no-amount`,
    `not-finite`, `unreadable-amount`, `absurd-amount`, `ambiguous-amount`, `ambiguous-currency`, `unknown-currency`, `obsolete-currency`,
    `conflicting-currency`.
    """

    amount: Decimal | None
    currency: str | None
    problem: str | None = None
    kind: str | None = None
    amount_text: str | None = None
    currency_text: str | None = None
    candidates: tuple[str, ...] = ()
    successor: str | None = None
    readings: tuple[str, ...] = ()  # the amounts an ambiguous `4,500` could be

    @property
    def ok(self) -> bool:
        return self.problem is None and self.amount is not None


@lru_cache(maxsize=64)
def _separators(locale: str | None) -> tuple[str, str] | None:
    """(decimal, group) symbols of the locale, or None when it is unknown."""
    if not locale:
        return None
    from babel import UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        name = locale.replace("-", "_")
        return get_decimal_symbol(name), get_group_symbol(name).translate(_SPACES)
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def decimal_symbol(locale: str | None) -> str | None:
    """The locale's decimal symbol (`de_DE` → `,`), or None when the locale is unknown."""
    symbols = _separators(locale)
    return symbols[0] if symbols else None


@lru_cache(maxsize=1)
def _currency_pattern() -> re.Pattern[str]:
    """Every currency symbol, word and ISO code we recognise, longest first."""
    forms = sorted(set(UNAMBIGUOUS) | set(AMBIGUOUS), key=len, reverse=True)
    symbols = "|".join(_form_pattern(f) for f in forms)
    # Every form must stand apart from letters (`р.` not inside `пр.`; the `€` of the mojibake
    # `â€”` is no euro); symbols may touch digits.
    return re.compile(rf"(?<![^\W\d_])(?:{symbols}|[A-Z]{{3}}|[$¥￥€£₽₹₴₸₺₪₩₫฿₦₱₾₼])(?![^\W\d_])")


def _form_pattern(form: str) -> str:
    # Local words match in any case (`Руб.`, `РУБ`); Latin letter forms stay as written (`KD`, `Kč`);
    # an Arabic abbreviation may carry a dot before or after (`ر.ع.`, `.د.ب`).
    if re.search(r"[а-яё]", form):
        return f"(?i:{re.escape(form)})"
    if "." in form and re.search(r"[\u0600-\u06ff]", form):
        return rf"\.?{re.escape(form)}\.?"
    return re.escape(form)


def find_currencies(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each currency mention in `text`."""
    found = []
    for m in _currency_pattern().finditer(text):
        token = m.group(0)
        if len(token) == 3 and token.isalpha() and token.isupper() and token not in known_codes() and token not in UNAMBIGUOUS:
            continue
        found.append((m.start(), m.end(), token))
    return found


def _to_decimal(num: str, sep_hint: tuple[str, str] | None, three_decimals: bool) -> Decimal | None:
    s = num.replace("'", "").replace(" ", "").rstrip(".,")
    if s[:1] in (".", ","):
        rest = s.lstrip(".,")
        # `.75` is a fraction; `.750.30` is stray punctuation before a number.
        s = "0." + rest if rest.isdigit() else rest
    if not s:
        return None
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        last = "." if s.rfind(".") > s.rfind(",") else ","
        other = "," if last == "." else "."
        if s.count(last) > 1:
            s = s.replace(last, "").replace(other, "")
        else:
            s = s.replace(other, "").replace(last, ".")
    elif dots or commas:
        sep = "." if dots else ","
        if s.count(sep) > 1:
            s = s.replace(sep, "")
        else:
            decimals = len(s) - s.index(sep) - 1
            if decimals == 3 and not s.startswith("0" + sep) and not _decimal_by_hint(sep, sep_hint, three_decimals):
                s = s.replace(sep, "")
            else:
                s = s.replace(sep, ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _decimal_by_hint(sep: str, hint: tuple[str, str] | None, three_decimals: bool) -> bool:
    """For `1.299` (one separator, three digits after it): is the separator a decimal point?"""
    if hint is not None:
        decimal, group = hint
        # A separator the locale never groups with is a decimal point typed the other way
        # (`12.345` from a ru_RU seller, whose thousands are spaced).
        return sep == decimal or sep != group
    return three_decimals


def parse_amount(text: str, locale: str | None = None, currency: str | None = None) -> Decimal | None:
    """The amount in `text` as a Decimal, or None when there is none. Never raises."""
    return parse_price(text, currency=currency, locale=locale).amount


def parse_price(
    text: str | None,
    currency: str | None = None,
    locale: str | None = None,
    *,
    markets: tuple[str, ...] = (),
    machine_number: bool = False,
    strict: bool = False,
) -> ParsedPrice:
    """Read a price from `text`; `currency` is a separately given currency (CSV column, `{currency: }`).

    `locale` is the writer's locale (the catalog's `source_locale`): it decides the
    decimal symbol and, through its territory, what `$`, `¥` or `kr` mean.
    `markets` are further locales whose territory may settle an ambiguous symbol
    (a `prices: {$: 48.60}` key for an en_US market). `machine_number` says the text
    is a YAML number as written (`48.605`), whose `.` is a decimal point in any locale.
    `strict` is for a price field, not shop prose: the whole text must be one amount and
    at most one currency token, and `4,500` that the locale reads as 4.5 is reported as
    ambiguous rather than guessed. Never raises on bad text: problems come back in `problem`.
    """
    raw = "" if text is None else str(text)
    clean = raw.translate(_CLEAN).strip()
    arabic = "٫" in clean or "٬" in clean
    if arabic:
        clean = clean.translate(ARABIC_SEPARATORS)
    special = _SPECIAL.get(clean.lower().lstrip("+-"))
    if special is not None:
        what = "is not a number (NaN)" if special == "NaN" else "is infinite"
        return ParsedPrice(None, None, f"the amount '{raw.strip()}' {what}", "not-finite", amount_text=clean)

    locales = (locale, *markets)
    hint = _ARABIC_HINT if arabic else _separators(locale)
    if strict:
        return _parse_strict(raw, clean, currency, hint, locales, machine_number, ambiguous=not arabic)
    mentions = find_currencies(clean)
    written: CurrencyMatch | None = None
    if mentions:
        written = identify(mentions[0][2], locales)
    given = identify(currency, locales) if currency is not None and currency.strip() else None

    match = given or written
    if given and written and given.code and written.code and given.code != written.code:
        return _conflict(written, given, currency)

    if machine_number and _MACHINE_NUMBER.fullmatch(clean):
        return _result(Decimal(clean), match, None, None, clean)
    cents = _SYMBOL_CENTS.search(clean)
    if cents:
        return _result(Decimal(f"{cents.group(1)}.{cents.group(3)}"), match, None, None, cents.group(0))
    numbers = [
        m for m in _NUMBER.finditer(clean) if m.group(0).strip(".,' ") and not _PERCENT.match(clean, m.end())
    ]
    if not numbers:
        if _FREE.search(clean):
            return _result(Decimal(0), match, None, None, None)
        return _result(None, match, "there is no amount in the price", "no-amount", None)
    chosen = _nearest_number(numbers, mentions, clean)
    code = match.code if match else None
    three = code is not None and _minor(code) == 3
    amount = _to_decimal(chosen.group(0), hint, three)
    if amount is None:
        return _result(None, match, f"'{chosen.group(0)}' is not a number", "no-amount", chosen.group(0))
    if _negative(clean[: chosen.start()]):
        amount = -amount
    return _result(amount, match, None, None, chosen.group(0))


# A price field: a sign, at most one currency token (before or after), one number. The number's
# thousands groups use one separator throughout, and its decimal separator is a different one.
_STRICT_NUMBER = r"(?:\d{1,3}(?P<g>[ '.,])\d{3}(?:(?P=g)\d{3})*|\d+)(?:(?!(?P=g))[.,]\d+)?|[.,]\d+"
_TOKEN = r"[^\d\s:+\-.,'][^\d\s:+\-]*"
# Possessive spaces: each run of them is read one way only (a price of spaces was cubic).
_STRICT = re.compile(
    rf"(?P<s1>[-+])?\s*+(?:(?P<pre>{_TOKEN})\s?:?\s?)?(?P<s2>[-+])?\s*+(?P<num>{_STRICT_NUMBER})\s*+(?P<post>{_TOKEN})?"
)
# A price field is a few characters; a longer text is not read as one (and not matched at length).
STRICT_MAX_CHARS = 64
# One separator with three digits after it: a decimal point or a thousands separator (`4,500`).
_EITHER_WAY = re.compile(r"[1-9]\d{0,2}[.,]\d{3}")


def _parse_strict(raw, clean, currency, hint, locales, machine_number, ambiguous=True) -> ParsedPrice:
    shown = raw.strip()
    given = identify(currency, locales) if currency is not None and currency.strip() else None
    m = _STRICT.fullmatch(clean) if len(clean) <= STRICT_MAX_CHARS else None
    if m is None or (m.group("pre") and m.group("post")) or (m.group("s1") and m.group("s2")):
        if not re.search(r"\d", clean):
            return _result(None, given, "there is no amount in the price", "no-amount", None)
        return _result(
            None, given,
            f"'{shown}' is not one amount: write a single number and at most one currency, such as 4500 RUB",
            "unreadable-amount", None,
        )
    token = m.group("pre") or m.group("post")
    written = identify(token, locales) if token else None
    if given and written and given.code and written.code and given.code != written.code:
        return _conflict(written, given, currency)
    match = given or written
    num = m.group("num")
    negative = (m.group("s1") or m.group("s2")) == "-"
    if machine_number and _MACHINE_NUMBER.fullmatch(num):
        # The number alone: a feed's spec-format `12.345 USD` is a machine number with its code.
        amount = Decimal(num)
        return _result(-amount if negative else amount, match, None, None, num)
    code = match.code if match else None
    minor = _minor(code) if code else None
    amount = _to_decimal(num, hint, minor == 3)
    if amount is None:
        return _result(None, match, f"'{num}' is not a number", "unreadable-amount", num)
    whole = Decimal(re.sub(r"\D", "", num))
    if ambiguous and minor != 3 and _EITHER_WAY.fullmatch(num) and amount != whole:
        # The locale reads the separator as a decimal point, but sellers write thousands that way too.
        fraction, unit = f"{amount.normalize():f}", f" {code}" if code else ""
        problem = (
            f"the amount {num} is ambiguous: {fraction}{unit} or {whole}{unit}? "
            f"write {whole} without a separator if you mean {whole}{unit}"
        )
        return ParsedPrice(
            None, code, problem, "ambiguous-amount", num, match.text.strip() if match else None,
            readings=(fraction, str(whole)),
        )
    return _result(-amount if negative else amount, match, None, None, num)


def _conflict(written: CurrencyMatch, given: CurrencyMatch, currency: str) -> ParsedPrice:
    said = written.text.strip()
    named = written.code if said.upper() == written.code else f"{said} ({written.code})"
    return ParsedPrice(
        None, given.code,
        f"the price is written in {named} but its currency is given as {given.code}: keep one of them",
        "conflicting-currency", currency_text=currency,
    )


def _minor(code: str) -> int | None:
    from listing_lint.money.currencies import minor_units

    try:
        return minor_units(code)
    except Exception:  # babel raises for codes it does not know; no minor unit then
        return None


def _nearest_number(numbers: list[re.Match], mentions: list[tuple[int, int, str]], text: str) -> re.Match:
    """The number the first currency mention stands next to, else the first number."""
    if mentions:
        start, end, _ = mentions[0]
        for m in numbers:
            gap = text[end : m.start()] if m.start() >= end else text[m.end() : start]
            if len(gap) <= 3 and not re.search(r"[^\s:.\-]", gap):
                return m
    return numbers[0]


def _negative(prefix: str) -> bool:
    """A minus right before the number, or leading the price before only a currency symbol."""
    if re.search(r"\d", prefix):
        return False
    # `-5`, `$-5`, `USD -5`, `-$5`, `-€ 5`; not `- $44.99`, a dash set before a price.
    return prefix.endswith("-") or bool(re.fullmatch(r"\s*-[^\s\d]{1,4}\s?", prefix))


# No price has more digits than these (the largest banknote-era prices are under 10^15 in any
# currency); a longer number is a typo or a pasted id, and would overflow money arithmetic.
MAX_WHOLE_DIGITS = 15
MAX_DIGITS = 30


def _absurd(amount: Decimal) -> str | None:
    """Why `amount` cannot be a price (too many digits), or None."""
    if not amount.is_finite() or not amount:
        return None
    digits = len(amount.as_tuple().digits)
    whole = amount.adjusted() + 1
    if whole <= MAX_WHOLE_DIGITS and digits <= MAX_DIGITS and -amount.as_tuple().exponent <= MAX_DIGITS:
        return None
    shown = f"{amount:f}" if digits <= 40 and abs(amount.as_tuple().exponent) <= 40 else f"{amount:.6E}"
    if whole > MAX_WHOLE_DIGITS:
        return f"the amount {shown} has {whole} digits before the decimal point: no price is that large (a typo?)"
    return f"the amount {shown} has more than {MAX_DIGITS} digits: no price is written that precisely (a typo?)"


def _result(amount, match: CurrencyMatch | None, problem, kind, amount_text) -> ParsedPrice:
    if problem is None and amount is not None:
        why = _absurd(amount)
        if why is not None:
            amount, problem, kind = None, why, "absurd-amount"
    if match is None:
        return ParsedPrice(amount, None, problem, kind, amount_text)
    if problem is None and match.problem:
        problem = match.problem
        kind = "obsolete-currency" if match.obsolete else ("ambiguous-currency" if match.candidates else "unknown-currency")
    return ParsedPrice(
        amount, match.code, problem, kind, amount_text, match.text.strip(), match.candidates, match.successor
    )
