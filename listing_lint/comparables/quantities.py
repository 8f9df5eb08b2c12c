"""What a listing or a comparable item sells, as a `listing_lint.quantity.Quantity`.

A quantity stated as data wins over one read from a title: the canonical `quantity:`
(with `unit:`), Merchant Center's `unit_pricing_measure`, a feed's parameter naming a
volume, weight or count (YML `<param name="Объём" unit="мл">50</param>`); else the
first title that says one, the source language's first. None: a single item of no
stated size, which is one piece.
"""

from __future__ import annotations

import re
from typing import Iterable

# Attribute names that hold a quantity, in the languages of the feeds read (casefolded, prefix match).
_QUANTITY_ATTRIBUTES = re.compile(
    r"(unit_pricing_measure|net[ _]?(?:content|weight|volume)|volume|weight|capacity|quantity|pack(?:age)?[ _]?size|"
    r"объ[её]м|вес|масса|количество|кол-во|нетто|容量|净含量|重量|inhalt|füllmenge|gewicht|contenance|poids|"
    r"contenido|peso)",
    re.IGNORECASE,
)


def quantity_from(quantity: str | None, unit: str | None, attributes: dict[str, str],
                  titles: Iterable[str | None], locale: str | None = None):
    from listing_lint.quantity import quantity_in_text, quantity_of_value

    if quantity:
        found = quantity_of_value(quantity, unit, locale)
        if found is not None:
            return found
    titles = list(titles)
    first = next((t for t in titles if t), "")
    for name, value in attributes.items():
        if value and _QUANTITY_ATTRIBUTES.match(name.strip()):
            found = quantity_of_value(value, None, locale)
            if found is None:
                continue
            # `unit_pricing_measure` says what a price is for; a feed's `Объём` may be a kettle's
            # capacity, not what is sold: read beside the title, as the title's own guards read it.
            if name.strip().casefold() == "unit_pricing_measure" or first == "" or \
                    quantity_in_text(f"{first} {value}", locale) is not None:
                return found
    for title in titles:
        if title:
            found = quantity_in_text(title, locale)
            if found is not None:
                return found
    return None


def listing_quantity(listing, ctx):
    """The listing's quantity, worked out once per run."""
    def build():
        titles = []
        source = ctx.source_locale
        if source:
            found = listing.text("title", source)
            if found is not None:
                titles.append(found[1].text)
        titles += [s.text for s in listing.texts("title").values() if s.text not in titles]
        return quantity_from(listing.text_of("quantity"), listing.text_of("unit"), listing.attributes, titles, source)

    return ctx.run.memo(("price:quantity", id(listing)), build)
