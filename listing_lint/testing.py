"""Run one rule over catalog text, the way the CLI does: for rule tests and plugin authors.

    findings = lint_text(text, select=["T003"], config_values={"keep_terms": ["Gzhel"]})
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from listing_lint.config import Config, load_config
from listing_lint.engine import Input, RunResult, run
from listing_lint.registry import discover
from listing_lint.selection import Selection


def lint_text(
    text: str,
    *,
    select: list[str],
    config_values: dict[str, Any] | None = None,
    path: str | Path = "catalog.yaml",
    config_path: Path | None = None,
) -> RunResult:
    """Lint `text` as if it were the file `path`, with only the `select`ed rules.

    `config_values` are config keys as in `.listing-lint.yaml`; relative paths in them
    resolve against `config_path`'s directory (default: the working directory).
    """
    base = load_config(None)
    values = dict(base.values)
    for key, value in (config_values or {}).items():
        values[key.replace("-", "_")] = value
    values["select"] = list(select)
    config = Config(values, config_path)
    return run([Input(str(path), text=text)], Selection(discover(), config))
