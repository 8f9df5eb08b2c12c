"""GitHub annotations and JUnit XML, compared with golden files in tests/golden/.

The golden catalogs are linted with the structure rules only (L001-L005), so the
golden files change only when these formats or those rules do. `broken.yaml` has a
YAML syntax error: CI formats must show a file that could not be checked. To regenerate after
an intended change: `LISTING_LINT_UPDATE_GOLDEN=1 pytest tests/test_formats_golden.py`,
then read the diff before committing it.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
INPUTS = ("catalog.yaml", "shop, spring.csv")
SELECT = "L001,L002,L003,L004,L005"
CONFIG = """\
source_locale: ru_RU
target_locales: [en_US]
"""


@pytest.fixture
def render(cli, tmp_path):
    (tmp_path / "listing-lint.yaml").write_text(CONFIG, encoding="utf-8")

    def run(fmt: str) -> str:
        result = cli("check", "--config", tmp_path / "listing-lint.yaml", "--select", SELECT,
                     "--format", fmt, *INPUTS, cwd=GOLDEN)
        assert result.exit_code == 1, result.stderr  # the golden catalogs hold errors
        return result.stdout

    return run


def _compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("LISTING_LINT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.is_file(), f"{path} missing: run with LISTING_LINT_UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8")


def test_github_annotations_match_golden(render):
    text = render("github")
    _compare("github.txt", text)
    lines = text.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    # The comma in the file name is escaped, or GitHub would cut the property there.
    assert any("file=shop%2C spring.csv," in line for line in lines)
    assert any(line.startswith("::warning ") and "title=listing-lint L005::" in line for line in lines)


def test_junit_matches_golden_and_is_well_formed(render):
    text = render("junit")
    _compare("junit.xml", text)
    root = ET.fromstring(text.encode("utf-8"))
    cases = root.findall("./testsuite/testcase")
    # One case per listing: 5 in the YAML catalog, 2 in the CSV.
    assert len(cases) == 7
    failed = {c.get("name") for c in cases if c.find("failure") is not None}
    # Only errors fail a case; G-SHAWL-002 has a warning only, which passes as the run's exit status does.
    assert failed == {"G-HAT-\"1\"&<2>", "listing #5 (line 17)", "G-CSV-002"}
    shawl = next(c for c in cases if c.get("name") == "G-SHAWL-002")
    assert "L005 [warning]" in shawl.findtext("system-out")
    csv = next(c for c in cases if c.get("name") == "G-CSV-002")
    assert "L005" not in csv.findtext("failure") and "L005 [warning]" in csv.findtext("system-out")
    assert int(root.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
    hat = [c for c in cases if c.get("name") == "G-HAT-\"1\"&<2>"]
    assert [c.find("failure") is not None for c in hat] == [True, True]  # both listings with the id fail


@pytest.mark.parametrize("fmt, name", [("github", "errors-github.txt"), ("junit", "errors-junit.xml")])
def test_files_that_cannot_be_read_reach_ci_reports(cli, tmp_path, fmt, name):
    (tmp_path / "listing-lint.yaml").write_text(CONFIG, encoding="utf-8")
    result = cli("check", "--config", tmp_path / "listing-lint.yaml", "--select", SELECT,
                 "--format", fmt, "broken.yaml", "shop, spring.csv", cwd=GOLDEN)
    assert result.exit_code == 2
    assert "broken.yaml:4: YAML syntax error" in result.stderr  # still said on stderr too
    _compare(name, result.stdout)


def test_json_lines_is_one_finding_per_line(cli):
    result = cli("check", "--select", SELECT, "--format", "json-lines", "--exit-zero", *INPUTS, cwd=GOLDEN)
    full = cli("check", "--select", SELECT, "--format", "json", "--exit-zero", *INPUTS, cwd=GOLDEN)
    assert [json.loads(line) for line in result.stdout.splitlines()] == json.loads(full.stdout)
