"""SARIF output: valid against the official 2.1.0 schema, rules documented, fingerprints stable."""

from __future__ import annotations

import json

import pytest

from conftest import DEMO

CONFIG = DEMO / "listing-lint.yaml"

CATALOG = """\
source_locale: ru_RU
target_locales: [en_US]
listings:
  - {id: A1, title: {ru: "Платок  шерстяной", en: "Wool shawl"}, price: 4500 RUB}
  - {id: A2, titel: {ru: "Шарф"}, price: 1200 RUB}
"""


def _sarif(cli, *args):
    result = cli("check", "--format", "sarif", "--exit-zero", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_demo_catalog_sarif_is_valid_against_the_official_schema(cli, shared):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    doc = _sarif(cli, "--config", CONFIG, DEMO / "catalog.yaml")
    validator_cls = jsonschema.validators.validator_for(schema)
    errors = sorted(validator_cls(schema).iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    run = doc["runs"][0]
    assert run["results"], "the demo catalog has planted defects; SARIF shows none"
    # An empty run is valid too, and a schema change must not hide it.
    clean = _sarif(cli, "--config", CONFIG, DEMO / "clean.yaml")
    assert not list(validator_cls(schema).iter_errors(clean))


def test_rules_results_and_locations(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    doc = _sarif(cli, "--select", "L", tmp_path / "shop" / "catalog.yaml")
    run = doc["runs"][0]
    assert doc["version"] == "2.1.0"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    l003 = rules["L003"]
    assert l003["name"] == "unknown-field"
    assert l003["shortDescription"]["text"]
    assert "## How to fix" in l003["help"]["markdown"]
    assert l003["defaultConfiguration"]["level"] == "error"
    by_rule = {r["ruleId"]: r for r in run["results"]}
    unknown = by_rule["L003"]
    assert run["tool"]["driver"]["rules"][unknown["ruleIndex"]]["id"] == "L003"
    assert unknown["level"] == "error"
    location = unknown["locations"][0]["physicalLocation"]
    # Relative to where the run started, with forward slashes, even for an absolute argument.
    assert location["artifactLocation"]["uri"] == "shop/catalog.yaml"
    assert location["region"] == {"startLine": 5, "startColumn": 14}
    assert "A2" in unknown["message"]["text"]
    assert by_rule["L005"]["level"] == "warning"


def test_fingerprints_ignore_line_numbers(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "catalog.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    before = _sarif(cli, "--select", "L", path)["runs"][0]["results"]
    # A listing added above moves every result down a line; none of them is new.
    path.write_text(CATALOG.replace("listings:\n", "listings:\n  - {id: A0, title: {ru: \"Шапка\"}, price: 900 RUB}\n"),
                    encoding="utf-8")
    after = _sarif(cli, "--select", "L", path)["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == \
        [r["locations"][0]["physicalLocation"]["region"]["startLine"] + 1 for r in before]
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]
    prints = [json.dumps(r["partialFingerprints"]) for r in after]
    assert len(set(prints)) == len(prints)
