from __future__ import annotations

from listing_lint.rule import ListingRule, Problem
from listing_lint_rules.translation import text_fix, text_loc, text_of, what, written_texts


class Mojibake(ListingRule):
    """Text damaged by a wrong character encoding (`Ã©`, `â€”`, `Ð¡`, `�`, `????`).

    ## What it does
    Flags a `title` or `description`, in any language, holding encoding damage:
    UTF-8 text that was read as Windows-1252, Latin-1 or Windows-1251 somewhere on
    its way (`café` → `cafÃ©`, `—` → `â€”`, `Шарф` → `Ð¨Ð°Ñ€Ñ„` or `РЁР°СЂС„`), the
    replacement character `�`, or runs of `?` where letters were. The message shows
    what the damaged text most likely was. The damage is recognised with
    [ftfy](https://ftfy.readthedocs.io), curly quotes and hyphens included: their last
    byte is one Windows-1252 leaves undefined, so `“Best”` comes out as `â€œBestâ€`
    followed by an invisible control character, or by nothing when that byte was
    dropped.

    ## Why it matters
    Garbled characters make a listing look like a scam. They come from a spreadsheet
    saved in the wrong encoding or a CSV export opened in the wrong program, and
    usually hit many listings at once.

    ## Example
    Fails:
    ```yaml
    - id: RU-SCARF-002
      description: {ru: "Шарф совсем не колется.", en: "This scarf doesnâ€™t itch at all."}
    ```
    Passes:
    ```yaml
    - id: RU-SCARF-002
      description: {ru: "Шарф совсем не колется.", en: "This scarf doesn’t itch at all."}
    ```

    ## How to fix
    `listing-lint check --fix` puts back what can be recovered (`â€”` → `—`). Runs of
    `?`, `�` and a `â€` with its last byte dropped lost the letters for good:
    re-export the catalog as UTF-8 from the original source, or retype them.
    """

    code = "T007"
    name = "mojibake"
    severity = "error"
    fixable = True

    def check(self, listing, ctx):
        from listing_lint.text.mojibake import damage_in

        for text in written_texts(listing):
            source = text_of(listing, text.key, ctx.source_locale).value if ctx.source_locale else None
            damage = damage_in(text.value, None if source == text.value else source)
            if not damage:
                continue
            shown = ", ".join(f"«{d.found}»" + _note(d) for d in damage)
            repairs = [(d.start, d.start + len(d.found), d.repaired) for d in damage if d.repaired]
            yield Problem(
                f"{what(text)} has characters garbled by a wrong text encoding: {shown}",
                field=text.field,
                loc=text_loc(ctx, text),
                data={"found": [d.found for d in damage], "repaired": [d.repaired for d in damage],
                      "kinds": [d.kind for d in damage]},
                # Only the recoverable part: `?` runs and `�` lost the letters for good.
                fix=text_fix(ctx, text, repairs, f"restore {len(repairs)} garbled piece(s) in {text.field}"),
            )


def _note(damage) -> str:
    if damage.repaired:
        return f" (probably «{damage.repaired}»)"
    if damage.kind == "lost-character":
        return " (a character is lost: retype it)"
    return ""
