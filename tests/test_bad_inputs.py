"""The bad-input corpus (tests/bad_inputs.py) through the CLI, in every output format, next to a good
catalog: exit status 2 with `path[:line]: message` for a file that cannot be read (a finding for
one that can), the good catalog still reported, no internal error, and no file changed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.bad_inputs import CASES, GOOD

FORMATS = ("text", "json", "json-lines", "sarif", "github", "junit")


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in folder.rglob("*") if not p.is_symlink() and p.is_file()}


def test_the_corpus_has_forty_kinds_and_every_feed_format():
    assert len({c.kind for c in CASES}) >= 40
    suffixes = {Path(c.name).suffix for c in CASES}
    assert {".yaml", ".csv", ".tsv", ".xml", ".yml", ".xlsx", ".json", ".jsonl"} <= suffixes
    kinds = " ".join(c.kind for c in CASES)
    for word in ("shopify", "woocommerce", "gmc-tsv", "yml-", "xml-", "xlsx", "json-", "fifo", "absurd", "control"):
        assert word in kinds


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_bad_input_in_every_format(cli, tmp_path, case):
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    case.make(tmp_path)
    before = _snapshot(tmp_path)
    for fmt in FORMATS:
        result = cli("check", "--format", fmt, case.name, "good.yaml", cwd=tmp_path)
        where = f"{case.kind} in {fmt}"
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr, where
        assert "good.yaml" in result.stdout, f"{where}: the good catalog is not reported"
        if case.expect == "error":
            assert result.exit_code == 2, f"{where}: exit {result.exit_code}"
            said = [line for line in result.stderr.splitlines()
                    if re.match(rf"(listing-lint: )?{re.escape(case.name)}(:\d+)*: \S", line)]
            assert said, f"{where}: no `path[:line]: message` in {result.stderr!r}"
            assert case.says in result.stderr, where
        else:
            assert result.exit_code in (0, 1) and result.stderr.count(f"{case.name}:") == 0, f"{where}: {result.stderr}"
            if case.expect != "ok" and fmt == "json":
                codes = {f["code"] for f in json.loads(result.stdout) if f["path"] == case.name}
                assert case.expect in codes, f"{where}: {codes}"
        assert _snapshot(tmp_path) == before, f"{where} changed a file"
