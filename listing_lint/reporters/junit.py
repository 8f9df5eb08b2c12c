"""JUnit XML, which CI servers (Jenkins, GitLab, Azure) render as a test report.

One test suite per catalog file and one test case per listing, so a seller sees
every listing pass or fail. Only error findings make a case fail, as only they fail
the run: a listing with warnings or info passes and carries them in `<system-out>`,
or GitLab would show failed tests on a green pipeline. Findings that belong to no
listing (catalog-wide) go to a `(catalog)` case. A file that could not be checked
gets a `(not checked)` case with an `<error>`, so a broken catalog is not a silent
"0 tests" report.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from xml.sax.saxutils import escape, quoteattr

from listing_lint.model import Finding
from listing_lint.reporters import Report
from listing_lint.reporters.paths import display_path, listing_context

CATALOG_CASE = "(catalog)"
ERROR_CASE = "(not checked)"
RUN_SUITE = "(run)"  # errors that name no file
# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _xml_text(text: str) -> str:
    return escape(text.translate(_NOT_XML))


def _xml_attr(text: str) -> str:
    return quoteattr(text.translate(_NOT_XML))


def _case_name(listing) -> str:
    return listing.id or f"listing #{listing.index + 1} (line {listing.loc.line})"


def _cases(findings: list[Finding], report: Report) -> dict[str, list[tuple[str, int, list[Finding]]]]:
    """path → [(case name, line, findings)] in file order; a `(catalog)` case first when it has findings."""
    suites: dict[str, list[tuple[str, int, list[Finding]]]] = {}
    listings: dict[str, list] = {}
    starts: dict[str, list[int]] = {}
    for catalog in report.catalogs:
        suites[catalog.path] = [(CATALOG_CASE, 0, [])] + [(_case_name(l), l.loc.line, []) for l in catalog.listings]
        listings[catalog.path] = catalog.listings
        starts[catalog.path] = [l.loc.line for l in catalog.listings]
    loose: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        cases = suites.get(f.path)
        if cases is None:
            loose[(f.path, f.listing_id or CATALOG_CASE)].append(f)
            continue
        # The listing that starts last at or before the finding: exact even when ids repeat.
        i = bisect.bisect_right(starts[f.path], f.line)
        if i and listings[f.path][i - 1].id == f.listing_id:
            cases[i][2].append(f)
        elif f.listing_id:
            next((c for c in cases[1:] if c[0] == f.listing_id), cases[0])[2].append(f)
        else:
            cases[0][2].append(f)  # about the catalog as a whole
    for path in listings:
        if not suites[path][0][2]:
            suites[path] = suites[path][1:]
    for (path, name), fs in sorted(loose.items()):
        suites.setdefault(path, []).append((name, fs[0].line, fs))
    return suites


def _errors_by_path(report: Report) -> dict[str, list]:
    by_path: dict[str, list] = defaultdict(list)
    for error in report.errors:
        by_path[error.path or ""].append(error)
    return by_path


def _finding_lines(shown: str, fs: list[Finding]) -> str:
    return "\n".join(
        f"{shown}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}" + listing_context(None, f.field)
        for f in fs
    )


def _error_case(shown: str, errors: list) -> list[str]:
    text = "\n".join(str(e) for e in errors)
    summary = errors[0].message if len(errors) == 1 else f"{len(errors)} errors; the first: {errors[0].message}"
    line = f' line="{errors[0].line}"' if errors[0].line else ""
    return [
        f"    <testcase classname={_xml_attr(shown)} name={_xml_attr(ERROR_CASE)} file={_xml_attr(shown)}{line}>",
        f"      <error message={_xml_attr(summary)} type=\"error\">{_xml_text(text)}</error>",
        "    </testcase>",
    ]


def _failing(fs: list[Finding]) -> list[Finding]:
    return [f for f in fs if f.severity == "error"]


def render(findings: list[Finding], report: Report) -> str:
    suites = _cases(findings, report)
    errors = _errors_by_path(report)
    total = sum(len(c) for c in suites.values()) + len(errors)
    failed = sum(1 for c in suites.values() for _, _, fs in c if _failing(fs))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="listing-lint" tests="{total}" failures="{failed}" errors="{len(errors)}">',
    ]
    for path in sorted(set(suites) | set(errors)):
        cases = suites.get(path, [])
        shown = display_path(path) if path else RUN_SUITE
        fails = sum(1 for _, _, fs in cases if _failing(fs))
        broken = 1 if path in errors else 0
        out.append(f'  <testsuite name={_xml_attr(shown)} tests="{len(cases) + broken}" failures="{fails}" '
                   f'errors="{broken}" skipped="0">')
        if broken:
            out.extend(_error_case(shown, errors[path]))
        for name, line, fs in cases:
            attrs = f"classname={_xml_attr(shown)} name={_xml_attr(name)} file={_xml_attr(shown)}"
            if line:
                attrs += f' line="{line}"'
            if not fs:
                out.append(f"    <testcase {attrs}/>")
                continue
            out.append(f"    <testcase {attrs}>")
            failing = _failing(fs)
            if failing:
                codes = sorted({f.code for f in failing})
                summary = f"{len(failing)} error{'s' if len(failing) != 1 else ''}: {', '.join(codes)}"
                out.append(f"      <failure message={_xml_attr(summary)} type={_xml_attr(codes[0])}>"
                           f"{_xml_text(_finding_lines(shown, failing))}</failure>")
            notes = [f for f in fs if f.severity != "error"]
            if notes:
                out.append(f"      <system-out>{_xml_text(_finding_lines(shown, notes))}</system-out>")
            out.append("    </testcase>")
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"
