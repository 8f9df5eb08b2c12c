"""Translation rules over real human translations: the Universal Declaration of Human Rights.

`../shared/data/translations/udhr_aligned.tsv` holds the declaration by article and
paragraph in eleven languages: English, German, French, Spanish, Russian, Ukrainian,
Arabic, Chinese (simplified and traditional), Japanese and Korean. Each language pair
below is a catalog of its own, one listing per paragraph (headings as titles,
paragraphs as descriptions), linted through the same engine as the CLI: Russian into
English, German, French, Spanish and Ukrainian, every other language into English, and
English into every other language, so each language of the file is judged as a source
and as a target. These are correct translations, so the T rules must find next to
nothing: at most 1 finding per 100 texts, for each pair and detector on its own.

An article is compared only where both languages split it into the same headings and
paragraphs: the preamble has 11 paragraphs in Russian and 12 in English ("The General
Assembly" on a line of its own), and pairing them by position would compare different
sentences. That leaves 80-92 texts per pair, so the bound allows no finding at all.
(The same number of paragraphs is no proof of the same split: the Arabic and Russian
preambles both have 11, the Chinese and Japanese ones 10, cut at other places. No pair
below has such a preamble: English, Spanish, Korean and traditional Chinese split it
alike, and so do Russian, German, French and Ukrainian.)

Measured per pair with the default detector (py3langid): no finding at all on any pair, into
English from de, fr, es, uk, ar, zh-Hans, zh-Hant, ja and ko, from English into all of them, and
from Russian into en, de, fr, es and uk. Before T008 counted dense scripts in Latin letters
(listing_lint/text/length.py) zh-Hans→en gave 30/80 and zh-Hant→en 35/89; before T005 read
Chinese numerals and spelled-out numbers (`第一条`, `Article premier`), en→zh-Hans gave 30/80.
With langdetect, the second detector, T003 takes one Spanish article for Portuguese: that pair
is in KNOWN, an expected failure, while the pair without T003 is held to the bound.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pytest

UDHR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "translations" / "udhr_aligned.tsv"
# The file's language codes → the locale a catalog gives them.
LOCALES = {
    "eng": "en_US", "deu_1996": "de_DE", "fra": "fr_FR", "spa": "es_ES", "rus": "ru_RU", "ukr": "uk_UA",
    "arb": "ar_SA", "cmn_hans": "zh_CN", "cmn_hant": "zh_TW", "jpn": "ja_JP", "kor": "ko_KR",
}
PAIRS = [("rus", t) for t in ("eng", "deu_1996", "fra", "spa", "ukr")]
PAIRS += [(s, "eng") for s in LOCALES if s not in ("eng", "rus")] + [("eng", t) for t in LOCALES if t != "eng"]
BACKENDS = ("py3langid", "langdetect")
# Every T rule that judges a translation (T010 judges lengths against a marketplace's limit).
RULES = ("T001", "T002", "T003", "T004", "T005", "T006", "T007", "T008", "T009", "T011", "T012")
# The rules that ask the language detector (`identifier` in rules/translation): what the other
# rules find does not depend on it, so the second detector is run with these only.
DETECTOR_RULES = ("T003", "T004")
MAX_FINDINGS_PER_100_TEXTS = 1

_T003_ES = ("T003 with langdetect takes article 5's Spanish «Nadie será sometido a torturas…» (UDHR-5-1) for "
            "Portuguese, at over 99%")
# (source, target, backend or None for both) → {rule: why the pair exceeds the bound}.
# langdetect is the second detector, not the default one (py3langid holds the bound on every pair).
KNOWN = {
    ("rus", "spa", "langdetect"): {"T003": _T003_ES},
    ("eng", "spa", "langdetect"): {"T003": _T003_ES},
}

pytestmark = pytest.mark.skipif(not UDHR.is_file(), reason=f"UDHR data not found at {UDHR} (../shared is absent)")


@lru_cache(maxsize=1)
def _articles() -> dict[str, dict[str, list[tuple[str, str]]]]:
    """article → {language code: [(tag, text)] in paragraph order}."""
    rows: dict[str, dict[str, list[tuple[int, str, str]]]] = {}
    with UDHR.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows.setdefault(row["article"], {}).setdefault(row["code"], []).append(
                (int(row["idx"]), row["tag"], row["text"]))
    return {article: {code: [(tag, text) for _, tag, text in sorted(paragraphs)] for code, paragraphs in by.items()}
            for article, by in rows.items()}


def _listings(source: str, target: str) -> list[dict]:
    """One listing per paragraph of the articles both languages split alike."""
    src_lang, tgt_lang = (LOCALES[c].split("_")[0] for c in (source, target))
    listings = []
    for article, by_code in _articles().items():
        a, b = by_code.get(source, []), by_code.get(target, [])
        if not a or [tag for tag, _ in a] != [tag for tag, _ in b]:
            continue  # split differently: paragraphs at one position are different sentences
        for idx, ((tag, text), (_, translation)) in enumerate(zip(a, b)):
            key = "description" if tag == "p" else "title"
            listings.append({"id": f"UDHR-{article}-{idx}", key: {src_lang: text, tgt_lang: translation},
                             "price": "1 RUB"})
    return listings


def _lint(source: str, target: str, listings: list[dict], backend: str, rules=RULES):
    import yaml

    from listing_lint.testing import lint_text

    catalog = {"source_locale": LOCALES[source], "target_locales": [LOCALES[target]], "listings": listings}
    text = yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False, width=10_000)
    result = lint_text(text, select=list(rules), config_values={"language_detector": backend}, path="udhr.yaml")
    assert not result.errors, result.errors
    return result.findings


def _rules(backend: str) -> tuple[str, ...]:
    return RULES if backend == BACKENDS[0] else DETECTOR_RULES


@lru_cache(maxsize=None)
def _pair_findings(source: str, target: str, backend: str):
    listings = _listings(source, target)
    return _lint(source, target, listings, backend, _rules(backend)), len(listings)


def _known(source: str, target: str, backend: str) -> dict[str, str]:
    return {**KNOWN.get((source, target, None), {}), **KNOWN.get((source, target, backend), {})}


def _cases():
    for backend in BACKENDS:
        for source, target in PAIRS:
            name = f"{source}>{target}-{backend}"
            rules, known = _rules(backend), _known(source, target, backend)
            known = {rule: why for rule, why in known.items() if rule in rules}
            if not known:
                yield pytest.param(source, target, backend, rules, id=name)
                continue
            # The rest of the rules are held to the bound now; all of them once the named rule is fixed.
            others = tuple(r for r in rules if r not in known)
            yield pytest.param(source, target, backend, others, id=f"{name}-without-{'-'.join(sorted(known))}")
            yield pytest.param(source, target, backend, rules, id=name, marks=pytest.mark.xfail(
                reason="; ".join(known.values()), strict=False))


@pytest.mark.parametrize("source, target, backend, rules", list(_cases()))
def test_real_translations_give_at_most_one_finding_per_100_texts(source, target, backend, rules):
    findings, checked = _pair_findings(source, target, backend)
    assert checked >= 75, "the alignment lost most of the declaration"
    found = [f for f in findings if f.code in rules]
    allowed = checked * MAX_FINDINGS_PER_100_TEXTS // 100
    shown = "\n".join(f"{f.code} {f.listing_id} {f.field}: {f.message}" for f in found)
    assert len(found) <= allowed, f"{len(found)} findings on {checked} correct translations:\n{shown}"


def test_the_second_detector_runs_every_rule_that_asks_a_detector():
    """Only DETECTOR_RULES are run with langdetect: a rule that starts asking the detector joins them."""
    import inspect
    import sys

    from listing_lint.registry import discover

    asking = {code for code, cls in discover().items() if code in RULES
              and "identifier(ctx)" in inspect.getsource(sys.modules[cls.__module__])}
    assert asking == set(DETECTOR_RULES)


def test_every_language_of_the_file_is_in_a_pair():
    """A language added to the file is benchmarked, not silently left out."""
    codes = {code for by_code in _articles().values() for code in by_code}
    assert codes == set(LOCALES)
    assert codes == {c for pair in PAIRS for c in pair}


@pytest.mark.parametrize("source", ["rus", "cmn_hans", "arb"])
def test_the_rules_do_fire_on_this_data_when_a_translation_is_swapped(source):
    """The near-zero counts mean something only if the same setup catches damage: German
    pasted over the longest English paragraph is found, from a Russian, Chinese or Arabic source."""
    listings = _listings(source, "eng")
    german = max((text for by in _articles().values() for tag, text in by["deu_1996"] if tag == "p"), key=len)
    longest = max((item for item in listings if "description" in item), key=lambda item: len(item["description"]["en"]))
    longest["description"]["en"] = german
    findings = _lint(source, "eng", listings, "py3langid", rules=["T003"])
    assert [(f.code, f.listing_id, f.data.get("detected")) for f in findings] == [("T003", longest["id"], "de")]


def test_no_text_of_the_declaration_looks_garbled_in_any_language():
    """Encoding-damage detection on correct text in every alphabet of the file (CJK, Arabic too)."""
    from listing_lint.text.mojibake import damage_in

    damaged = [(code, text) for by_code in _articles().values() for code, paragraphs in by_code.items()
               for _, text in paragraphs if damage_in(text)]
    assert damaged == []
