#!/usr/bin/env python3
"""How fast prices parse: the shared corpus (1,185 shop prices) and typical catalog prices.

    .venv/bin/python benchmarks/price_parse.py [--repeat N]

Prints prices per second and microseconds per price, plus the corpus accuracy.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "data" / "prices" / "price_examples.tsv"
CATALOG_PRICES = ["4500 RUB", "4 500,00 ₽", "$1,299.50", "1299.5 руб.", "48.60", "12400 RUR", "€1'049,95", "2900.00"]


def _time(texts: list[str], repeat: int, locale: str | None) -> float:
    from listing_lint.money import parse_price

    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            parse_price(text, locale=locale)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from listing_lint.money import parse_price

    start = time.perf_counter()
    parse_price("4500 RUB", locale="ru_RU")  # first call loads babel data
    print(f"first parse (babel data load): {(time.perf_counter() - start) * 1000:.1f} ms")

    n = len(CATALOG_PRICES) * args.repeat * 50
    elapsed = _time(CATALOG_PRICES, args.repeat * 50, "ru_RU")
    print(f"catalog-style prices: {n / elapsed:,.0f} prices/s ({elapsed / n * 1e6:.1f} µs each, n={n})")

    if not CORPUS.is_file():
        print(f"corpus not found at {CORPUS}: skipped")
        return 0
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    texts = [r["price_raw"] for r in rows]
    n = len(texts) * args.repeat
    elapsed = _time(texts, args.repeat, None)
    print(f"shared corpus: {n / elapsed:,.0f} prices/s ({elapsed / n * 1e6:.1f} µs each, n={n})")
    right = sum(
        parse_price(r["price_raw"], locale={".": "en_US", ",": "de_DE"}.get(r["decimal_separator"])).amount
        == (Decimal(r["amount"]) if r["amount"].strip() else None)
        for r in rows
    )
    print(f"corpus accuracy: {right}/{len(rows)} amounts right ({right / len(rows):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
