"""One JSON object per line per finding (the `json` format's objects), for streaming into other tools."""

from __future__ import annotations

import json

from listing_lint.model import Finding
from listing_lint.reporters import Report


def render(findings: list[Finding], report: Report) -> str:
    return "".join(json.dumps(f.as_dict(), ensure_ascii=False, sort_keys=False) + "\n" for f in findings)
