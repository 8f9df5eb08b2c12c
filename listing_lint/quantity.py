"""How much of a product a listing sells, read from its title, description or a field.

P001 compares a listing's price with the median of comparable items; a 1 kg refill
is not overpriced against 50 ml tubes, nor a 24-can case against single cans. Where
a listing and its comparables both state a quantity of one dimension, the prices are
compared per unit: per 100 ml (volume), per kg (mass), per piece (count).

    >>> q = quantity_in_text("Крем для рук, 2 x 50 мл")
    >>> q.dimension, q.amount, q.text, q.per, q.shown
    ('volume', Decimal('100'), '2 x 50 мл', '100 ml', '100 ml')
    >>> q.unit_price(Decimal("450"))
    Decimal('450')

What is read
------------
- volume: ml, cl, dl, l, US fl oz (29.5735295625 ml), US gal, qt, pint, in the words of
  ru, en, de, fr, es, zh, ja, ar (`50 мл`, `1,5 л`, `75 cl`, `330 毫升`, `1升`, `٥٠ مل`);
- mass: mg, g, kg, oz (avoirdupois, 28.349523125 g), lb, 斤 (500 g), and their words;
- count: `3 шт`, `set of 3`, `pack of 6`, `6er Pack`, `12 pcs`, `x12`, `24罐`, `三件套`,
  `12個入り`, `١٢ قطعة`, plural packaging nouns (`6 cans`, `3 бутылки`, `60 capsules`);
- multipacks: a count and a volume or mass joined as "so many of each" make the total:
  multiplication signs x × х * (`24 × 330 ml`, `50 ml x 2`, `330ml*24罐`, `330 ml can x 24`);
  words of "each" (`6 банок по 0,5 л`, `3 Stück je 50 ml`, `6 Flaschen à 0,5 l`,
  `3 creams, 50 ml each`); `of`/`de` after a count word or a packaging noun
  (`2 botellas de 1 litro`, `lot de 3 flacons de 100 ml`); a pack count next to a volume
  or mass (`12 fl oz (Pack of 12)`, `6er Pack 0,5 l`, and `10片装 25ml`: ten 25 ml sheet
  masks, 250 ml, as the buyer compares per ml). A set or a piece count beside a volume
  joins only through one of those (`Set of 3, 50 ml` is unclear: three of 50 or 50 in all).
- `+` between quantities of one dimension is their sum: `50 ml + 15 ml gift` is 65 ml,
  `2 x 750 g + 1 x 350 g` is 1850 g (a set is sold whole).
- numbers: `1,5` and `1.5`; `1 000 мл`; Arabic-Indic and Persian digits, `٫`; fullwidth
  forms (`５００ｍｌ`). A single separator before exactly three digits (`1.500 kg`) is a
  thousands group in a locale whose decimal mark is the other one, a decimal mark in a
  locale that writes it so, and unclear (not read) without a locale.

What is not read (a false alarm costs more than a miss)
-------------------------------------------------------
- sizes and dimensions (`125×125 см`, `89 x 89 cm`, `EU 38`, `2XL`), models (`iPhone 15`,
  `Galaxy S23`, `PH-1250-RS`, `№5`), `4K`, `5G`/`4G` (an uppercase bare `G` is never grams;
  `5g` beside phone words neither), `USB 3.0`, `2 in 1`, `SPF 50`, `24K`, years (also
  `2024 г.`), `220 V`, `1000 W`, `10000 mAh`, `256 GB`, lengths, percentages, prices;
- Japanese clothing sizes `3L` when the text speaks of sizes;
- what a container or an appliance holds or carries (`Термос 1 л`, `kettle 1.7 l`,
  `Рюкзак 30 л`, `washing machine 7 kg`): one kettle is sold, whatever it holds;
- rates: `80 г/м²`, `mg/ml`, `25ml/片`; a quantity after `per`, `на`, `pro`, `je` (without a
  count), `in`, `for`, `для`, `für`, `up to`, `до`, `from`, `от`, `ab`, `max` (`per 100 g`,
  `Кастрюля на 3 л`, `lid for 3 l jar`); shipping, package and gross weights;
  `л.с.` (horsepower), `克拉` (carat), `升级` (upgrade);
- ranges, which are never what is sold: `9-14 кг` on diapers, `50~100ml`;
- Chinese promotions: `第2件`, `满2件`, `2件8折`, `3件起`, `一件代发`, `3个月`;
- singular English/German/French/Spanish packaging nouns (`Series 7 bag`); `2 piece swimsuit`;
- a bare `ct` in running text (carats); it is a count only in a field (`12ct`).

When a text is unclear, no quantity
-----------------------------------
- alternatives next to a unit: `50/100 мл`, `30 or 50 ml`;
- two different volumes or masses not joined by `+` or a multipack shape
  (`250 ml shampoo and 200 ml conditioner`); a volume and a mass (`500 г (400 мл)`);
- a volume or mass and a separate count of more than one that no multipack shape joins
  (`Tea 40 g, 20 bags` could be 20 × 2 g or 20 × 40 g; `Vitamin C 500 mg, 60 capsules`);
  a count of 1 (`1 шт`) does not count against it, nor the multipack's own count again;
- a bare number just before a quantity (`24 330 ml`: 24 cans, or a model number?), unless
  it is a label's (`SPF 50 50 ml`, `No 5 50 ml`) or the 1 of `2 в 1 250 мл`;
- several different counts.
One quantity written twice, also in two systems within 2% (`1 л (1000 мл)`,
`12 fl oz (355 ml)`, `16 oz (454 g)`, `3.4 oz / 100 ml`: a bare oz beside millilitres is a
fluid ounce), is that quantity (the metric figure where both are given).

All patterns are linear: numbers are found by one scan whose quantifiers are possessive
or bounded; each number is looked at through fixed windows on either side; what a whole
text says (phone words, a container) is searched for at most once per text. A text with no
digit and no Chinese numeral costs one regex search (`benchmarks/quantity_speed.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from listing_lint.text.numbers import decimal_mark

VOLUME, MASS, COUNT = "volume", "mass", "count"

FL_OZ_ML = Decimal("29.5735295625")  # US customary fluid ounce
OZ_G = Decimal("28.349523125")  # international avoirdupois ounce
LB_G = Decimal("453.59237")
US_GALLON_ML = Decimal("3785.411784")

_HUNDRED = Decimal(100)
_THOUSAND = Decimal(1000)


@dataclass(frozen=True)
class Quantity:
    """A quantity a listing sells, in the dimension's base unit.

    `amount` is millilitres (volume), grams (mass) or pieces (count), always a Decimal.
    `text` is the quantity as written; `start`/`end` its span in the string it was
    read from (`source[start:end] == text`), -1 when it was not read from a text
    (a value and a separate unit).
    """

    dimension: str
    amount: Decimal
    text: str
    start: int = -1
    end: int = -1

    def unit_price(self, price: Decimal) -> Decimal:
        """`price` per reporting unit (`per`): price × 100 / ml, price × 1000 / g, price / pieces.

        Exact Decimal arithmetic, never quantized; a quotient that does not terminate
        (100 / 3) is carried to the context's precision (28 digits).
        """
        if self.dimension == VOLUME:
            return price * _HUNDRED / self.amount
        if self.dimension == MASS:
            return price * _THOUSAND / self.amount
        return price / self.amount

    @property
    def per(self) -> str:
        """The reporting unit in words: `100 ml`, `kg`, `piece`."""
        return {VOLUME: "100 ml", MASS: "kg"}.get(self.dimension, "piece")

    @property
    def shown(self) -> str:
        """The quantity for a message: `1.5 l`, `50 ml`, `2.5 kg`, `250 g`, `500 mg`, `3 pieces`."""
        a = self.amount
        if self.dimension == VOLUME:
            return f"{_show(a / _THOUSAND)} l" if a >= _THOUSAND else f"{_show(a)} ml"
        if self.dimension == MASS:
            if a >= _THOUSAND:
                return f"{_show(a / _THOUSAND)} kg"
            return f"{_show(a)} g" if a >= 1 else f"{_show(a * _THOUSAND)} mg"
        return f"{_show(a)} piece" if a == 1 else f"{_show(a)} pieces"


def _show(value: Decimal) -> str:
    """At most two decimals, for display only (`473.176473` → `473.18`); never an exponent."""
    from listing_lint.money.amount import rounded

    value = rounded(value, 2) if value != rounded(value, 2) else value
    return format(value.normalize(), "f")


def _plain(value: Decimal) -> Decimal:
    """`1500.0` → `1500`, `1.50` → `1.5`, without the exponent normalize() gives `1.5E+3`."""
    value = value.normalize()
    from listing_lint.money.amount import rounded

    return rounded(value, 0) if value.as_tuple().exponent > 0 else value


# --- text folding -------------------------------------------------------------------------
# One character for one, so spans in the folded text are spans in the original.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}  # fullwidth ASCII (５００ｍｌ)
_FOLD.update({0x0660 + i: 0x30 + i for i in range(10)})  # Arabic-Indic digits
_FOLD.update({0x06F0 + i: 0x30 + i for i in range(10)})  # Persian digits
_FOLD.update({
    0x066B: ord("."),  # Arabic decimal separator
    0x066C: ord(" "),  # Arabic thousands separator
    0x00A0: ord(" "), 0x202F: ord(" "), 0x2009: ord(" "), 0x2007: ord(" "), 0x200A: ord(" "),
    0x3000: ord(" "),
    0x2113: ord("l"),  # ℓ
    0x2715: ord("×"), 0x2716: ord("×"), 0x2A2F: ord("×"),
})

_FOLDABLE = re.compile("[" + "".join(sorted(map(chr, _FOLD))) + "]")

# Cheap first test: most titles have no digit, and those are done after this one search.
_ANY_NUMERAL = re.compile(r"[\d一二两三四五六七八九十]")

# --- numbers ------------------------------------------------------------------------------
_LATIN_LETTERS = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"  # Latin-1 and Extended letters, not × ÷
_LETTERS = f"A-Za-z{_LATIN_LETTERS}\u0400-\u04ff\u0600-\u06ff"  # scripts whose units need a word end
_NOT_LETTER_AFTER = f"(?![{_LETTERS}])"
_CJK_NUMERALS = "一二两三四五六七八九十"
_NUM = re.compile(
    # The first digit first, so the scan skips to digits; then what stands before it:
    # not glued to a word (`S23`, `mp3`) except the multiplication letters (`x12`, `6x330ml`),
    # not the tail of another number (`1.1.1`) or of a code (`PH-1250`).
    r"[0-9]"
    f"(?<![A-WYZa-wyz{_LATIN_LETTERS}\u0400-\u0424\u0426-\u0444\u0446-\u04ff0-9][0-9])"
    r"(?<![0-9][.,][0-9])(?<![A-Za-z]-[0-9])"
    # 1 000 мл: one leading digit (24 330 ml is not 24330), not the 1 of `2 в 1 250 мл`
    r"(?:(?<!в [0-9])(?<!in [0-9])(?<!en [0-9])(?: [0-9]{3}){1,2}+(?![.,]?[0-9])"
    r"|[0-9]*+(?:[.,][0-9]++)?+(?![.,]?[0-9]))"
)
# Chinese numerals, looked for only in a text that has one: 三件套, 两瓶装, 十片装.
_CJK_NUM = re.compile(
    f"[{_CJK_NUMERALS}](?<![{_CJK_NUMERALS}百千万亿][{_CJK_NUMERALS}])[{_CJK_NUMERALS}]{{0,2}}+(?![百千万亿])"
)
_CJK_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _cjk_int(text: str) -> int | None:
    if "十" not in text:
        return _CJK_DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _CJK_DIGITS) or (ones and ones not in _CJK_DIGITS):
        return None
    return (_CJK_DIGITS[tens] if tens else 1) * 10 + (_CJK_DIGITS[ones] if ones else 0)


def _number(token: str, lang: str | None) -> tuple[Decimal, bool] | None:
    """The value of a number token and whether it is written as a whole number (`3`, `1 000`, `1,000` in
    English; not `3.0`); None when a single mark before three digits is unclear (`1.500` without a locale)."""
    token = token.replace(" ", "")
    for mark in ",.":
        if mark in token:
            head, frac = token.split(mark)
            if len(frac) == 3 and head.strip("0"):
                if lang is None:
                    return None
                if mark != decimal_mark(lang):
                    return Decimal(head + frac), True  # 1,000 in English, 1.000 in German
            return Decimal(f"{head}.{frac}"), False
    return Decimal(token), True


def _lang(locale: str | None) -> str | None:
    if not locale:
        return None
    return re.split(r"[_\-.@]", locale.strip(), maxsplit=1)[0].lower() or None


# --- units and count words ----------------------------------------------------------------
# Spellings are listed in full (lowercase) and compiled into one trie-shaped pattern each, so that
# reading the word after a number is one pass over its letters, not a try of every spelling.


def _trie(words) -> str:
    """A regex matching any of `words` (lowercase), longest first, with one branch per letter."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"

    return build(tree)


