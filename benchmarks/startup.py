"""Start-up time: `listing-lint --help` and a check of a one-listing catalog, against bare Python.

    python benchmarks/startup.py [--runs 20]

Prints the median wall time of each over the runs. A pre-commit hook pays this on every commit.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def median_ms(cmd: list[str], runs: int, cwd: str) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "one.yaml").write_text(
            "source_locale: ru_RU\ntarget_locales: [en_US]\nlistings:\n"
            "  - {id: A1, title: {ru: Шарф, en: Scarf}, price: 1200 RUB, prices: {USD: 12.96}}\n",
            encoding="utf-8",
        )
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "listing-lint --help": [sys.executable, "-m", "listing_lint", "--help"],
            "listing-lint --version": [sys.executable, "-m", "listing_lint", "--version"],
            "listing-lint check one.yaml --select L": [sys.executable, "-m", "listing_lint", "check", "--select", "L", "one.yaml"],
            "listing-lint check one.yaml (all rules)": [sys.executable, "-m", "listing_lint", "check", "one.yaml"],
        }
        for label, cmd in cases.items():
            print(f"{label:45s} {median_ms(cmd, args.runs, tmp):8.1f} ms (median of {args.runs})")


if __name__ == "__main__":
    main()
