from __future__ import annotations

import re

from listing_lint.rule import Fix, ListingRule, Problem, value_edits

TEXT_FIELDS = ("title", "description")
_SPACE = " \t\u00a0"
# Between two visible characters on one line: two or more spaces, or a tab.
# Line breaks and the indentation of later lines are the seller's layout, left alone.
_INNER = re.compile(r"(?<=\S)(?:[ \t\u00a0]{2,}|\t)(?=\S)")
WORDS = {"leading": "a space at the start", "trailing": "a space at the end",
         "doubled": "doubled spaces", "tab": "a tab between words"}


def stray_whitespace(value: str) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, replacement) for each stray run in `value`, in order."""
    lead = len(value) - len(value.lstrip(_SPACE))
    if lead == len(value):
        return []  # all blank: that is L001's business, not a spacing slip
    trail = len(value) - len(value.rstrip(_SPACE))
    runs = [("leading", 0, lead, "")] if lead else []
    runs += [("tab" if "\t" in m.group() else "doubled", m.start(), m.end(), " ") for m in _INNER.finditer(value)]
    if trail:
        runs.append(("trailing", len(value) - trail, len(value), ""))
    return runs


class StrayWhitespace(ListingRule):
    """A title or description has spaces at its ends, doubled spaces or tabs.

    ## What it does
    Flags leading or trailing spaces, two or more spaces in a row, and tabs inside
    the text of `title` and `description`, in every language. Line breaks are left
    alone. Offers a safe fix (`--fix`) that removes exactly those characters, when the
    text stands in the file exactly as it is read (no YAML escapes or folded lines).

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
                edits = value_edits(ctx.catalog.text_at(scalar), scalar, [(start, end, new) for _, start, end, new in runs])
                fix = Fix(edits, f"remove {_join([WORDS[w] for w in what])} in {key}.{lang}") if edits else None
                yield Problem(
                    f"the {key} in {lang} has {_join([WORDS[w] for w in what])}",
                    field=f"{key}.{lang}",
                    data={"issues": what, "fixable": fix is not None},
                    fix=fix,
                )


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
