from __future__ import annotations

from decimal import Decimal

from listing_lint.money.amount import rounded

from listing_lint.rule import ListingRule, Option, Problem
from listing_lint_rules.translation import keep_terms, text_loc, what, written_texts

ACRONYM = 4  # a word in capitals of up to this many letters is an acronym or a short brand (USB, LED, NIKE)


def shouting(title: str, neutral: frozenset[str]) -> tuple[int, int, list[str]]:
    """(letters in capitals, letters counted, the long words in capitals) of a title.

    Only letters that have a case count: Chinese, Japanese or Arabic words count for
    nothing, nor do single letters (the T of T-shirt) and `neutral` words (brands,
    keep-terms). A word in capitals counts as capitals; it is one of the long ones when
    it has more letters than an acronym or a short brand name (USB, LED, NIKE).
    """
    from listing_lint.text.words import LETTERS_RE

    shouted, counted, loud = 0, 0, []
    for word in LETTERS_RE.findall(title):
        cased = [ch for ch in word if ch.isupper() or ch.islower()]
        if len(cased) < 2 or word.casefold() in neutral:
            continue
        counted += len(cased)
        if all(ch.isupper() for ch in cased):
            shouted += len(cased)
            if len(cased) > ACRONYM:
                loud.append(word)
    return shouted, counted, loud


class Shouting(ListingRule):
    """A title is written mostly in capital letters.

    ## What it does
    Flags a `title`, in any language key, where more than `share` of the letters are
    capitals, counted over words with letters that have a case (Latin, Cyrillic, Greek...):
    a title in Chinese or Japanese is never flagged. The listing's `brand` and the config's
    `keep_terms` count neither way, so `STOCKHOLM rug` is not shouting once `STOCKHOLM`
    is a keep-term. Acronyms and short brand names are fine: a title needs at least two
    words in capitals longer than 4 letters (USB, LED, XL, NIKE are not), and at least
    `min_letters` counted letters, to be flagged.

    ## Why it matters
    Merchant Center disapproves titles with "excessive capitalisation"; Amazon and Yandex
    Market ask not to write words in capitals except established brand names. Buyers read
    a shouted title as a cheap one, and it is harder to read.

    ## Example
    Fails:
    ```yaml
    - {id: RU-SHAWL-001, title: {ru: "ПАВЛОПОСАДСКИЙ ПЛАТОК ШЕРСТЯНОЙ"}, price: 4500 RUB}
    ```
    Passes (acronyms in capitals are fine):
    ```yaml
    - {id: RU-GARL-001, title: {ru: "Гирлянда LED USB, 10 м"}, price: 900 RUB}
    ```

    ## How to fix
    Write the title in sentence case (`Павлопосадский платок шерстяной`), keeping capitals
    for brand names and acronyms; add brand names written in capitals to `keep_terms`.
    """

    code = "M003"
    name = "shouting"
    severity = "warning"
    options = (
        Option("share", Decimal("0.7"), "flag a title when more than this share (0–1) of its counted letters are capitals"),
        Option("min_letters", 12, "letters a title needs (acronyms and brands aside) to be judged"),
    )

    def check(self, listing, ctx):
        share = Decimal(self.opts["share"])
        neutral = self._neutral(listing, ctx)
        for text in written_texts(listing):
            if text.key != "title":
                continue
            if sum(map(str.isupper, text.value)) < 2 * (ACRONYM + 1):
                continue  # fewer capitals than two words in capitals hold: not shouting, however short
            shouted, counted, loud = shouting(text.value, neutral)
            if counted < self.opts["min_letters"] or len(loud) < 2 or shouted <= share * counted:
                continue
            measured = rounded(Decimal(shouted) / Decimal(counted), 2)
            yield Problem(
                f"{what(text)} is written in capitals ({int(measured * 100)}% of its letters, over "
                f"{int(share * 100)}%): marketplaces reject or rewrite shouted titles",
                field=text.field,
                loc=text_loc(ctx, text),
                data={"share": measured, "limit": share, "capital_letters": shouted, "letters": counted,
                      "words": loud},
            )

    def _neutral(self, listing, ctx) -> frozenset[str]:
        from listing_lint.text.words import LETTERS_RE

        terms = ctx.memo(("M003-keep-terms",), lambda: frozenset(
            w.casefold() for term in keep_terms(ctx) for w in LETTERS_RE.findall(term)))
        brand = listing.text_of("brand")
        if not brand:
            return terms
        return terms | {w.casefold() for w in LETTERS_RE.findall(brand)}
