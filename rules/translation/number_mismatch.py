from __future__ import annotations

from listing_lint.rule import ListingRule, Problem
from listing_lint_rules.translation import clean, language_name, pairs, text_loc, what


class NumberMismatch(ListingRule):
    """A number of the source text is missing or changed in the translation.

    ## What it does
    Reads the numbers of the source and target `title` and `description` the way each
    language writes them, so `1 000,5` (Russian) equals `1,000.5` (English) and
    `125×125` equals `125 x 125`, and flags a target that lacks a number of its
    source. Numbers in links, tags and `keep_terms` (model codes) are not compared.

    ## Why it matters
    Sizes, lengths, volumes and counts are what a buyer orders by. A shawl of
    125×125 cm listed as 120 x 120 cm is a return and a bad review waiting to happen.

    ## Example
    Fails (the size changed):
    ```yaml
    - id: RU-SHAWL-005
      description: {ru: "Большой платок 125×125 см из шерсти.", en: "A large 120 x 120 cm wool shawl."}
    ```
    Passes:
    ```yaml
    - id: RU-SHAWL-005
      description: {ru: "Большой платок 125×125 см из шерсти.", en: "A large 125 x 125 cm wool shawl."}
    ```

    ## How to fix
    Copy the numbers from the source text. If the translation converts units on
    purpose (centimetres to inches), keep the source value too, or add the listing's
    `lint_ignore: [T005]`.
    """

    code = "T005"
    name = "number-mismatch"
    severity = "warning"

    def check(self, listing, ctx):
        from listing_lint.text.numbers import numbers_in, show_number

        for pair in pairs(listing, ctx):
            source = numbers_in(clean(pair.source.value, ctx), pair.source.language)
            target = numbers_in(clean(pair.target.value, ctx), pair.target.language)
            missing = sorted(set(source) - set(target))
            if not missing:
                continue
            extra = sorted(set(target) - set(source))
            shown = ", ".join(show_number(n) for n in missing)
            message = (f"{what(pair.target)} lacks {shown} from the "
                       f"{language_name(pair.source.language)} text")
            if extra:
                message += f" (it has {', '.join(show_number(n) for n in extra)} instead)"
            yield Problem(
                message,
                field=pair.target.field,
                loc=text_loc(ctx, pair.target),
                data={"missing": [show_number(n) for n in missing], "extra": [show_number(n) for n in extra]},
            )
