"""Currency names as people write them, in the catalog's languages, from CLDR (babel).

babel gives each currency's display name per locale and per plural category:
`Russischer Rubel`/`Russische Rubel`, `российский рубль`/`российских рубля`/`российских
рублей`, `US dollar`/`US dollars`, `euro`/`euros`, `人民币`. Sellers mostly write the bare
noun after an amount (`4500 Rubel`, `4500 рублей`, `50 dollars`), so from each name its noun
is taken as well: the name without the words made from the name of a country using the
currency (`Russischer` from `Russland`, `японская` from `Япония`), without abbreviations
(`US`, `США`), and of what is left the word most currency names share (`dollar`, not the
`des` of `dollar des États-Unis`); between equals, the one in the place the language's other
names put their noun (last in `Poolse zloty`, first in `ين ياباني`). A word that is no noun in
another currency's name is an ordinary word (Turkish `yeni`, "new", of `Yeni İsrail şekeli`),
so never a noun. In scripts without spaces the country's name is cut off the front
(`俄罗斯卢布` → `卢布`).

Two kinds of match, so an ordinary word is not taken for money:
- a full name counts anywhere (`Russische Rubel`, `российских рублей`, `euros`, `人民币`);
- a bare noun counts only right after an amount, with up to two more letters for the case
  endings babel does not list (`4500 Rubel`, `4500 Rubeln`, `100 юаней`); alone, `real`, `Won`
  or `Franken` is too often something else. A noun that is also a weight in that language
  (`Pfund`, `livre`, `фунт`: babel's unit names) is never one; nor one shared by several
  currencies: the candidates are reported, resolved by the locales like `$`.

Built lazily for one set of languages and currencies, and cached.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from listing_lint.money.currencies import current_codes

_WORD = re.compile(r"[^\W\d_]+")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
# Counts giving every plural category of the supported languages (one, two, few, many, other).
_COUNTS = (1, 2, 3, 5, 11, 21, 100, 0.5)
_MIN_PREFIX = 3  # letters a word shares with a country's name to be that country's adjective
_ENDING = 2  # letters of a case ending allowed after a noun (`Rubeln`, `рублях`)
_AMOUNT_BEFORE = re.compile(r"[0-9](?:[.,'’ ][0-9]+)*[ \u00a0]{0,2}$")
_WORD_AFTER_DIGIT = re.compile(r"[0-9][ \u00a0]{0,2}([^\W\d_]+)")


@dataclass(frozen=True)
class CurrencyNames:
    """Names and nouns of some currencies in some languages, ready to look for in a text."""

    phrases: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]  # first word → (words, codes)
    nouns: dict[str, tuple[str, ...]]  # casefolded noun → the currencies it names
    unspaced: re.Pattern | None  # names and nouns in Chinese or Japanese script, longest first
    unspaced_codes: dict[str, tuple[tuple[str, ...], bool]]  # form → (codes, is a noun)

    def find(self, text: str) -> list[tuple[int, str, tuple[str, ...]]]:
        """(position, text as written, currencies named) of each name in `text`."""
        found = []
        # Most texts name no currency. A name starts with a word of `phrases`; a noun counts only
        # right after an amount: a set test and the few words after a digit decide that.
        low = text.casefold()
        nouns = self.nouns
        if not self.phrases.keys().isdisjoint(_WORD.findall(low)) or any(
                k in nouns or self._inflected(k) for k in _WORD_AFTER_DIGIT.findall(low)):
            found = self._scan(text, [t.casefold() for t in _WORD.findall(text)])
        if self.unspaced is not None and _UNSPACED.search(text):
            for m in self.unspaced.finditer(text):
                codes, noun = self.unspaced_codes[m.group()]
                if not noun or _AMOUNT_BEFORE.search(text, max(0, m.start() - 24), m.start()):
                    found.append((m.start(), m.group(), codes))
        return found

    def _scan(self, text: str, keys: list[str]) -> list[tuple[int, str, tuple[str, ...]]]:
        found = []
        tokens = list(_WORD.finditer(text))
        i = 0
        while i < len(tokens):
            m, key = tokens[i], keys[i]
            hit = self._phrase(text, tokens, keys, i)
            if hit is not None:
                last, codes = hit
                found.append((m.start(), text[m.start():tokens[last].end()], codes))
                i = last + 1
                continue
            codes = self.nouns.get(key) or self._inflected(key)
            if codes and _AMOUNT_BEFORE.search(text, max(0, m.start() - 24), m.start()):
                found.append((m.start(), m.group(), codes))
            i += 1
        return found

    def _phrase(self, text, tokens, keys, i):
        for words, codes in self.phrases.get(keys[i], ()):
            last = i + len(words) - 1
            if last >= len(tokens):
                continue
            if all(keys[i + k] == w for k, w in enumerate(words)) and all(
                    not text[tokens[k].end():tokens[k + 1].start()].strip(" -\u00a0") for k in range(i, last)):
                return last, codes
        return None

    def _inflected(self, key: str) -> tuple[str, ...] | None:
        for cut in range(1, _ENDING + 1):
            stem = key[:-cut]
            if len(stem) >= 4 and stem in self.nouns:
                return self.nouns[stem]
        return None


def _category_counts(locale) -> tuple:
    """One count per plural category of the locale (`1`, `2`, `5`, `0.5` in Russian)."""
    seen: dict[str, object] = {}
    for count in _COUNTS:
        seen.setdefault(locale.plural_form(count), count)
    return tuple(seen.values())


def _forms(code: str, locale, counts: tuple) -> set[str]:
    from babel.numbers import get_currency_name

    forms = {get_currency_name(code, locale=locale)}
    forms.update(get_currency_name(code, count, locale=locale) for count in counts)
    return {f for f in forms if f and f != code}


@lru_cache(maxsize=None)
def _territories_of() -> dict[str, tuple[str, ...]]:
    """currency → the territories where it is legal tender today."""
    from babel.core import get_global

    out: dict[str, list[str]] = {}
    for territory, entries in get_global("territory_currencies").items():
        for code, _start, end, tender in entries:
            if end is None and tender:
                out.setdefault(code, []).append(territory)
    return {code: tuple(ts) for code, ts in out.items()}


def _shares_prefix(word: str, names: list[str]) -> bool:
    """Is `word` made from one of the country names (`Russischer`, `Russland`)? Arabic names
    are compared without their article (`الصين` → `صين`, beside `صيني`)."""
    w = word.casefold()
    for name in names:
        for part in _WORD.findall(name.casefold()):
            for stem in (part, part[2:]) if part.startswith("ال") else (part,):
                n = len(_common_prefix(w, stem))
                if n >= _MIN_PREFIX or n == len(w):
                    return True
    return False


def _common_prefix(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return a[:n]


def _candidates(name: str, countries: list[str]) -> list[str]:
    """The words of a spaced name that may be its noun: not abbreviations, not the country's."""
    return [w for w in _WORD.findall(name) if not w.isupper() and not _shares_prefix(w, countries)]


