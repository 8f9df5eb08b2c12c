from __future__ import annotations

from listing_lint.rule import ListingRule, Option, Problem
from listing_lint_rules.marketplace.presets import preset_for
from listing_lint_rules.translation import text_loc, what, written_texts


class TooLong(ListingRule):
    """A title or description is longer than the marketplace accepts.

    ## What it does
    Flags a `title` or `description`, in any language, longer than the limit of the
    marketplace named by `marketplace` in the config (default `generic`: title 150,
    description 5000 characters). The limits are data, one file per marketplace
    (`data/marketplaces/*.yaml` in the `listing_lint_rules.marketplace` package), each
    with the page that publishes it; the table below is built from them. Where a
    marketplace publishes no limit, none is checked. The options `title_max` and
    `description_max` override a preset's limit. Length is counted in characters as
    written, tags included.

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
        Option("title_max", None, "title limit in characters; null takes the marketplace preset's", int),
        Option("description_max", None, "description limit in characters; null takes the marketplace preset's", int),
    )

    @classmethod
    def doc(cls) -> str:
        from listing_lint_rules.marketplace.presets import all_presets

        def cell(limit):
            return f"{limit.max:,}" if limit.max is not None else f"none ({limit.note})"

        rows = []
        for p in all_presets():
            title, description = p.limit("title"), p.limit("description")
            sources = " ".join(dict.fromkeys(s for s in (title.source, description.source) if s))
            rows.append(f"| `{p.key}` | {p.name} | {cell(title)} | {cell(description)} | {sources} |")
        table = "\n".join(["| `marketplace` | name | title | description | source |", "|---|---|---|---|---|", *rows])
        return super().doc() + "\n\n## Limits by marketplace\n" + table

    def check(self, listing, ctx):
        preset = preset_for(ctx)
        for text in written_texts(listing):
            override = self.opts.get(f"{text.key}_max")
            limit = int(override) if override is not None else preset.limit(text.key).max
            if limit is None:
                continue
            length = len(text.value.strip())
            if length <= limit:
                continue
            source = "the limit you set" if override is not None else f"the {preset.name} limit"
            yield Problem(
                f"{what(text)} is {length} characters, over {source} of {limit} by {length - limit}",
                field=text.field,
                loc=text_loc(ctx, text),
                data={"length": length, "limit": limit, "marketplace": preset.key},
            )
