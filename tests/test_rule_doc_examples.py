"""Each rule's documented examples do what its docs say (yamllint's docs-are-tests idea).

In a rule's `## Example`, every ```yaml block is preceded by words saying whether it
fails or passes. Blocks that are catalogs (a list of listings, or `listings:`) are
run through the rule, in the context the docs assume: a seller writing `ru_RU` for
an `en_US` market, with the demo's pinned rates (1 USD = 92.59 RUB) and its
comparable items. A failing example must draw at least one finding of the rule; a
passing one none. So the docs cannot drift from the code. A block of config settings
(`marketplace: google`) is the config of the examples after it.
"""

from __future__ import annotations

import re
import textwrap

import pytest
import yaml

from conftest import DEMO
from listing_lint.registry import discover
from listing_lint.testing import lint_text

RULES = discover()
CONTEXT = {
    "source_locale": "ru_RU",
    "target_locales": ["en_US"],
    "rates": str(DEMO / "rates.yaml"),
    "comparables": [str(DEMO / "comparables.csv")],
}
BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)
VERDICT = re.compile(r"\b(fail|pass)", re.I)


def examples(cls):
    from listing_lint.config import SETTINGS, canonical_key

    doc = cls.doc()
    section = doc.split("## Example", 1)[1].split("\n## ", 1)[0]
    found, start, config = [], 0, {}
    for match in BLOCK.finditer(section):
        words = VERDICT.findall(section[start : match.start()])
        start = match.end()
        text = textwrap.dedent(match.group(1))
        data = yaml.safe_load(text)
        if isinstance(data, dict) and data and all(canonical_key(k) in SETTINGS for k in data):
            config = data  # the config the examples after it assume
            continue
        if not (isinstance(data, list) or (isinstance(data, dict) and "listings" in data)):
            continue  # not a catalog (a rates file, say): described, not run
        assert words, f"{cls.code}: say whether the example before ```yaml fails or passes"
        found.append((words[-1].lower() == "fail", text, config))
    return found


CASES = [pytest.param(code, fails, text, config, id=f"{code}-{'fails' if fails else 'passes'}-{i}")
         for code, cls in sorted(RULES.items()) for i, (fails, text, config) in enumerate(examples(cls))]


@pytest.mark.parametrize("code, fails, text, config", CASES)
def test_documented_example(code, fails, text, config):
    result = lint_text(text, select=[code], config_values={**CONTEXT, **config})
    assert not result.errors, result.errors
    found = [f.message for f in result.findings if f.code == code]
    assert bool(found) == fails, f"documented to {'fail' if fails else 'pass'}, got: {found}"


def test_every_rule_documents_a_failing_and_a_passing_catalog():
    missing = []
    for code, cls in sorted(RULES.items()):
        kinds = {fails for fails, _, _ in examples(cls)}
        # C007's example is a rates file; L007's a pair of feeds (its cases join files: rule_cases/L007.yaml).
        if kinds != {True, False} and code not in ("C007", "L007"):
            missing.append(code)
    assert not missing, f"rules whose docs lack a runnable failing and passing example: {missing}"
