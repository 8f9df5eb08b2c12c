from __future__ import annotations

from listing_lint.rule import ListingRule, Option, Problem
from listing_lint_rules.translation import language_name, pairs, text_loc, what


class LengthMismatch(ListingRule):
    """A translation is far shorter or far longer than its source.

    ## What it does
    Compares the visible length (tags and links left out, spaces collapsed) of each
    target `title` and `description` with its source, and flags a target shorter
    than `min_ratio` or longer than `max_ratio` times the source. Sources shorter than
    `min_length` characters are not judged: "Валенки" may well become "Valenki felt
    boots".

    ## Why it matters
    A 360-character description reduced to "Warm wool coat." lost the material, the
    sizes and the care instructions; a translation three times as long usually holds
    text pasted from another listing.

    ## Example
    Fails:
    ```yaml
    - id: RU-COAT-002
      description:
        ru: "Классическое женское пальто из плотной шерстяной ткани с добавлением кашемира. Прямой силуэт, широкий пояс."
        en: "Warm wool coat."
    ```
    Passes:
    ```yaml
    - id: RU-COAT-002
      description:
        ru: "Классическое женское пальто из плотной шерстяной ткани с добавлением кашемира. Прямой силуэт, широкий пояс."
        en: "A classic women's coat in dense wool cloth with added cashmere. Straight cut, wide belt."
    ```

    ## How to fix
    Translate the whole text, and only this listing's text.
    """

    code = "T008"
    name = "length-mismatch"
    severity = "warning"
    options = (
        Option("min_ratio", 0.33, "a target shorter than this times the source (about a third) is flagged"),
        Option("max_ratio", 3.0, "a target longer than this times the source is flagged"),
        Option("min_length", 30, "sources shorter than this many characters are not judged"),
    )

    def check(self, listing, ctx):
        from listing_lint.text.markup import visible_text

        for pair in pairs(listing, ctx):
            source = len(" ".join(visible_text(pair.source.value).split()))
            target = len(" ".join(visible_text(pair.target.value).split()))
            if source < self.opts["min_length"] or not source:
                continue
            ratio = target / source
            if self.opts["min_ratio"] <= ratio <= self.opts["max_ratio"]:
                continue
            how = "short" if ratio < self.opts["min_ratio"] else "long"
            hint = ("part of the text may be missing" if how == "short"
                    else "text from elsewhere may have been pasted in")
            yield Problem(
                f"{what(pair.target)} is {target} characters, the {language_name(pair.source.language)} one "
                f"{source}: {ratio:.2f} times as long; {hint}",
                field=pair.target.field,
                loc=text_loc(ctx, pair.target),
                data={"length": target, "source_length": source, "ratio": round(ratio, 3)},
            )
