"""Fields named for people, the same way in every rule's message, and advice in the file's own syntax.

`title.en` is `the English title`, `prices.USD` `the USD price`, `attributes.color`
`the attribute color`. Language names come from babel's locale data (CLDR), looked
up on first use, so every language a catalog may hold has its English name.
"""

from __future__ import annotations

from functools import lru_cache

from listing_lint.model import locale_language

_PLAIN = {"id": "the id", "price": "the price", "prices": "the prices", "currency": "the currency",
          "category": "the category", "gtin": "the GTIN", "mpn": "the model number (MPN)",
          "brand": "the brand", "group_id": "the variant group (group_id)", "attributes": "the attributes",
          "title": "the title", "description": "the description", "sale_price": "the sale price",
          "quantity": "the quantity", "unit": "the unit", "images": "the images", "url": "the URL"}


@lru_cache(maxsize=None)
def language_name(code: str) -> str:
    """`de` → `German`; a script name (`Cyrillic`) or a code babel does not know is shown as given."""
    if not code or not code.replace("_", "").replace("-", "").isalpha() or code[:1].isupper():
        return code
    try:
        from babel import Locale, UnknownLocaleError

        name = Locale.parse(locale_language(code)).get_display_name("en")
    except (ValueError, TypeError, UnknownLocaleError):
        return code
    return name or code


def field_name(path: str | None, locale: str | None = None) -> str:
    """`title.en` → `the English title`; `title` with `locale` `en_US` → `the English title`."""
    if not path:
        return "the listing"
    head, _, rest = path.partition(".")
    if head == "prices" and rest:
        return f"the {rest} price"
    if head == "attributes" and rest:
        return f"the attribute {rest}"
    if rest or locale:
        language = language_name(locale_language(rest or locale))
        if language != locale_language(rest or locale):
            return f"the {language} {head}"
    return _PLAIN.get(path, f"the field {path}")


def set_advice(reader: str, path: str, value: str) -> str:
    """How to write `path` = `value` in a file of `reader`: `prices: {USD: 63.72}` in YAML, a column in CSV."""
    if reader == "yaml":
        head, dot, rest = path.partition(".")
        return f"`{head}: {{{rest}: {value}}}`" if dot else f"`{path}: {value}`"
    if reader == "csv":
        return f"a column `{path}` holding `{value}`"
    return f"{field_name(path)} {value}"
