"""Progress on stderr: only for a person at a terminal, only for long runs, erased when done."""

from __future__ import annotations

import json

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


def test_cli_never_mixes_progress_into_the_report(cli, tmp_path, monkeypatch):
    # Progress switched on as on a terminal, with no delay: it must go to stderr only.
    monkeypatch.setattr("listing_lint.progress.wanted", lambda *a, **k: True)
    monkeypatch.setattr("listing_lint.progress.DELAY", 0)
    monkeypatch.setattr("listing_lint.progress.EVERY", 0)
    listings = "".join(f"  - {{id: A{i}, title: {{ru: x}}, price: 1 RUB}}\n" for i in range(5))
    (tmp_path / "c.yaml").write_text("listings:\n" + listings, encoding="utf-8")
    result = cli("check", "--select", "L001", "--format", "json", "c.yaml", cwd=tmp_path)
    assert json.loads(result.stdout) == [] and "\r" not in result.stdout
    assert "listings" in result.stderr and result.stderr.endswith("\r\x1b[K")


def test_shows_listings_out_of_the_files_total_rate_and_time_left(tmp_path):
    from listing_lint.engine import Input

    small, big = tmp_path / "a.yaml", tmp_path / "b.yaml"
    small.write_bytes(b"x" * 100)
    big.write_bytes(b"x" * 300)
    inputs = [Input(str(small)), Input(str(big))]
    now = [0.0]
    stream = Terminal()
    progress = Progress(2, stream=stream, clock=lambda: now[0], inputs=inputs)
    progress.loaded(inputs[0], 10)
    progress.update(0, 10)
    progress.update(1, 10)
    progress.loaded(inputs[1], 30)
    now[0] = 10.0  # 10 listings of the first file and 10 of the 30 of the second in 10 s
    progress.update(1, 20)
    shown = stream.getvalue().rsplit("\r", 1)[-1]
    # 100 + 300 × 1/3 = 200 of 400 bytes done in 10 s: 10 s left.
    assert "file 2/2, listing 10/30 (20 in all)" in shown
    assert "2 listings/s" in shown and "about 10 s left" in shown


def test_time_left_is_left_out_when_the_sizes_are_unknown():
    now = [0.0]
    stream = Terminal()
    progress = Progress(1, stream=stream, clock=lambda: now[0])
    progress.loaded(object(), 50)
    now[0] = DELAY + 1
    progress.update(0, 25)
    assert "listing 25/50" in stream.getvalue() and "left" not in stream.getvalue()
