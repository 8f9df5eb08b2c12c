"""Output formats. Each module here has `render(findings, report) -> str`.

Formats are imported only when chosen, so adding one costs nothing at start-up.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable

from listing_lint.model import Finding

FORMATS = {
    "text": "listing_lint.reporters.text",
    "json": "listing_lint.reporters.json",
    "json-lines": "listing_lint.reporters.json_lines",
    "sarif": "listing_lint.reporters.sarif",
    "github": "listing_lint.reporters.github",
    "junit": "listing_lint.reporters.junit",
    "html": "listing_lint.reporters.html",
}


@dataclass
class Report:
    """What a reporter may need besides the findings."""

    rules: dict = field(default_factory=dict)  # code → rule class, for descriptions
    files: list[str] = field(default_factory=list)
    listings: int = 0  # listings checked
    color: bool = False
    statistics: bool = False
    quiet: bool = False
    catalogs: list = field(default_factory=list)  # loaded catalogs, for formats that list every listing (junit)
    # Files that could not be checked, rule crashes: `engine.RunError`s (path, line, message).
    # Text and JSON leave them to stderr; CI formats carry them, or a red run shows nothing.
    errors: list = field(default_factory=list)
    tally: dict = field(default_factory=dict)  # what rules counted (`engine.RunResult.tally`)
    notes: dict = field(default_factory=dict)  # what rules noted for reports (`engine.RunResult.notes`)
    files_checked: int = 0  # files read and linted (a catalog joined from feeds counts each feed)
    baseline: bool = False  # the findings are those a baseline does not hold: new ones


def renderer(fmt: str) -> Callable[[list[Finding], Report], str]:
    render = importlib.import_module(FORMATS[fmt]).render

    def safe(findings: list[Finding], report: Report) -> str:
        from listing_lint.reporters.escape import safe_output

        return safe_output(render(findings, report), fmt)

    return safe


def ensure_available(fmt: str) -> None:
    """Raise a `UserError` before the run when a format lacks what it needs (`html`: matplotlib)."""
    check = getattr(importlib.import_module(FORMATS[fmt]), "available", None)
    if check is not None:
        check()
