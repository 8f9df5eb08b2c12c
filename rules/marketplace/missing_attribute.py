from __future__ import annotations

from listing_lint.rule import ListingRule, Option, Problem
from listing_lint_rules.marketplace.presets import (
    Requirement, aliases, field_of, has_field, listing_categories, preset_for, requirement,
)

# What a seller calls a field, where its name alone would not say.
SAID = {"gtin": "barcode (gtin)", "mpn": "manufacturer part number (mpn)", "age_group": "age group (age_group)"}
CONFIG_SOURCE = "rules.M005.required_attributes"


class MissingAttribute(ListingRule):
    """A listing lacks an attribute the chosen marketplace requires.

    ## What it does
    Checks each listing against what the marketplace named by `marketplace` in the config
    requires, for every product or for products of some categories: with
    `marketplace: google`, a `brand`, a `gtin` or an `mpn` for every product, and a
    `color`, `gender` and `age_group` for apparel (`Apparel & Accessories`, ID 166), a
    `size` for clothing and shoes. The requirements are data, one file per marketplace
    (`data/marketplaces/*.yaml` in the package, each requirement with the page it comes
    from; the table below is built from them). A requirement is waived where the
    marketplace waives it: Merchant Center's `identifier_exists: no` for a product with
    no brand, GTIN or MPN.

    The option `required_attributes` adds your own, by category glob (`*` for every
    product): `{"Платки/*": [material], "*": [brand]}`. A category covers its
    subcategories; `>` and `/` separate them alike. Names are listing fields (`brand`,
    `gtin`, `mpn`) or attributes (`color`, or `attributes.color`); `gtin|mpn` asks for
    one of the two. An attribute is found under its name in any case and spacing
    (`Age group`) or a common other name (`colour`, `Цвет`).

    ## Why it matters
    A listing without a required attribute is disapproved or shown less: Merchant Center
    disapproves apparel without a colour, gender or age group ("Missing value [color]"),
    and limits the reach of products without identifiers. The feed passes upload, and the
    product silently never shows.

    ## Example
    With the config
    ```yaml
    marketplace: google
    ```
    this fails (a dress without a colour, gender and age group):
    ```yaml
    - {id: RU-DRESS-001, title: {ru: "Льняное платье"}, price: 6900 RUB, brand: Lenok, mpn: LD-01,
       category: "Apparel & Accessories > Clothing > Dresses", attributes: {size: M}}
    ```
    Passes:
    ```yaml
    - {id: RU-DRESS-001, title: {ru: "Льняное платье"}, price: 6900 RUB, brand: Lenok, mpn: LD-01,
       category: "Apparel & Accessories > Clothing > Dresses",
       attributes: {size: M, color: white, gender: female, age_group: adult}}
    ```

    ## How to fix
    Add the attribute (in a feed, its element or column: `g:color`, YML `<param
    name="Цвет">`). Where the product truly has none (a handmade item without a brand or
    GTIN), say so the marketplace's way: `identifier_exists: no` for Merchant Center.
    """

    code = "M005"
    name = "missing-attribute"
    severity = "error"
    options = (
        Option("required_attributes", {}, "your own requirements: category glob → attributes, "
               "`{\"*\": [brand], \"Платки/*\": [material]}`"),
    )

    @classmethod
    def doc(cls) -> str:
        from listing_lint_rules.marketplace.presets import all_presets

        rows = []
        notes = []
        for preset in all_presets():
            for req in preset.required:
                needs = ", ".join(" or ".join(f"`{a}`" for a in alts) for alts in req.attributes)
                but = f" except {req.exempt}" if req.exempt else ""
                waived = "; waived by " + ", ".join(f"`{k}: {'/'.join(sorted(v))}`" for k, v in req.unless) if req.unless else ""
                rows.append(f"| `{preset.key}` | {needs} | {req.scope}{but}{waived} | {req.source} |")
            if not preset.required:
                rows.append(f"| `{preset.key}` | none | | |")
            notes += [f"- `{preset.key}`: {n}" for n in preset.notes]
        table = "\n".join(["| marketplace | requires | for | source |", "|---|---|---|---|", *rows])
        return super().doc() + "\n\n## Requirements by marketplace\n" + table + ("\n\n" + "\n".join(notes) if notes else "")

    def check(self, listing, ctx):
        preset = preset_for(ctx)
        own = self._config_requirements(ctx)
        if not preset.required and not own:
            return
        known_aliases = ctx.run.memo("M005-aliases", aliases)
        categories = listing_categories(listing)
        attributes = listing.attributes
        reported: set[tuple[str, ...]] = set()
        for req, by in [(r, preset.name) for r in preset.required] + [(r, "your config") for r in own]:
            if not req.applies(categories, attributes):
                continue
            for alternatives in req.attributes:
                if alternatives in reported or any(has_field(listing, a, known_aliases) for a in alternatives):
                    continue
                reported.add(alternatives)
                names = [SAID.get(a, a.removeprefix("attributes.").replace("_", " ")) for a in alternatives]
                lacks = f"no {names[0]}" if len(names) == 1 else "neither " + " nor ".join(names)
                needs = "it" if len(names) == 1 else "one of them"
                yield Problem(
                    f"the listing has {lacks}; {by} requires {needs} for {req.scope}",
                    field=field_of(alternatives[0]),
                    data={"missing": list(alternatives), "marketplace": preset.key, "required_by": req.source,
                          "categories": categories},
                )

    def _config_requirements(self, ctx) -> tuple[Requirement, ...]:
        cached = getattr(self, "_own", None)
        if cached is None:
            from listing_lint.errors import ConfigError

            cached = []
            spec = self.opts["required_attributes"] or {}
            if not isinstance(spec, dict):
                raise ConfigError(f"{CONFIG_SOURCE} must be a mapping of category glob → attributes", ctx.config.path)
            for glob, names in spec.items():
                names = [names] if isinstance(names, str) else names
                if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
                    raise ConfigError(f"{CONFIG_SOURCE}.{glob} must be a list of attribute names, such as [color, size]",
                                      ctx.config.path)
                every = str(glob).strip() in ("*", "")
                scope = "every product" if every else f"products in “{glob}”"
                entry = {"attributes": names, "categories": [] if every else [str(glob)], "for": scope}
                cached.append(requirement(entry, default_source=CONFIG_SOURCE))
            cached = tuple(cached)
            self._own = cached
        return cached
