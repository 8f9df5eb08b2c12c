from __future__ import annotations

from listing_lint.rule import ListingRule, Problem
from listing_lint_rules.translation import keep_terms, what, written_texts

# Alphabets whose letters look alike (Latin o, Cyrillic о, Greek ο).
_CONFUSABLE = ("Latin", "Cyrillic", "Greek")


class MixedScriptWord(ListingRule):
    """A word mixes letters of different alphabets, such as a Cyrillic `о` inside `embroidery`.

    ## What it does
    Flags a `title` or `description`, in any language, with a word whose letters come
    from more than one of the look-alike alphabets (Latin, Cyrillic, Greek):
    `embrоidery` typed with a Cyrillic `о` (U+043E), `шерстянoй` with a Latin `o`.
    The message names the odd letters and their code points. Words joined by a hyphen
    are judged apart (`Wi-Fi-роутер` is fine); `keep_terms` are skipped.

    ## Why it matters
    The word looks right but is a different string: marketplace search does not find
    "embrоidery" when a buyer types "embroidery", and some marketplaces treat such
    homoglyphs as spam. It happens when a seller switches keyboard layouts mid-word.

    ## Example
    Fails (the `о` of `embrоidery` is Cyrillic):
    ```yaml
    - id: RU-VAL-003
      description: {ru: "Валенки с ручной вышивкой.", en: "Felt valenki with hand embrоidery."}
    ```
    Passes:
    ```yaml
    - id: RU-VAL-003
      description: {ru: "Валенки с ручной вышивкой.", en: "Felt valenki with hand embroidery."}
    ```

    ## How to fix
    Retype the word with one keyboard layout.
    """

    code = "T009"
    name = "mixed-script-word"
    severity = "error"

    def check(self, listing, ctx):
        from listing_lint.text.terms import mask_terms

        terms = keep_terms(ctx)
        for text in written_texts(listing):
            mixed = _mixed_words(mask_terms(text.value, terms))
            if not mixed:
                continue
            shown = "; ".join(
                f"«{word}» has {', '.join(f'{script} «{ch}» (U+{ord(ch):04X})' for ch, script in odd)}"
                f" among {main} letters"
                for word, main, odd in mixed
            )
            yield Problem(
                f"{what(text)} has words mixing alphabets: {shown}",
                field=text.field,
                data={
                    "words": [word for word, _, _ in mixed],
                    "letters": [f"U+{ord(ch):04X}" for _, _, odd in mixed for ch, _ in odd],
                },
            )


def _mixed_words(text: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(word, its main alphabet, [(odd letter, its alphabet)]) for each word mixing alphabets."""
    from collections import Counter

    from listing_lint.language.scripts import script_of
    from listing_lint.text.words import LETTERS_RE

    found = []
    for word in dict.fromkeys(LETTERS_RE.findall(text)):
        scripts = [script_of(ch) if ch.isalpha() else None for ch in word]
        counts = Counter(s for s in scripts if s in _CONFUSABLE)
        if len(counts) < 2:
            continue
        main = max(sorted(counts), key=counts.__getitem__)
        odd = [(ch, s) for ch, s in zip(word, scripts) if s in _CONFUSABLE and s != main]
        found.append((word, main, list(dict.fromkeys(odd))))
    return found
