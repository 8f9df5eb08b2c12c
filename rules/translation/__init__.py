"""T rules: translation. Each target-locale text is compared with the source-locale text.

Shared here: which texts are compared (`title`, `description` for each target
locale), how a text is cleaned before judging it (markup out, keep-terms out), what of
it a translation changes (`analysis`: not measures, sizes or model codes), the per-run
language identifier and each text's sentences judged by it, and language names for messages.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Iterator

from listing_lint.model import Listing, Location, Scalar, locale_language

FIELDS = ("title", "description")

def language_name(code: str) -> str:
    """`de` → `German`; a script name (`Cyrillic`) or unknown code is shown as given."""
    from listing_lint.field_names import language_name as name

    return name(code)


@dataclass(frozen=True)
class Text:
    """One localised text of a listing."""

    key: str  # `title`
    locale: str  # the locale asked for (`en_US`)
    field: str  # the field as written (`title.en`), or `title.<language>` when absent
    scalar: Scalar | None  # None when absent

    @property
    def language(self) -> str:
        return locale_language(self.locale)

    @functools.cached_property  # asked for by every T rule of the listing
    def value(self) -> str | None:
        """The text, or None when absent or blank."""
        if self.scalar is None or self.scalar.blank:
            return None
        return self.scalar.text


@dataclass(frozen=True)
class Pair:
    """A source text and the target text that should translate it."""

    source: Text
    target: Text


def text_of(listing: Listing, key: str, locale: str) -> Text:
    found = listing.text(key, locale)
    if found is None:
        return Text(key, locale, f"{key}.{locale_language(locale)}", None)
    return Text(key, locale, found[0], found[1])


def target_locales(ctx) -> list[str]:
    """Target locales in another language than the source (an `en_GB` copy of `en_US` is not a translation)."""
    return ctx.memo("translation:targets", lambda: _target_locales(ctx))


def _target_locales(ctx) -> list[str]:
    source = ctx.source_locale
    seen: list[str] = []
    for locale in ctx.target_locales:
        if source and locale_language(locale) == locale_language(source):
            continue
        if locale not in seen:
            seen.append(locale)
    return seen


def pairs(listing: Listing, ctx, *, with_target: bool = True) -> list[Pair]:
    """(source, target) text pairs whose source is filled in; with_target=False also yields absent targets.

    Worked out once per listing: every T rule asks for the same pairs of the same listing in turn."""
    last = ctx.run.cache.get("translation:pairs")
    if last is not None and last[0] is listing and last[1] is ctx.catalog:
        found = last[2]
    else:
        found = _pairs(listing, ctx)
        ctx.run.cache["translation:pairs"] = (listing, ctx.catalog, found)
    return found if not with_target else [p for p in found if p.target.value is not None]


def _pairs(listing: Listing, ctx) -> list[Pair]:
    if not ctx.source_locale:
        return []
    found = []
    for locale in target_locales(ctx):
        for key in FIELDS:
            source = text_of(listing, key, ctx.source_locale)
            if source.value is None:
                continue
            found.append(Pair(source, text_of(listing, key, locale)))
    return found


def written_texts(listing: Listing) -> Iterator[Text]:
    """Every non-blank title and description, in whatever locale keys the listing uses."""
    for key in FIELDS:
        for locale, scalar in listing.texts(key).items():
            if not scalar.blank:
                yield Text(key, locale, f"{key}.{locale}", scalar)


def keep_terms(ctx) -> tuple[str, ...]:
    return ctx.memo("translation:keep-terms", lambda: tuple(str(t) for t in (ctx.config.get("keep_terms") or ())))


def clean(text: str, ctx) -> str:
    """What a buyer reads, with keep-terms removed: the part of a text that should be translated."""
    from listing_lint.text.markup import visible_text
    from listing_lint.text.terms import mask_terms

    return mask_terms(visible_text(text), keep_terms(ctx))


# Numbers with the dimension signs between them (`125×125`, `125 x 125`, `125 х 125`).
_DIMENSIONS_RE = re.compile(r"\d+(?:[.,]\d+)*(?:\s*[xх×*]\s*\d+(?:[.,]\d+)*)*", re.IGNORECASE)
_DIGIT = re.compile(r"[0-9]")
# Model codes: one token of Latin or Cyrillic letters and digits, a letter beside a digit
# (`SM-G991B`, `DDF485Z`, `A52`, `12V-15`). Han and kana runs are words, digits inside or not.
_CODE_LETTER = "A-Za-z\u00c0-\u024f\u0400-\u04ff"
# Found by their digit beside a letter (the engine skips to digits), then widened to the token.
_CODE_DIGIT = re.compile(f"[0-9](?:(?<=[{_CODE_LETTER}][0-9])|(?=[{_CODE_LETTER}]))")
_CODE_AFTER = re.compile(f"[0-9{_CODE_LETTER}-]*")
_CODE_BEFORE = re.compile(f"[0-9{_CODE_LETTER}-]*$")


def _blank(match: re.Match) -> str:
    return " " * len(match.group())


def _code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each model code in `text`."""
    spans: list[tuple[int, int]] = []
    for m in _CODE_DIGIT.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        start = _CODE_BEFORE.search(text, max(0, m.start() - 40), m.start()).start()
        spans.append((start, _CODE_AFTER.match(text, m.start()).end()))
    return spans


