"""--output and --write-baseline refuse every file the run reads, not only the catalogs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "rule_cases" / "data"
CATALOG = 'listings:\n  - {id: A1, title: {ru: "Шарф", en: "Scarf"}, price: 5900 RUB, category: shawls}\n'


@pytest.fixture
def run_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA / "P_rates.yaml", tmp_path / "rates.yaml")
    shutil.copy(DATA / "P_comparables.csv", tmp_path / "comparables.csv")
    (tmp_path / "lint.yaml").write_text(
        "source_locale: ru_RU\ntarget_locales: [en_US]\nrates: rates.yaml\ncomparables: [comparables.csv]\n",
        encoding="utf-8")
    (tmp_path / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    (tmp_path / "baseline.json").write_text(json.dumps({"suppressions": {}, "tool": "listing-lint", "version": 1}),
                                            encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("target, what", [
    ("lint.yaml", "the config file"),
    ("rates.yaml", "the rates file rates.yaml"),
    ("comparables.csv", "the comparables file comparables.csv"),
    ("baseline.json", "the baseline baseline.json"),
    ("catalog.yaml", "the catalog catalog.yaml being checked"),
])
def test_output_refuses_each_input(cli, run_dir, target, what):
    before = {p.name: p.read_bytes() for p in run_dir.iterdir()}
    result = cli("check", "--config", "lint.yaml", "--baseline", "baseline.json", "--output", target, "catalog.yaml")
    assert result.exit_code == 2
    assert f"--output {target} is {what}" in result.stderr and "refusing to overwrite it" in result.stderr
    assert {p.name: p.read_bytes() for p in run_dir.iterdir()} == before


def test_write_baseline_refuses_the_rates_file(cli, run_dir):
    before = (run_dir / "rates.yaml").read_bytes()
    result = cli("check", "--config", "lint.yaml", "--write-baseline", "rates.yaml", "catalog.yaml")
    assert result.exit_code == 2 and "--write-baseline rates.yaml is the rates file" in result.stderr
    assert (run_dir / "rates.yaml").read_bytes() == before


def test_a_hard_link_or_symlink_to_an_input_is_refused(cli, run_dir):
    os.link(run_dir / "lint.yaml", run_dir / "report.txt")
    os.symlink(run_dir / "comparables.csv", run_dir / "report.sarif")
    before = (run_dir / "lint.yaml").read_bytes()
    linked = cli("check", "--config", "lint.yaml", "--output", "report.txt", "catalog.yaml")
    assert linked.exit_code == 2 and "is the config file" in linked.stderr
    assert (run_dir / "lint.yaml").read_bytes() == before
    symlinked = cli("check", "--config", "lint.yaml", "--output", "report.sarif", "catalog.yaml")
    assert symlinked.exit_code == 2 and "is the comparables file" in symlinked.stderr


def test_a_new_report_file_is_still_written(cli, run_dir):
    result = cli("check", "--config", "lint.yaml", "--format", "json", "--output", "report.json", "catalog.yaml")
    assert result.exit_code in (0, 1), result.stderr
    assert isinstance(json.loads((run_dir / "report.json").read_text(encoding="utf-8")), list)
