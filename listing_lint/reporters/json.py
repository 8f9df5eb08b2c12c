"""A JSON list of findings; the schema is documented in the README and is a public interface."""

from __future__ import annotations

import json

from listing_lint.model import Finding
from listing_lint.reporters import Report


def render(findings: list[Finding], report: Report) -> str:
    return dumps([f.as_dict() for f in findings]) + "\n"


def dumps(value, level: int = 0) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, character for character, in less memory.

    With an indent, json encodes in Python and holds a small string per token of the whole
    document until one final join (24,000 SARIF results: 400 MB); here each list and mapping is
    joined as soon as it is done, and its parts are freed.
    """
    pad = "  " * (level + 1)
    if isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
        parts = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {dumps(v, level + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(parts) + "\n" + "  " * level + "}"
    if isinstance(value, (list, tuple)) and value:
        return "[\n" + ",\n".join(pad + dumps(v, level + 1) for v in value) + "\n" + "  " * level + "]"
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
    return json.dumps(value, ensure_ascii=False)
