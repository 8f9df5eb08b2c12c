"""How long `--format html` takes and how large the page is, against `--format json` of the same run.

Not a test: prints numbers. The catalog and comparables are `price_rules.py`'s (one price in
twenty far from the market, so there are many P001/P002 findings to plot).

    .venv/bin/python benchmarks/html_report.py            # N = 5,000 listings, M = 10,000 comparables
    .venv/bin/python benchmarks/html_report.py 20000 40000
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from price_rules import write_catalog, write_comparables  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("listings", nargs="?", type=int, default=5000)
    parser.add_argument("comparables", nargs="?", type=int, default=10000)
    args = parser.parse_args()
    n = args.listings
    rates = Path(__file__).resolve().parent.parent / "fixtures" / "made_in_russia" / "rates.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        here = Path(tmp)
        (here / "listing-lint.yaml").write_text(
            f"source_locale: ru_RU\ntarget_locales: [en_US]\nrates: {rates}\ncomparables: [comparables.csv]\n",
            encoding="utf-8")
        rng = random.Random(14)
        write_comparables(here / "comparables.csv", args.comparables, rng)
        write_catalog(here / "catalog.csv", n, rng)
        for fmt in ("json", "html"):
            out = here / f"report.{fmt}"
            started, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([sys.executable, "-m", "listing_lint", "check", "--config", "listing-lint.yaml",
                            "--select", "P", "--format", fmt, "--output", str(out), "catalog.csv"],
                           cwd=here, check=False, capture_output=True)
            took = time.perf_counter() - started
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu_s = used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime  # steady on a busy machine
            print(f"{fmt:5s} {n:,} listings, {args.comparables:,} comparables: {took:6.2f} s "
                  f"({cpu_s:.2f} s CPU), {out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
