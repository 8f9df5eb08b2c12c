"""GitHub Actions workflow commands: one `::error file=…,line=…,col=…,title=…::message` per finding.

GitHub turns these into annotations on the pull request's changed lines.
Property values and messages are escaped as the Actions toolkit does, so a comma,
colon or newline in a message cannot cut the command short.
"""

from __future__ import annotations

from listing_lint.model import Finding
from listing_lint.reporters import Report
from listing_lint.reporters.paths import display_path, listing_context

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(findings: list[Finding], report: Report) -> str:
    out = []
    for f in findings:
        props = ",".join(
            f"{key}={_escape_property(value)}"
            for key, value in (
                ("file", display_path(f.path)),
                ("line", str(f.line)),
                ("col", str(f.column)),
                ("title", f"listing-lint {f.code}"),
            )
        )
        message = f.message + listing_context(f.listing_id, f.field)
        out.append(f"::{COMMANDS[f.severity]} {props}::{_escape_data(message)}")
    return "".join(line + "\n" for line in out)