def _forms(stem: str, *endings: str) -> list[str]:
    return [stem + ending for ending in endings]


_UNITS: dict[str, tuple[str, Decimal]] = {}  # spelling → (dimension, factor to the base unit)
_IMPERIAL: set[str] = set()
for _dimension, _factor, _imperial, _spellings in (
    (VOLUME, FL_OZ_ML, True, ["fl oz", "fl. oz", "fl.oz", "fl oz.", "fl. oz.", "fl.oz.", "floz",
                              "fluid ounce", "fluid ounces"]),
    (VOLUME, Decimal(1), False, ["ml", "mls", "milliliter", "milliliters", "millilitre", "millilitres", "миллилитр",
                                 "миллилитра", "миллилитров", "мл", "毫升", "ミリリットル", "㎖", "مل", "ملل", "مللي", "ملي"]),
    (VOLUME, Decimal(10), False, ["cl", "centiliter", "centiliters", "centilitre", "centilitres"]),
    (VOLUME, Decimal(100), False, ["dl", "deciliter", "deciliters", "decilitre", "decilitres", "дл", "㎗"]),
    (VOLUME, _THOUSAND, False, ["l", "lt", "ltr", "ltrs", "liter", "liters", "litre", "litres", "litro", "litros",
                                "litri", "литр", "литра", "литров", "литры", "л", "升", "リットル", "لتر", "لترات",
                                "ليتر"]),
    (VOLUME, US_GALLON_ML, True, ["gal", "gallon", "gallons"]),
    (VOLUME, Decimal("946.352946"), True, ["qt", "quart", "quarts"]),  # US liquid; `pt` only in fields
    (VOLUME, Decimal("473.176473"), True, ["pint", "pints"]),
    (MASS, Decimal("0.001"), False, ["mg", "milligram", "milligrams", "milligramme", "milligrammes", "мг",
                                     "миллиграмм", "миллиграмма", "миллиграммов", "毫克", "ミリグラム", "㎎", "ملغ"]),
    (MASS, Decimal(1), False, ["g", "gr", "grs", "gram", "grams", "gramm", "gramme", "grammes", "gramo", "gramos",
                               "grammi", "г", "гр", "грамм", "грамма", "граммов", "克", "グラム", "غ", "غم", "غرام",
                               "جرام", "جم"]),
    (MASS, _THOUSAND, False, ["kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes",
                              "kilogramm", "kilogramo", "kilogramos", "кг", "килограмм", "килограмма", "килограммов",
                              "千克", "公斤", "キロ", "キログラム", "㎏", "كغ", "كجم", "كغم", "كيلو", "كيلوغرام",
                              "كيلوجرام"]),
    (MASS, OZ_G, True, ["oz", "ounce", "ounces"]),
    (MASS, LB_G, True, ["lb", "lbs"]),
    (MASS, Decimal(500), False, ["斤"]),  # the Chinese jin
):
    for _spelling in _spellings:
        _UNITS[_spelling] = (_dimension, _factor)
        if _imperial:
            _IMPERIAL.add(_spelling)
