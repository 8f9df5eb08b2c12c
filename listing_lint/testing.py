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
    text: str | None = None,
    *,
    select: list[str],
    config_values: dict[str, Any] | None = None,
    path: str | Path = "catalog.yaml",
    config_path: Path | None = None,
    files: dict[str, str | bytes] | None = None,
) -> RunResult:
    """Lint `text` as if it were the file `path`, with only the `select`ed rules.

    `config_values` are config keys as in `.listing-lint.yaml`; relative paths in them
    resolve against `config_path`'s directory (default: the working directory).
    `files` (name → text or bytes, relative to that directory) stand in for files on disk:
    with config `feeds:` naming them, the feeds are joined and linted as one catalog.
    """
    base = load_config(None)
    values = dict(base.values)
    for key, value in (config_values or {}).items():
        values[key.replace("-", "_")] = value
    values["select"] = list(select)
    config = Config(values, config_path)
    selection = Selection(discover(), config)
    if files is None:
        return run([Input(str(path), text=text)], selection)
    from listing_lint.loaders.feeds import feed_set

    from listing_lint.loaders.feeds import shown_path

    overrides = {shown_path(config.resolve(name)): data.encode("utf-8") if isinstance(data, str) else data
                 for name, data in files.items()}
    feeds = feed_set(config)
    if feeds is None:
        return run([Input(p) for p in overrides], selection, overrides=overrides)
    return run([Input(feeds.source.path, feeds=feeds)], selection, overrides=overrides)
