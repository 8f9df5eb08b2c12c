from __future__ import annotations

from listing_lint.rule import ListingRule, Option, Problem
from listing_lint_rules.translation import analysis, identifier, is_copy, language_name, pairs, text_loc, what


class WrongLanguage(ListingRule):
    """A target text is in another language than its locale's.

    ## What it does
    Asks, for each target-locale `title` and `description`: is this text in the
    locale's language? The alphabet decides first: a text mostly in Cyrillic words is
    not English, however short. Where alphabets agree (English, German, Spanish...),
    a statistical detector compares the text with the plausible languages only: the
    catalog's own plus `candidate_languages` from the config. A text is flagged only
    when another language is clearly more likely and its probability reaches
    `min_confidence`, so loanwords ("Sombrero style straw hat", "Palazzo pants in
    crepe de chine") do not make an English title Spanish or Italian. A text too short
    to judge (one word, such as "Valenki") is let through, and the statistics speak
    only for texts of at least `min_words` words: on two or three words ("Summer linen
    dress") no detector is reliable, while the alphabet is. `keep_terms` are left out before
    judging.

    The detector is `language_detector` in the config: `py3langid` (default) or
    `langdetect`. A copy of the source text is left to T002, a few source words in a
    translated text to T004.

    ## Why it matters
    German pasted into an English title reads as nonsense to the buyer and is not
    found by English searches. It happens when translations are copied between
    spreadsheets or a translation tool was set to the wrong language.

    ## Example
    Fails (German in the English title):
    ```yaml
    - id: RU-SHAWL-003
      title:
        ru: "Шерстяной платок с цветочным орнаментом и бахромой"
        en: "Handgewebtes Wolltuch mit Blumenmuster und Fransen"
    ```
    Passes:
    ```yaml
    - id: RU-SHAWL-003
      title:
        ru: "Шерстяной платок с цветочным орнаментом и бахромой"
        en: "Wool shawl with a floral pattern and fringe"
    ```

    ## How to fix
    Put the text in the right language. If a word the detector stumbles on is a brand
    or place name, add it to `keep_terms`; if a language is flagged that your sellers
    never use, narrow `candidate_languages`.
    """

    code = "T003"
    name = "wrong-language"
    severity = "error"
    options = (
        Option("min_words", 4, "fewer words than this are judged by their alphabet only, never by statistics"),
        # Measured with benchmarks/langid_accuracy.py --t003: at 0.8 no loanword title of the
        # T003 rule cases is flagged (the highest, "Crochet bolero in merino", reaches 77%
        # Italian) while wrong-language sentences are still missed under 2%.
        Option("min_confidence", 0.8,
               "probability (0-1) the other language must reach among the languages considered before a "
               "text of under 7 words is flagged by statistics; lower catches more, with more false alarms "
               "on loanwords"),
    )

    def check(self, listing, ctx):
        ident = identifier(ctx)
        for pair in pairs(listing, ctx):
            if is_copy(pair, ctx):
                continue  # T002 says it better
            target = pair.target
            verdict = ident.check(analysis(target.value, ctx).cleaned, target.language, min_words=self.opts["min_words"],
                                  min_confidence=float(self.opts["min_confidence"]))
            if not verdict.wrong:
                continue
            detected = language_name(verdict.detected or "")
            expected = language_name(target.language)
            if verdict.reason == "script":
                message = (f"{what(target)} looks {detected}, not {expected}: "
                           f"{_percent(verdict.confidence)} of its words are written in another alphabet")
            else:
                message = (f"{what(target)} looks {detected} ({_percent(verdict.confidence)}), "
                           f"not {expected} ({_percent(verdict.language_confidence)})")
            yield Problem(
                message,
                field=target.field,
                loc=text_loc(ctx, target),
                data={
                    "expected": target.language,
                    "detected": verdict.detected,
                    "confidence": round(verdict.confidence, 3),
                    "evidence": verdict.reason,
                },
            )


def _percent(share: float) -> str:
    """`0.9996` → `over 99%`: a rounded 100% (or 0%) would claim a certainty no detector has."""
    if 0.99 < share < 1:
        return "over 99%"
    if 0 < share < 0.01:
        return "under 1%"
    return f"{share:.0%}"
