"""`path:line:col: CODE [severity] message (listing ID, field)`, then a summary line.

Nothing at all when there is nothing to report: a clean catalog is a quiet one.
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
    if findings and not report.quiet:
        by_sev = Counter(f.severity for f in findings)
        parts = ", ".join(_plural(by_sev[s], s) for s in SEVERITIES if by_sev[s])
        files = len({f.path for f in findings})
        out.append(
            f"Found {_plural(len(findings), 'problem')} ({parts}) in {_plural(files, 'file')}."
        )
        considered = report.tally.get("price.considered", 0)
        if considered:
            judged = report.tally.get("price.judged", 0)
            rest = considered - judged
            out.append(f"Prices of {judged} of {_plural(considered, 'listing')} were judged against comparable items"
                       + (f"; {rest} could not be (P003 says why)." if rest else "."))
    return "\n".join(out) + ("\n" if out else "")
