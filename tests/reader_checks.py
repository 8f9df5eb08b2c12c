"""What the reader tests share: `check` run on one file, its findings as (file, line, column, code, listing, field)."""

from __future__ import annotations

import json
from pathlib import Path


def findings(cli, tmp_path: Path, path: Path, select: str, source: str, targets: str, extra: str = "") -> list[tuple]:
    """The findings of the `select`ed rules on `path`, sorted, with a config naming the locales."""
    config = tmp_path / "listing-lint.yaml"
    config.write_text(f"source_locale: {source}\ntarget_locales: [{targets}]\n{extra}", encoding="utf-8")
    result = cli("check", "--config", config, "--format", "json", "--exit-zero", "--select", select, path)
    assert result.exit_code == 0, result.stderr
    return sorted((Path(f["path"]).name, f["line"], f["column"], f["code"], f["listing_id"], f["field"])
                  for f in json.loads(result.stdout))
