"""L002 on the worst case of issue 13: thousands of listings sharing one id.

    python benchmarks/duplicate_ids.py [--listings 8000]

Writes the catalog to a temporary folder, runs `listing-lint check` on it in a child process
(rules: L002 alone, then the default selection) for the text and JSON formats, and prints
the wall time, the child's peak memory (max RSS) and the size of the report.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def generate(n: int, path: Path) -> None:
    lines = ["source_locale: ru_RU", "target_locales: [en_US]", "listings:"]
    lines += [f"  - {{id: SAME-ID, title: {{ru: Платок {i}}}, price: {4000 + i} RUB}}" for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(args: list[str]) -> tuple[float, float, int]:
    """(seconds, peak MB of this child, report bytes): one child per run, so RUSAGE_CHILDREN's
    maximum is this run's as long as each run peaks higher than the last; `--` if not."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "listing_lint", *args], capture_output=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak, len(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=8000)
    n = parser.parse_args().listings
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "same_id.yaml"
        generate(n, path)
        print(f"{n} listings with one id, {path.stat().st_size / 1024:.0f} KB")
        for select in (["--select", "L002"], []):
            for fmt in ("text", "json"):
                seconds, peak, size = measure(["check", "--format", fmt, "--exit-zero", *select, str(path)])
                print(f"{' '.join(select) or 'default rules':14} {fmt:5}  {seconds:6.2f} s  peak so far {peak:6.0f} MB  "
                      f"report {size / 1024:8.0f} KB")


if __name__ == "__main__":
    main()
