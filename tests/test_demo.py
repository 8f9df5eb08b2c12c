"""The demo catalog: each planted defect gives its expected code, and clean.yaml gives nothing.

`fixtures/made_in_russia/expected.yaml` lists every expected finding. A rule family is
checked as soon as its rules are installed: the (listing, code) pairs the family
produces must equal the family's expected entries exactly, no more, no fewer.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import DEMO

EXPECTED = yaml.safe_load((DEMO / "expected.yaml").read_text(encoding="utf-8"))
CONFIG = DEMO / "listing-lint.yaml"


def _installed_families() -> list[str]:
    from listing_lint.registry import discover

    return sorted({cls.family() for cls in discover().values()})


def _findings(cli, name):
    result = cli("check", "--config", CONFIG, "--format", "json", "--exit-zero", DEMO / name)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", ["catalog.yaml", "catalog.csv"])
@pytest.mark.parametrize("family", _installed_families())
def test_planted_defects_are_found(cli, name, family):
    expected = Counter((e["listing"], e["code"]) for e in EXPECTED[name] if e["code"].startswith(family))
    found = Counter((f["listing_id"], f["code"]) for f in _findings(cli, name) if f["code"].startswith(family))
    assert found == expected, (
        f"missing: {sorted((expected - found).elements())}\nunexpected: {sorted((found - expected).elements())}"
    )


@pytest.mark.parametrize("name", ["catalog.yaml", "catalog.csv"])
def test_expected_fields_are_pointed_at(cli, name):
    fields = {(f["listing_id"], f["code"], f["field"]) for f in _findings(cli, name)}
    families = _installed_families()
    for e in EXPECTED[name]:
        if e["code"][0] in families and e.get("field"):
            assert (e["listing"], e["code"], e["field"]) in fields, e


def test_clean_catalog_gives_nothing(cli):
    assert _findings(cli, "clean.yaml") == []


def test_yaml_and_csv_twins_hold_the_same_listings():
    from listing_lint.loaders import load_catalog

    ycat, ccat = load_catalog(DEMO / "catalog.yaml"), load_catalog(DEMO / "catalog.csv")
    assert [l.id for l in ycat.listings] == [l.id for l in ccat.listings]
    for y, c in zip(ycat.listings, ccat.listings):
        for key in ("title", "description"):
            assert {k: v.text for k, v in y.texts(key).items()} == {k: v.text for k, v in c.texts(key).items()}, (y.id, key)
        assert {k: v.text for k, v in y.prices.items()} == {k: v.text for k, v in c.prices.items()}, y.id


def test_the_demo_directory_lints_its_catalogs_and_skips_its_data(cli):
    result = cli("check", "--config", CONFIG, "--format", "json", "--exit-zero", DEMO)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert {Path(f["path"]).name for f in json.loads(result.stdout)} == {"catalog.yaml", "catalog.csv"}
