"""A JSON list of findings; the schema is documented in the README and is a public interface."""

from __future__ import annotations

import json

from listing_lint.model import Finding
from listing_lint.reporters import Report


def render(findings: list[Finding], report: Report) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2, sort_keys=False) + "\n"
