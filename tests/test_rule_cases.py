"""Rule test cases as data: every `tests/rule_cases/<CODE>.yaml` file, every case in it.

A case gives a catalog (written as YAML, or raw `text:` for YAML/CSV quirks) and the
findings of its rule it must produce (`expect: []` for a passing case). Anyone can
add a case without writing code. Format:

    rule: T003
    config: {keep_terms: [Gzhel]}      # optional, for every case in the file
    cases:
      - name: german pasted into an english title
        catalog: {source_locale: ru_RU, target_locales: [en_US], listings: [...]}
        config: {}                      # optional, merged over the file's
        expect:
          - {listing: A1, field: title.en, message_contains: German, data: {detected: de}}

Config paths (comparables, rates files) are relative to the case file.
A case may instead give `files:` (file name → text) with config `feeds:` naming
them: the feeds are joined into one catalog, as `listing-lint check` does.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from listing_lint.registry import discover
from listing_lint.testing import lint_text

CASES_DIR = Path(__file__).parent / "rule_cases"


def _node_text(source: str, node) -> str:
    """The exact source text of a YAML node, so `48.60` reaches the loader as written."""
    chunk = source[node.start_mark.index : node.end_mark.index]
    return textwrap.dedent(" " * node.start_mark.column + chunk) + "\n"


def _load_cases():
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        source = path.read_text(encoding="utf-8")
        data = yaml.safe_load(source)
        root = yaml.compose(source, Loader=yaml.SafeLoader)
        cases_node = next(v for k, v in root.value if k.value == "cases")
        for case, node in zip(data["cases"], cases_node.value, strict=True):
            catalog_node = next((v for k, v in node.value if k.value == "catalog"), None)
            text = case.get("text") or (_node_text(source, catalog_node) if catalog_node is not None else None)
            if case.get("files"):
                text = case["files"]
            params.append(pytest.param(path, data, case, text, id=f"{data['rule']}: {case['name']}"))
    return params


def _matches(finding, expected: dict) -> bool:
    if "listing" in expected and finding.listing_id != expected["listing"]:
        return False
    if "field" in expected and finding.field != expected["field"]:
        return False
    if "path" in expected and Path(finding.path).name != expected["path"]:
        return False
    if "line" in expected and finding.line != expected["line"]:
        return False
    if "column" in expected and finding.column != expected["column"]:
        return False
    if "message_contains" in expected and expected["message_contains"] not in finding.message:
        return False
    for key, value in (expected.get("data") or {}).items():
        if str(finding.data.get(key)) != str(value):
            return False
    return True


@pytest.mark.parametrize("path, spec, case, text", _load_cases())
def test_rule_case(path, spec, case, text):
    assert text, f"{path.name}: case '{case['name']}' has neither `catalog`, `text` nor `files`"
    config = {**(spec.get("config") or {}), **(case.get("config") or {})}
    files = text if isinstance(text, dict) else None
    result = lint_text(
        None if files else text,
        select=[spec["rule"]],
        config_values=config,
        path=path.parent / case.get("filename", f"{spec['rule']}-case.yaml"),
        config_path=path,
        files=files,
    )
    assert not result.errors, result.errors
    found = [f for f in result.findings if f.code == spec["rule"]]
    expected = case.get("expect") or []
    shown = "\n".join(f"  {f.listing_id} {f.field} {Path(f.path).name}:{f.line}:{f.column}: {f.message} {f.data}"
                      for f in found) or "  (none)"
    assert len(found) == len(expected), f"expected {len(expected)} finding(s), got:\n{shown}"
    unmatched = list(found)
    for exp in expected:
        hit = next((f for f in unmatched if _matches(f, exp)), None)
        assert hit is not None, f"no finding matches {exp}; got:\n{shown}"
        unmatched.remove(hit)


def test_every_rule_has_passing_and_failing_cases():
    rules = discover()
    missing = []
    for code in sorted(rules):
        path = CASES_DIR / f"{code}.yaml"
        if not path.is_file():
            missing.append(f"{code}: no {path.name}")
            continue
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        if not any(c.get("expect") for c in cases):
            missing.append(f"{code}: no failing case")
        if not any(not c.get("expect") for c in cases):
            missing.append(f"{code}: no passing case")
    assert not missing, "\n".join(missing)
