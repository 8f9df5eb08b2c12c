"""Shared test helpers: the repository paths, the shared data folder, and a CLI runner."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEMO = REPO / "fixtures" / "made_in_russia"
# Exchange-rate age (C007) depends on today's date; tests pin it so results never drift.
os.environ.setdefault("LISTING_LINT_TODAY", "2026-11-26")
# The unpacked language model (listing_lint/language/model_cache.py) goes to a directory of the
# test session, never the user's own cache.
os.environ.setdefault("LISTING_LINT_CACHE_DIR", tempfile.mkdtemp(prefix="listing-lint-cache-"))


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data folder not found at {SHARED} (CI provides it next to the repository)")
    return SHARED


@pytest.fixture
def cli(monkeypatch):
    """Run `listing-lint ARGS` in-process; returns click's Result (exit_code, stdout, stderr)."""
    from click.testing import CliRunner

    from listing_lint.cli import main

    def invoke(*args: str, input: str | None = None, cwd: Path | None = None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


class DemoReports:
    """The demo catalog's HTML, JSON and text reports from one configuration (see `demo_reports`)."""

    def __init__(self, html_path: Path, findings: list, text: str) -> None:
        self.html_path = html_path
        self.html = html_path.read_text(encoding="utf-8")
        self.findings = findings
        self.text = text


def run_reports(catalog: Path, config: Path, out: Path) -> DemoReports:
    """`listing-lint check` run three times over one catalog: --format html, json and text."""
    import json

    from click.testing import CliRunner

    from listing_lint.cli import main

    def check(*extra: str):
        result = CliRunner().invoke(main, ["check", "--config", str(config), *extra, str(catalog)],
                                    catch_exceptions=False)
        assert result.exit_code in (0, 1), result.stderr
        return result

    html = out / "report.html"
    check("--format", "html", "--output", str(html))
    findings = json.loads(check("--format", "json").stdout)
    return DemoReports(html, findings, check().stdout)


@pytest.fixture(scope="session")
def demo_reports(tmp_path_factory) -> DemoReports:
    pytest.importorskip("matplotlib", reason="the HTML report needs the `html` extra (matplotlib)")
    return run_reports(DEMO / "catalog.yaml", DEMO / "listing-lint.yaml", tmp_path_factory.mktemp("demo-html"))