_BARE_OZ = frozenset(("oz", "ounce", "ounces"))
# Merchant Center's unit_pricing_measure units read in fields only: the US liquid pint, and
# `ct` (count), which in running text is a carat (`1 ct diamond`).
_FIELD_ONLY_UNITS = {"pt": (VOLUME, Decimal("473.176473")), "ct": (COUNT, Decimal(1))}
_FIELD_UNIT = re.compile(r"[ ]?(pt|ct)\.?(?![^\W\d_])", re.IGNORECASE)
# A unit of a script with spaces ends its word; `50mlx2` is the exception.
_WORD_END = f"(?:(?<![{_LETTERS}])|(?![{_LETTERS}])|(?=[xXхХ][ ]{{0,2}}[0-9]))"
# Spellings that are something else before these: `150 л.с.` (horsepower), `1克拉` (carat),
# `升级` (upgrade), `5キロメートル`.
_UNIT_NOT_BEFORE = {
    "л": re.compile(r"\.?[ ]?с(?![^\W\d_])"),
    "升": re.compile(r"[级級降温溫压壓值高华華学學职職起]"),
    "克": re.compile(r"拉"),
    "キロ": re.compile(r"メートル|ワット|カロリー|バイト"),
}

# Packaging nouns: what a count of things is a count of. English, German, French and Spanish in
# the plural only (`Series 7 bag` is no count); Russian and Arabic in every form their numbers take
# (`2 бутылки`, `5 бутылок`; `٣ عبوات`, `١٢ قطعة`).
_PACK_NOUNS = [
    "cans", "bottles", "jars", "tubes", "rolls", "sachets", "capsules", "tablets", "softgels", "pods", "bags",
    "boxes", "sheets", "wipes", "sticks", "cartons", "pouches", "packets", "units",
    *_forms("бан", "ок", "ки", "ка"), *_forms("бутыл", "ок", "ки", "ка"), *_forms("флакон", "ов", "а", ""),
    *_forms("тюбик", "ов", "а", ""), *_forms("пач", "ек", "ки", "ка"), *_forms("короб", "ок", "ки", "ка"),
    *_forms("рулон", "ов", "а", ""), *_forms("капсул", "", "ы", "а"), *_forms("таблет", "ок", "ки", "ка"),
    *_forms("пакетик", "ов", "а", ""), *_forms("пакет", "ов", "а", ""), "саше", *_forms("лист", "ов", "а", ""),
    "салфеток", "салфетки", "упаковок", "упаковки",
    "flaschen", "dosen", "tuben", "rollen", "kapseln", "tabletten",
    "bouteilles", "canettes", "flacons", "pots", "rouleaux", "botellas", "latas", "frascos", "tubos", "rollos",
    "capsulas", "cápsulas", "sobres", "عبوات", "عبوة", "علب", "علبة",
]
_PIECES = [
    "pcs", "pcs.", "pc", "pc.", "pieces", "pièces", "pieces.", "stk", "stk.", "stck", "stck.", "stück", "шт", "шт.",
    "штук", "штука", "штуки", "штучек", "unidades", "unidad", "uds", "uds.", "ud.", "piezas", "pzas", "pzas.", "pza",
    "pza.", "pz", "pz.", "pezzi", "count", "pairs", "pair", "paar", "пар", "пара", "пары", "pares", "paires",
    "قطعة", "قطع", "حبة", "حبات", *_PACK_NOUNS,
]
_CJK_CLASSIFIERS = "件片瓶罐盒包袋支只个個条條双粒贴卷张枚听桶颗本缶箱足"
_COUNT_WORDS: dict[str, str] = {}  # spelling → kind: pack (joins a volume or mass beside it), set, pieces
_COUNT_WORDS.update(dict.fromkeys(_PIECES, "pieces"))
_COUNT_WORDS.update(dict.fromkeys(list(_CJK_CLASSIFIERS) + ["개", "병", "캔"], "pieces"))
_COUNT_WORDS.update(dict.fromkeys(
    [f"er{sep}{word}" for sep in ("", " ", "-") for word in ("pack", "packung", "pck", "karton")]
    + ["pack", "packs", "pk", "pck", "入", "入り", "パック", "개입"]
    + [c + suffix for c in _CJK_CLASSIFIERS for suffix in ("装", "裝", "入", "入り")], "pack"))
_COUNT_WORDS.update(dict.fromkeys(
    [f"er{sep}set" for sep in ("", " ", "-")] + ["件套", "套", "セット", "組"]
    + [c + "セット" for c in "個本枚点足組袋缶瓶"], "set"))
# What a number before a Chinese, Japanese or Korean classifier must not be followed by: promotions
# (2件8折, 3件起, 2件包邮, 1件代发), durations (3个月, 3개월), ordinals (2個目), `per piece` (1個あたり).
_CJK_NOT_AFTER = re.compile(r"[0-9]*(?:折|减|減|免|起|以上|以内|包邮|包郵|代发|代發|月|天|年|小时|人|次|倍|元|块|目"
                            r"|あたり|まで|から|纹|邮|郵|월)")
