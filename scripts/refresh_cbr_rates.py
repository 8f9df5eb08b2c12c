#!/usr/bin/env python3
"""Refresh the Bank of Russia rate snapshot shipped as listing-lint package data.

    python scripts/refresh_cbr_rates.py                          # download XML_daily.asp from cbr.ru
    python scripts/refresh_cbr_rates.py --from XML_daily.asp.xml # or use a copy you already have

Writes listing_lint/money/data/cbr_rates.csv: for every currency of the day's document,
1 unit = rate RUB (the published value divided by its nominal: 15,6902 RUB for 100 KZT is
0.156902), with the nominal and value as published, and the day the rates are for.
Values are read as text with their decimal comma, so no rounding happens on the way.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "listing_lint" / "money" / "data" / "cbr_rates.csv"
HEADER = (
    "# Bank of Russia official exchange rates of foreign currencies against the rouble: 1 unit = rate RUB\n"
    "# (`value` RUB for `nominal` units, as published). The day the rates are for: {day}.\n"
    "# Written by scripts/refresh_cbr_rates.py from {source}. Do not edit by hand.\n"
)


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPO))
    from listing_lint.money.cbr import CBR_URL, fetch_daily, parse_daily, snapshot_text
    from listing_lint.money.rates import ProviderFailed

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", help="a saved XML_daily.asp document instead of downloading")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    try:
        if args.source:
            data, source = Path(args.source).read_bytes(), Path(args.source).name
        else:
            data, source = fetch_daily(60), CBR_URL
        day, rates = parse_daily(data)
    except (OSError, ProviderFailed) as exc:
        print(f"cannot refresh the Bank of Russia rates: {exc}", file=sys.stderr)
        return 1
    args.out.write_text(snapshot_text(day, rates, HEADER.format(day=day.isoformat(), source=source)), encoding="utf-8")
    print(f"wrote {len(rates)} currencies of {day.isoformat()} to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
