from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate

from listing_lint.rule import ListingRule, Problem
from listing_lint_rules.translation import keep_terms, language_name, pairs, text_loc, what


class MissingTerm(ListingRule):
    """A brand or keep-term of the source text is missing from its translation.

    ## What it does
    Takes the names that stay as written in every language: `keep_terms` from the
    config and the listing's `brand` (or `attributes.brand`). For each target `title`
    and `description`, it flags the names that stand in the source text and not in the
    target: `Платок Posad Heritage` translated as `Heritage wool shawl`. Names are
    matched as whole words, ignoring letter case, quotes, `®`, `™`, and whether
    their parts are joined by a hyphen, a space or nothing (`PH-1250`, `PH 1250` and
    `PH1250` are one name), in full-width letters or not.

    Only a name that stands in the source as written is required: with the keep-term
    `Gzhel`, a Russian title saying `Гжель` asks for nothing. A brand written in a
    non-Latin alphabet that the target language does not use (`Павловопосадская
    мануфактура` in an English text) may be transliterated, so it is not required
    either; put it in `keep_terms` to require it as written.

    ## Why it matters
    Brand and model names are what buyers search for. A translation that drops or
    translates them ("Posad Heritage" → "Heritage") is not found by those searches,
    and a marketplace may take the listing for an unbranded or counterfeit product.

    ## Example
    Fails (the brand `Posad Heritage` went missing; "Heritage" alone is not it):
    ```yaml
    - id: RU-SHAWL-007
      brand: Posad Heritage
      title: {ru: "Платок Posad Heritage из шерсти", en: "Heritage wool shawl"}
    ```
    Passes (a hyphen for the space and `®` still name the brand):
    ```yaml
    - id: RU-SHAWL-007
      brand: Posad Heritage
      title: {ru: "Платок Posad Heritage из шерсти", en: "Posad-Heritage® wool shawl"}
    ```

    ## How to fix
    Write the name in the translation exactly as in the source. If the target market
    knows the product under another name, put that name in the translation and in the
    source text.
    """

    code = "T011"
    name = "missing-term"
    severity = "error"

    def check(self, listing, ctx):
        from listing_lint.language.scripts import scripts_of_language

        configured = ctx.memo("missing-term-keep-terms", lambda: _terms(keep_terms(ctx)))
        brand = listing.text_of("brand") or listing.attributes.get("brand")
        brand_term = _term(brand.strip()) if brand else None
        if brand_term is not None and not brand_term.key:
            brand_term = None
        if not configured and brand_term is None:
            return
        for pair in pairs(listing, ctx):
            source = _Words(pair.source.value)
            wanted = [t for t in configured if t.key in source.joined and source.has(t)]
            if brand_term is not None and brand_term not in wanted and source.has(brand_term) and not _may_transliterate(
                    brand_term, scripts_of_language(pair.target.language)):
                wanted.append(brand_term)
            if not wanted:
                continue
            target = _Words(pair.target.value)
            missing = [t for t in wanted if not target.has(t)]
            # `Posad Heritage` missing says all: its part `Posad`, also a keep-term, is not named again.
            missing = [t for t in missing if not any(o is not t and o.words.has(t) for o in missing)]
            if not missing:
                continue
            shown = ", ".join(f"«{t.written}»" for t in missing)
            yield Problem(
                f"{what(pair.target)} lacks {shown}, which the {language_name(pair.source.language)} "
                f"{pair.source.key} has: brand and model names are what buyers search for",
                field=pair.target.field,
                loc=text_loc(ctx, pair.target),
                data={"missing": [t.written for t in missing], "source_locale": pair.source.locale,
                      "brand": brand_term.written if brand_term in missing else None},
            )


class _Term:
    """A name as written (`Posad Heritage`) and as matched: its words run together
    (`posadheritage`), so the separators between them do not count."""

    def __init__(self, written: str) -> None:
        from listing_lint.language.scripts import letter_scripts

        self.written = written
        self.words = _Words(written)
        self.key = self.words.joined
        self.scripts = frozenset(letter_scripts(written))

    def __eq__(self, other) -> bool:
        return isinstance(other, _Term) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)


# Signs that are not part of a name as buyers type it: trade marks, and the marks that some
# texts write over letters and others leave out (Arabic vowel signs and kashida, Hebrew points).
_MARKS_RE = re.compile("[®™℠©\u0591-\u05c7\u0640\u064b-\u065f\u0670]")
# Letters of scripts written without spaces between words (Chinese, Japanese) or with
# particles joined to the word (Korean `나이키를`), and Thai: each letter is a word of its own,
# so a name matches inside `耐克Nike运动鞋`. Other letters form words; digits form numbers.
_SINGLE = "\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD_RE = re.compile(rf"[{_SINGLE}]|(?:(?![{_SINGLE}])[^\W\d_])+|\d+")


class _Words:
    """A text as its words run together, with the places where a word starts or ends."""

    def __init__(self, text: str) -> None:
        from listing_lint.text.markup import visible_text

        parts = _parts(visible_text(text))
        self.joined = "".join(parts)
        self.bounds = {0, *accumulate(map(len, parts))}

    def has(self, term: _Term) -> bool:
        start = self.joined.find(term.key)
        while start >= 0:
            if start in self.bounds and start + len(term.key) in self.bounds:
                return True
            start = self.joined.find(term.key, start + 1)
        return False


def _parts(text: str) -> list[str]:
    """Words and numbers, case folded, full-width letters and other digits (`٩٠`) made plain."""
    if not text.isascii():
        text = _MARKS_RE.sub("", text)  # before NFKC, which spells `™` as `TM`
        if not unicodedata.is_normalized("NFKC", text):
            text = _MARKS_RE.sub("", unicodedata.normalize("NFKC", text))  # Arabic presentation forms hold marks
    text = text.casefold()
    return [_plain_digits(w) if w[0].isdigit() and not w.isascii() else w for w in _WORD_RE.findall(text)]


def _plain_digits(number: str) -> str:
    return "".join(str(unicodedata.digit(ch, 0)) for ch in number)


@lru_cache(maxsize=4096)
def _term(name: str) -> _Term:
    """A brand as a name to match: built once for the many listings of one brand."""
    return _Term(name)


def _terms(written) -> tuple[_Term, ...]:
    """Names in the order given, each once, leaving out those with no letter or digit."""
    found: dict[str, _Term] = {}
    for name in written:
        term = _term(name.strip())
        if term.key:
            found.setdefault(term.key, term)
    return tuple(found.values())


def _may_transliterate(term: _Term, target_scripts) -> bool:
    """A name in a non-Latin alphabet the target language does not use: `Гжель` in English."""
    from listing_lint.language.scripts import LATIN

    return bool(target_scripts) and any(s != LATIN and s not in target_scripts for s in term.scripts)
