from __future__ import annotations

from listing_lint.rule import ListingRule, Option, Problem
from listing_lint_rules.translation import analysis, is_copy, language_name, pairs, text_loc, what


class Untranslated(ListingRule):
    """A target text is a copy of the source text, never translated.

    ## What it does
    Flags a target-locale `title` or `description` that equals the source-locale text
    once letter case, spacing, punctuation, numbers and `keep_terms` are set aside.
    Measures, sizes and model codes are no words to translate either: `150g`,
    `300 мл`, `150 x 220 cm`, `128 ГБ`, `SM-G991B` are left out of the comparison and
    of the word counts below.
    Between languages written in the same alphabet (English and German), a one-word
    text is let through: words such as "Jeans" or "Poncho" are the same in both, and
    so is "Raffaello 150g".
    A source text without a single word in its language's alphabet, once `keep_terms`
    are set aside, cannot be untranslated: "Nike Air Max 90" or "Pringles Prawn
    Cocktail 165 г" reads the same in a Russian and an English title.

    ## Why it matters
    A buyer in the target market sees the seller's language: a Russian title on an
    English storefront is unreadable, and marketplace search never matches it.

    ## Example
    Fails (the English title is the Russian one):
    ```yaml
    - id: RU-VAL-002
      title: {ru: "Валенки ручной валки с вышивкой", en: "Валенки ручной валки с вышивкой"}
    ```
    Passes:
    ```yaml
    - id: RU-VAL-002
      title: {ru: "Валенки ручной валки с вышивкой", en: "Hand-felted embroidered valenki"}
    ```

    ## How to fix
    Translate the text. Names that really stay the same in every language (brands,
    places, model codes) go in `keep_terms` in the config.
    """

    code = "T002"
    name = "untranslated"
    severity = "error"
    options = (
        Option("min_words_same_script", 2,
               "between languages of one alphabet, how many words a copied text needs before it is flagged"),
    )

    def check(self, listing, ctx):
        from listing_lint.language.scripts import scripts_of_language, word_script

        for pair in pairs(listing, ctx):
            if not is_copy(pair, ctx):
                continue
            source_scripts = scripts_of_language(pair.source.language) or frozenset()
            if source_scripts and not any(
                    word_script(w) in source_scripts for w in analysis(pair.source.value, ctx).words):
                continue  # only brand or model names in Latin letters: nothing to translate
            same_script = source_scripts & (scripts_of_language(pair.target.language) or frozenset())
            if same_script and len(analysis(pair.target.value, ctx).words) < self.opts["min_words_same_script"]:
                continue
            source_name = language_name(pair.source.language)
            yield Problem(
                f"{what(pair.target)} is the {source_name} text copied, not translated",
                field=pair.target.field,
                loc=text_loc(ctx, pair.target),
                data={"locale": pair.target.locale, "source_locale": pair.source.locale},
            )
