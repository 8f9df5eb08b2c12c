"""A comparable item, and the normal forms its match keys are compared in.

Keys are normalised once when the index is built, so a lookup is a dict access:
GTINs as 14 digits (GTIN-8/12/13/14 name the same product when left-padded with
zeros), brands, categories and attribute values case- and space-insensitively,
MPNs also without punctuation (`VK-12` = `vk 12`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from listing_lint.model import Location

_NOT_ALNUM = re.compile(r"[\W_]+")
_WORD = re.compile(r"\w+")
# Words that say nothing about what an item is; matching on them would pair a shawl with a coat.
STOP_WORDS = frozenset(
    "a an and as at by for from in is of on or the to with without new sale free "
    "и в во на с со для из по от".split()
)


@dataclass(slots=True)
class Comparable:
    """An item already on the marketplace (or another listing of the catalog), priced as written.

    `quantity` is what it sells (`listing_lint.quantity`), None for one item of no stated
    size: one piece. `benchmark` marks a price that already sums up the market (Merchant
    Center's price benchmark for a product), judged against alone.
    """

    id: str
    amount: Decimal
    currency: str
    loc: Location | None = None
    category: str | None = None
    title: str = ""
    gtin: str | None = None
    brand: str | None = None
    mpn: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    quantity: object = None
    benchmark: bool = False
    titles: tuple[str, ...] = ()  # titles in other languages, when the source has several


def norm_text(text: str | None) -> str | None:
    if text is None:
        return None
    return " ".join(text.split()).casefold() or None


# (?<!\s): a run of spaces is scanned once, not once from each of its spaces.
_CATEGORY_SEPARATOR = re.compile(r"(?<!\s)\s*(?:/|>|›|»|\|)\s*")


def norm_category(text: str | None) -> str | None:
    """`Apparel & Accessories > Scarves` = `apparel & accessories/scarves`: Google's taxonomy writes `>`."""
    text = norm_text(text)
    if text is None:
        return None
    return "/".join(p for p in _CATEGORY_SEPARATOR.split(text.strip("/> ")) if p) or None


def category_ancestors(category: str) -> list[str]:
    """`a/b/c` → [`a/b/c`, `a/b`, `a`]: a listing in a subcategory the comparables lack is
    compared within the nearest category above it that they have."""
    parts = category.split("/")
    return ["/".join(parts[:depth]) for depth in range(len(parts), 0, -1)]


def norm_gtin(text: str | None) -> str | None:
    if text is None:
        return None
    digits = "".join(ch for ch in text if ch.isdigit())
    return digits.zfill(14) if digits.strip("0") else None


def norm_mpn(text: str | None) -> str | None:
    if text is None:
        return None
    return _NOT_ALNUM.sub("", text).casefold() or None


def brand_mpn_key(brand: str | None, mpn: str | None) -> tuple[str, str] | None:
    b, m = norm_text(brand), norm_mpn(mpn)
    return (b, m) if b and m else None


def category_keys(category: str | None, attributes: dict[str, str], match_attributes: tuple[str, ...]):
    """Every (category, attribute-subset) key an item is found under.

    A listing that gives only some of the `match_attributes` is narrowed by those it
    gives, so an item is indexed under each subset of the ones it has (a few keys:
    match_attributes is short).
    """
    cat = norm_category(category)
    if cat is None:
        return []
    if not match_attributes:
        return [(cat, frozenset())]
    present = [(a, v) for a in match_attributes if (v := norm_text(attributes.get(a)))]
    return [
        (cat, frozenset(p for bit, p in enumerate(present) if mask >> bit & 1))
        for mask in range(1 << len(present))
    ]


def listing_category_key(category: str | None, attributes: dict[str, str], match_attributes: tuple[str, ...]):
    cat = norm_category(category)
    if cat is None:
        return None
    return cat, frozenset((a, v) for a in match_attributes if (v := norm_text(attributes.get(a))))


# Sizes and pack counts are what a unit price takes apart: as title words they would make a
# 1 l refill unlike the 250 ml bottle of the same shampoo.
UNIT_WORDS = frozenset(
    "ml l cl dl g gr kg mg oz lb lbs pcs pc pack set sets piece pieces ct x cm mm m "
    "мл л г гр кг мг шт уп набор см мм".split()
)


STEM = 5  # letters a word is compared by: `embroidery` = `embroidered`, `валенки` = `валенок`


def title_tokens(title: str | None) -> frozenset[str]:
    """A title's words as compared: casefolded, without filler, sizes and counts, cut to their first
    `STEM` letters (a crude stem that serves every language alike); model codes (`iphone15`) stay whole."""
    if not title:
        return frozenset()
    words = set()
    for w in _WORD.findall(title.casefold()):
        if len(w) < 2 or w in STOP_WORDS or w in UNIT_WORDS:
            continue
        if w.isalpha():
            words.add(w[:STEM])
        elif not _MEASURE.fullmatch(w):
            words.add(w)
    return frozenset(words)


_MEASURE = re.compile(r"\d+(?:[.,]\d+)?[^\W\d_]{0,3}|[^\W\d_]{0,2}\d+")  # `50`, `50ml`, `125x125`, `x12`