@lru_cache(maxsize=32)
def _language_table(language: str):
    """For one language: every current currency's name forms and their nouns, which words are
    something else in some name, and the words of weight units. None for an unknown language.

    Built from babel's data alone, so built once per install and babel version (`disk_cache`)."""
    import babel

    from listing_lint.disk_cache import cached_json

    built = cached_json("currency-names", f"babel-{babel.__version__}-{language}-1",
                        lambda: _encode(_build_language_table(language)))
    if built is None:
        return None
    return ({code: {name: list(found) for name, found in by_name.items()} for code, by_name in built["nouns"].items()},
            set(built["not_nouns"]))


def _encode(table):
    if table is None:
        return None
    nouns, not_nouns = table
    return {"nouns": nouns, "not_nouns": sorted(not_nouns)}


def _build_language_table(language: str):
    from babel import Locale, UnknownLocaleError
    from babel.units import format_unit

    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return None
    counts = _category_counts(locale)
    forms = {code: _forms(code, locale, counts) for code in sorted(current_codes())}
    shared: Counter = Counter()
    for names in forms.values():
        shared.update({w.casefold() for name in names for w in _WORD.findall(name)})
    countries = {code: [locale.territories.get(t, "") for t in ts] for code, ts in _territories_of().items()}
    candidates = {(code, name): _candidates(name, countries.get(code, []))
                  for code, names in forms.items() for name in names}
    # Where this language puts the noun, learnt from the names whose noun is clear.
    places: Counter = Counter()
    for code, names in forms.items():
        for name in names:
            words = candidates[code, name]
            if len(words) > 1:
                ranked = sorted(words, key=lambda w: shared[w.casefold()], reverse=True)
                if shared[ranked[0].casefold()] > shared[ranked[1].casefold()]:
                    places["first" if ranked[0] == words[0] else "last" if ranked[0] == words[-1] else "inside"] += 1
    last = places["last"] >= places["first"]
    nouns = {code: {name: _nouns(name, countries.get(code, []), candidates[code, name], shared, last)
                    for name in names}
             for code, names in forms.items()}
    noun_words = {n.casefold() for by_name in nouns.values() for found in by_name.values() for n in found}
    other_words = {w.casefold() for by_name in nouns.values() for name, found in by_name.items()
                   for w in _WORD.findall(name) if w not in found} - {""}
    weights = set()
    for unit in (u for u in locale.unit_display_names if u.startswith("mass-")):
        for count in counts:
            try:
                weights.update(w.casefold() for w in _WORD.findall(format_unit(count, unit, locale=locale)))
            except (KeyError, ValueError):
                continue
    return nouns, (other_words & noun_words) | weights