@dataclass
class Analysis:
    """One text as the translation rules read it, worked out once per run (`analysis`)."""

    cleaned: str  # what a buyer reads, keep-terms blanked out (`clean`)
    plain: str  # `cleaned` with measures, sizes and model codes blanked: what a translation changes
    words: list[str]  # the words of `plain`
    _sentences: dict = dataclasses.field(default_factory=dict, repr=False)

    @functools.cached_property
    def sentence_spans(self) -> list[tuple[int, int]]:
        """Where the sentences of `cleaned` are (`listing_lint.language.sentences`)."""
        from listing_lint.language.sentences import sentence_spans

        return sentence_spans(self.cleaned)

    @functools.cached_property
    def copy_key(self) -> list[str]:
        """The words, case aside: two texts with the same key are one text copied."""
        return [w.casefold() for w in self.words]

    def sentences(self, ident, language: str, min_words: int) -> list[Sentence]:
        """Each sentence of the text and whether it is in `language`, judged by `ident` on its
        `plain` words: by their alphabet always, by statistics from `min_words` words on
        (`word_count`, which counts Chinese too). Computed once per question."""
        key = (id(ident), language, min_words)
        found = self._sentences.get(key)
        if found is None:
            from listing_lint.language.sentences import word_count
            from listing_lint.text.words import words

            found = []
            for start, end in self.sentence_spans:
                plain = self.plain[start:end]
                judged = words(plain)
                size = word_count(judged)
                # The identifier counts words by spaces; the size decides here.
                verdict = ident.check(plain, language, min_words=1 if size >= min_words else len(judged) + 1)
                found.append(Sentence(self.cleaned[start:end], judged, size, verdict))
            self._sentences[key] = found
        return found


@dataclass(frozen=True)
class Sentence:
    text: str  # as the buyer reads it (keep-terms blanked)
    words: list[str]  # the words judged: no measures, sizes or codes
    size: int  # how many words they are (`listing_lint.language.sentences.word_count`)
    verdict: object  # listing_lint.language.Verdict: is the sentence in the language asked about?


_ANALYSES_LIMIT = 20_000


def analysis(text: str, ctx) -> Analysis:
    """The `Analysis` of a text, cached per run: T002, T003 and T004 read the same one."""
    cache = ctx.run.memo("translation-analyses", dict)
    key = (text, keep_terms(ctx))
    found = cache.get(key)
    if found is None:
        from listing_lint.quantity import measure_spans
        from listing_lint.text.words import words

        cleaned = clean(text, ctx)
        plain = cleaned
        if _DIGIT.search(cleaned):  # measures, sizes and codes all have one
            for start, end in [*measure_spans(cleaned), *_code_spans(cleaned)]:
                plain = plain[:start] + " " * (end - start) + plain[end:]
            plain = _DIMENSIONS_RE.sub(_blank, plain)
        if len(cache) >= _ANALYSES_LIMIT:
            cache.clear()
        found = cache[key] = Analysis(cleaned, plain, words(plain))
    return found


def is_copy(pair: Pair, ctx) -> bool:
    """The target repeats the source once case, punctuation, numbers, measures, model codes
    and keep-terms are set aside."""
    source = analysis(pair.source.value or "", ctx).copy_key
    return bool(source) and source == analysis(pair.target.value or "", ctx).copy_key


def identifier(ctx):
    """The run's language identifier over the catalog's languages plus `candidate_languages`."""
    return ctx.memo("language-identifier", lambda: _identifier(ctx))


def _identifier(ctx):
    from listing_lint.language import LanguageIdentifier

    own = [locale_language(x) for x in [ctx.source_locale, *ctx.target_locales] if x]
    languages = tuple(sorted({*own, *(str(c).lower() for c in ctx.config.get("candidate_languages") or ())}))
    backend = ctx.config.get("language_detector")
    prefer = tuple(dict.fromkeys(own))
    return ctx.run.memo(
        ("language-identifier", backend, languages, prefer),
        lambda: LanguageIdentifier(languages, backend, prefer=prefer),
    )


# Blank lines and indentation between a block scalar's `|`/`>` line and its first line of text.
_BLOCK_GAP_RE = re.compile(r"[^\S\n]*(?:\n[^\S\n]*)*")


def text_loc(ctx, text: Text) -> Location | None:
    """Where a text written as a YAML block scalar (`|`, `>`) starts: its first line of
    text, not the indicator line the loader reports. None keeps the field's location."""
    scalar = text.scalar
    if scalar is None or scalar.blank or scalar.start is None or ctx.catalog.source(scalar.loc.path).reader != "yaml":
        return None
    source = ctx.catalog.text_at(scalar)
    if not source.startswith(("|", ">"), scalar.start):
        return None
    newline = source.find("\n", scalar.start)
    if newline < 0:
        return None
    pos = _BLOCK_GAP_RE.match(source, newline + 1).end()
    line = scalar.loc.line + source.count("\n", scalar.start, pos)
    return Location(scalar.loc.path, line, pos - source.rfind("\n", 0, pos))


def text_fix(ctx, text: Text, edits, description: str):
    """A fix replacing (start, end, new) ranges of a text's value, or None when the file
    does not hold the value character for character (escapes, folded lines)."""
    from listing_lint.rule import Fix, value_edits

    found = value_edits(ctx.catalog.text_at(text.scalar), text.scalar, edits) if text.scalar is not None else None
    return Fix(found, description) if found else None


def what(text: Text) -> str:
    """`the English title` for messages (`listing_lint.field_names`: every rule names fields alike)."""
    from listing_lint.field_names import field_name

    return field_name(text.key, text.locale)