# What follows a number: a unit or a count word, in one match on the lowercased next few characters
# (a case-sensitive pattern skips the branches of a trie by their first letter; IGNORECASE tries each).
_AFTER = re.compile(f"(?P<sp>[ ]{{0,2}}|-)(?:(?P<unit>{_trie(_UNITS)}){_WORD_END}"
                    f"|(?P<word>{_trie(_COUNT_WORDS)})(?:(?<![{_LETTERS}])|(?![{_LETTERS}])))")
_AFTER_SPAN = 32  # longer than any spelling with its spaces and the letter after it
_FIRST_LETTERS = frozenset(spelling[0] for spelling in [*_UNITS, *_COUNT_WORDS] if not spelling[0].isspace())
# After a bare number: a multiplication sign and a number (`2 x 50 ml`), or at least a digit soon.
_BARE_AHEAD = re.compile(r"(?P<x>[ ]{0,2}[x×хXХ*][ ]{0,2}(?=[0-9]))|(?=[^0-9]{0,27}[0-9])")


@dataclass(slots=True)
class _After:
    unit: str | None  # as written (case kept: `G`, `L`)
    word: str | None
    spaced: bool
    end: int


def _after(t: str, e: int) -> _After | None:
    m = _AFTER.match(t[e:e + _AFTER_SPAN].lower())
    if m is None:
        return None
    group = "unit" if m.group("unit") is not None else "word"
    text = t[e + m.start(group):e + m.end()]
    return _After(text if group == "unit" else None, text if group == "word" else None, m.group("sp") != "", e + m.end())


_CJK_COUNT_WORD = re.compile(  # after a Chinese numeral: only a pack or set (三件套, 两瓶装, 十片装)
    f"(?P<pack>[{_CJK_CLASSIFIERS}](?:装|裝|入り?))|(?P<set>件套|[{_CJK_CLASSIFIERS}]?套)"
)
_CJK_NOT_BEFORE = frozenset("第满滿买買送赠贈前选選购購限加")

# Words before a number that make it a count: `set of 3`, `набор из 3`, `lot de 3`.
_PREFIX = re.compile(
    r"(?<![^\W\d_])(?:"
    r"(?P<pack>pack[ ]+of|pack[ ]+de|packung[ ]+mit|pack[ ]+mit|paquete[ ]+de|paquet[ ]+de|lote?[ ]+de|lot[ ]+of"
    r"|box[ ]+of|bo[iî]te[ ]+de|caja[ ]+de|case[ ]+of|carton[ ]+of|bundle[ ]+of|confezione[ ]+da"
    r"|упаковка[ ]+из|عبوة[ ]+من|علبة[ ]+من)"
    r"|(?P<set>set[ ]+of|set[ ]+de|set[ ]+mit|set[ ]+aus|set[ ]+da|juego[ ]+de|coffret[ ]+de|kit[ ]+of|kit[ ]+de"
    r"|набор[ ]+из|комплект[ ]+из|مجموعة[ ]+من|طقم[ ]+من)"
    r"|(?P<packw>упаковка|уп\.)|(?P<setw>набор|комплект)"  # these only with a count word: `набор 3 шт`
    r")[ :]*$",
    re.IGNORECASE,
)
_PREFIX_ENDS = ("of", "de", "mit", "aus", "da", "из", "من", "упаковка", "уп.", "набор", "комплект")
_PREFIX_LAST = frozenset(end[-1] for end in _PREFIX_ENDS)

# --- context around a number --------------------------------------------------------------
_WINDOW = 28
# What the words just before a number say about it, looked up by the last one to three words
# of a short window (a dict lookup, not a regex search, on the path every number takes).
# A quantity after these is not the quantity sold: `per 100 g`, `Кастрюля на 3 л`, `lid for 3 l jar`,
# `до 120 кг`, `ab 3 Stück`, `shipping weight 1.2 kg`.
_NOT_SOLD_AFTER = frozenset(
    "per pro pour por every in for für fur para from over under above below bis ab dès desde hasta"
    " jusqu'à jusqu’à до на в для от мин мин. более свыше لكل حتى versandgewicht bruttogewicht paketgewicht".split()
)
_NOT_SOLD_AFTER_PHRASES = frozenset((
    "up to", "bis zu", "less than", "more than", "не менее", "не более", "около до",
    "shipping weight", "package weight", "packaging weight", "gross weight", "parcel weight", "poids brut",
    "peso bruto", "вес упаковки", "вес брутто", "вес посылки", "вес с упаковкой",
))
_NOT_SOLD_AFTER_MEASURE = frozenset("max max. maximum min min. minimum".split())  # `max 5 kg` (not `Pro Max 3 шт`)
_NOT_SOLD_AFTER_CJK = ("适用", "適用", "最大", "最多", "毛重", "包装重量", "まで")
_LINK_WORDS = frozenset("по je jeweils à á zu".split())  # a multipack's "each": `6 банок по 0,5 л`
_OR_WORDS = frozenset("or или oder ou o ó".split())
_RANGE_MARKS = "-–—/~～至到"
_LABELS = frozenset(  # a number that belongs to the word before it: `SPF 50 50 ml`, `No 5 50 ml`, `EU 38`
    "spf pa eu us uk fr it № # n° nº no no. nr nr. номер series серия size размер gr. größe taille talla"
    " model модель art. арт. ip".split()
)
_OPEN = "([{«\"'„“"


def _last_words(w: str) -> list[str]:
    return [word.lstrip(_OPEN) for word in w.rstrip(" :").lower().split()[-3:]]


def _not_sold(w: str, measure: bool) -> bool:
    """Do the words before a number say it is not what the listing sells?"""
    if w[-1:] == "/" and w[-2:-1].isalpha():
        return True  # kcal/100 g
    tail = w.rstrip(" :")
    if not tail:
        return False
    if tail[-1] in "≤<>≥" or "每" in w[-2:] or tail.endswith(_NOT_SOLD_AFTER_CJK):
        return True
    words = _last_words(w)
    if not words:
        return False
    if words[-1] in _NOT_SOLD_AFTER or (measure and words[-1] in _NOT_SOLD_AFTER_MEASURE):
        return True
    return " ".join(words[-2:]) in _NOT_SOLD_AFTER_PHRASES or " ".join(words) in _NOT_SOLD_AFTER_PHRASES


def _range_before(w: str) -> str | None:
    """`range` for `50-100 ml`, `9–14 кг`, `50~100ml` (a span, never what is sold: a diaper's
    `9-14 кг` is the baby's weight); `alternatives` for `50/100 мл`, `30 or 50 ml` (one of
    several sizes: unclear which)."""
    tail = w.rstrip(" ")
    last = tail[-1:]
    if last and last in _RANGE_MARKS:
        if not tail[:-1].rstrip(" ")[-1:].isdigit():
            return None
        return "alternatives" if last == "/" else "range"
    words = tail.lower().split()
    if len(words) >= 2 and words[-1] in _OR_WORDS and words[-2][-1:].isdigit():
        return "alternatives"
    return None


