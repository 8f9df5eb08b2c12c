from __future__ import annotations

import re

from listing_lint.rule import ListingRule, Problem
from listing_lint_rules.translation import keep_terms, text_fix, text_loc, what, written_texts

# Alphabets whose letters look alike (Latin o, Cyrillic о, Greek ο).
_CONFUSABLE = ("Latin", "Cyrillic", "Greek")
# Letters drawn the same in two alphabets: the fix swaps a stray one for its twin.
_CYRILLIC_LATIN = dict(zip("аеорсухіјѕАВЕКМНОРСТХІЈЅ", "aeopcyxijsABEKMHOPCTXIJS"))
TWINS = {
    ("Cyrillic", "Latin"): _CYRILLIC_LATIN,
    ("Latin", "Cyrillic"): {v: k for k, v in _CYRILLIC_LATIN.items()},
    ("Greek", "Latin"): dict(zip("οαΑΒΕΗΙΚΜΝΟΡΤΧΥΖ", "oaABEHIKMNOPTXYZ")),
}


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
    `listing-lint check --fix` swaps each stray letter for its twin in the word's
    alphabet (Cyrillic `о` → Latin `o`), or retype the word with one keyboard layout.
    """

    code = "T009"
    name = "mixed-script-word"
    severity = "error"
    fixable = True

    def check(self, listing, ctx):
        from listing_lint.text.terms import mask_terms

        terms = keep_terms(ctx)
        for text in written_texts(listing):
            mixed = _mixed_words(mask_terms(text.value, terms))
            if not mixed:
                continue
            shown = "; ".join(
                f"«{word}» has {', '.join(f'{script} «{ch}» (U+{ord(ch):04X})' for _, ch, script in odd)}"
                f" among {main} letters"
                for word, main, odd in mixed
            )
            swaps = [(pos, pos + 1, TWINS.get((script, main), {}).get(ch)) for _, main, odd in mixed
                     for pos, ch, script in odd]
            # A letter with no twin (Cyrillic ж in a Latin word) is a typo, not a homoglyph: no fix.
            fix = None
            if all(new for _, _, new in swaps):
                fix = text_fix(ctx, text, swaps, f"retype {len(swaps)} look-alike letter(s) in {text.field}")
            yield Problem(
                f"{what(text)} has words mixing alphabets: {shown}",
                field=text.field,
                loc=text_loc(ctx, text),
                data={
                    "words": [word for word, _, _ in mixed],
                    "letters": [f"U+{ord(ch):04X}" for _, _, odd in mixed for _, ch, _ in odd],
                },
                fix=fix,
            )


# Letters of the look-alike alphabets: a word needs one of each side before its letters are looked at
# one by one (most words are one alphabet). Single character classes: linear on any text.
_LATIN_RE = re.compile("[A-Za-z\u00c0-\u024f]")
_GREEK_RE = re.compile("[\u0370-\u03ff]")
_CYRILLIC_RE = re.compile("[\u0400-\u052f]")
_OTHER_RE = re.compile("[\u0370-\u03ff\u0400-\u052f]")


def _mixed_words(text: str) -> list[tuple[str, str, list[tuple[int, str, str]]]]:
    """(word, its main alphabet, [(position, odd letter, its alphabet)]) per word mixing alphabets."""
    if text.isascii() or not _OTHER_RE.search(text):
        return []
    from collections import Counter

    from listing_lint.language.scripts import script_of
    from listing_lint.text.words import LETTERS_RE

    found = []
    for m in LETTERS_RE.finditer(text):
        word = m.group()
        if word.isascii() or sum(1 for r in (_LATIN_RE, _GREEK_RE, _CYRILLIC_RE) if r.search(word)) < 2:
            continue
        scripts = [script_of(ch) if ch.isalpha() else None for ch in word]
        counts = Counter(s for s in scripts if s in _CONFUSABLE)
        if len(counts) < 2:
            continue
        main = max(sorted(counts), key=counts.__getitem__)
        odd = [(m.start() + i, ch, s) for i, (ch, s) in enumerate(zip(word, scripts)) if s in _CONFUSABLE and s != main]
        found.append((word, main, odd))
    return found
