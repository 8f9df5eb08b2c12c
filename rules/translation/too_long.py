from __future__ import annotations

from listing_lint.rule import ListingRule, Option, Problem
from listing_lint_rules.translation import text_loc, what, written_texts

# Character limits per marketplace. generic: what most marketplaces accept without
# truncation. aliexpress: its product title limit (218); the description limit is
# the generic one, AliExpress publishing no tighter one for plain text.
PRESETS = {
    "generic": {"title": 150, "description": 5000},
    "aliexpress": {"title": 218, "description": 5000},
}


class TooLong(ListingRule):
    """A title or description is longer than the marketplace accepts.

    ## What it does
    Flags a `title` or `description`, in any language, longer than the limit of the
    marketplace named by `marketplace` in the config: `generic` (title 150,
    description 5000 characters) or `aliexpress` (title 218, description 5000).
    The options `title_max` and `description_max` override a preset's limit.
    Length is counted in characters as written, tags included.

    ## Why it matters
    Marketplaces cut a long title where the limit falls, often mid-word, or reject
    the upload. Long titles are usually keyword stuffing, which search ranks down.

    ## Example
    Fails (177 characters):
    ```yaml
    - id: RU-COAT-004
      title:
        ru: "Женское зимнее пальто из шерсти с капюшоном"
        en: "Women’s winter wool coat with hood, insulated, fully lined, button front, side pockets, long, straight cut, grey, warm classic coat for cold winter weather, perfect gift for her"
    ```
    Passes:
    ```yaml
    - id: RU-COAT-004
      title: {ru: "Женское зимнее пальто из шерсти с капюшоном", en: "Women’s hooded winter wool coat, grey"}
    ```

    ## How to fix
    Shorten the text: keep what a buyer searches for (product, material, size,
    colour) and move the rest to the description.
    """

    code = "T010"
    name = "too-long"
    severity = "warning"
    options = (
        Option("title_max", None, "title limit in characters; null takes the marketplace preset's"),
        Option("description_max", None, "description limit in characters; null takes the marketplace preset's"),
    )

    def check(self, listing, ctx):
        marketplace = str(ctx.config.get("marketplace") or "generic")
        preset = PRESETS.get(marketplace)
        if preset is None:
            raise ValueError(f"unknown marketplace {marketplace!r} in the config; choose one of: "
                             + ", ".join(sorted(PRESETS)))
        for text in written_texts(listing):
            override = self.opts.get(f"{text.key}_max")
            limit = int(override) if override is not None else preset[text.key]
            length = len(text.value.strip())
            if length <= limit:
                continue
            source = "the limit you set" if override is not None else f"the {marketplace} marketplace limit"
            yield Problem(
                f"{what(text)} is {length} characters, over {source} of {limit} by {length - limit}",
                field=text.field,
                loc=text_loc(ctx, text),
                data={"length": length, "limit": limit, "marketplace": marketplace},
            )
