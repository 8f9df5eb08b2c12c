from __future__ import annotations

import unicodedata

from listing_lint.rule import CatalogRule, Problem
from listing_lint_rules.translation import is_copy, language_name, pairs, text_loc, what

# Listings named in a message, and in the finding's data, at the most: a text used by
# thousands of listings must not make every finding, and the run, grow with their number.
SHOWN_IDS = 3
DATA_IDS = 10
# Trailing signs that end a text without changing what it says.
_TRAILING = " \t\n.!?;:,…。！？；：、،؛؟"


class InconsistentTranslation(CatalogRule):
    """The same source text is translated differently in different listings.

    ## What it does
    Collects, across the whole catalog, the listings whose source `title` (or
    `description`) is the same text, once letter case, spacing and trailing punctuation
    are set aside, and compares their translations into each target locale. When they
    differ (`Шерстяной шарф` → `Wool scarf` in three listings, `Woolen muffler` in one),
    every listing with a less common translation is flagged, and the most common one is
    the suggestion; between equally common ones, the first in the catalog counts as the
    most common. Titles are compared with titles and descriptions with descriptions,
    and a value that variants of one product share counts once. A copy of the source
    text is no translation here: T002 reports it.

    ## Why it matters
    Buyers and marketplace search see one product line named two ways: the listings
    do not come up for the same query, filters and collections split, and the shop
    looks careless. It happens when listings are translated at different times, by
    different people or tools.

    ## Example
    Fails (`Woolen muffler` where the other listing says `Wool scarf`):
    ```yaml
    - {id: RU-SCARF-010, title: {ru: "Шерстяной шарф", en: "Wool scarf"}, price: 1900 RUB}
    - {id: RU-SCARF-011, title: {ru: "Шерстяной шарф", en: "Woolen muffler"}, price: 1900 RUB}
    ```
    Passes (case and a final full stop aside, one translation):
    ```yaml
    - {id: RU-SCARF-010, title: {ru: "Шерстяной шарф", en: "Wool scarf"}, price: 1900 RUB}
    - {id: RU-SCARF-011, title: {ru: "шерстяной шарф.", en: "Wool Scarf"}, price: 1900 RUB}
    ```

    ## How to fix
    Use one translation for one source text: the suggested one, or the better one in
    every listing. If the products differ, say how in the source text too.
    """

    code = "T012"
    name = "inconsistent-translation"
    severity = "warning"

    scope = "groups"

    def group_keys(self, listing, ctx):
        return [key for pair in pairs(listing, ctx) if (key := _key(pair))[2]]

    def check_group(self, listings, ctx):
        # (target locale, field, source text) → translation → the places that use it, in catalog order.
        groups: dict[tuple[str, str, str], dict[str, list]] = {}
        seen: set = set()
        for listing in listings:
            for pair in pairs(listing, ctx):
                place = (pair.target.locale, pair.source.scalar.loc, pair.target.scalar.loc)
                if place in seen:
                    continue  # a title variants share: one translation, written once
                seen.add(place)
                key = _key(pair)
                if not key[2]:
                    continue
                groups.setdefault(key, {}).setdefault(_normal(pair.target.value), []).append((listing, pair))
        for translations in groups.values():
            if len(translations) > 1:
                yield from _minorities(translations, ctx)


def _key(pair) -> tuple[str, str, str]:
    return (pair.target.locale, pair.source.key, _normal(pair.source.value))


def _minorities(translations: dict[str, list], ctx):
    """Findings on every place whose translation is not the most common one."""
    kept = {}
    for text, places in translations.items():
        places = [(listing, pair) for listing, pair in places if not is_copy(pair, ctx)]
        if places:
            kept[text] = places
    if len(kept) < 2:
        return
    majority = max(kept.values(), key=len)  # the first of the most common, in catalog order
    _, first = majority[0]
    ids = [listing.id or f"#{listing.index + 1}" for listing, _ in majority]
    named = ", ".join(ids[:SHOWN_IDS]) + (f" and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else "")
    suggestion = first.target.value.strip()
    for places in kept.values():
        if places is majority:
            continue
        for listing, pair in places:
            source_name = language_name(pair.source.language)
            others = len(places) - 1
            also = "" if not others else " (as does 1 other listing)" if others == 1 else f" (as do {others} other listings)"
            yield Problem(
                f"{what(pair.target)} translates the {source_name} «{_short(pair.source.value)}» as "
                f"«{_short(pair.target.value)}»{also}, while {_listings(len(majority))} ({named}) "
                f"{'translates' if len(majority) == 1 else 'translate'} it as «{_short(suggestion)}»",
                field=pair.target.field,
                listing=listing,
                loc=text_loc(ctx, pair.target),
                data={
                    "translation": pair.target.value.strip(),
                    "suggestion": suggestion,
                    "count": len(places),
                    "majority_count": len(majority),
                    "listings": ids[:DATA_IDS],
                    "locale": pair.target.locale,
                },
            )


def _listings(count: int) -> str:
    return "1 listing" if count == 1 else f"{count} listings"


def _normal(text: str) -> str:
    """The text as compared: case, runs of spaces and trailing punctuation aside."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split()).rstrip(_TRAILING)


def _short(text: str, limit: int = 80) -> str:
    """A text for a message: on one line, cut at `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
