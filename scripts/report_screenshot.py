"""Render the demo catalog's HTML report and take a screenshot of it for the README (docs/report.png).

    python scripts/report_screenshot.py                  # writes docs/report.png
    python scripts/report_screenshot.py --html out.html  # also keeps the HTML report

Needs the `html` extra (matplotlib) and Debian's chromium (`apt-get install -y chromium`).
Chromium runs headless with a fresh profile and the flags that keep it off the network;
the page itself loads nothing but the file. Prints the report's size and the time each step took.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "fixtures" / "made_in_russia"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--hide-scrollbars"]
SIZE = (1280, 2300)  # the summary, the overview plot and the first findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(ROOT / "docs" / "report.png"), help="the PNG to write")
    parser.add_argument("--html", help="keep the HTML report here")
    parser.add_argument("--chromium", default=CHROMIUM)
    args = parser.parse_args()
    if not Path(args.chromium).exists():
        print(f"{args.chromium} not found: apt-get install -y chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="listing-lint-shot-") as tmp:
        html = Path(args.html).resolve() if args.html else Path(tmp) / "report.html"
        started = time.perf_counter()
        lint = subprocess.run(
            [sys.executable, "-m", "listing_lint", "check", "--config", str(DEMO / "listing-lint.yaml"),
             "--format", "html", "--output", str(html), str(DEMO / "catalog.yaml")],
            cwd=ROOT, capture_output=True, text=True)
        rendered = time.perf_counter() - started
        if lint.returncode not in (0, 1):
            print(lint.stderr, file=sys.stderr)
            return 2
        output = Path(args.output).resolve()
        output.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        shot = subprocess.run(
            [args.chromium, *FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
             f"--window-size={SIZE[0]},{SIZE[1]}", f"--screenshot={output}", html.as_uri()],
            capture_output=True, text=True, timeout=120)
        shot_time = time.perf_counter() - started
        if shot.returncode != 0 or not output.exists():
            print(shot.stderr, file=sys.stderr)
            return 2
        shutil.rmtree(Path(tmp) / "profile", ignore_errors=True)
        print(f"report: {html.stat().st_size:,} bytes of HTML, rendered in {rendered:.2f} s (the whole run)")
        print(f"screenshot: {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}, "
              f"{output.stat().st_size:,} bytes, taken in {shot_time:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
