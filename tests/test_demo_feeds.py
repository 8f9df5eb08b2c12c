"""The multi-feed demo: a windows-1251 YML, an English Google RSS feed and a German Google TSV,
joined into one catalog, give exactly the findings of `expected.yaml`, each in the file, at the
line and column, that holds its value.

`fixtures/made_in_russia_feeds/expected.yaml` lists every expected finding; EXPECTED.md explains them.
The feeds are written by `scripts/make_demo_feeds.py`; `--check` keeps them in step with their sources.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from conftest import DEMO, REPO
from test_demo import _installed_families

FEEDS = REPO / "fixtures" / "made_in_russia_feeds"
CONFIG = FEEDS / "listing-lint.yaml"
GENERATOR = REPO / "scripts" / "make_demo_feeds.py"
EXPECTED = yaml.safe_load((FEEDS / "expected.yaml").read_text(encoding="utf-8"))["feeds"]
FEED_FILES = ("shop_ru.yml", "google_us.xml", "google_de.tsv")


def _run(*args: str):
    from click.testing import CliRunner

    from listing_lint.cli import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@lru_cache(maxsize=1)
def _findings() -> tuple[dict, ...]:
    # No paths: `check` lints the feeds of the config's `feeds:`, joined.
    result = _run("check", "--config", CONFIG, "--format", "json", "--exit-zero")
    assert result.exit_code == 0, result.stderr
    return tuple(json.loads(result.stdout))


@lru_cache(maxsize=1)
def _shown() -> tuple[dict, ...]:
    result = _run("show", "--config", CONFIG, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return tuple(json.loads(result.stdout))


def _generator():
    spec = importlib.util.spec_from_file_location("make_demo_feeds", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _key(entry_or_finding: dict) -> tuple:
    listing = entry_or_finding.get("listing", entry_or_finding.get("listing_id"))
    path = entry_or_finding["path"]
    return listing, entry_or_finding["code"], entry_or_finding["field"], Path(path).name


@pytest.mark.parametrize("family", _installed_families())
def test_planted_defects_are_found(family):
    expected = Counter((e["listing"], e["code"]) for e in EXPECTED if e["code"].startswith(family))
    found = Counter((f["listing_id"], f["code"]) for f in _findings() if f["code"].startswith(family))
    assert found == expected, (
        f"missing: {sorted((expected - found).elements(), key=str)}\n"
        f"unexpected: {sorted((found - expected).elements(), key=str)}"
    )


def test_expected_entries_name_one_finding_each():
    keys = [_key(e) for e in EXPECTED]
    assert len(keys) == len(set(keys)), "two entries of expected.yaml would match the same finding"
    assert {k[3] for k in keys} == set(FEED_FILES), "every feed file has a planted defect"


@pytest.mark.parametrize("entry", EXPECTED, ids=lambda e: f"{e['listing']}-{e['code']}-{e['field']}-{e['path']}")
def test_each_finding_points_into_the_file_that_holds_the_value(entry):
    if entry["code"][0] not in _installed_families():
        pytest.skip(f"no {entry['code'][0]} rules installed")
    found = [f for f in _findings() if _key(f) == _key(entry)]
    assert found, f"no finding {_key(entry)}; found: {sorted(map(_key, _findings()), key=str)}"
    [finding] = found
    assert (finding["line"], finding["column"]) == (entry["line"], entry["column"]), finding
    for name, value in (entry.get("data") or {}).items():
        assert finding["data"].get(name) == value, (name, finding["data"])


def test_a_three_decimal_google_price_is_too_precise_not_ambiguous():
    [finding] = [f for f in _findings() if (f["listing_id"], f["code"]) == ("RU-HAT-003", "C006")]
    assert finding["data"]["problem"] == "too-many-decimals", finding["message"]
    assert finding["message"] == "price 12.345 USD has 3 decimals; USD allows 2"


def test_the_yml_is_windows_1251_with_character_references():
    data = (FEEDS / "shop_ru.yml").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1251")
    assert text.startswith('<?xml version="1.0" encoding="windows-1251"?>\n<!DOCTYPE yml_catalog SYSTEM "shops.dtd">\n')
    assert "Павлопосадский платок «Розовый сад», шерсть, 125&#215;125 см" in text
    assert "<currencyId>RUR</currencyId>" in text and '<currency id="RUR" rate="1"/>' in text
    assert "<![CDATA[<p>" in text
    read_as = {(Path(r["path"]).name, r["reader"], r["encoding"]) for r in _shown()}
    assert read_as == {("shop_ru.yml", "yml", "cp1251"), ("google_us.xml", "gmc-xml", "utf-8"),
                       ("google_de.tsv", "gmc-tsv", "utf-8")}


def test_check_without_paths_lints_the_three_feeds_and_exits_1():
    result = _run("check", "--config", CONFIG)
    assert result.exit_code == 1, result.stdout + result.stderr
    reported = {Path(line.split(":", 1)[0]).name for line in result.stdout.splitlines() if ": " in line}
    assert set(FEED_FILES) <= reported, result.stdout
    assert f"Checked 26 listings in 3 files: {len(EXPECTED)} problems" in result.stdout


def test_naming_the_feeds_directory_lints_the_joined_feeds():
    result = _run("check", "--config", CONFIG, FEEDS)
    assert "holds no catalogs" not in result.stderr
    assert result.exit_code == 1, result.stderr
    assert f"Checked 26 listings in 3 files: {len(EXPECTED)} problems" in result.stdout


def test_the_clean_group_is_clean_and_rur_is_the_rouble():
    assert [f for f in _findings() if f["listing_id"] == "RU-SHAWL-001"] == []
    assert not [f for f in _findings() if f["code"] == "C002"], "RUR is the YML spec's rouble, not a defect there"
    [shawl] = [r for r in _shown() if r["id"] == "RU-SHAWL-001"]
    fields = shawl["fields"]
    assert fields["currency"]["value"] == "RUR" and fields["currency"]["means"] == "RUB"
    assert fields["category"]["value"] == "Аксессуары/Платки"
    assert fields["title.ru"]["value"] == "Павлопосадский платок «Розовый сад», шерсть, 125×125 см"
    assert {Path(f["path"]).name for f in fields.values()} == set(FEED_FILES)


def test_show_lists_the_joined_listings_with_each_field_in_its_file():
    generator = _generator()
    demo = {l["id"]: l for l in yaml.load((DEMO / "catalog.yaml").read_text(encoding="utf-8"),
                                           Loader=yaml.BaseLoader)["listings"]}
    german = yaml.load((FEEDS / "german.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    joined = [r for r in _shown() if "orphan_in" not in r]
    assert [r["id"] for r in joined] == list(generator.LISTINGS)
    for record in joined:
        lid, fields = record["id"], record["fields"]
        where = {name: Path(entry["path"]).name for name, entry in fields.items()}
        assert Path(record["path"]).name == "shop_ru.yml", lid
        for name in ("id", "title.ru", "description.ru", "price", "currency", "category"):
            assert where[name] == "shop_ru.yml", (lid, name)
        for name in ("title.en", "description.en", "prices.USD"):
            assert where[name] == "google_us.xml", (lid, name)
        assert fields["title.en"]["value"] == demo[lid]["title"]["en"], lid
        assert fields["prices.USD"]["value"] == f"{demo[lid]['prices']['USD']} USD", lid
        if lid in generator.PLANTED_NOT_IN_DE:
            assert not [n for n, f in where.items() if f == "google_de.tsv"], lid
            continue
        for name in ("title.de", "description.de"):
            assert where[name] == "google_de.tsv", (lid, name)
        assert fields["description.de"]["value"] == german[lid]["description"], lid
        if lid in generator.PLANTED_DE_TITLE_FROM_US:
            assert fields["title.de"]["value"] == demo[lid]["title"]["en"], lid
        else:
            assert fields["title.de"]["value"] == german[lid]["title"], lid
        price = "prices.RUB" if lid in generator.PLANTED_DE_PRICE else "prices.EUR"
        assert where[price] == "google_de.tsv", (lid, price)
    orphans = {(r["id"], r["orphan_in"], Path(r["path"]).name) for r in _shown() if "orphan_in" in r}
    assert orphans == {("RU-SHAWL-002", "en_US", "google_us.xml"), ("RU-DRESS-001", "de_DE", "google_de.tsv")}


def test_the_generator_check_passes():
    result = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr


def test_the_generator_check_fails_when_a_feed_is_out_of_date(tmp_path, monkeypatch, capsys):
    generator = _generator()
    copy = tmp_path / "feeds"
    shutil.copytree(FEEDS, copy)
    monkeypatch.setattr(generator, "FEEDS", copy)
    assert generator.main(["--check"]) == 0
    tsv = copy / "google_de.tsv"
    tsv.write_bytes(tsv.read_bytes().replace(b"45.84 EUR", b"45.85 EUR", 1))
    assert generator.main(["--check"]) == 1
    assert "google_de.tsv is out of date" in capsys.readouterr().err
