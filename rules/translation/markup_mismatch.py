from __future__ import annotations

from listing_lint.rule import ListingRule, Problem
from listing_lint_rules.translation import language_name, pairs, text_loc, what


class MarkupMismatch(ListingRule):
    """HTML tags, placeholders, links or e-mail addresses differ between source and translation.

    ## What it does
    Compares the HTML tags (`<b>`, `</li>`), template placeholders (`{size}`, `%s`),
    URLs and e-mail addresses of each target `title` and `description` with those of
    its source, and flags any that went missing or appeared. It also flags a target
    whose HTML is unbalanced: a tag opened and never closed, or closed and never
    opened.

    Only HTML element names make a tag: `<FABRIC SOFTENER>` is text. A tag's
    attributes are compared by name, and by value too (`href="/shop/scarves"`,
    `src`, `class`, `id`, `data-*`, `style`, `width`), except the values that are text
    for the buyer (`alt`, `title`, `placeholder`, `label`, `aria-label`...) or name the
    language (`lang`, `dir`, `hreflang`). printf placeholders are filled in by
    position: `%s ... %d` may become `%2$d ... %1$s`, not `%d ... %s`.

    ## Why it matters
    A lost `</b>` turns the rest of the description bold; a translated placeholder
    (`{размер}` → `{size}`) is printed as is instead of being filled in; a changed
    link sends buyers to the wrong page. Machine translation does all three.

    ## Example
    Fails (the closing `</b>` was lost):
    ```yaml
    - id: RU-SHAWL-006
      description:
        ru: "<p>Платок <b>ручной набивки</b> из шерсти.</p>"
        en: "<p>A <b>hand block-printed wool shawl.</p>"
    ```
    Passes:
    ```yaml
    - id: RU-SHAWL-006
      description:
        ru: "<p>Платок <b>ручной набивки</b> из шерсти.</p>"
        en: "<p>A <b>hand block-printed</b> wool shawl.</p>"
    ```

    ## How to fix
    Copy tags, placeholders, links and addresses from the source text unchanged, and
    translate only the words between them.
    """

    code = "T006"
    name = "markup-mismatch"
    severity = "error"

    def check(self, listing, ctx):
        from listing_lint.text.markup import markup_items, unbalanced_tags

        for pair in pairs(listing, ctx):
            source = markup_items(pair.source.value)
            target = markup_items(pair.target.value)
            missing = _shown(source - target, pair.source.value)
            extra = _shown(target - source, pair.target.value)
            unbalanced = unbalanced_tags(pair.target.value)
            if not (missing or extra or unbalanced):
                continue
            parts = []
            if missing:
                parts.append(f"{', '.join(missing)} of the {language_name(pair.source.language)} text "
                             f"{'is' if len(missing) == 1 else 'are'} missing")
            if extra:
                parts.append(f"{', '.join(extra)} {'is' if len(extra) == 1 else 'are'} not in the source")
            parts.extend(unbalanced)
            yield Problem(
                f"{what(pair.target)} has broken markup: " + "; ".join(parts),
                field=pair.target.field,
                loc=text_loc(ctx, pair.target),
                data={"missing": missing, "extra": extra, "unbalanced": unbalanced},
            )


def _shown(items, text: str) -> list[str]:
    """The items as the text writes them (`%s (placeholder 2)` for an unnumbered printf one), sorted."""
    from listing_lint.text.markup import placeholders

    names = dict(placeholders(text))
    return [names.get(item, item) for item in sorted(items.elements())]
