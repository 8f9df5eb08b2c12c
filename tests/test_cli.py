"""The command line: output, exit status, selection, suppression, config, bad input."""

from __future__ import annotations

import json
import textwrap

import pytest

GOOD = """\
source_locale: ru_RU
target_locales: [en_US]
listings:
  - {id: A1, title: {ru: "Шарф"}, price: 1200 RUB}
"""
BAD = """\
source_locale: ru_RU
target_locales: [en_US]
listings:
  - id: B1
    titel: {ru: "Шапка"}
    price: 900 RUB
  - id: B1
    title: {ru: "Шапка"}
    price: 900 RUB
"""


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_clean_catalog_says_so_in_one_line(cli, tree):
    result = cli("check", "--select", "L", "good.yaml")
    assert result.exit_code == 0
    assert result.stdout == "Checked 1 listing in 1 file: no problems.\n" and result.stderr == ""
    quiet = cli("check", "--select", "L", "--quiet", "good.yaml")
    assert quiet.exit_code == 0 and quiet.stdout == ""


def test_findings_text_sorted_with_summary(cli, tree):
    result = cli("check", "--select", "L", "bad.yaml", "good.yaml")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "bad.yaml:4:5: L001 [error] listing has no title in the source locale ru_RU (listing B1, title)",
        "bad.yaml:4:9: L002 [error] id B1 is used by 2 listings (also on line 7) (listing B1, id)",
        "bad.yaml:5:5: L003 [error] unknown field 'titel'; did you mean 'title'? (listing B1, titel)",
        "bad.yaml:7:9: L002 [error] id B1 is used by 2 listings (also on line 4) (listing B1, id)",
    ]
    assert lines[-1] == "Checked 3 listings in 2 files: 4 problems (4 errors) in 1 of them."


def test_json_output_schema(cli, tree):
    result = cli("check", "--select", "L002", "--format", "json", "bad.yaml")
    data = json.loads(result.stdout)
    assert [d["line"] for d in data] == [4, 7]
    assert set(data[0]) == {"code", "name", "severity", "message", "path", "line", "column", "listing_id", "field", "data"}
    assert data[0]["data"] == {"id": "B1", "count": 2, "lines": [4, 7]}
    assert data[0]["name"] == "duplicate-id"


def test_same_input_same_output(cli, tree):
    first = cli("check", "--select", "L", "--format", "json", "bad.yaml", "good.yaml").stdout
    assert cli("check", "--select", "L", "--format", "json", "good.yaml", "bad.yaml").stdout == first


def test_ignore_and_extend_select(cli, tree):
    result = cli("check", "--select", "L", "--ignore", "duplicate-id,L001", "bad.yaml")
    assert {l.split()[1] for l in result.stdout.splitlines()[:-1]} == {"L003"}
    result = cli("check", "--select", "L003", "--extend-select", "L002", "bad.yaml")
    assert {l.split()[1] for l in result.stdout.splitlines()[:-1]} == {"L002", "L003"}


def test_more_specific_select_beats_family_ignore(cli, tree):
    (tree / ".listing-lint.yaml").write_text("select: [L002]\nignore: [L]\n")
    result = cli("check", "bad.yaml")
    assert {l.split()[1] for l in result.stdout.splitlines()[:-1]} == {"L002"}


def test_on_a_tie_ignore_wins(cli, tree):
    result = cli("check", "--select", "L003", "--ignore", "unknown-field", "bad.yaml")
    assert " L003 " not in result.stdout and result.exit_code == 0


def test_unknown_selector_is_a_config_error(cli, tree):
    result = cli("check", "--select", "L0O2", "bad.yaml")
    assert result.exit_code == 2
    assert "no rule matches 'L0O2'" in result.stderr and "Traceback" not in result.stderr


def test_lint_ignore_per_listing(cli, tree):
    (tree / "c.yaml").write_text(textwrap.dedent("""\
        listings:
          - {id: A1, price: 1 RUB, colour: red, lint_ignore: [unknown-field]}
          - {id: A2, price: 1 RUB, colour: red}
        """))
    result = cli("check", "--select", "L003", "c.yaml")
    assert [l.split(":")[1] for l in result.stdout.splitlines()[:-1]] == ["3"]


