"""How much time the price rules (P001, P002) add to a run: N listings against M comparables.

Not a test: prints numbers. Generates a catalog of N listings and a comparables
CSV of M items (mixed currencies, GTINs, brand + MPN, categories with a material,
a few listings without a category so the title level runs), then times
loading + indexing the comparables and checking every listing.

    .venv/bin/python benchmarks/price_rules.py            # N = 100,000, M = 200,000
    .venv/bin/python benchmarks/price_rules.py 10000 20000
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

CATEGORIES = 500
COMMON = ("wool", "shawl", "felt", "boots", "linen", "dress", "coat", "scarf", "hat", "mittens",
          "embroidered", "handmade", "winter", "summer", "warm", "classic", "long", "short", "women", "men")
MATERIALS = ("wool", "linen", "cotton", "silk")


def title(rng: random.Random, category: int) -> str:
    # Titles in a category share a small pool of words, as real ones do; a few words are common to all.
    pool = [f"w{(category * 7 + k) % 3000}" for k in range(12)]
    return " ".join(rng.sample(pool, 3) + [rng.choice(COMMON)]) + f" model {rng.randrange(3000)}"


def write_comparables(path: Path, m: int, rng: random.Random) -> None:
    rows = ["id,category,title,price,currency,gtin,brand,mpn,attributes.material"]
    for i in range(m):
        currency = rng.choice(("USD", "USD", "EUR", "RUB"))
        base = 10 + (i % CATEGORIES) % 90
        amount = base * rng.uniform(0.6, 1.6) * {"USD": 1, "EUR": 0.92, "RUB": 92.59}[currency]
        gtin = f"460{i % 40000:010d}" if i % 3 == 0 else ""
        brand, mpn = (f"brand{i % 400}", f"M-{i % 5000}") if i % 3 == 1 else ("", "")
        rows.append(f"AE-{i},cat/{i % CATEGORIES},{title(rng, i % CATEGORIES)},{amount:.2f},{currency},{gtin},{brand},{mpn},"
                    f"{MATERIALS[i % 4]}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_catalog(path: Path, n: int, rng: random.Random) -> None:
    rows = ["id,category,title.ru,title.en,price,currency,prices.USD,gtin,brand,mpn,attributes.material"]
    for i in range(n):
        # Most prices near the market, one in twenty far above or below it, as in a real catalog.
        spread = rng.choice((0.1, 4.0)) if i % 20 == 0 else rng.uniform(0.6, 1.6)
        usd = (10 + (i % CATEGORIES) % 90) * spread
        category = "" if i % 50 == 0 else f"cat/{i % CATEGORIES}"
        gtin = f"460{i % 40000:010d}" if i % 5 == 0 else ""
        brand, mpn = (f"brand{i % 400}", f"M-{i % 5000}") if i % 5 == 1 else ("", "")
        market = f"{usd:.2f}" if i % 2 else ""  # half give a USD price, half are converted from RUB
        rows.append(f"RU-{i},{category},Товар {i},{title(rng, i % CATEGORIES)},{usd * 92.59:.0f},RUB,{market},{gtin},{brand},{mpn},"
                    f"{MATERIALS[i % 4]}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    m = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    from listing_lint.config import load_config
    from listing_lint.loaders import load_catalog
    from listing_lint.rule import Context, RunState
    from listing_lint_rules.price.overpriced import Overpriced
    from listing_lint_rules.price.underpriced import Underpriced

    rng = random.Random(20261126)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        write_comparables(d / "comparables.csv", m, rng)
        write_catalog(d / "catalog.csv", n, rng)
        (d / "rates.yaml").write_text("date: 2026-11-20\nsource: benchmark\nbase: USD\nrates: {RUB: 92.59, EUR: 0.92}\n")
        (d / ".listing-lint.yaml").write_text(
            "source_locale: ru_RU\ntarget_locales: [en_US]\nrates: rates.yaml\ncomparables: [comparables.csv]\n"
            "match_attributes: [material]\n"
        )
        config = load_config(d / ".listing-lint.yaml")
        catalog = load_catalog(d / "catalog.csv")
        catalog.source_locale, catalog.target_locales = "ru_RU", ["en_US"]
        ctx = Context(catalog, config, RunState())
        rules = [Overpriced(), Underpriced()]

        start = time.perf_counter()
        first = catalog.listings[0]
        for rule in rules:
            list(rule.check(first, ctx))  # the first check loads and indexes the comparables
        indexed = time.perf_counter()
        counts = {r.code: 0 for r in rules}
        for listing in catalog.listings:
            for rule in rules:
                counts[rule.code] += len(list(rule.check(listing, ctx)))
        done = time.perf_counter()

    print(f"listings N = {n:,}, comparables M = {m:,}")
    print(f"load + index comparables: {indexed - start:.2f} s")
    print(f"check all listings (P001 + P002): {done - indexed:.2f} s ({(done - indexed) / n * 1e6:.0f} µs per listing)")
    print(f"total time the price rules add: {done - start:.2f} s")
    print("findings: " + ", ".join(f"{code} {count:,}" for code, count in counts.items()))


if __name__ == "__main__":
    main()
