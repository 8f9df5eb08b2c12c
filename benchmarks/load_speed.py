"""Loader and engine throughput on a generated catalog (YAML and CSV twins).

    python benchmarks/load_speed.py [--listings 20000]

Prints listings per second for loading alone and for loading plus the L rules.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def generate(n: int, directory: Path) -> tuple[Path, Path]:
    yaml_lines = ["source_locale: ru_RU", "target_locales: [en_US]", "listings:"]
    csv_lines = ["id,category,title.ru,title.en,price,prices.USD"]
    for i in range(n):
        yaml_lines.append(
            f'  - {{id: RU-{i}, category: accessories/shawls, title: {{ru: "Платок шерстяной {i}", '
            f'en: "Wool shawl {i}"}}, price: {4500 + i} RUB, prices: {{USD: 48.60}}}}'
        )
        csv_lines.append(f'RU-{i},accessories/shawls,"Платок шерстяной {i}",Wool shawl {i},{4500 + i} RUB,48.60')
    y, c = directory / "big.yaml", directory / "big.csv"
    y.write_text("\n".join(yaml_lines) + "\n", encoding="utf-8")
    c.write_text("\n".join(csv_lines) + "\n", encoding="utf-8")
    return y, c


def main() -> None:
    from listing_lint.config import load_config
    from listing_lint.engine import Input, run
    from listing_lint.loaders import load_catalog
    from listing_lint.registry import discover
    from listing_lint.selection import Selection

    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for path in generate(args.listings, Path(tmp)):
            start = time.perf_counter()
            load_catalog(path)
            load = time.perf_counter() - start
            config = load_config(None).with_overrides(select=["L"])
            start = time.perf_counter()
            run([Input(str(path))], Selection(discover(), config))
            total = time.perf_counter() - start
            print(f"{path.suffix[1:]:4s} {args.listings} listings: load {load:.2f} s "
                  f"({args.listings / load:,.0f}/s); load + L rules {total:.2f} s ({args.listings / total:,.0f}/s)")


if __name__ == "__main__":
    main()
