"""GitHub Actions workflow commands: one `::error file=…,line=…,col=…,title=…::message` per finding.

GitHub turns these into annotations on the pull request's changed lines. Files that
could not be checked come first as `::error file=…,line=…,title=listing-lint::…`, so a
run that fails on a broken catalog says why in the pull request too.
Property values and messages are escaped as the Actions toolkit does, so a comma,
colon or newline in a message cannot cut the command short.
"""

from __future__ import annotations

from listing_lint.model import Finding
from listing_lint.reporters import Report
from listing_lint.reporters.paths import display_path, listing_context

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    from listing_lint.reporters.escape import printable

    text = printable(text, keep_newlines=True)  # ESC, BEL: the Actions log reads ANSI escapes
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, props: tuple[tuple[str, str | None], ...], message: str) -> str:
    joined = ",".join(f"{key}={_escape_property(value)}" for key, value in props if value is not None)
    return f"::{kind} {joined}::{_escape_data(message)}"


def render(findings: list[Finding], report: Report) -> str:
    out = [
        _command("error", (
            ("file", display_path(e.path) if e.path else None),
            ("line", str(e.line) if e.line else None),
            ("title", "listing-lint"),
        ), e.message)
        for e in report.errors
    ]
    for f in findings:
        props = (
            ("file", display_path(f.path)),
            ("line", str(f.line)),
            ("col", str(f.column)),
            ("title", f"listing-lint {f.code}"),
        )
        out.append(_command(COMMANDS[f.severity], props, f.message + listing_context(f.listing_id, f.field)))
    return "".join(line + "\n" for line in out)
