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


class FixCheckFailed(AssertionError):
    """What `check_fix` found wrong with `--fix` on a text, with the texts before and after."""


def check_fix(
    text: str | bytes,
    *,
    name: str = "catalog.yaml",
    config_values: dict[str, Any] | None = None,
    select: list[str] | None = None,
    unsafe: tuple[bool, ...] = (False, True),
) -> dict[bool, dict[str, Any]]:
    """Run `check --fix` (and `--fix --unsafe-fixes`) over `text` in a scratch directory and
    check what `--fix` promises; raises FixCheckFailed saying which promise broke.

    For each mode, from the same text:
    - a file that does not load is not changed, byte for byte;
    - otherwise the fixed file loads; it has no duplicate key (L004) it did not have;
    - "Fixed N problems (n CODE, ...)" counts, for every code, no more than the findings of
      that code that are gone from the fixed file (rule, listing and field), so no fix is
      counted twice and no fixed finding comes back;
    - the report `--fix` prints is what a plain `check` of the fixed file reports.

    Returns {unsafe: {"before", "after", "fixed": {code: n}, "status"}} for further checks.
    Meant for fuzz and property tests: `check_fix(mutated_text)` in a hypothesis test.
    """
    import json
    import re
    import tempfile
    from collections import Counter

    import yaml
    from click.testing import CliRunner

    from listing_lint.cli import main

    data = text.encode("utf-8") if isinstance(text, str) else text
    out: dict[bool, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="listing-lint-fixcheck-") as scratch:
        root = Path(scratch)
        config = root / "listing-lint.yaml"
        config.write_text(yaml.safe_dump(dict(config_values or {}), allow_unicode=True), encoding="utf-8")
        target = root / name
        base = ["check", "--config", str(config), "--format", "json", "--no-color"]
        if select:
            base += ["--select", ",".join(select)]

        def lint(*extra: str):
            result = CliRunner().invoke(main, [*base, *extra, str(target)], catch_exceptions=False)
            stdout = result.stdout
            try:
                findings = json.loads(stdout) if stdout.strip() else []
            except ValueError:
                raise FixCheckFailed(f"the report is not JSON: {stdout[:300]!r}") from None
            return result, findings

        def keys(findings):
            return Counter((f["code"], f["listing_id"], f["field"]) for f in findings)

        target.write_bytes(data)
        first, before = lint()
        if "internal error" in first.stderr:
            raise FixCheckFailed(f"check crashed before any fix: {first.stderr[-500:]}")
        loads = not _load_failed(first.stderr, str(target))
        for mode in unsafe:
            target.write_bytes(data)
            fixed_run, reported = lint("--fix", *(["--unsafe-fixes"] if mode else []))
            if "internal error" in fixed_run.stderr or "Traceback" in fixed_run.stderr:
                raise FixCheckFailed(f"--fix (unsafe={mode}) failed: {fixed_run.stderr[-500:]}")
            after_bytes = target.read_bytes()
            if not loads:
                if after_bytes != data:
                    raise FixCheckFailed(f"--fix (unsafe={mode}) changed a file that does not load")
                out[mode] = {"before": before, "after": reported, "fixed": {}, "status": fixed_run.exit_code}
                continue
            plain, after = lint()
            if _load_failed(plain.stderr, str(target)):
                raise FixCheckFailed(f"--fix (unsafe={mode}) wrote a file that does not load: {plain.stderr[-500:]}\n"
                                     f"--- before\n{data.decode('utf-8', 'replace')}\n--- after\n"
                                     f"{after_bytes.decode('utf-8', 'replace')}")
            kb, ka = keys(before), keys(after)
            dup = {k: n for k, n in ka.items() if k[0] == "L004" and n > kb[k]}
            if dup:
                raise FixCheckFailed(f"--fix (unsafe={mode}) added duplicate keys {sorted(dup)}")
            counted = re.search(r"Fixed \d+ problems? \(([^)]*)\)", fixed_run.stderr)
            fixed = Counter()
            if counted:
                for part in counted.group(1).split(", "):
                    n, code = part.split(" ")
                    fixed[code] += int(n)
            gone = Counter()
            for key, n in kb.items():
                gone[key[0]] += max(0, n - ka[key])
            over = {code: (n, gone[code]) for code, n in fixed.items() if n > gone[code]}
            if over:
                raise FixCheckFailed(f"--fix (unsafe={mode}) counts fixes the fixed file does not show "
                                     f"(code: (counted, gone)): {over}")
            if after_bytes == data and fixed:
                raise FixCheckFailed(f"--fix (unsafe={mode}) reports fixes but the file is unchanged")
            if sorted(map(json.dumps, reported)) != sorted(map(json.dumps, after)):
                raise FixCheckFailed(f"--fix (unsafe={mode}) reported findings that differ from the fixed file's")
            out[mode] = {"before": before, "after": after, "fixed": dict(fixed), "status": fixed_run.exit_code}
    return out


def _load_failed(stderr: str, path: str) -> bool:
    """Whether the run said the file itself cannot be read (not a rule's crash, not a rates warning)."""
    return any(line.startswith(path + ":") for line in stderr.splitlines())
