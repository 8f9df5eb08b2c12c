"""Every regular expression of listing-lint and its rules runs in linear time on seller text.

Python's `re` counts no steps and a timed assertion would be flaky, so linearity is checked
two honest ways:

1. by shape (tests/pattern_shapes.py): no ambiguous nested quantifier (an unbounded repeat inside
   another whose iterations are not delimited by a character the inner repeats cannot take), and
   no pattern searched through a text that opens with an unbounded repeat and can fail after it
   unless a lookbehind keeps it from starting inside its own run. The few patterns only ever used
   with `match`/`fullmatch` at one position, or searched in a window of a few dozen characters,
   are listed below with where they are used; a new pattern is checked unless it is added there.
2. by running every pattern, as it is used, on pathological texts of 10,000 characters (runs and
   alternations of the characters the patterns care about). This asserts nothing about time: a
   quadratic pattern does not fail here, it hangs the suite visibly (EMAIL_RE before the fix took
   over a second on each such text, 46 s on 60 KB). benchmarks/text_patterns.py prints the timings.
"""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import re

import pytest

import listing_lint
import listing_lint_rules
from tests.pattern_shapes import nested_quantifiers, rescanning_start

# Patterns used only at one position (match/fullmatch) or searched in a bounded window.
AT_ONE_PLACE = {
    "listing_lint.loaders.xml._ATTRIBUTE": "match at one tag's offset",
    "listing_lint.loaders.xml._ROOT": "match at the root element.s offset",
    "listing_lint.money.parse._STRICT": "fullmatch of one price field of at most STRICT_MAX_CHARS characters",
    "listing_lint.quantity._CHAIN_BEFORE": "searched in the _WINDOW characters before a number",
    "listing_lint.quantity._CJK_NOT_AFTER": "match right after a unit",
    "listing_lint.quantity._EACH_AFTER": "match right after a unit",
    "listing_lint.quantity._WORDS_GAP": "fullmatch of the gap between two quantities",
    "listing_lint.quantity._PACK_GAP": "fullmatch of the gap between two quantities",
    "listing_lint.money.names._AMOUNT_BEFORE": "searched in the 24 characters before a currency name",
    "listing_lint.quantity._PLUS_GAP": "fullmatch of the gap between two quantities",
    "listing_lint.quantity._STRONG_GAP": "fullmatch of the gap between two quantities",
    "listing_lint.quantity._WEAK_GAP": "fullmatch of the gap between two quantities",
    "listing_lint_rules.marketplace.invalid_gtin.DECIMAL": "fullmatch of a GTIN value",
    "listing_lint_rules.marketplace.invalid_gtin.SCIENTIFIC": "fullmatch of a GTIN value",
    "listing_lint_rules.marketplace.words.PERCENT_AFTER": "match right after a promotional word",
    "listing_lint_rules.translation._CODE_BEFORE": "searched in the 40 characters before a match",
}
# Nested repeats that cannot backtrack: possessive or atomic inner parts.
NOT_BACKTRACKING = {
    "listing_lint.quantity._CHAIN_BEFORE": "possessive digit runs; searched in a short window",
    "listing_lint.text.markup._TAG_SHAPE_RE": "each iteration is an atomic group; no branch takes `<`",
}


def _patterns() -> dict[str, re.Pattern]:
    found = {}
    for package in (listing_lint, listing_lint_rules):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern):
                    found.setdefault(f"{info.name}.{name}", value)
    # Patterns built from data on first use.
    from listing_lint.money.parse import _currency_pattern

    found["listing_lint.money.parse._currency_pattern()"] = _currency_pattern()
    return dict(sorted(found.items()))


PATTERNS = _patterns()
# The characters the patterns are about: letters, digits, separators, markup, spaces, addresses.
ALPHABET = ["a", "1", ".", "-", " ", "@", "<", '"', "\u200b", "x", ",", "/"]
SIZE = 10_000


def _pathological() -> list[str]:
    texts = [ch * SIZE for ch in ALPHABET]
    texts += [(a + b) * (SIZE // 2) for a, b in itertools.combinations(ALPHABET, 2)]
    texts += ["a" * SIZE + "@" + "a." * (SIZE // 2), "<a " * (SIZE // 3), "1 " * (SIZE // 2) + "%"]
    return texts


def test_every_module_pattern_is_collected():
    assert "listing_lint.text.markup.EMAIL_RE" in PATTERNS
    assert len(PATTERNS) > 100
    assert set(AT_ONE_PLACE) <= set(PATTERNS) and set(NOT_BACKTRACKING) <= set(PATTERNS)


@pytest.mark.parametrize("name", PATTERNS)
def test_no_ambiguous_nested_quantifier(name):
    if name in NOT_BACKTRACKING:
        pytest.skip(NOT_BACKTRACKING[name])
    assert nested_quantifiers(PATTERNS[name]) == []


@pytest.mark.parametrize("name", PATTERNS)
def test_search_never_rescans_a_run(name):
    if name in AT_ONE_PLACE:
        pytest.skip(AT_ONE_PLACE[name])
    assert rescanning_start(PATTERNS[name]) is None


def test_the_shape_checks_catch_the_slow_patterns_they_are_for():
    # The checks are not vacuous: the email pattern of before, and classic exponential shapes.
    assert rescanning_start(re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]++)*\.[A-Za-z]{2,}\b"))
    assert rescanning_start(re.compile(r"\s*[,;|]\s*"))
    assert rescanning_start(re.compile(r"(?<![\w.+-])[\w.+-]+@\w+")) is None
    assert nested_quantifiers(re.compile(r"(?:a+)+b"))
    assert nested_quantifiers(re.compile(r"(?:\w+\s?)*$"))
    assert nested_quantifiers(re.compile(r"\d+(?:[.,]\d+)*")) == []


def test_every_pattern_on_pathological_text():
    """Hangs (rather than fails) on a quadratic pattern: see the module docstring."""
    texts = _pathological()
    for name, pattern in PATTERNS.items():
        for text in texts:
            if isinstance(pattern.pattern, bytes):
                text = text.encode("utf-8")
            if name in AT_ONE_PLACE:
                pattern.match(text)
            else:
                for _ in pattern.finditer(text):
                    pass


def test_email_pattern_still_finds_addresses():
    from listing_lint.text.markup import EMAIL_RE

    assert EMAIL_RE.findall("write to shop@example.com or a.b+c@mail.co.uk today") == [
        "shop@example.com", "a.b+c@mail.co.uk"]
    assert EMAIL_RE.findall("a-a-a-a" * 1000) == []