def _linked(w: str) -> bool:
    words = w.rstrip(" ").lower().split()
    return bool(words) and words[-1] in _LINK_WORDS


def _labelled(w: str) -> bool:
    words = _last_words(w)
    return bool(words) and words[-1] in _LABELS


def _in_one(w: str) -> bool:
    """The 1 of `2 in 1`, `2 в 1`, `3-in-1`."""
    return re.search(r"[0-9][ -]?(?:in|в|en|em|dans)[ -]?$", w, re.IGNORECASE) is not None


_X_BEFORE = re.compile(r"([x×хX*])[ ]{0,2}$")
_X_AFTER = re.compile(r"[ ]{0,2}[x×хXХ*][ ]{0,2}(?=[0-9])")
_DIMENSION_AFTER = re.compile(
    r"[ ]{0,2}(?:[x×хXХ*][ ]{0,2}[0-9]|(?:cm|mm|m|in|inch(?:es)?|см|мм|м)" + _NOT_LETTER_AFTER + r"|[\"″”]|厘米|毫米|米)",
    re.IGNORECASE,
)
_RATE_AFTER = re.compile(r"[ ]?/[ ]?[^\W\d_]|/[0-9]")  # 80 г/м², 5 mg/ml, 25ml/片, 5 г/100 г (not `3.4 oz / 100 ml`)
_EACH_AFTER = re.compile(r"[ ,]*(?:each|jeweils|chacun|chacune|cada[ ]+un[oa]|каждый|каждая|каждое)" + _NOT_LETTER_AFTER,
                         re.IGNORECASE)
_SIZE_CONTEXT = re.compile(r"サイズ|size|размер|größe|taille|talla|(?<![a-z])(?:s|m|ll|xl|xxl)(?![a-z])")
# A container or an appliance: its litres are what it holds, not what is sold (one kettle, whatever
# its 0.5 l or 1.7 l; a 0.5 l travel kettle is not dear against 1.7 l ones per 100 ml). Its kilograms
# are a load (a washing machine's 7 kg). Looked for once per text, only when it states a volume or mass.
_CAPACITY_STEMS = (  # word beginnings (`кружк` is кружка, кружки, кружкой)
    "кружк чашк стакан термос термокружк чайник кастрюл сковород ковш кувшин графин рюкзак чемодан сумк холодильник"
    " морозильн мультиварк пароварк кофеварк фритюрниц аэрогрил блендер увлажнител аквариум контейнер ланчбокс"
    " ланч-бокс фляг фляжк бидон tumbler thermos kettle saucepan stockpot cooker fryer backpack rucksack suitcase"
    " luggage fridge refrigerator freezer pitcher carafe container lunchbox aquarium humidifier blender dispenser"
    " capacity becher thermoskanne wasserkocher kochtopf pfanne koffer kühlschrank trinkflasche behälter bouilloire"
    " casserole valise réfrigérateur gourde hervidor mochila maleta nevera frigorífico jarra"
    " كوب ترمس غلاية حقيبة ثلاجة"
).split() + ["бутылка для", "бутылки для", "ёмкость для", "емкость для", "lunch box", "water bottle", "sac à dos"]
_CAPACITY_WORDS = "mug mugs flask flasks jug jugs tasse taza termo olla".split()  # whole words only
_CAPACITY_CJK = "保温 水杯 杯子 水壶 热水壶 电水壶 锅 背包 书包 行李箱 冰箱 饭盒 收纳 マグ タンブラー 水筒 ケトル 鍋 リュック スーツケース 冷蔵庫".split()
_LOAD_STEMS = "загрузк нагрузк грузоподъ стиральн washer payload waschmaschine beladung lave-linge lavadora".split() \
    + ["washing machine"]
_LOAD_CJK = "洗衣机 承重 荷重 洗濯機".split()


def _words_test(stems: list[str], words: list[str], cjk: list[str]):
    """A test of a lowercased text for a word beginning with one of `stems`, one of `words` whole, or
    one of `cjk` anywhere. One case-sensitive trie (IGNORECASE would try every branch at every place);
    where a match starts a word is checked here."""
    pattern = re.compile(_trie(stems + words + cjk))
    whole, anywhere = frozenset(words), frozenset(cjk)

    def test(low: str) -> bool:
        for m in pattern.finditer(low):
            start, end, found = m.start(), m.end(), m.group()
            if found in anywhere:
                return True
            if start and low[start - 1].isalpha():
                continue
            if found in whole and low[end:end + 1].isalpha():
                continue
            return True
        return False

    return test


_HOLDS = _words_test(_CAPACITY_STEMS, _CAPACITY_WORDS, _CAPACITY_CJK)
_CARRIES = _words_test(_LOAD_STEMS, ["load"], _LOAD_CJK)
_NETWORK_CONTEXT = re.compile(r"lte|wi-?fi|phone|смартфон|телефон|модем|router|роутер|手机|(?<![a-z])sim(?![a-z])|network|сеть")

# --- gaps between a count and a measure ---------------------------------------------------
_WORD = r"[^\W\d_]++(?:[-'’][^\W\d_]++)*+"
_SIGN_GAP = re.compile(r"[ ]{0,2}[x×хXХ*][ ]{0,2}")
_STRONG_GAP = re.compile(f"[ ]*(?:{_WORD}[ ,]+){{0,3}}?(?:по|je|jeweils|zu[ ]+je|zu|à|á|each|@)[ ]*", re.IGNORECASE)
_WEAK_GAP = re.compile(f"[ ]*(?:{_WORD}[ ,]+){{0,3}}?(?:of|de|da|di|von|del|des|du)[ ]*", re.IGNORECASE)
_WORDS_GAP = re.compile(f"[ ,;:()–-]*(?:{_WORD}[ ,;:()–-]+){{0,3}}")
_PACK_NOUN_PATTERN = _trie(_PACK_NOUNS)
_PACK_GAP = re.compile(f"[ ,;:()\\[\\]/–-]*(?:{_PACK_NOUN_PATTERN}(?![^\\W\\d_])[ ,;:()\\[\\]/–-]*){{0,2}}",
                       re.IGNORECASE)
_PACK_NOUN = re.compile(f"(?<![^\\W\\d_])(?:{_trie(_PACK_NOUNS + ['pcs', 'шт', 'штук'])})(?![^\\W\\d_])",
                        re.IGNORECASE)
_TIMES_GAP = re.compile(f"[ ,;:()\\[\\]/–-]*(?:{_WORD}[ ,;:()\\[\\]/–-]*){{0,2}}")  # 330 ml can x 24, 500mlペットボトル×24本
_PLUS_GAP = re.compile(f"[ ]*(?:{_WORD}[ ]+){{0,2}}?\\+[ ]*(?:{_WORD}[ ]+){{0,3}}", re.IGNORECASE)


