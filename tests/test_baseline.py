"""Baseline round trip: record findings, report only new ones, report stale entries, prune them."""

from __future__ import annotations

import json

import pytest

CATALOG = """\
source_locale: ru_RU
target_locales: [en_US]
listings:
  - {id: A1, titel: {ru: "Шарф"}, title: {ru: "Шарф"}, price: 1200 RUB}
  - {id: A2, title: {ru: "Шапка"}}
  - {id: A3, title: {ru: "Варежки"}, price: 700 RUB}
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    return tmp_path


def _json(result):
    return [(f["listing_id"], f["code"]) for f in json.loads(result.stdout)]


def test_round_trip(cli, repo):
    catalog = repo / "shop" / "catalog.yaml"
    baseline = repo / "lint-baseline.json"
    args = ("check", "--select", "L001,L003", "--format", "json")

    written = cli(*args, "--write-baseline", baseline, catalog)
    assert written.exit_code == 0, written.stderr
    assert _json(written) == []
    doc = json.loads(baseline.read_text(encoding="utf-8"))
    # Keyed by file (relative to the baseline), listing id and code; no line numbers.
    assert doc["suppressions"] == {"shop/catalog.yaml": {"A1": {"L003": 1}, "A2": {"L001": 1}}}

    same = cli(*args, "--baseline", baseline, catalog)
    assert same.exit_code == 0, same.stderr
    assert _json(same) == [] and "stale" not in same.stderr

    # A new defect is the only one reported, even though every line below it moved.
    catalog.write_text(CATALOG.replace("listings:\n", "listings:\n  - {id: A0, title: {ru: \"Платок\"}}\n"), encoding="utf-8")
    new = cli(*args, "--baseline", baseline, catalog)
    assert new.exit_code == 1
    assert _json(new) == [("A0", "L001")]

    # A2 gets its price: its entry is stale, and says so.
    catalog.write_text(CATALOG.replace('{id: A2, title: {ru: "Шапка"}}', '{id: A2, title: {ru: "Шапка"}, price: 900 RUB}'),
                       encoding="utf-8")
    fixed = cli(*args, "--baseline", baseline, catalog)
    assert fixed.exit_code == 0
    assert _json(fixed) == []
    assert "stale baseline entry" in fixed.stderr and "L001" in fixed.stderr and "A2" in fixed.stderr

    pruned = cli(*args, "--baseline", baseline, "--prune-baseline", catalog)
    assert pruned.exit_code == 0, pruned.stderr
    assert json.loads(baseline.read_text(encoding="utf-8"))["suppressions"] == {"shop/catalog.yaml": {"A1": {"L003": 1}}}
    after = cli(*args, "--baseline", baseline, catalog)
    assert "stale" not in after.stderr

    # A fixed problem that comes back is new again.
    catalog.write_text(CATALOG, encoding="utf-8")
    back = cli(*args, "--baseline", baseline, catalog)
    assert _json(back) == [("A2", "L001")]


def test_more_findings_than_recorded_reports_all_of_them(cli, repo):
    catalog = repo / "shop" / "catalog.yaml"
    baseline = repo / "b.json"
    cli("check", "--select", "L001", "--write-baseline", baseline, catalog)
    # A2 now also lacks its Russian title: two L001 where the baseline allows one, and which
    # of them is new cannot be told, so both are reported (as ESLint does).
    catalog.write_text(CATALOG.replace('{id: A2, title: {ru: "Шапка"}}', '{id: A2, title: {en: "Hat"}}'), encoding="utf-8")
    result = cli("check", "--select", "L001", "--format", "json", "--baseline", baseline, catalog)
    assert _json(result) == [("A2", "L001"), ("A2", "L001")]
    assert "stale" not in result.stderr  # more than recorded is not "fixed"


def test_baseline_file_is_sorted_and_stable(cli, repo, tmp_path):
    other = repo / "shop" / "b-catalog.yaml"
    other.write_text(CATALOG.replace("A", "B"), encoding="utf-8")
    first, second = repo / "one.json", repo / "two.json"
    cli("check", "--select", "L001,L003", "--write-baseline", first, repo / "shop" / "catalog.yaml", other)
    cli("check", "--select", "L001,L003", "--write-baseline", second, other, repo / "shop" / "catalog.yaml")
    text = first.read_text(encoding="utf-8")
    assert text == second.read_text(encoding="utf-8")
    files = list(json.loads(text)["suppressions"])
    assert files == sorted(files) == ["shop/b-catalog.yaml", "shop/catalog.yaml"]
    assert text.endswith("}\n") and "\n  " in text  # one key per line, so diffs name the listing


def test_only_files_in_this_run_can_be_stale(cli, repo):
    other = repo / "shop" / "other.yaml"
    other.write_text(CATALOG, encoding="utf-8")
    baseline = repo / "b.json"
    cli("check", "--select", "L001", "--write-baseline", baseline, repo / "shop")
    result = cli("check", "--select", "L001", "--baseline", baseline, repo / "shop" / "catalog.yaml")
    assert result.exit_code == 0 and "stale" not in result.stderr


def test_bad_baseline_options_and_files(cli, repo):
    catalog = repo / "shop" / "catalog.yaml"
    assert cli("check", "--prune-baseline", catalog).exit_code == 2
    missing = cli("check", "--baseline", repo / "nope.json", catalog)
    assert missing.exit_code == 2 and "nope.json" in missing.stderr
    (repo / "bad.json").write_text("{not json", encoding="utf-8")
    bad = cli("check", "--baseline", repo / "bad.json", catalog)
    assert bad.exit_code == 2 and "not valid JSON" in bad.stderr


def test_text_summary_past_a_baseline_counts_new_problems(cli, repo):
    catalog = repo / "shop" / "catalog.yaml"
    baseline = repo / "lint-baseline.json"
    cli("check", "--select", "L001,L003", "--write-baseline", baseline, catalog)
    same = cli("check", "--select", "L001,L003", "--baseline", baseline, catalog)
    assert same.stdout == "Checked 3 listings in 1 file: no new problems.\n"
    catalog.write_text(CATALOG.replace("listings:\n", "listings:\n  - {id: A0, title: {ru: \"Платок\"}}\n"), encoding="utf-8")
    new = cli("check", "--select", "L001,L003", "--baseline", baseline, catalog)
    assert new.stdout.endswith("Checked 4 listings in 1 file: 1 new problem (1 error).\n")