def test_per_file_ignores_by_glob(cli, tree):
    (tree / "legacy").mkdir()
    (tree / "legacy" / "old.yaml").write_text(BAD)
    (tree / ".listing-lint.yaml").write_text("per-file-ignores:\n  'legacy/*.yaml': [L003]\n")
    result = cli("check", "--select", "L003", "legacy/old.yaml", "bad.yaml")
    assert [l.split(":")[0] for l in result.stdout.splitlines()[:-1]] == ["bad.yaml"]


def test_per_rule_severity_changes_exit_status(cli, tree):
    (tree / ".listing-lint.yaml").write_text("rules:\n  unknown-field: {severity: warning}\nselect: [L003]\n")
    result = cli("check", "bad.yaml")
    assert "[warning]" in result.stdout and result.exit_code == 0


def test_exit_zero_output_file_statistics_quiet(cli, tree):
    result = cli("check", "--select", "L", "--exit-zero", "--output", "report.txt", "--statistics", "bad.yaml")
    assert result.exit_code == 0 and result.stdout == ""
    report = (tree / "report.txt").read_text()
    assert "     2  L002  duplicate-id" in report
    quiet = cli("check", "--select", "L", "-q", "bad.yaml").stdout
    assert not quiet.splitlines()[-1].startswith("Checked")


def test_stdin_with_filename(cli, tree):
    result = cli("check", "--select", "L", "--stdin-filename", "piped.yaml", "-", input=BAD)
    assert result.stdout.startswith("piped.yaml:4:5: L001")
    csv = cli("check", "--select", "L001", "--stdin-filename", "rows.csv", "-", input="id,price\nA1,\n")
    assert csv.stdout.startswith("rows.csv:2:1: L001 [error] listing has no price")


