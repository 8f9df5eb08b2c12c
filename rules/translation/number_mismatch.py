from __future__ import annotations

from listing_lint.rule import ListingRule, Problem
from listing_lint_rules.translation import clean, language_name, pairs, text_loc, what


class NumberMismatch(ListingRule):
    """A number of the source text is missing or changed in the translation.

    ## What it does
    Reads the numbers of the source and target `title` and `description` the way each
    language writes them, so `1 000,5` (Russian) equals `1,000.5` (English),
    `125×125` equals `125 x 125` and the Arabic `١٢٫٥` equals `12.5`, and flags a
    target that lacks a number of its source. A number written the same in both
    texts (`10,000 ppm`) is the same number, however the two locales would read it.
    Numbers in links, tags and `keep_terms` (model codes) are not compared, nor are
    prices (a number next to a currency, `3900 рублей`, `$49`): a translation may
    rightly leave a price out, and one that quotes it in the wrong currency is C005's.

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
        from listing_lint.text.numbers import number_tokens, show_number, spelled_numbers

        for pair in pairs(listing, ctx):
            source = number_tokens(clean(pair.source.value, ctx), pair.source.language, prices=False)
            target_text = clean(pair.target.value, ctx)
            target = number_tokens(target_text, pair.target.language, prices=False)
            missing = _unmatched(source, target)
            if missing:
                # Written out in words or numerals (`Article premier`, `第一条`): there, not missing.
                missing = [n for n in missing if n not in spelled_numbers(target_text, pair.target.language)]
            if not missing:
                continue
            extra = _unmatched(target, source)
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


def _unmatched(numbers, others) -> list:
    """Values of `numbers` that `others` holds neither as a value nor written the same way."""
    values = {value for _, value in others}
    written = {token for token, _ in others}
    return sorted({value for token, value in numbers if value not in values and token not in written})
