"""Numbers in running text, read the way the text's locale writes them.

`1 000,5` (Russian, French), `1.000,5` (German) and `1,000.5` (English) are the
same number; `125×125` and `125 x 125` hold the same two. A size that changes in
translation is a different product, so the numbers are compared as values.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

# Group separators: space, no-break space, narrow no-break space, thin space, apostrophe (Swiss).
_GROUP_CHARS = " \u00a0\u202f\u2009'’"
_NUMBER_RE = re.compile(
    r"(?<![\d.,])"
    r"(\d{1,3}(?:[ \u00a0\u202f\u2009'’]\d{3})+(?:[.,]\d+)?"  # 1 000 / 1 000,5
    r"|\d+(?:[.,]\d+)*)"  # 1000 / 1,000.5 / 1.000,5 / 12.5
    r"(?![\d])"
)
# Languages that write the decimal point as a dot; the others use a comma.
_DOT_DECIMAL = frozenset("en zh ja ko he th ms hi ga mt sw tl".split())


def decimal_mark(lang: str) -> str:
    return "." if lang in _DOT_DECIMAL else ","


def parse_number(token: str, lang: str) -> Decimal:
    """The value of one number token as written in `lang`."""
    token = re.sub(f"[{_GROUP_CHARS}]", "", token)
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
    if len(parts) > 2 or (grouped and mark != decimal_mark(lang)):
        # 1,000,000 (several marks can only be groups), or 1,000 in English / 1.000 in German.
        return Decimal("".join(parts))
    return Decimal(".".join(parts))


def numbers_in(text: str, lang: str) -> Counter:
    """The numbers of a text as values (trailing zeros dropped: 12.50 == 12.5), with how often each occurs."""
    found: Counter = Counter()
    for m in _NUMBER_RE.finditer(text):
        token = m.group(1)
        try:
            value = parse_number(token, lang)
        except ArithmeticError:
            continue
        found[value.normalize() if value else Decimal(0)] += 1
    return found


def show_number(value: Decimal) -> str:
    """`1E+3` → `1000`: values are normalised for comparison, shown plainly."""
    return format(value, "f")
