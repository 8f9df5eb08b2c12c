from __future__ import annotations

import re

from listing_lint.model import locale_language
from listing_lint.rule import ListingRule, Option, Problem
from listing_lint_rules.marketplace.words import normal, words
from listing_lint_rules.translation import text_loc, what, written_texts

SHOWN = 40  # characters of a text quoted in a message
# What `visible_text` takes out or decodes: a text with none of it is what a buyer reads already.
_MARKUP = re.compile(r"[<&{%@]|://|www\.", re.IGNORECASE)


class PlaceholderText(ListingRule):
    """A title or description is placeholder text, not the real thing.

    ## What it does
    Flags a `title` or `description`, in any language key, that is:

    - nothing but a placeholder: `Test`, `TBD`, `Описание товара`, `Текст описания`,
      `Sample text`, `xxx`, `n/a`, `-`, one character repeated; the whole text, case and
      the punctuation around it aside, so `Test kit` or `Описание товара: тёплый шарф`
      pass;
    - dummy text anywhere in it: *Lorem ipsum*, *dolor sit amet*, the typographers'
      pangram *Съешь же ещё этих мягких французских булок*, `your text here`;
    - a writer's marker anywhere in it, in capitals: `TODO`, `TBD`, `FIXME` (in Spanish and
      Portuguese, where `TODO` means *all*, not that one);
    - an unfilled template field: `{title}`, `{{ name }}`, `%s` (option `templates`).

    The lists are data files per language (`data/words/*.yaml` in the package).

    ## Why it matters
    A listing whose title is `Test` or whose description is Lorem ipsum was uploaded
    before anyone wrote it. Marketplaces remove placeholder content, and a buyer who sees
    it no longer trusts the shop.

    ## Example
    Fails (the English description is a placeholder):
    ```yaml
    - {id: RU-SHAWL-001, price: 4500 RUB, title: {ru: "Платок", en: "Shawl"}, description: {en: "Product description"}}
    ```
    Passes:
    ```yaml
    - {id: RU-SHAWL-001, price: 4500 RUB, title: {ru: "Платок", en: "Shawl"}, description: {en: "Wool, with tassels."}}
    ```

    ## How to fix
    Write the real text, or leave the field out until it is written: a missing
    translation is reported as such (T001) and does not reach buyers as nonsense.
    """

    code = "M001"
    name = "placeholder-text"
    severity = "error"
    options = (
        Option("templates", True, "also flag unfilled template fields (`{title}`, `%s`); "
               "false when your shop software fills them in after the check"),
    )

    def check(self, listing, ctx):
        from listing_lint.text.markup import PLACEHOLDER_RE, visible_text

        lists = words(ctx)
        for text in written_texts(listing):
            raw = text.value
            language = locale_language(text.locale)
            found = None
            if self.opts["templates"] and ("{" in raw or "%" in raw) and (m := PLACEHOLDER_RE.search(raw)):
                found = ("template", m.group(), f'has an unfilled template field "{m.group()}": '
                                                 "whatever was to fill it in did not")
            else:
                visible = " ".join((visible_text(raw) if _MARKUP.search(raw) else raw).split())
                if not visible:
                    continue  # only tags or template fields: nothing a buyer reads, and not a placeholder
                if _is_placeholder(visible, lists):
                    found = ("whole", visible, f'is only "{_short(visible)}": a placeholder, not a real {text.key}')
                elif m := lists.dummy_in(visible, language):
                    found = ("dummy", m.group(), f'contains dummy text ("{_short(m.group())}")')
                elif m := lists.marker_in(visible, language):
                    found = ("marker", m.group(), f'still has the writer\'s note "{m.group()}" in it: it is unfinished')
            if found is None:
                continue
            kind, shown, says = found
            yield Problem(
                f"{what(text)} {says}",
                field=text.field,
                loc=text_loc(ctx, text),
                data={"kind": kind, "found": shown},
            )


def _is_placeholder(visible: str, lists) -> bool:
    """The whole text is a placeholder: listed, punctuation only, or one character repeated."""
    if len(visible) <= lists.longest_whole + 8 and normal(visible) in lists.placeholder_whole:
        return True
    first, count = None, 0
    for ch in visible.casefold():
        if ch.isalnum():
            if first is None:
                first = ch
            elif ch != first:
                return False  # two different letters or digits: a real text's first few characters
            count += 1
    return first is None or count >= 3


def _short(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 1].rstrip() + "…"
