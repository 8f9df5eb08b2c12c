"""JUnit XML, which CI servers (Jenkins, GitLab, Azure) render as a test report.

One test suite per catalog file and one test case per listing, so a seller sees
every listing pass or fail; a failing listing's case carries its findings.
Findings that belong to no listing (catalog-wide) go to a `(catalog)` case.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from xml.sax.saxutils import escape, quoteattr

from listing_lint.model import Finding
from listing_lint.reporters import Report
from listing_lint.reporters.paths import display_path, listing_context

CATALOG_CASE = "(catalog)"
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


def render(findings: list[Finding], report: Report) -> str:
    suites = _cases(findings, report)
    total = sum(len(c) for c in suites.values())
    failed = sum(1 for c in suites.values() for _, _, fs in c if fs)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="listing-lint" tests="{total}" failures="{failed}" errors="0">',
    ]
    for path in sorted(suites):
        cases = suites[path]
        shown = display_path(path)
        fails = sum(1 for _, _, fs in cases if fs)
        out.append(f'  <testsuite name={_xml_attr(shown)} tests="{len(cases)}" failures="{fails}" errors="0" skipped="0">')
        for name, line, fs in cases:
            attrs = f"classname={_xml_attr(shown)} name={_xml_attr(name)} file={_xml_attr(shown)}"
            if line:
                attrs += f' line="{line}"'
            if not fs:
                out.append(f"    <testcase {attrs}/>")
                continue
            codes = sorted({f.code for f in fs})
            summary = f"{len(fs)} problem{'s' if len(fs) != 1 else ''}: {', '.join(codes)}"
            body = "\n".join(
                f"{shown}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}" + listing_context(None, f.field)
                for f in fs
            )
            out.append(f"    <testcase {attrs}>")
            out.append(f"      <failure message={_xml_attr(summary)} type={_xml_attr(codes[0])}>{_xml_text(body)}</failure>")
            out.append("    </testcase>")
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"