def _nouns(name: str, countries: list[str], words: list[str], shared: Counter, last: bool) -> list[str]:
    """The bare currency word of one display name (`words`: its `_candidates`), if it has one."""
    if _UNSPACED.search(name) and " " not in name.strip():
        for country in sorted(countries, key=len, reverse=True):
            n = len(_common_prefix(name, country))
            if n:
                rest = name[n:]
                return [rest] if len(rest) >= 2 else []
        return [name]
    if not words:
        return []
    best = max(shared[w.casefold()] for w in words)
    top = [w for w in words if shared[w.casefold()] == best]
    in_place = words[-1] if last else words[0]  # where the language's names put their noun
    return [in_place] if len(top) > 1 and in_place in top else top


@lru_cache(maxsize=16)
def currency_names(languages: tuple[str, ...], codes: tuple[str, ...]) -> CurrencyNames:
    """The names of `codes` in `languages` (`de`, `ru`, `zh`...), with their nouns."""
    concerned = set(codes)
    phrase_codes: dict[tuple[str, ...], set[str]] = {}
    noun_codes: dict[str, set[str]] = {}
    unspaced: dict[str, tuple[set[str], bool]] = {}
    for language in languages:
        table = _language_table(language)
        if table is None:
            continue
        nouns, not_nouns = table
        # A noun names every current currency whose names have it (`Dollar`: USD, CAD, AUD...),
        # so the locale can settle which, as for `$`.
        everyone: dict[str, set[str]] = {}
        for code, by_name in nouns.items():
            for found in by_name.values():
                for noun in found:
                    everyone.setdefault(noun.casefold(), set()).add(code)
        for code in codes:
            for name, found in nouns.get(code, {}).items():
                if _UNSPACED.search(name) and " " not in name.strip():
                    unspaced.setdefault(name, (set(), False))[0].add(code)
                else:
                    key = tuple(w.casefold() for w in _WORD.findall(name))
                    if key:
                        phrase_codes.setdefault(key, set()).add(code)
                for noun in found:
                    key = noun.casefold()
                    if key in not_nouns or (key,) in phrase_codes and len(everyone[key]) == 1:
                        continue
                    # Of the currencies sharing it, those concerned (`Dollar` in a catalog for the
                    # US and Germany is USD), so a message names them and not twenty others.
                    named = everyone[key] & concerned or everyone[key]
                    if _UNSPACED.search(noun):
                        if noun not in unspaced:
                            unspaced[noun] = (set(named), True)
                    else:
                        noun_codes.setdefault(key, set()).update(named)
    phrases: dict[str, list] = {}
    for words, found in sorted(phrase_codes.items(), key=lambda item: -len(item[0])):
        phrases.setdefault(words[0], []).append((words, tuple(sorted(found))))
    pattern = None
    if unspaced:
        pattern = re.compile("|".join(re.escape(f) for f in sorted(unspaced, key=len, reverse=True)))
    return CurrencyNames(
        {k: tuple(v) for k, v in phrases.items()},
        {k: tuple(sorted(v)) for k, v in noun_codes.items()},
        pattern,
        {k: (tuple(sorted(c)), noun) for k, (c, noun) in unspaced.items()},
    )
