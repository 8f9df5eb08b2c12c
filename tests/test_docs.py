"""The README's generated parts match the code, and its quickstart is what CI runs."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_readme_documents_every_rule_and_setting():
    from listing_lint.config import SETTINGS
    from listing_lint.registry import discover

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for code, cls in discover().items():
        assert f"### {code} {cls.name}" in readme
        assert cls.summary() in readme
    for name in SETTINGS:
        assert f"| `{name}` |" in readme


def test_readme_rule_and_settings_docs_are_current():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_docs.py"), "--check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_readme_quickstart_is_two_commands_and_ci_runs_the_test_one():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for marker in ("<!-- quickstart:demo -->", "<!-- quickstart:test -->"):
        assert readme.count(marker) == 1
    demo = readme.split("<!-- quickstart:demo -->")[1].split("```")[1].strip().splitlines()
    test = readme.split("<!-- quickstart:test -->")[1].split("```")[1].strip().splitlines()
    assert demo[0] == "bash" and len(demo) == 2 and "listing-lint check" in demo[1]
    assert test[0] == "bash" and len(test) == 2 and "pytest" in test[1]
    ci = (REPO / ".ci" / "run").read_text()
    assert "$(quickstart test)" in ci and "$(quickstart demo)" in ci
