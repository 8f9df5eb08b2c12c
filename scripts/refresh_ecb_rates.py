#!/usr/bin/env python3
"""Refresh the ECB reference-rate snapshot shipped as listing-lint package data.

    python scripts/refresh_ecb_rates.py                      # download eurofxref-hist.zip from the ECB
    python scripts/refresh_ecb_rates.py --from eurofxref-hist.zip   # or use a copy you already have

Writes listing_lint/money/data/ecb_rates.csv: for every currency the ECB has ever
published, its last published rate (1 EUR = rate) and that day. Currencies whose
last day is older than the newest day (RUB: 2022-03-01) are ones the ECB stopped
publishing; listing-lint says so instead of using the stale number.
Values are copied as text, so no rounding happens on the way.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import urllib.request
import zipfile
from pathlib import Path

ECB_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"
OUT = Path(__file__).resolve().parent.parent / "listing_lint" / "money" / "data" / "ecb_rates.csv"
HEADER = (
    "# European Central Bank euro foreign exchange reference rates: 1 EUR = rate.\n"
    "# Last published rate of each currency and its date; written by scripts/refresh_ecb_rates.py\n"
    "# from {source}. Do not edit by hand.\n"
)


def read_history(data: bytes) -> str:
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".csv"))
            return archive.read(name).decode("utf-8")
    return data.decode("utf-8")


def last_rates(history: str) -> dict[str, tuple[str, str]]:
    """currency → (rate text, date) of its newest published value."""
    rows = csv.reader(io.StringIO(history))
    header = [h.strip() for h in next(rows)]
    found: dict[str, tuple[str, str]] = {}
    for row in rows:
        if not row or not row[0].strip():
            continue
        day = row[0].strip()
        for name, value in zip(header[1:], row[1:]):
            value = value.strip()
            if not name or value in ("", "N/A"):
                continue
            if name not in found or day > found[name][1]:
                found[name] = (value, day)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", help="a local eurofxref-hist.zip or .csv instead of downloading")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.source:
        data, source = Path(args.source).read_bytes(), Path(args.source).name
    else:
        with urllib.request.urlopen(ECB_URL, timeout=60) as response:
            data, source = response.read(), ECB_URL
    rates = last_rates(read_history(data))
    if "USD" not in rates:
        print("the file has no USD column: is it the ECB eurofxref history?", file=sys.stderr)
        return 1
    lines = [HEADER.format(source=source), "currency,rate,date\n"]
    lines += [f"{code},{rate},{day}\n" for code, (rate, day) in sorted(rates.items())]
    args.out.write_text("".join(lines), encoding="utf-8")
    newest = max(day for _rate, day in rates.values())
    print(f"wrote {len(rates)} currencies, newest {newest}, to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
