"""Progress on stderr: only for a person at a terminal, only for long runs, erased when done."""

from __future__ import annotations

import io

from listing_lint.progress import DELAY, Progress, wanted


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_shown_only_on_a_terminal_outside_ci_and_quiet(monkeypatch):
    monkeypatch.setattr("sys.stdout", Terminal())
    assert wanted(False, Terminal(), env={})
    assert not wanted(True, Terminal(), env={})
    assert not wanted(False, Terminal(), env={"CI": "true"})
    assert not wanted(False, Terminal(), env={"PRE_COMMIT": "1"})
    assert not wanted(False, io.StringIO(), env={})  # stderr into a pipe or file
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert not wanted(False, Terminal(), env={})  # the report goes into a pipe


def test_quiet_for_short_runs_then_counts_and_erases():
    now = [0.0]
    stream = Terminal()
    progress = Progress(3, stream=stream, clock=lambda: now[0])
    progress.update(1, 40)
    assert stream.getvalue() == ""  # under DELAY seconds: nothing
    now[0] = DELAY + 1
    progress.update(2, 80)
    assert "2/3 files, 80 listings" in stream.getvalue()
    now[0] += 1
    progress.update(3, 120)
    progress.done()
    assert stream.getvalue().endswith("\r\x1b[K")  # the line is erased at the end


def test_cli_never_mixes_progress_into_the_report(cli, tmp_path):
    (tmp_path / "c.yaml").write_text("listings:\n  - {id: A1, title: {ru: x}, price: 1 RUB}\n", encoding="utf-8")
    result = cli("check", "--select", "L001", "--format", "json", "c.yaml", cwd=tmp_path)
    assert result.stdout.strip() == "[]" and "\r" not in result.stderr