def test_directory_expands_to_catalogs(cli, tree):
    (tree / "sub").mkdir()
    (tree / "sub" / "more.csv").write_text("id,title.ru,price\nC1,Шарф,5 RUB\nC1,Шарф,5 RUB\n")
    (tree / "sub" / "notes.txt").write_text("not a catalog")
    (tree / "sub" / "ci.yml").write_text("steps: [lint]\n")  # not a catalog: skipped inside directories
    result = cli("check", "--select", "L002", "sub")
    assert result.exit_code == 1 and result.stderr == ""
    assert [l.split(":")[:2] for l in result.stdout.splitlines()[:-1]] == [["sub/more.csv", "2"], ["sub/more.csv", "3"]]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.yaml", None, "missing.yaml: no such file or directory"),
        ("syntax.yaml", "listings: [\n  {id: A1\n", "syntax.yaml:3: YAML syntax error"),
        ("ci.yaml", "jobs:\n  test: {}\n", "ci.yaml:1: not a catalog"),
        ("noid.csv", "sku,title.ru\nx,y\n", "noid.csv:1: CSV has no `id` column"),
        ("cp1251.yaml", "- id: A1\n  title: {ru: Шарф}\n".encode("cp1251"), "cp1251.yaml:2: file is not UTF-8"),
        ("empty_dir", "DIR", "empty_dir: directory holds no catalogs"),
    ],
)
def test_bad_input_exit_2_and_the_rest_still_linted(cli, tree, name, content, message):
    if content == "DIR":
        (tree / name).mkdir()
    elif isinstance(content, bytes):
        (tree / name).write_bytes(content)
    elif content is not None:
        (tree / name).write_text(content)
    result = cli("check", "--select", "L", name, "bad.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.stderr
    assert "bad.yaml:4:9: L002" in result.stdout  # the other file was still linted


def test_config_found_upward_and_unknown_key(cli, tree):
    (tree / "pyproject.toml").write_text('[tool.listing-lint]\nselect = ["L003"]\n')
    (tree / "deep" / "er").mkdir(parents=True)
    result = cli("check", "../../bad.yaml", cwd=tree / "deep" / "er")
    assert {l.split()[1] for l in result.stdout.splitlines()[:-1]} == {"L003"}
    (tree / "deep" / ".listing-lint.yaml").write_text("slect: [L001]\n")
    result = cli("check", "../../bad.yaml", cwd=tree / "deep" / "er")
    assert result.exit_code == 2
    assert "unknown config key 'slect' (did you mean 'select'?)" in result.stderr
    assert str(tree / "deep" / ".listing-lint.yaml") in result.stderr


def test_bad_rule_option_names_the_option(cli, tree):
    (tree / "c.yaml").write_text("rules:\n  L002: {factor: 2}\n")
    result = cli("check", "--config", "c.yaml", "bad.yaml")
    assert result.exit_code == 2 and "L002 has no option 'factor'" in result.stderr


def test_show_settings(cli, tree):
    (tree / ".listing-lint.yaml").write_text("ignore: [L003]\nkeep_terms: [Gzhel]\n")
    result = cli("check", "--show-settings")
    assert result.exit_code == 0
    assert "keep_terms:\n  - Gzhel" in result.stdout
    assert "L003" not in result.stdout.split("enabled_rules:")[1]
    assert "L002 duplicate-id [error]" in result.stdout


def test_rules_and_rule_docs(cli, tree):
    listing = cli("rules").stdout.splitlines()
    assert listing[0].split() == ["code", "name", "family", "severity", "enabled"]
    assert any(l.split()[:2] == ["L002", "duplicate-id"] for l in listing)
    by_code = cli("rule", "L003").stdout
    assert by_code == cli("rule", "unknown-field").stdout
    for section in ("## What it does", "## Why it matters", "## Example", "## How to fix"):
        assert section in by_code
    missing = cli("rule", "duplicate-idd")
    assert missing.exit_code == 2 and "did you mean 'duplicate-id'" in missing.stderr


def test_version_and_help(cli):
    from listing_lint import __version__

    assert cli("--version").stdout.strip() == f"listing-lint, version {__version__}"
    assert "check" in cli("--help").stdout


CRASHING_PLUGIN = '''
from listing_lint.rule import ListingRule, Problem

class Boom(ListingRule):
    """Crashes on purpose.

    ## What it does
    x
    ## Why it matters
    x
    ## Example
    x
    ## How to fix
    x
    """
    code = "X901"
    name = "boom"

    def check(self, listing, ctx):
        if listing.id == "B1":
            raise ValueError("kaboom")
        return []
'''


def test_crashing_rule_reports_and_others_run(cli, tree):
    (tree / "boom.py").write_text(CRASHING_PLUGIN)
    (tree / ".listing-lint.yaml").write_text("plugins: [boom.py]\nselect: [L002, X901]\n")
    result = cli("check", "--allow-plugins", "bad.yaml")  # a config found upward runs no code unasked
    assert result.exit_code == 2
    assert "rule X901 (boom) crashed on listing B1: ValueError: kaboom" in result.stderr
    assert result.stderr.count("crashed") == 2  # both B1 listings
    assert "Traceback" not in result.stderr
    assert result.stdout.count(" L002 ") == 2


def test_plugins_load_only_when_configured(cli, tree):
    (tree / "boom.py").write_text(CRASHING_PLUGIN)
    result = cli("rules")
    assert "X901" not in result.stdout


def test_directory_of_only_non_catalog_yaml_is_an_error(cli, tree):
    (tree / "ci").mkdir()
    (tree / "ci" / "pipeline.yml").write_text("steps: [lint]\n")
    result = cli("check", "ci", "bad.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("ci: directory holds no catalogs")


def test_setting_with_choices_rejects_other_values(cli, tree):
    (tree / ".listing-lint.yaml").write_text("language_detector: cld3\n")
    result = cli("check", "bad.yaml")
    assert result.exit_code == 2
    assert "'language_detector' must be one of py3langid, langdetect, not 'cld3'" in result.stderr


@pytest.mark.parametrize("content, message", [
    ("source_locale: russian\n", "source_locale: 'russian' is not a locale"),
    ("target_locales: [en_US, english]\n", "target_locales: 'english' is not a locale"),
])
def test_config_locales_must_look_like_locales(cli, tree, content, message):
    (tree / ".listing-lint.yaml").write_text(content)
    result = cli("check", "good.yaml")
    assert result.exit_code == 2 and message in result.stderr


def test_config_target_locales_may_be_one_string(cli, tree):
    (tree / ".listing-lint.yaml").write_text("target_locales: en_US, de_DE\n")
    result = cli("check", "--show-settings")
    assert "target_locales:\n  - en_US\n  - de_DE" in result.stdout


def test_pyproject_table_with_underscore_is_named(cli, tree):
    (tree / "pyproject.toml").write_text('[tool.listing_lint]\nselect = ["L003"]\n')
    result = cli("check", "bad.yaml")
    assert result.exit_code == 2 and "[tool.listing-lint]" in result.stderr
