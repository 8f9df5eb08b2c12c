"""T rules: translation. Each target-locale text is compared with the source-locale text.

Shared here: which texts are compared (`title`, `description` for each target
locale), how a text is cleaned before judging it (markup out, keep-terms out),
the per-run language identifier, and language names for messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from listing_lint.model import Listing, Location, Scalar, locale_language

FIELDS = ("title", "description")

_NAMES = {
    "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "fi": "Finnish", "fr": "French", "he": "Hebrew",
    "hu": "Hungarian", "it": "Italian", "ja": "Japanese", "kk": "Kazakh", "ko": "Korean", "nl": "Dutch",
    "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sr": "Serbian", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese",
}


def language_name(code: str) -> str:
    """`de` → `German`; a script name (`Cyrillic`) or unknown code is shown as given."""
    return _NAMES.get(code, code)


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

    @property
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
    source = ctx.source_locale
    seen: list[str] = []
    for locale in ctx.target_locales:
        if source and locale_language(locale) == locale_language(source):
            continue
        if locale not in seen:
            seen.append(locale)
    return seen


def pairs(listing: Listing, ctx, *, with_target: bool = True) -> Iterator[Pair]:
    """(source, target) text pairs whose source is filled in; with_target=False also yields absent targets."""
    if not ctx.source_locale:
        return
    for locale in target_locales(ctx):
        for key in FIELDS:
            source = text_of(listing, key, ctx.source_locale)
            if source.value is None:
                continue
            target = text_of(listing, key, locale)
            if with_target and target.value is None:
                continue
            yield Pair(source, target)


def written_texts(listing: Listing) -> Iterator[Text]:
    """Every non-blank title and description, in whatever locale keys the listing uses."""
    for key in FIELDS:
        for locale, scalar in listing.texts(key).items():
            if not scalar.blank:
                yield Text(key, locale, f"{key}.{locale}", scalar)


def keep_terms(ctx) -> tuple[str, ...]:
    return tuple(str(t) for t in (ctx.config.get("keep_terms") or ()))


def clean(text: str, ctx) -> str:
    """What a buyer reads, with keep-terms removed: the part of a text that should be translated."""
    from listing_lint.text.markup import visible_text
    from listing_lint.text.terms import mask_terms

    return mask_terms(visible_text(text), keep_terms(ctx))


# Numbers with the dimension signs between them (`125×125`, `125 x 125`, `125 х 125`).
_DIMENSIONS_RE = re.compile(r"\d+(?:[.,]\d+)*(?:\s*[xх×*]\s*\d+(?:[.,]\d+)*)*", re.IGNORECASE)


def is_copy(pair: Pair, ctx) -> bool:
    """The target repeats the source once case, punctuation, numbers and keep-terms are set aside."""
    from listing_lint.text.words import words

    def normal(text: str) -> list[str]:
        return words(_DIMENSIONS_RE.sub(" ", clean(text, ctx)).casefold())

    source = normal(pair.source.value or "")
    return bool(source) and source == normal(pair.target.value or "")


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
    """`the English title` for messages."""
    return f"the {language_name(text.language)} {text.key}"