@dataclass(slots=True)
class _Token:
    kind: str  # "measure", "count", "bare" (an integer alone) or "fraction" (a non-integer alone)
    start: int
    end: int
    value: Decimal  # base-unit amount of a measure; the number of a count or bare number
    dimension: str = COUNT
    sub: str = ""  # a count's kind: pack, set, pieces, times (`x 12`)
    mult: bool = False  # a bare number followed by a multiplication sign and a number
    link: bool = False  # a measure after `по`/`je`/`à`: only a multipack's part
    each: bool = False  # a measure followed by `each`
    imperial: bool = False
    bare_oz: bool = False  # `oz` without `fl`: may be a fluid ounce
    ambiguous: bool = False


@dataclass(slots=True)
class _Mention:
    dimension: str
    amount: Decimal
    start: int
    end: int
    multiplier: Decimal | None = None
    imperial: bool = False
    bare_oz: bool = False
    ambiguous: bool = False


class _Context:
    """Whole-text facts asked for by some numbers, found once per text (a 100 KB `2L 2L …` stays linear)."""

    __slots__ = ("text", "_found")

    def __init__(self, text: str):
        self.text = text
        self._found: dict[str, bool] = {}

    def has(self, name: str, test) -> bool:
        """Does the text pass `test` (a pattern to search for, or a function of the lowercased text)?"""
        if name not in self._found:
            low = _lower(self.text)
            self._found[name] = test.search(low) is not None if isinstance(test, re.Pattern) else test(low)
        return self._found[name]


def _lower(t: str) -> str:
    """`t` lowercased character for character (`İ` would lengthen it: such characters stay as they are)."""
    low = t.lower()
    if len(low) == len(t):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in t)


_MAX_DIGITS = 15  # longer runs of digits are codes, never quantities


def _tokens(t: str, lang: str | None, *, field: bool = False) -> list[_Token]:
    tokens: list[_Token] = []
    measure_ends: set[int] = set()
    ctx = None
    for m in _NUM.finditer(t):
        s, e = m.span()
        if e - s > _MAX_DIGITS:
            continue
        raw = m.group()
        # What may begin a unit or a count word, looked at before the pattern is: most numbers
        # are followed by a space and a word no spelling begins with, or by punctuation.
        c = t[e:e + 1]
        if c == " " or c == "-":
            c = t[e + 1:e + 2]
            if c == " ":
                c = t[e + 2:e + 3]
        if c.lower() in _FIRST_LETTERS and (not field or _FIELD_UNIT.match(t, e) is None):
            am = _after(t, e)
        else:
            am = None
        if am is None and not field and raw.isdigit():
            # The common case, a whole number with no unit or count word after it (`iPhone 15`),
            # decided by the character before it: a count only after a sign or a word like `of`.
            k = s
            while k and t[k - 1] in " :":
                k -= 1
            last = t[k - 1:k]
            if not last or last not in _SIGNS and (
                    last.lower() not in _PREFIX_LAST or not t[max(0, k - 12):k].lower().endswith(_PREFIX_ENDS)):
                # A bare number: kept only to multiply a measure after it (`2 x 50 ml`, `3 по 50 мл`)
                # or to make it unclear (`24 330 ml`), so only when a digit follows.
                ahead = _BARE_AHEAD.match(t, e)
                if ahead is not None:
                    tokens.append(_Token("bare", s, e, Decimal(raw), mult=ahead.group("x") is not None))
                continue
        w = t[max(0, s - _WINDOW):s]
        parsed = (Decimal(raw), True) if raw.isdigit() else _number(raw, lang)
        if field and parsed is not None and (fm := _FIELD_UNIT.match(t, e)) is not None:
            dimension, factor = _FIELD_ONLY_UNITS[fm.group(1).lower()]
            value, whole = parsed
            if value > 0 and (whole or dimension != COUNT):
                tokens.append(_Token("measure" if dimension != COUNT else "count", s, fm.end(), _plain(value * factor),
                                     dimension, sub="pieces", imperial=dimension != COUNT))
            continue
        if am is not None and am.unit is not None:
            if ctx is None:
                ctx = _Context(t)
            token = _measure(t, w, s, am, parsed, ctx)
            if token is not None:
                tokens.append(token)
                measure_ends.add(token.end)
            continue
        if parsed is None:
            if am is not None:
                tokens.append(_Token("count", s, e, Decimal(1), sub="pieces", ambiguous=True))
            continue
        value, whole = parsed
        if not whole or value == 0:
            if _X_AFTER.match(t, e):
                tokens.append(_Token("fraction", s, e, value, mult=True))
            continue
        token = _count(t, w, s, e, value, am, measure_ends)
        if token is not None:
            tokens.append(token)
    if not t.isascii() and _CJK_NUM.search(t) is not None:
        for m in _CJK_NUM.finditer(t):
            token = _cjk_token(t, t[max(0, m.start() - 2):m.start()], m.start(), m.end(), m.group())
            if token is not None:
                tokens.append(token)
        tokens.sort(key=lambda token: token.start)
    return tokens


def _measure(t: str, w: str, s: int, um: _After, parsed: tuple[Decimal, bool] | None,
             ctx: _Context) -> _Token | None:
    unit = um.unit
    if unit == "G":
        return None  # 5G, 4G, 8G+128G (memory); grams are written g
    spelling = unit.lower()
    dimension, factor = _UNITS[spelling]
    not_before = _UNIT_NOT_BEFORE.get(spelling)
    if not_before is not None and not_before.match(t, um.end):
        return None
    if parsed is None:
        return _Token("measure", s, um.end, Decimal(1), dimension, ambiguous=True)
    value, whole = parsed
    if value <= 0 or _RATE_AFTER.match(t, um.end) or _not_sold(w, True):
        return None
    if whole and value < 2200:
        n, spaced = int(value), um.spaced
        if spelling == "г" and 1900 <= n <= 2100:
            return None  # 2024 г. is a year
        if not spaced and unit == "g" and 2 <= n <= 6 and ctx.has("network", _NETWORK_CONTEXT):
            return None  # 5g wifi
        if not spaced and unit == "L" and 2 <= n <= 9 and ctx.has("size", _SIZE_CONTEXT):
            return None  # Japanese clothing sizes 3L, 4L
    span = _range_before(w)
    if span == "range":
        return None
    if dimension == VOLUME and ctx.has("holds", _HOLDS) or dimension == MASS and ctx.has("carries", _CARRIES):
        return None
    token = _Token("measure", s, um.end, _plain(value * factor), dimension, imperial=spelling in _IMPERIAL,
                   bare_oz=spelling in _BARE_OZ)
    if span is not None:
        token.ambiguous = True
    elif _linked(w):
        token.link = True
    if _EACH_AFTER.match(t, um.end):
        token.each = True
    return token


