from __future__ import annotations

import re
import unicodedata
from itertools import groupby

from listing_lint.field_names import field_name
from listing_lint.rule import Fix, ListingRule, Problem, value_edits

TEXT_FIELDS = ("title", "description")
# Invisible characters that copy-paste from web pages and spreadsheets leaves in a text. The
# zero-width joiners (U+200C, U+200D) are left alone: Persian, Indic scripts and emoji need them.
_INVISIBLE = "\u200b\u2060\ufeff"
# What may stand at the ends of a text: spaces of every kind, tabs and invisible characters.
_EDGE = " \t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))) + _INVISIBLE
# Between two visible characters on one line: two or more spaces, or a tab.
# Line breaks and the indentation of later lines are the seller's layout, left alone.
_INNER = re.compile(r"(?<=\S)(?:[ \t\u00a0]{2,}|\t)(?=\S)")
# Invisible characters inside the text, except where Thai, Lao, Tibetan, Myanmar or Khmer use
# the zero-width space between words.
_SPACED_SCRIPTS = "\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff"
_INNER_INVISIBLE = re.compile(f"(?<=[^\\s{_SPACED_SCRIPTS}])(?<![{_INVISIBLE}])[{_INVISIBLE}]+(?=[^\\s{_SPACED_SCRIPTS}])")
# Each character as a seller knows it: (one, several).
_NAMES = {
    " ": ("a space", "spaces"),
    "\t": ("a tab", "tabs"),
    "\u00a0": ("a non-breaking space", "non-breaking spaces"),
    "\u202f": ("a narrow non-breaking space", "narrow non-breaking spaces"),
    "\u3000": ("a full-width space", "full-width spaces"),
    "\u200b": ("an invisible zero-width space", "invisible zero-width spaces"),
    "\u2060": ("an invisible word joiner", "invisible word joiners"),
    "\ufeff": ("an invisible byte-order mark", "invisible byte-order marks"),
}
_PLACES = {"leading": "at the start", "trailing": "at the end", "invisible": "inside the text"}
WORDS = {"doubled": "doubled spaces", "tab": "a tab between words"}


def stray_whitespace(value: str) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, replacement) for each stray run in `value`, in order."""
    lead = len(value) - len(value.lstrip(_EDGE))
    if lead == len(value):
        return []  # all blank: that is L001's business, not a spacing slip
    trail = len(value) - len(value.rstrip(_EDGE))
    runs = [("leading", 0, lead, "")] if lead else []
    inner = [("tab" if "\t" in m.group() else "doubled", m.start(), m.end(), " ") for m in _INNER.finditer(value)]
    inner += [("invisible", m.start(), m.end(), "") for m in _INNER_INVISIBLE.finditer(value)]
    runs += sorted(inner, key=lambda run: run[1])
    if trail:
        runs.append(("trailing", len(value) - trail, len(value), ""))
    return runs


def describe(kind: str, run: str) -> str:
    """`a tab at the end`, `2 spaces and a non-breaking space at the start`, `doubled spaces`."""
    if kind in WORDS:
        return WORDS[kind]
    parts = []
    for ch, same in groupby(run):
        n = len(list(same))
        # The typographic spaces (en, em, thin, hair...) by their Unicode names.
        one, several = _NAMES.get(ch) or (f"an unusual space ({unicodedata.name(ch).lower()})",
                                          f"unusual spaces ({unicodedata.name(ch).lower()})")
        parts.append(one if n == 1 else f"{n} {several}")
    return f"{_join(parts)} {_PLACES[kind]}"


class StrayWhitespace(ListingRule):
    """A title or description has spaces at its ends, doubled spaces or tabs.

    ## What it does
    Flags leading or trailing spaces, two or more spaces in a row, and tabs inside
    the text of `title` and `description`, in every language, and invisible
    characters (zero-width space, word joiner, byte-order mark) anywhere in it. Each
    is named in the message: a space, a tab, a non-breaking space, a full-width
    (ideographic) space, an invisible zero-width space. Line breaks, a non-breaking
    space between words, a full-width space between Japanese words and the
    zero-width joiners of Persian, Indic scripts and emoji are left alone. Offers a
    safe fix (`--fix`) that removes exactly those characters, when the text stands in
    the file exactly as it is read (no YAML escapes or folded lines).

    ## Why it matters
    Spreadsheet exports and copy-paste leave stray spaces. Marketplaces show them,
    count them against title length limits, and search treats `wool  shawl` and
    `wool shawl` as different texts, so the listing matches fewer searches.

    ## Example
    Fails (two spaces, and one at the end):
    ```yaml
    - id: RU-SHAWL-001
      title: {ru: "Платок  шерстяной ", en: "Wool shawl"}
      price: 4500 RUB
    ```
    Passes:
    ```yaml
    - id: RU-SHAWL-001
      title: {ru: "Платок шерстяной", en: "Wool shawl"}
      price: 4500 RUB
    ```

    ## How to fix
    Run `listing-lint check --fix`, or delete the extra spaces by hand.
    """

    code = "L005"
    name = "whitespace"
    severity = "warning"
    fixable = True

    def check(self, listing, ctx):
        for key in TEXT_FIELDS:
            for lang, scalar in listing.texts(key).items():
                if scalar.blank:
                    continue
                runs = stray_whitespace(scalar.text)
                if not runs:
                    continue
                what = list(dict.fromkeys(kind for kind, *_ in runs))
                said = _join(list(dict.fromkeys(describe(kind, scalar.text[start:end]) for kind, start, end, _ in runs)))
                edits = value_edits(ctx.catalog.text_at(scalar), scalar,
                                    [(start, end, new) for _, start, end, new in runs])
                fix = Fix(edits, f"remove {said} in {key}.{lang}") if edits else None
                yield Problem(
                    f"{field_name(key, lang)} has {said}",
                    field=f"{key}.{lang}",
                    data={"issues": what, "fixable": fix is not None},
                    fix=fix,
                )


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
