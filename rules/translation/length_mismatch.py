from __future__ import annotations

from listing_lint.rule import ListingRule, Option, Problem
from listing_lint_rules.translation import language_name, pairs, text_loc, what


class LengthMismatch(ListingRule):
    """A translation is far shorter or far longer than its source.

    ## What it does
    Compares the visible length (tags and links left out, spaces collapsed) of each
    target `title` and `description` with its source, and flags a target shorter
    than `min_ratio` or longer than `max_ratio` times the source. Sources shorter than
    `min_length` characters are not judged: "Валенки" may well become "Valenki felt
    boots".

    Chinese, Japanese and Korean say in one character what takes several Latin or
    Cyrillic letters, so their lengths are counted in Latin letters: a Chinese
    character (or kanji, hanja) counts as 4, a Korean syllable as 3, a Japanese kana
    as 1.5. These weights make correct translations of the Universal Declaration of
    Human Rights between Chinese, Japanese, Korean, English and Russian come out about
    as long as each other.

    ## Why it matters
    A 360-character description reduced to "Warm wool coat." lost the material, the
    sizes and the care instructions; a translation three times as long usually holds
    text pasted from another listing.

    ## Example
    Fails (and so would "经典女式大衣。" for a Chinese translation):
    ```yaml
    - id: RU-COAT-002
      description:
        ru: "Классическое женское пальто из плотной шерстяной ткани с добавлением кашемира. Прямой силуэт, широкий пояс."
        en: "Warm wool coat."
    ```
    Passes:
    ```yaml
    - id: RU-COAT-002
      description:
        ru: "Классическое женское пальто из плотной шерстяной ткани с добавлением кашемира. Прямой силуэт, широкий пояс."
        en: "A classic women's coat in dense wool cloth with added cashmere. Straight cut, wide belt."
    ```

    ## How to fix
    Translate the whole text, and only this listing's text.
    """

    code = "T008"
    name = "length-mismatch"
    severity = "warning"
    options = (
        Option("min_ratio", 0.33, "a target shorter than this times the source (about a third) is flagged"),
        Option("max_ratio", 3.0, "a target longer than this times the source is flagged"),
        Option("min_length", 30, "sources shorter than this many characters (Latin letters' worth) are not judged"),
    )

    def check(self, listing, ctx):
        from listing_lint.text.length import collapsed, latin_length
        from listing_lint.text.markup import visible_text

        for pair in pairs(listing, ctx):
            source_text = collapsed(visible_text(pair.source.value))
            target_text = collapsed(visible_text(pair.target.value))
            source, target = latin_length(source_text), latin_length(target_text)
            if source < self.opts["min_length"] or not source:
                continue
            ratio = target / source
            if self.opts["min_ratio"] <= ratio <= self.opts["max_ratio"]:
                continue
            how = "short" if ratio < self.opts["min_ratio"] else "long"
            hint = ("part of the text may be missing" if how == "short"
                    else "text from elsewhere may have been pasted in")
            target_worth = _worth(target_text, target, pair.target.language)
            source_worth = _worth(source_text, source, pair.source.language)
            yield Problem(
                f"{what(pair.target)} is {len(target_text)} characters{target_worth}, the "
                f"{language_name(pair.source.language)} one {len(source_text)}{source_worth}: "
                f"{ratio:.2f} times as long; {hint}",
                field=pair.target.field,
                loc=text_loc(ctx, pair.target),
                data={"length": len(target_text), "source_length": len(source_text), "ratio": round(ratio, 3),
                      "latin_length": round(target, 1), "source_latin_length": round(source, 1)},
            )


def _worth(text: str, weighted: float, language: str) -> str:
    """` (as long as 112 Latin letters: a kanji counts as 4, a kana as 1.5)`, or nothing for plain text."""
    from listing_lint.language.scripts import HAN, HANGUL, HIRAGANA, KATAKANA
    from listing_lint.text.length import WEIGHTS, dense_letters

    dense = dense_letters(text)
    if not dense:
        return ""
    names = {HAN: {"ja": "a kanji", "ko": "a hanja"}.get(language, "a Chinese character"),
             HANGUL: "a Korean syllable", HIRAGANA: "a kana", KATAKANA: "a kana"}
    weights = list(dict.fromkeys((names[s], WEIGHTS[s]) for s in WEIGHTS if s in dense))
    counted = ", ".join(f"{name}{' counts' if i == 0 else ''} as {weight:g}"
                        for i, (name, weight) in enumerate(weights))
    return f" (as long as {round(weighted)} Latin letters: {counted})"
