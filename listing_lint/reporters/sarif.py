"""SARIF 2.1.0, the format code-scanning dashboards (GitHub, GitLab, Azure) read.

Every rule the run knows goes into `tool.driver.rules` with its docs, so a
dashboard can explain a result without listing-lint installed. Results carry
`partialFingerprints` built from what stays put when a catalog is edited (file,
listing id, field, rule), never line numbers: adding a listing above does not make
every result below it look new. Files that could not be checked and rule crashes go
into the invocation's `toolExecutionNotifications`, with `executionSuccessful: false`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from urllib.parse import quote

from listing_lint import __version__
from listing_lint.model import Finding
from listing_lint.reporters import Report
from listing_lint.reporters.paths import display_path, listing_context

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "listingLint/v1"


def _section(doc: str, title: str) -> str:
    """The text of one `## title` section of a rule's docs."""
    lines = doc.splitlines()
    out: list[str] = []
    inside = False
    for line in lines:
        if line.startswith("## "):
            inside = line[3:].strip() == title
            continue
        if inside:
            out.append(line)
    return "\n".join(out).strip()


def _rule_descriptor(cls) -> dict:
    doc = cls.doc()
    full = _section(doc, "What it does") or cls.summary()
    return {
        "id": cls.code,
        "name": cls.name,
        "shortDescription": {"text": cls.summary()},
        "fullDescription": {"text": full},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[cls.severity], "enabled": bool(cls.enabled_by_default)},
        "properties": {"family": cls.family(), "kind": cls.kind()},
    }


def fingerprint(f: Finding, uri: str, occurrence: int) -> str:
    key = "\x1f".join((uri, f.listing_id or "", f.field or "", f.code, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _artifact(path: str) -> dict:
    from listing_lint.reporters.escape import uri_bytes

    return {"uri": quote(uri_bytes(display_path(path)), safe="/:"), "uriBaseId": "%SRCROOT%"}


def _notification(error) -> dict:
    note: dict = {"level": "error", "message": {"text": error.message}}
    if error.path:
        where: dict = {"artifactLocation": _artifact(error.path)}
        if error.line:
            where["region"] = {"startLine": error.line}
        note["locations"] = [{"physicalLocation": where}]
    return note


def render(findings: list[Finding], report: Report) -> str:
    codes = sorted(set(report.rules) | {f.code for f in findings})
    descriptors = []
    index: dict[str, int] = {}
    for code in codes:
        cls = report.rules.get(code)
        index[code] = len(descriptors)
        if cls is not None:
            descriptors.append(_rule_descriptor(cls))
        else:  # a finding from a rule the report was not told about: still a valid descriptor
            name = next(f.name for f in findings if f.code == code)
            descriptors.append({"id": code, "name": name, "shortDescription": {"text": name}})

    seen: Counter = Counter()
    results = []
    for f in findings:
        artifact = _artifact(f.path)
        uri = artifact["uri"]
        seen[(uri, f.listing_id, f.field, f.code)] += 1
        result = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVELS[f.severity],
            "message": {"text": f.message + listing_context(f.listing_id, f.field)},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {"startLine": f.line, "startColumn": f.column},
                },
            }],
            "partialFingerprints": {FINGERPRINT: fingerprint(f, uri, seen[(uri, f.listing_id, f.field, f.code)])},
            "properties": {"listingId": f.listing_id, "field": f.field, "data": f.data},
        }
        if f.listing_id:
            result["locations"][0]["logicalLocations"] = [
                {"name": f.listing_id, "fullyQualifiedName": f"{f.listing_id}.{f.field}" if f.field else f.listing_id,
                 "kind": "object"}
            ]
        results.append(result)

    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "listing-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }},
            # Columns count characters, not bytes or UTF-16 units: what the loaders count.
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": not report.errors,
                "toolExecutionNotifications": [_notification(e) for e in report.errors],
            }],
            "results": results,
        }],
    }
    from listing_lint.reporters.json import dumps

    return dumps(doc) + "\n"
