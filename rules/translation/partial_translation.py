from __future__ import annotations

from listing_lint.rule import ListingRule, Option, Problem
from listing_lint_rules.translation import analysis, identifier, is_copy, language_name, pairs, text_loc, what


class PartialTranslation(ListingRule):
    """A translated text still holds words or sentences of another language.

    ## What it does
    Where the source and target languages use different alphabets (Russian and
    English), flags a target `title` or `description` that still holds source-alphabet
    words: "Wool shawl Павлопосадский платок, blue". Names in `keep_terms` are not
    counted. A text that is mostly in the source alphabet is left to T003 (wrong
    language) or T002 (not translated at all).

    In a text of several sentences, each sentence's language is judged as well, in any
    pair of languages: an English care line left in a German description ("…Handstickerei.
    Size 150 x 220 cm. Wash at 40 degrees."), a Russian sentence in a Ukrainian one, an
    Italian one in English. A sentence is reported when it is in another language than the
    target's (the source's, or one of `candidate_languages`) with a probability of at least
    `min_sentence_confidence`, and has at least `min_sentence_words` words once measures,
    sizes and model codes are set aside ("Size 150 x 220 cm" is one word: too short to
    judge). Names and headings, sentences whose every word is capitalised ("Pavlovo Posad",
    "Made In Russia"), are not judged; nor a text whose whole reads as another language
    (T003's finding).

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
    Fails (an Italian care line in the English description):
    ```yaml
    - id: RU-SCARF-007
      description: {ru: "Мягкий тёплый шарф ручной вязки из мериноса. Стирать вручную.",
                    en: "A soft and warm hand-knitted merino scarf for cold days. Lavare a mano in acqua fredda."}
    ```
    Passes:
    ```yaml
    - id: RU-SCARF-007
      description: {ru: "Мягкий тёплый шарф ручной вязки из мериноса. Стирать вручную.",
                    en: "A soft and warm hand-knitted merino scarf for cold days. Hand wash in cold water."}
    ```

    ## How to fix
    Translate the leftover words and sentences. A name that stays as written in every
    language goes in `keep_terms`; if a language is reported that your sellers never use,
    narrow `candidate_languages`.
    """

    code = "T004"
    name = "partial-translation"
    severity = "error"
    options = (
        Option("min_words", 1, "how many leftover source-language words make a finding"),
        Option("min_sentence_words", None,
               "words (measures, sizes and model codes aside) a sentence needs before its language is judged; "
               "null takes the detector's: 3 with py3langid, 8 with langdetect (sure of itself on short text)"),
        # Measured with benchmarks/partial_translation.py (py3langid): at 0.9 no sentence of 1,518 correct
        # six-sentence texts (langid sentences) nor of the UDHR translations is reported; at 0.6 the
        # first Ukrainian sentences read as Russian ("Сил нема нести, але несу.").
        Option("min_sentence_confidence", 0.9,
               "probability (0-1) another language must reach among the languages considered before a "
               "sentence is reported as written in it"),
    )

    def check(self, listing, ctx):
        from listing_lint.language.scripts import scripts_of_language, single_script, word_script
        from listing_lint.text.words import WORD_RE

        ident = identifier(ctx)
        for pair in pairs(listing, ctx):
            source_scripts = scripts_of_language(pair.source.language) or frozenset()
            target_scripts = scripts_of_language(pair.target.language)
            if not target_scripts or is_copy(pair, ctx):
                continue
            found = analysis(pair.target.value, ctx)
            verdict = ident.check(found.cleaned, pair.target.language)
            if verdict.wrong and verdict.reason == "script":
                continue  # mostly in another alphabet: T003's finding
            leftover_scripts = source_scripts - target_scripts
            runs = []
            if leftover_scripts and single_script(found.cleaned) not in target_scripts:
                runs = _runs(found.cleaned, WORD_RE, lambda w: word_script(w) in leftover_scripts)
            count = sum(len(r.split()) for r in runs)
            if runs and count >= self.opts["min_words"]:
                shown = ", ".join(f"«{r}»" for r in runs)
                yield Problem(
                    f"{what(pair.target)} still has {language_name(pair.source.language)} words: {shown}",
                    field=pair.target.field,
                    loc=text_loc(ctx, pair.target),
                    data={"words": runs, "count": count, "source_locale": pair.source.locale},
                )
            if verdict.wrong:
                continue  # the text as a whole reads as another language: T003's finding
            foreign = self._foreign_sentences(found, ident, pair.target.language, leftover_scripts)
            if foreign:
                languages = list(dict.fromkeys(lang for _, lang in foreign))
                quoted = {lang: ", ".join(f"«{text}»" for text, of in foreign if of == lang) for lang in languages}
                if len(languages) == 1:
                    said = (f"{'a sentence' if len(foreign) == 1 else 'sentences'} in "
                            f"{language_name(languages[0])}: {quoted[languages[0]]}")
                else:
                    said = "sentences in other languages: " + "; ".join(
                        f"{language_name(lang)}: {quoted[lang]}" for lang in languages)
                yield Problem(
                    f"{what(pair.target)} has {said}",
                    field=pair.target.field,
                    loc=text_loc(ctx, pair.target),
                    data={"sentences": [text for text, _ in foreign], "languages": languages,
                          "source_locale": pair.source.locale},
                )

    def _foreign_sentences(self, found, ident, language: str, leftover_scripts) -> list[tuple[str, str]]:
        """(sentence, language) of each sentence confidently in another language than `language`.

        Not judged: a text of one sentence (that is T003's question), a sentence of names or
        headings only (every word capitalised: `Made In Germany`, `Pavlovo Posad`), of fewer
        words than `min_sentence_words` by statistics (than three by its alphabet), and one in
        the source's alphabet, whose words the leftover-words finding already shows.
        """
        from listing_lint.language.identify import SENTENCE_MIN_WORDS
        from listing_lint.language.scripts import scripts_of_language

        if len(found.sentence_spans) < 2:
            return []
        min_words = self.opts["min_sentence_words"] or SENTENCE_MIN_WORDS[ident.backend.name]
        sentences = found.sentences(ident, language, int(min_words))
        floor = float(self.opts["min_sentence_confidence"])
        foreign = []
        for sentence in sentences:
            verdict = sentence.verdict
            if not verdict.wrong or all(w[0].isupper() for w in sentence.words):
                continue
            if verdict.reason == "script":
                if sentence.size < _SCRIPT_SENTENCE_WORDS or (
                        scripts_of_language(verdict.detected) or {verdict.detected}) & leftover_scripts:
                    continue
            elif verdict.confidence < floor:
                continue
            foreign.append((sentence.text, verdict.detected))
        return foreign


# Words a sentence in another alphabet needs to be reported as a sentence (fewer are words, not a
# sentence: the leftover-words finding or T009's). Alphabets are decisive whatever the detector.
_SCRIPT_SENTENCE_WORDS = 3


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