def _count(t: str, w: str, s: int, e: int, value: Decimal, cm: _After | None, measure_ends: set[int]) -> _Token | None:
    """A whole number without a unit: a count (`3 шт`, `set of 3`, `x12`), or a bare number that may
    multiply a measure after it (`2 x 50 ml`, `3 по 50 мл`) or make it unclear (`24 330 ml`)."""
    kind = None
    end = e
    if cm is not None:
        word = cm.word
        kind = _COUNT_WORDS[word.lower()]
        end = cm.end
        if word[0] > "\u06ff":  # a Chinese, Japanese or Korean classifier
            if w[-1:] in _CJK_NOT_BEFORE or "每" in w[-2:] or _CJK_NOT_AFTER.match(t, end):
                return None
    tail = w.rstrip(" :")
    last = tail[-1:]
    if last.lower() in _PREFIX_LAST and tail.lower().endswith(_PREFIX_ENDS):
        pm = _PREFIX.search(w)
        if pm is not None and (pm.lastgroup in ("pack", "set") or cm is not None):
            if kind in (None, "pieces"):
                kind = "pack" if pm.lastgroup in ("pack", "packw") else "set"
            return _Token("count", s - (len(w) - pm.start()), end, value, sub=kind)
    if last in _SIGNS:
        times = _times(t, w, s, end, measure_ends)
        if times is not None:
            return _Token("count", times, end, value, sub="times") if times >= 0 else None
    if cm is not None:
        span = _range_before(w)
        if span == "range" or _not_sold(w, False):
            return None
        return _Token("count", s, end, value, sub=kind, ambiguous=span is not None)
    mult = _X_AFTER.match(t, e) is not None
    if not mult and _DIGIT.search(t, e, e + _WINDOW) is None:
        return None  # no measure follows for it to multiply or make unclear
    return _Token("bare", s, e, value, mult=mult)


_SIGNS = "x×хX*"
_DIGIT = re.compile(r"[0-9]")


def _times(t: str, w: str, s: int, end: int, measure_ends: set[int]) -> int | None:
    """Where `x 12` starts when the number after a multiplication sign is a count (`x12`, `× 12`,
    `330ml*24罐`, `50 ml x 2`); -1 when the sign makes it no quantity (`89 x 89 cm`); None when
    there is no such sign."""
    xm = _X_BEFORE.search(w)
    if xm is None:
        return None
    before = w[:xm.start()]
    kept = before.rstrip()
    sign = xm.group(1)
    after_measure = s - len(w) + len(kept) in measure_ends
    standalone = (
        not kept[-1:].isdigit() and sign != "X"
        and (sign in "×*" or not before[-1:] or not before[-1].isalpha() or before[-1] > "\u06ff")
        and not kept.lower().endswith(("pcie", "pci-e"))
    )
    if not (after_measure or standalone):
        return None
    if _DIMENSION_AFTER.match(t, end) or _range_before(before) is not None:
        return -1
    return s - (len(w) - xm.start())


def _cjk_token(t: str, w: str, s: int, e: int, numeral: str) -> _Token | None:
    n = _cjk_int(numeral)
    if n is None or w[-1:] in _CJK_NOT_BEFORE:
        return None
    cm = _CJK_COUNT_WORD.match(t, e)
    if cm is not None:
        return _Token("count", s, cm.end(), Decimal(n), sub=cm.lastgroup)
    um = re.match(r"(?P<u>斤|公斤|千克|升)[装裝]", t[e:e + 3])  # 五斤装, 两升装
    if um is not None:
        factor = {"斤": Decimal(500), "升": _THOUSAND}.get(um.group("u"), _THOUSAND)
        return _Token("measure", s, e + len(um.group("u")), Decimal(n) * factor, VOLUME if um.group("u") == "升" else MASS)
    return None


# --- from tokens to mentions --------------------------------------------------------------
def _joins_before(t: str, a: _Token, gap: str, b: _Token) -> bool:
    """Does count (or bare number) `a` multiply measure `b` (`2 x 50 ml`, `6 банок по 0,5 л`)?"""
    if a.kind == "bare" and a.mult or a.kind == "count":
        if _SIGN_GAP.fullmatch(gap):
            return True
    if _STRONG_GAP.fullmatch(gap):
        return True
    if _WEAK_GAP.fullmatch(gap) and (a.kind == "count" or _PACK_NOUN.search(gap)):
        return True
    if b.each and _WORDS_GAP.fullmatch(gap):
        return True
    return a.kind == "count" and a.sub == "pack" and _PACK_GAP.fullmatch(gap) is not None


def _bare_before(t: str, a: _Token, gap: str) -> bool:
    """A bare number just before a quantity (`24 330 ml`): unclear, unless it is `№5` or the 1 of `2 in 1`."""
    if a.mult or not gap or gap.strip(" "):
        return False
    w = t[max(0, a.start - 12):a.start]
    return not _labelled(w) and not (a.value == 1 and _in_one(w))


def _mentions(t: str, tokens: list[_Token]) -> list[_Mention]:
    if not tokens:
        return []
    out: list[_Mention] = []
    i, n = 0, len(tokens)
    while i < n:
        a = tokens[i]
        b = tokens[i + 1] if i + 1 < n else None
        if b is not None:
            gap = t[a.end:b.start]
            if a.kind in ("count", "bare") and b.kind == "measure" and not b.ambiguous and _joins_before(t, a, gap, b):
                out.append(_Mention(b.dimension, _plain(a.value * b.value), a.start, b.end, a.value,
                                    b.imperial, False, a.ambiguous))
                i += 2
                continue
            if a.kind == "measure" and b.kind == "count" and not a.link and (
                    b.sub == "pack" and _PACK_GAP.fullmatch(gap) or b.sub == "times" and _TIMES_GAP.fullmatch(gap)):
                out.append(_Mention(a.dimension, _plain(a.value * b.value), a.start, b.end, b.value,
                                    a.imperial, False, a.ambiguous or b.ambiguous))
                i += 2
                continue
            if a.kind == "fraction" and b.kind == "measure" and _SIGN_GAP.fullmatch(gap):
                b.ambiguous = True  # 1,5 x 2 l
            elif a.kind == "bare" and b.kind == "measure" and _bare_before(t, a, gap):
                b.ambiguous = True
        if a.kind == "measure" and not a.link:
            out.append(_Mention(a.dimension, a.value, a.start, a.end, None, a.imperial, a.bare_oz, a.ambiguous))
        elif a.kind == "count":
            out.append(_Mention(COUNT, a.value, a.start, a.end, None, ambiguous=a.ambiguous))
        i += 1
    # `50 ml + 15 ml gift`: one quantity, the sum.
    summed: list[_Mention] = []
    for m in out:
        last = summed[-1] if summed else None
        if last is not None and last.dimension == m.dimension and _PLUS_GAP.fullmatch(t[last.end:m.start]):
            summed[-1] = _Mention(m.dimension, _plain(last.amount + m.amount), last.start, m.end, None,
                                  last.imperial or m.imperial, False, last.ambiguous or m.ambiguous)
        else:
            summed.append(m)
    return summed


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) * 50 <= max(a, b)  # within 2%


