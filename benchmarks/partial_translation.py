"""T004 (partial-translation) on real text: false alarms on correct texts, and foreign sentences found.

Data, both under `../shared/data/`:
- `translations/udhr_aligned.tsv`: the Universal Declaration of Human Rights, real human translations
  aligned by paragraph. Each of ar, de, en, es, fr, ja, ko, ru, uk, zh (Simplified) is in turn the
  source, the other nine its targets, every paragraph a listing: correct translations, so every T004
  finding is a false alarm. Also the setup of tests/test_translation_udhr.py (Russian source; en, de,
  fr, es, uk targets).
- `langid/sentences/<lang>.txt` (Leipzig corpora): real sentences per language. A description of
  three consecutive sentences of one language is correct in that language (a finding is a false
  alarm); two of them followed by one sentence of another language should be found (by T004, or by
  T003 when the whole text reads as the other language).

Every catalog is linted through the engine with T004 (and T003 for the found-by-whom count),
default config (`candidate_languages`: en de fr es it pt nl pl tr ru uk, plus the catalog's own).
Texts are counted per target text checked.

Run: `.venv/bin/python benchmarks/partial_translation.py [--backend B] [--per-pair N] [--show]`
(about 15 s with py3langid, a minute with langdetect). It only goes through `lint_text`, so it
measures any version of the rules.

Measured 2026-12-02, before (T004 judged only leftover source-alphabet words) → after (each
sentence judged as well; defaults `min_sentence_confidence` 0.9, `min_sentence_words` 3 with
py3langid, 8 with langdetect):

    data                                         py3langid              langdetect
    UDHR, ru → en de fr es uk (450 texts)        0 → 0 findings         0 → 0
    UDHR, each of 10 languages the source        0 → 0 in 8,100 texts   0 → 0
    langid, three correct sentences (3,045)      208 → 208 findings     208 → 214
    foreign sentence, same alphabet (1,000)      T004 2.9% → 65.9%      2.9% → 63.3%
                                                 missed 78.4% → 15.4%   84.4% → 24.0%
    foreign sentence, other alphabet (3,500)     T004 27.0% → 75.3%     27.0% → 75.3%
                                                 missed 50.9% → 2.4%    50.9% → 2.4%

The 208 findings on correct langid texts are leftover-word findings, the same before and after:
an English source, so any Latin word in a Russian, Ukrainian, Arabic or Korean sentence
(`Firefox`, `Internet Explorer`, `XXI`, `www`) counts as a leftover English word. Sentences add
none with py3langid; langdetect, sure of itself on short text, adds 6 (at 3 words it added 36).
The "before" run also had 12 rule crashes (a `½` or `①` beside Latin words in the identifier),
counted as misses. The same-alphabet misses left are mostly Chinese in Japanese or Korean texts,
where `zh` is not among the catalog's languages or `candidate_languages`, so it cannot be chosen.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
UDHR = DATA / "translations" / "udhr_aligned.tsv"
SENTENCES = DATA / "langid" / "sentences"
UDHR_CODES = {"arb": "ar", "deu_1996": "de", "eng": "en", "spa": "es", "fra": "fr", "jpn": "ja", "kor": "ko",
              "rus": "ru", "ukr": "uk", "cmn_hans": "zh"}
LOCALES = {"ar": "ar_SA", "de": "de_DE", "en": "en_US", "es": "es_ES", "fr": "fr_FR", "ja": "ja_JP", "ko": "ko_KR",
           "ru": "ru_RU", "uk": "uk_UA", "zh": "zh_CN"}


CRASHES: list[str] = []  # rule errors (a version of the rules that crashes on some text), counted, not fatal


def lint(catalog: dict, rules: list[str], backend: str):
    import yaml

    from listing_lint.testing import lint_text

    text = yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False, width=10_000)
    result = lint_text(text, select=rules, config_values={"language_detector": backend}, path="bench.yaml")
    CRASHES.extend(result.errors)
    return result.findings


def udhr_rows() -> list[dict[str, str]]:
    rows: dict[tuple[str, str], dict[str, str]] = {}
    with UDHR.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["code"] in UDHR_CODES:
                rows.setdefault((row["article"], row["idx"]), {})[UDHR_CODES[row["code"]]] = row["text"]
    return [texts for texts in rows.values() if len(texts) == len(UDHR_CODES)]


def udhr(backend: str, source: str, targets: list[str]) -> tuple[int, list]:
    listings = [{"id": f"U{i}", "description": {lang: texts[lang] for lang in [source, *targets]}, "price": "1 RUB"}
                for i, texts in enumerate(udhr_rows())]
    catalog = {"source_locale": LOCALES[source], "target_locales": [LOCALES[t] for t in targets], "listings": listings}
    return len(listings) * len(targets), lint(catalog, ["T004"], backend)


def sentences() -> dict[str, list[str]]:
    return {p.stem: [line.strip() for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
            for p in sorted(SENTENCES.glob("*.txt"))}


def _source_of(lang: str) -> str:
    return "en" if lang != "en" else "ru"


def langid_false_alarms(backend: str, texts: dict[str, list[str]]) -> tuple[int, Counter, list]:
    checked, found, shown = 0, Counter(), []
    for lang, lines in texts.items():
        source = _source_of(lang)
        listings = []
        for i in range(0, len(lines) - 2, 3):
            listings.append({"id": f"{lang}{i}", "description": {source: "Source text.", lang: " ".join(lines[i:i + 3])},
                             "price": "1 RUB"})
        catalog = {"source_locale": LOCALES[source], "target_locales": [LOCALES[lang]], "listings": listings}
        findings = lint(catalog, ["T004"], backend)
        checked += len(listings)
        found[lang] += len(findings)
        shown.extend(f"{lang}: {f.message}" for f in findings)
    return checked, found, shown


def langid_detections(backend: str, texts: dict[str, list[str]], per_pair: int) -> dict[tuple[str, str], Counter]:
    """(target, pasted) → counts of texts, found by T004, by T003 only, missed."""
    from listing_lint.language.scripts import scripts_of_language

    out: dict[tuple[str, str], Counter] = {}
    for lang, lines in texts.items():
        source = _source_of(lang)
        listings, pasted_of = [], {}
        for other, other_lines in texts.items():
            if other == lang:
                continue
            for k in range(per_pair):
                base = lines[(2 * k) % (len(lines) - 1):][:2]
                pasted = other_lines[(7 * k) % len(other_lines)]
                key = f"{lang}-{other}-{k}"
                pasted_of[key] = (other, pasted)
                listings.append({"id": key, "description": {source: "Source text.", lang: " ".join([*base, pasted])},
                                 "price": "1 RUB"})
        catalog = {"source_locale": LOCALES[source], "target_locales": [LOCALES[lang]], "listings": listings}
        findings = lint(catalog, ["T003", "T004"], backend)
        by_listing: dict[str, set[str]] = {}
        for f in findings:
            by_listing.setdefault(f.listing_id, set()).add(f.code)
        for key, (other, _) in pasted_of.items():
            same = bool(scripts_of_language(lang) & scripts_of_language(other))
            counts = out.setdefault((lang, other, same), Counter())
            counts["texts"] += 1
            codes = by_listing.get(key, set())
            counts["T004" if "T004" in codes else "T003" if "T003" in codes else "missed"] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", default="py3langid", choices=("py3langid", "langdetect"))
    parser.add_argument("--per-pair", type=int, default=50, help="texts per (target, pasted language) pair")
    parser.add_argument("--show", action="store_true", help="print every false alarm")
    args = parser.parse_args(argv)
    if not UDHR.is_file() or not SENTENCES.is_dir():
        print(f"no data under {DATA}", file=sys.stderr)
        return 2

    checked, findings = udhr(args.backend, "ru", ["en", "de", "fr", "es", "uk"])
    print(f"UDHR, ru source, targets en de fr es uk: {len(findings)} T004 findings in {checked} texts")
    if args.show:
        print("".join(f"    {f.listing_id} {f.field}: {f.message}\n" for f in findings), end="")
    total_checked = total_found = 0
    for source in UDHR_CODES.values():
        targets = [t for t in UDHR_CODES.values() if t != source]
        checked, findings = udhr(args.backend, source, targets)
        total_checked += checked
        total_found += len(findings)
        if args.show:
            print("".join(f"    {source}→ {f.listing_id} {f.field}: {f.message}\n" for f in findings), end="")
    print(f"UDHR, every language the source in turn, nine targets: {total_found} T004 findings in {total_checked} "
          f"texts ({100 * total_found / total_checked:.2f} per 100)")

    texts = sentences()
    checked, found, shown = langid_false_alarms(args.backend, texts)
    print(f"langid, three correct sentences: {sum(found.values())} T004 findings in {checked} texts "
          f"({100 * sum(found.values()) / checked:.2f} per 100) {dict(found)}")
    if args.show:
        print("".join(f"    {s}\n" for s in shown), end="")
    results = langid_detections(args.backend, texts, args.per_pair)
    for same, title in ((True, "same alphabet"), (False, "another alphabet")):
        total = Counter()
        for (_lang, _other, s), counts in results.items():
            if s == same:
                total.update(counts)
        n = total["texts"]
        print(f"langid, a sentence of another language ({title}) after two correct ones: {n} texts, "
              f"T004 {100 * total['T004'] / n:.1f}%, T003 only {100 * total['T003'] / n:.1f}%, "
              f"missed {100 * total['missed'] / n:.1f}%")
    for same, title in ((True, "same alphabet"), (False, "another alphabet")):
        worst = sorted(((c["missed"] / c["texts"], k) for k, c in results.items() if k[2] == same), reverse=True)[:8]
        print(f"most missed ({title}): " + ", ".join(f"{o} in {t} {100 * r:.0f}%" for r, (t, o, _) in worst if r))
    if CRASHES:
        print(f"rule crashes: {len(CRASHES)}, e.g. {CRASHES[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
