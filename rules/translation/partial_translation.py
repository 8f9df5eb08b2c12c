from __future__ import annotations

from listing_lint.rule import ListingRule, Option, Problem
from listing_lint_rules.translation import clean, identifier, is_copy, language_name, pairs, text_loc, what


class PartialTranslation(ListingRule):
    """A translated text still holds words of the source language.

    ## What it does
    Where the source and target languages use different alphabets (Russian and
    English), flags a target `title` or `description` that still holds source-alphabet
    words: "Wool shawl Павлопосадский платок, blue". Names in `keep_terms` are not
    counted. A text that is mostly in the source alphabet is left to T003 (wrong
    language) or T002 (not translated at all).

    ## Why it matters
    Half-translated titles look careless, and the leftover words are unreadable to the
    buyer and invisible to the marketplace's search in the buyer's language.

    ## Example
    Fails (Russian words left in the English title):
    ```yaml
    - id: RU-SHAWL-004
      title: {ru: "Павлопосадский платок из шерсти, синий", en: "Wool shawl Павлопосадский платок, blue"}
    ```
    Passes (`Pavlovo Posad` is in `keep_terms`):
    ```yaml
    - id: RU-SHAWL-004
      title: {ru: "Павлопосадский платок из шерсти, синий", en: "Pavlovo Posad wool shawl, blue"}
    ```

    ## How to fix
    Translate the leftover words. A name that stays as written in every language goes
    in `keep_terms`.
    """

    code = "T004"
    name = "partial-translation"
    severity = "error"
    options = (Option("min_words", 1, "how many leftover source-language words make a finding"),)

    def check(self, listing, ctx):
        from listing_lint.language.scripts import scripts_of_language, word_script
        from listing_lint.text.words import WORD_RE

        ident = identifier(ctx)
        for pair in pairs(listing, ctx):
            source_scripts = scripts_of_language(pair.source.language)
            target_scripts = scripts_of_language(pair.target.language)
            if not source_scripts or not target_scripts or source_scripts & target_scripts:
                continue
            if is_copy(pair, ctx):
                continue
            text = clean(pair.target.value, ctx)
            verdict = ident.check(text, pair.target.language)
            if verdict.wrong and verdict.reason == "script":
                continue  # mostly in another alphabet: T003's finding
            runs = _runs(text, WORD_RE, lambda w: word_script(w) in source_scripts)
            count = sum(len(r.split()) for r in runs)
            if count < self.opts["min_words"]:
                continue
            shown = ", ".join(f"«{r}»" for r in runs)
            yield Problem(
                f"{what(pair.target)} still has {language_name(pair.source.language)} words: {shown}",
                field=pair.target.field,
                loc=text_loc(ctx, pair.target),
                data={"words": runs, "count": count, "source_locale": pair.source.locale},
            )


def _runs(text: str, word_re, leftover) -> list[str]:
    """Consecutive leftover words as phrases, in reading order."""
    runs: list[str] = []
    current: list[str] = []
    for m in word_re.finditer(text):
        if leftover(m.group()):
            current.append(m.group())
        elif current:
            runs.append(" ".join(current))
            current = []
    if current:
        runs.append(" ".join(current))
    return runs
