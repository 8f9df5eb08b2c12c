"""`path:line:col: CODE [severity] message (listing ID, field)`, then a summary line.

The summary line always says what was checked (`Checked 53 listings in 1 file: no
problems.`), so a clean run is told apart from one that read nothing; `--quiet` drops it.
"""

from __future__ import annotations

from collections import Counter

from listing_lint.model import SEVERITIES, Finding
from listing_lint.reporters import Report

COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _plural(n: int, word: str) -> str:
    if word == "info":
        return f"{n} info"
    return f"{n} {word}{'' if n == 1 else 's'}"


def line(f: Finding, color: bool = False) -> str:
    import click

    from listing_lint.reporters.escape import printable

    where = f"{printable(f.path)}:{f.line}:{f.column}:"
    code = f.code
    sev = f"[{f.severity}]"
    if color:
        where = click.style(where, bold=True)
        code = click.style(code, fg=COLORS[f.severity], bold=True)
        sev = click.style(sev, fg=COLORS[f.severity])
    context = ", ".join(p for p in (f"listing {f.listing_id}" if f.listing_id else None, f.field) if p)
    return f"{where} {code} {sev} {printable(f.message)}" + (f" ({printable(context)})" if context else "")


def render(findings: list[Finding], report: Report) -> str:
    out = [line(f, report.color) for f in findings]
    if report.statistics and findings:
        counts = Counter(f.code for f in findings)
        names = {f.code: f.name for f in findings}
        out.append("")
        out.extend(f"{counts[code]:6d}  {code}  {names[code]}" for code in sorted(counts))
    # A run whose every file failed to load has its say on stderr; "Checked 0 listings" adds nothing.
    if not report.quiet and (findings or report.files_checked or not report.errors):
        out.append(summary(findings, report))
        considered = report.tally.get("price.considered", 0)
        if findings and considered:
            judged = report.tally.get("price.judged", 0)
            rest = considered - judged
            out.append(f"Prices of {judged} of {_plural(considered, 'listing')} were judged against comparable items"
                       + (f"; {rest} could not be (P003 says why)." if rest else "."))
    return "\n".join(out) + ("\n" if out else "")


def summary(findings: list[Finding], report: Report) -> str:
    """`Checked 53 listings in 1 file: 29 problems (23 errors, 6 warnings).`, or `...: no problems.`"""
    checked = f"Checked {_plural(report.listings, 'listing')} in {_plural(report.files_checked, 'file')}"
    new = "new " if report.baseline else ""  # past a baseline, only what it does not hold is reported
    if not findings:
        said = f"no {new}problems"
    else:
        by_sev = Counter(f.severity for f in findings)
        parts = ", ".join(_plural(by_sev[s], s) for s in SEVERITIES if by_sev[s])
        said = f"{_plural(len(findings), new + 'problem')} ({parts})"
        files = len({f.path for f in findings})
        if report.files_checked > 1:
            said += f" in {files} of them" if files != report.files_checked else " in all of them"
    if report.errors:
        said += f"; {_plural(len(report.errors), 'error')} on stderr (not checked)"
    return f"{checked}: {said}."