def _choose(mentions: list[_Mention]) -> _Mention | None:
    if not mentions or any(m.ambiguous for m in mentions):
        return None
    measures = [m for m in mentions if m.dimension != COUNT]
    volumes = [m.amount for m in measures if m.dimension == VOLUME]
    if volumes:  # 3.4 oz / 100 ml: the ounce is a fluid ounce, the same quantity
        measures = [m for m in measures
                    if not (m.bare_oz and any(_close(m.amount / OZ_G * FL_OZ_ML, v) for v in volumes))]
    distinct: list[_Mention] = []
    for m in measures:
        same = next((k for k, d in enumerate(distinct) if d.dimension == m.dimension and _close(d.amount, m.amount)), None)
        if same is None:
            distinct.append(m)
        elif distinct[same].imperial and not m.imperial:
            distinct[same] = m  # 12 fl oz (355 ml): the metric figure as printed
    if len(distinct) > 1:
        return None
    counts = [m for m in mentions if m.dimension == COUNT]
    if distinct:
        multipliers = {m.multiplier for m in measures if m.multiplier is not None}
        if any(c.amount != 1 and c.amount not in multipliers for c in counts):
            return None
        return distinct[0]
    several = [c for c in counts if c.amount != 1]
    if len({c.amount for c in several}) > 1:
        return None
    return several[0] if several else (counts[0] if counts else None)


def _fold(text: str) -> str:
    return text if text.isascii() or _FOLDABLE.search(text) is None else text.translate(_FOLD)


def quantities_in_text(text: str | None, locale: str | None = None) -> list[Quantity]:
    """Every quantity a text states, multipacks and `+` sums joined, in order; [] when none.

    Unclear mentions (`50/100 ml`) are left out here; `quantity_in_text` gives None for them.
    """
    if not text or _ANY_NUMERAL.search(text) is None:
        return []
    t = _fold(text)
    return [Quantity(m.dimension, m.amount, text[m.start:m.end], m.start, m.end)
            for m in _mentions(t, _tokens(t, _lang(locale))) if not m.ambiguous]


def quantity_in_text(text: str | None, locale: str | None = None) -> Quantity | None:
    """The quantity a product title or description says the listing sells; None when it says none or is unclear.

    `locale` (`ru_RU`, `de`, `en-US`) settles `1.500 kg`: 1500 in German, 1.5 in English.
    """
    if not text or _ANY_NUMERAL.search(text) is None:
        return None
    t = _fold(text)
    chosen = _choose(_mentions(t, _tokens(t, _lang(locale))))
    if chosen is None:
        return None
    return Quantity(chosen.dimension, chosen.amount, text[chosen.start:chosen.end], chosen.start, chosen.end)


def _unit_of(unit: str) -> tuple[str, Decimal] | None:
    """A unit written alone (YML `unit="мл"`, a `Unit` column): its dimension and factor."""
    key = " ".join(_fold(unit).split()).lower().rstrip(".")
    if key in _FIELD_ONLY_UNITS:
        return _FIELD_ONLY_UNITS[key]
    if key in _UNITS:
        return _UNITS[key]
    if key in _COUNT_WORDS or key + "." in _COUNT_WORDS:
        return COUNT, Decimal(1)
    return None


_PLAIN_NUMBER = re.compile(r"[0-9]+(?:[ ][0-9]{3})*(?:[.,][0-9]+)?")


def quantity_of_value(value: str | None, unit: str | None = None, locale: str | None = None) -> Quantity | None:
    """A field's quantity: `50 ml`, `1.5 l`, `750ml`, `24 шт`, `0,5 кг`, `12ct`; or `50` with unit `мл`.

    Merchant Center `unit_pricing_measure` values (`750ml`, `1.5 l`, `100g`, `12ct`, `16floz`,
    `1 qt`) and Yandex YML param values with their `unit` attribute. Read from the value
    alone, by the rules of `quantity_in_text` (plus the field units `ct` and `pt`), the span
    is the quantity's place in `value`; with a separate unit it is -1.
    """
    if value is None:
        return None
    lang = _lang(locale)
    if unit is not None and unit.strip():
        number = _fold(value.strip())
        if _PLAIN_NUMBER.fullmatch(number):
            parsed = _number(number, lang)
            found = _unit_of(unit)
            if parsed is None or found is None:
                return None
            (amount, whole), (dimension, factor) = parsed, found
            if amount <= 0 or (dimension == COUNT and not whole):
                return None
            return Quantity(dimension, _plain(amount * factor), f"{value.strip()} {unit.strip()}")
        # Otherwise the value carries its unit itself (`50 мл`, unit `мл`): read it alone.
    if _ANY_NUMERAL.search(value) is None:
        return None
    t = _fold(value)
    chosen = _choose(_mentions(t, _tokens(t, lang, field=True)))
    if chosen is None:
        return None
    return Quantity(chosen.dimension, chosen.amount, value[chosen.start:chosen.end], chosen.start, chosen.end)


# --- numbers with a unit, sold or not -------------------------------------------------------
# Units that say what a number measures without being a quantity sold: lengths and sizes, power,
# memory, frequency (`150 x 220 cm`, `220 В`, `10000 mAh`, `256 GB`). `in` is left out (`2 in 1`).
_OTHER_UNITS = (
    "mm cm dm m km ft inch inches zoll мм см дм м км дюйм дюйма дюймов v w kw wh kwh mah ah hz khz mhz ghz "
    "kb mb gb tb в вт квт мач гц кгц мгц ггц кб мб гб тб"
).split()
# Piece counts written as abbreviations (`5 шт`, `12 pcs`); a count noun (`3 бутылки`) is a word.
_PIECE_ABBREVIATIONS = [w for w in _PIECES if w.rstrip(".") in (
    "pcs pc stk stck шт uds ud pzas pza pz".split())] + ["pk", "pck"]
_ANY_UNIT_AFTER = re.compile(
    f"[ ]{{0,2}}-?(?:{_trie([*_UNITS, *_OTHER_UNITS, *_PIECE_ABBREVIATIONS])}){_WORD_END}"
    r"(?<!в(?=[ ]?[0-9]))"  # the в of `2 в 1` is `in`, not volts
)
# A dimension chain or multiplier before a number: `150 x `, `2 × `, `30 x 40 x `.
_CHAIN_BEFORE = re.compile(r"(?:[0-9]++(?:[.,][0-9]++)?+[ ]{0,2}[x×хXХ*][ ]{0,2})+$")


def measure_spans(text: str | None) -> list[tuple[int, int]]:
    """(start, end) of every number written with a unit of measure, in order: `150g`, `300 мл`,
    `2 x 50 ml`, `150 x 220 cm`, `220 В`, `256 GB`, `5 шт`, whether or not it is what a listing sells.

    For rules that must not read a measure as something else: a unit is no word to translate, and
    the number before it is no price (`GEL 300мл`). Spans are positions in `text`.
    """
    if not text or _ANY_NUMERAL.search(text) is None:
        return []
    t = _fold(text)
    spans: list[tuple[int, int]] = []
    for m in _NUM.finditer(t):
        s, e = m.span()
        um = _ANY_UNIT_AFTER.match(_lower(t[e:e + _AFTER_SPAN]))
        if um is None:
            continue
        chain = _CHAIN_BEFORE.search(t, max(0, s - _WINDOW), s)
        start = chain.start() if chain is not None else s
        if spans and start < spans[-1][1]:
            start = spans.pop()[0]
        spans.append((start, e + um.end()))
    return spans
