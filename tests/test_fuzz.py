"""Property-based fuzzing: structure-aware mutations of real catalogs and feeds, driven through
load → rules → every reporter. Whatever the file, no rule crashes, no exception escapes, and every
report can be written as UTF-8.

The mutations know the formats' structure: they replace a value (a YAML scalar, a CSV cell, an XML
element's text) with a hostile one (absurd amounts, control characters, lone surrogates as an
undecodable byte would leave, number-like letters, markup, nothing at all), drop, repeat or swap
lines, unbalance brackets and quotes, and cut the file short; bytes are also flipped at random.

Deterministic in CI: hypothesis is derandomized and keeps no database, so every run tries the same
examples. `LISTING_LINT_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py` tries more.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import DEMO, REPO

EXAMPLES = int(os.environ.get("LISTING_LINT_FUZZ_EXAMPLES", "40"))
FIXTURES = [
    DEMO / "catalog.yaml", DEMO / "catalog.csv", DEMO / "clean.yaml",
    REPO / "fixtures" / "made_in_russia_feeds" / "shop_ru.yml",
    REPO / "fixtures" / "made_in_russia_feeds" / "google_us.xml",
    REPO / "fixtures" / "made_in_russia_feeds" / "google_de.tsv",
    REPO / "tests" / "data" / "feeds" / "catalog.json",
    REPO / "tests" / "data" / "feeds" / "shopify_products.json",
    REPO / "tests" / "data" / "tables" / "shopify_variants.csv",
    REPO / "tests" / "data" / "tables" / "woocommerce_variable.csv",
]
HOSTILE = [
    "9999999999999999999999999999", "1e999999999", "-0", "0.000000000000000000000000000000001", ".nan", "-.inf",
    "½", "² Ⅻ ①", "Shawl ½ шерсть", "\x1b[31m", "\x07", "\x00", "\u202e", "\ufeff", "\udcff", "", "~", "null",
    "&a", "*a", "!!binary", "[", "{", "'", '"', "<b>", "</i>", "&amp;", "&#0;", "%s {{title}}", "a-" * 300,
    "1." * 300, "х" * 2000, "USD", "RUR", "1 000,00 ₽", "4,500", "¥", "$$$", "48.605 USD", "NaN USD",
]

DIGITS = ["9" * 28, "1" + "0" * 27, "9" * 40 + ".5", "0", "00000", "1" * 300, "1e999999999", "0.000000000000000000001"]


@lru_cache(maxsize=None)
def _fixture_text(path: Path) -> bytes:
    return path.read_bytes()


def _encoding(path: Path) -> str:
    return "cp1251" if path.suffix == ".yml" else "utf-8"


VALUE_SPANS = {
    ".yaml": re.compile(r"(?<=: )[^{}\[\],\n]+|(?<=- )[^{}\[\],:\n]+"),
    ".csv": re.compile(r"[^,\n]+"),
    ".tsv": re.compile(r"[^\t\n]+"),
    ".xml": re.compile(r"(?<=>)[^<>]+(?=</)"),
    ".yml": re.compile(r"(?<=>)[^<>]+(?=</)"),
    ".json": re.compile(r'(?<=: )("[^"]*"|[-\d.eE+]+)'),
}


@st.composite
def mutated(draw):
    """(file name, bytes): a fixture after 1–4 structure-aware mutations."""
    path = draw(st.sampled_from(FIXTURES))
    text = _fixture_text(path).decode(_encoding(path))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["value", "value", "value", "digits", "digits", "drop-line", "repeat-line", "swap-lines",
                                     "unbalance", "truncate", "indent"]))
        lines = text.split("\n")
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        if kind == "value":
            spans = list(VALUE_SPANS[path.suffix].finditer(text))
            if spans:
                m = spans[draw(st.integers(0, len(spans) - 1))]
                value = draw(st.sampled_from(HOSTILE) | st.text(max_size=20))
                text = text[:m.start()] + value + text[m.end():]
        elif kind == "digits":  # an amount, a line number, a GTIN: grown, emptied or zeroed
            runs = list(re.finditer(r"\d+", text))
            if runs:
                m = runs[draw(st.integers(0, len(runs) - 1))]
                value = draw(st.sampled_from(DIGITS))
                text = text[:m.start()] + value + text[m.end():]
        elif kind == "drop-line":
            del lines[at]
            text = "\n".join(lines)
        elif kind == "repeat-line":
            lines.insert(at, lines[at])
            text = "\n".join(lines)
        elif kind == "swap-lines":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
            text = "\n".join(lines)
        elif kind == "unbalance":
            lines[at] = lines[at] + draw(st.sampled_from(["[", "{", '"', "'", "<", "</item>", ",", "\t"]))
            text = "\n".join(lines)
        elif kind == "truncate":
            text = text[: draw(st.integers(0, len(text)))]
        elif kind == "indent":
            lines[at] = draw(st.sampled_from(["", " ", "    ", "\t"])) + lines[at].lstrip()
            text = "\n".join(lines)
    data = text.encode(_encoding(path), "surrogateescape" if _encoding(path) == "utf-8" else "replace") \
        if "\udcff" not in text or _encoding(path) == "utf-8" else text.encode(_encoding(path), "replace")
    if draw(st.booleans()) and data:
        flips = draw(st.lists(st.tuples(st.integers(0, len(data) - 1), st.integers(0, 255)), max_size=3))
        raw = bytearray(data)
        for i, b in flips:
            raw[i] = b
        data = bytes(raw)
    return path.name, data


@lru_cache(maxsize=1)
def _selection():
    from listing_lint.config import load_config
    from listing_lint.registry import discover
    from listing_lint.selection import Selection

    config = load_config(DEMO / "listing-lint.yaml").with_overrides(extend_select=["ALL"])
    return Selection(discover(), config)


# The `--fix` drive is the fix engineer's part of issue 13: each function here gets (inputs,
# selection, result) after the reporters ran and may apply fixes; an exception fails the example.
def _fixes_keep_their_promises(inputs, selection, result) -> None:
    """`--fix` and `--fix --unsafe-fixes` on the mutated file, held to what they promise
    (listing_lint.testing.check_fix), when the run offered any fix."""
    if not result.fixes:
        return
    from listing_lint.testing import check_fix

    path = Path(inputs[0].path)
    fixable = sorted({f.code for f in result.fixes} | {"L001", "L002", "L003", "L004"})
    check_fix(path.read_bytes(), name=path.name, select=fixable)


FIX_DRIVERS: list = [_fixes_keep_their_promises]


def drive(path: Path) -> None:
    """One file through load → rules → every reporter (→ FIX_DRIVERS): raises on what must not happen."""
    from listing_lint.engine import Input, run
    from listing_lint.registry import discover
    from listing_lint.reporters import FORMATS, Report, renderer

    selection = _selection()
    inputs = [Input(str(path))]
    result = run(inputs, selection)
    crashes = [e for e in result.errors if "internal error" in e]
    assert not crashes, crashes
    report = Report(discover(), [str(path)], result.listings, False, True, False,
                    catalogs=result.catalogs, errors=result.errors, tally=result.tally)
    for fmt in FORMATS:
        renderer(fmt)(result.findings, report).encode("utf-8")
    for fix in FIX_DRIVERS:
        fix(inputs, selection, result)


@pytest.mark.filterwarnings("ignore")
@settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(mutated())
def test_fuzzed_catalogs_never_crash(tmp_path_factory, case):
    name, data = case
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    drive(path)


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_the_unmutated_fixtures_drive_cleanly(path):
    drive(path)
