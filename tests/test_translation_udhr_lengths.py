"""T008 (length-mismatch) between dense scripts and alphabets, on the UDHR, both ways.

Chinese (simplified and traditional), Japanese and Korean paragraphs against their
English and Russian ones, each language as the source and as the target: 16 pairs,
77-92 aligned texts each (the alignment is test_translation_udhr's). Counted in
characters, 381 of those 1,316 correct translations were flagged; counted in Latin
letters (listing_lint/text/length.py) none are. The same setup must still catch
damage: with each description's translation cut to its first quarter, 791 of 832
are caught (41-58 of 48-60 per pair); the bound below is 80% per pair.
"""

from __future__ import annotations

import pytest
from test_translation_udhr import LOCALES, UDHR, _lint, _listings

DENSE = ("cmn_hans", "cmn_hant", "jpn", "kor")
PAIRS = [pair for dense in DENSE for other in ("eng", "rus") for pair in ((dense, other), (other, dense))]

pytestmark = pytest.mark.skipif(not UDHR.is_file(), reason=f"UDHR data not found at {UDHR} (../shared is absent)")


@pytest.mark.parametrize("source, target", PAIRS, ids=[f"{s}>{t}" for s, t in PAIRS])
def test_correct_translations_are_not_flagged_for_their_length(source, target):
    listings = _listings(source, target)
    assert len(listings) >= 75, "the alignment lost most of the declaration"
    findings = _lint(source, target, listings, "py3langid", rules=["T008"])
    assert [(f.listing_id, f.message) for f in findings] == []


@pytest.mark.parametrize("source, target", PAIRS, ids=[f"{s}>{t}" for s, t in PAIRS])
def test_a_translation_cut_to_a_quarter_is_caught(source, target):
    language = LOCALES[target].split("_")[0]
    cut = [item for item in _listings(source, target) if "description" in item]
    for item in cut:
        text = item["description"][language]
        item["description"][language] = text[: len(text) // 4]
    findings = _lint(source, target, cut, "py3langid", rules=["T008"])
    assert all("part of the text may be missing" in f.message for f in findings)
    assert len(findings) >= 0.8 * len(cut), f"{len(findings)} of {len(cut)} cut translations caught"
