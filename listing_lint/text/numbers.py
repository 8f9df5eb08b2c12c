"""Numbers in running text, read the way the text's locale writes them.

`1 000,5` (Russian, French), `1.000,5` (German) and `1,000.5` (English) are the
same number; `125×125` and `125 x 125` hold the same two. A size that changes in
translation is a different product, so the numbers are compared as values.
Arabic-Indic and Persian digits are read as 0-9, and the Arabic separators as what
they are in any locale: `١٢٫٥` is 12.5 and `١٬٢٥٠` 1250.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

# Group separators: space, no-break space, narrow no-break space, thin space, apostrophe (Swiss).
_GROUP_CHARS = " \u00a0\u202f\u2009'’"
_NUMBER_RE = re.compile(
    r"(?<![\d.,٫٬])"
    r"(\d{1,3}(?:[ \u00a0\u202f\u2009'’٬]\d{3})+(?:[.,٫]\d+)?"  # 1 000 / 1 000,5 / ١٬٢٥٠
    r"|\d+(?:[.,٫٬]\d+)*)"  # 1000 / 1,000.5 / 1.000,5 / 12.5 / ١٢٫٥
    r"(?![\d])"
)
# Between a number and the currency that makes it a price: nothing, or one space.
_PRICE_GAP = re.compile(r"[ \u00a0\u202f]?")
# Languages that write the decimal point as a dot; the others use a comma.
_DOT_DECIMAL = frozenset("en zh ja ko he th ms hi ga mt sw tl".split())


def decimal_mark(lang: str) -> str:
    return "." if lang in _DOT_DECIMAL else ","


def parse_number(token: str, lang: str) -> Decimal:
    """The value of one number token as written in `lang`."""
    from listing_lint.money.parse import ARABIC_SEPARATORS, WESTERN_DIGITS

    token = token.translate(WESTERN_DIGITS)
    arabic = "٫" in token or "٬" in token
    if arabic:  # `٫` is a decimal point and `٬` a group separator in every locale
        token = token.translate(ARABIC_SEPARATORS)
    token = re.sub(f"[{_GROUP_CHARS}]", "", token)
    decimal = "." if arabic else decimal_mark(lang)
    marks = [(i, ch) for i, ch in enumerate(token) if ch in ".,"]
    if not marks:
        return Decimal(token)
    kinds = {ch for _, ch in marks}
    if len(kinds) == 2:
        # Both marks: the last one is the decimal mark, whatever the locale (1.000,5 / 1,000.5).
        last_pos, last_mark = marks[-1]
        integer = token[:last_pos].replace(".", "").replace(",", "")
        return Decimal(f"{integer}.{token[last_pos + 1:]}")
    mark = kinds.pop()
    parts = token.split(mark)
    grouped = all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3
    if len(parts) > 2 or (grouped and mark != decimal):
        # 1,000,000 (several marks can only be groups), or 1,000 in English / 1.000 in German.
        return Decimal("".join(parts))
    return Decimal(".".join(parts))


def number_tokens(text: str, lang: str, *, prices: bool = True) -> list[tuple[str, Decimal]]:
    """(token as written, value) of each number of a text, trailing zeros dropped (12.50 == 12.5).
    prices=False leaves out amounts written next to a currency (`3900 рублей`, `$49.99`)."""
    found = []
    matches = list(_NUMBER_RE.finditer(text))
    if matches and not prices:
        currencies = _currency_spans(text)
        matches = [m for m in matches if not _is_price(text, m, currencies)]
    for m in matches:
        try:
            value = parse_number(m.group(1), lang)
        except ArithmeticError:
            continue
        found.append((m.group(1), value.normalize() if value else Decimal(0)))
    return found


def numbers_in(text: str, lang: str) -> Counter:
    """The numbers of a text as values (trailing zeros dropped: 12.50 == 12.5), with how often each occurs."""
    return Counter(value for _, value in number_tokens(text, lang))


def _currency_spans(text: str) -> list[tuple[int, int]]:
    from listing_lint.money.mentions import mentions

    return [(pos, pos + len(written)) for pos, written, _ in mentions(text)]


def _is_price(text: str, number: re.Match, currencies: list[tuple[int, int]]) -> bool:
    """A currency stands right before or after the number, at most one space away."""
    for start, end in currencies:
        if start >= number.end() and _PRICE_GAP.fullmatch(text, number.end(), start):
            return True
        if end <= number.start() and _PRICE_GAP.fullmatch(text, end, number.start()):
            return True
    return False


# Numbers a translation may spell out: one to ten (cardinal and ordinal, `|` between values) in the
# languages listings are written in, and Chinese and Japanese numerals (`第一条`, `三件`). A source `1`
# that the target writes `premier` or `一` is not missing.
_SPELLED = {
    "en": "one first|two second|three third|four fourth|five fifth|six sixth|seven seventh|eight eighth|"
          "nine ninth|ten tenth",
    "de": "ein eins eine einer erste erster ersten|zwei zweite|drei dritte|vier vierte|fünf fünfte|sechs sechste|"
          "sieben siebte|acht achte|neun neunte|zehn zehnte",
    "fr": "un une premier première|deux deuxième second seconde|trois troisième|quatre quatrième|cinq cinquième|"
          "six sixième|sept septième|huit huitième|neuf neuvième|dix dixième",
    "es": "uno una primero primera primer|dos segundo segunda|tres tercero tercera tercer|cuatro cuarto cuarta|"
          "cinco quinto quinta|seis sexto sexta|siete séptimo séptima|ocho octavo octava|nueve noveno novena|"
          "diez décimo décima",
    "it": "uno una primo prima|due secondo seconda|tre terzo terza|quattro quarto quarta|cinque quinto quinta|"
          "sei sesto sesta|sette settimo settima|otto ottavo ottava|nove nono nona|dieci decimo decima",
    "pt": "um uma primeiro primeira|dois duas segundo segunda|três terceiro terceira|quatro quarto quarta|"
          "cinco quinto quinta|seis sexto sexta|sete sétimo sétima|oito oitavo oitava|nove nono nona|dez décimo décima",
    "nl": "een eerste|twee tweede|drie derde|vier vierde|vijf vijfde|zes zesde|zeven zevende|acht achtste|"
          "negen negende|tien tiende",
    "ru": "один одна одно первый первая первое первого первой|два две второй вторая второе|три третий третья третье|"
          "четыре четвёртый четвертый|пять пятый|шесть шестой|семь седьмой|восемь восьмой|девять девятый|"
          "десять десятый",
    "uk": "один одна одне перший перша перше|два дві другий друга друге|три третій третя третє|чотири четвертий|"
          "п'ять п’ять п'ятий п’ятий|шість шостий|сім сьомий|вісім восьмий|дев'ять дев’ять дев'ятий дев’ятий|"
          "десять десятий",
    "pl": "jeden jedna jedno pierwszy pierwsza|dwa dwie drugi druga|trzy trzeci trzecia|cztery czwarty|pięć piąty|"
          "sześć szósty|siedem siódmy|osiem ósmy|dziewięć dziewiąty|dziesięć dziesiąty",
    "tr": "bir birinci|iki ikinci|üç üçüncü|dört dördüncü|beş beşinci|altı altıncı|yedi yedinci|sekiz sekizinci|"
          "dokuz dokuzuncu|on onuncu",
}
_SPELLED_VALUES: dict[str, dict[str, Decimal]] = {}
_CJK_NUMERAL_RE = re.compile("[〇零一二两三四五六七八九十百千万]+")
_CJK_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CJK_UNIT = {"十": 10, "百": 100, "千": 1000}


def spelled_numbers(text: str, lang: str) -> set[Decimal]:
    """Values the text writes in words or numerals rather than digits (`premier` = 1, `第三十条` = 30)."""
    found: set[Decimal] = set()
    if lang in ("zh", "ja"):
        for m in _CJK_NUMERAL_RE.finditer(text):
            value = _cjk_value(m.group(0))
            if value is not None:
                found.add(Decimal(value))
    words = _spelled_words(lang)
    if words:
        for word in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text.casefold()):
            if word in words:
                found.add(words[word])
    return found


def _spelled_words(lang: str) -> dict[str, Decimal]:
    cached = _SPELLED_VALUES.get(lang)
    if cached is None:
        groups = _SPELLED.get(lang, "").split("|") if lang in _SPELLED else []
        cached = _SPELLED_VALUES[lang] = {word: Decimal(n) for n, group in enumerate(groups, 1) for word in group.split()}
    return cached


def _cjk_value(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 三十 → 30, 一百零五 → 105, 二〇二四 → 2024 (digit by digit); None when unclear."""
    if all(ch in _CJK_DIGIT for ch in numeral):
        return int("".join(str(_CJK_DIGIT[ch]) for ch in numeral))
    total, current, wan = 0, 0, 0
    for ch in numeral:
        if ch in _CJK_DIGIT:
            current = _CJK_DIGIT[ch]
        elif ch in _CJK_UNIT:
            total += (current or 1) * _CJK_UNIT[ch]
            current = 0
        elif ch == "万":
            wan = (wan + total + current) * 10000
            total, current = 0, 0
        else:
            return None
    return wan + total + current


def show_number(value: Decimal) -> str:
    """`1E+3` → `1000`: values are normalised for comparison, shown plainly."""
    return format(value, "f")
