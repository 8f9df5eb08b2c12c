"""How fast `quantity_in_text` reads titles: microseconds per title, by kind of title.

Titles are made from real shops' title shapes in ru, en, de, fr, es, zh, ja and ar:
- no digit at all (most titles: `Павлопосадский платок, шерсть`);
- digits but no quantity (`Galaxy S23 5G 256 GB`, `Плед 125×125 см`, `Платье размер 42`);
- half of each of those two, as a catalog's titles with no quantity might be;
- with a quantity (`Крем 2 x 50 мл`, `Cola 24 × 330 ml`, `面膜 10片装 25ml`).
Each kind: 100,000 titles, each a different string (a serial in a word, so nothing is cached),
best of three passes, CPU time of one core.

Run: `.venv/bin/python benchmarks/quantity_speed.py [--titles N]`.

Measured 2026-12-02 (Python 3.11.7, a shared 2-core Xeon under a load of about 2; the range of
five runs of the script, 100,000 titles each):

    no digit                   0.48–0.55 µs/title
    digits, no quantity        7.1–8.5 µs/title
    no quantity, half digits   3.9–4.5 µs/title
    with a quantity            31–32 µs/title
"""

from __future__ import annotations

import argparse
import random
import time

from listing_lint.quantity import quantity_in_text

WORDS = ("Павлопосадский платок шерсть женский Women's summer dress cotton Damen Kleid Sommer robe femme "
         "vestido mujer 女士 连衣裙 夏季 レディース ワンピース فستان نسائي leather bag Tasche sac bolso "
         "зимняя шапка вязаная hand cream Handcreme crème mains crema manos 护手霜 ハンドクリーム").split()
NO_QUANTITY = ["Galaxy S23 5G 256 GB", "iPhone 15 Pro Max", "Плед 125×125 см", "Платье размер 42",
               "EU 38", "USB 3.0", "4K 1080p", "SPF 50", "24K gold", "Series 7", "2024", "PH-1250-RS",
               "№5", "220 V 1000 W", "10000 mAh", "1.5 m", "100% cotton", "4500 руб", "89 x 89 cm", "2 in 1"]
QUANTITY = ["2 x 50 мл", "24 × 330 ml", "10片装 25ml", "1,5 л", "500 g", "set of 3", "3 шт", "16 fl oz",
            "6 банок по 0,5 л", "٥٠ مل", "12個入り", "6er Pack", "1 kg", "pack of 6"]


def titles(n: int, extra: list[str] | None, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        words = rng.sample(WORDS, rng.randint(4, 9))
        words.insert(rng.randint(0, len(words)), "".join(chr(0x61 + int(d)) for d in str(i)))  # unique, no digit
        if extra:
            words.insert(rng.randint(0, len(words)), rng.choice(extra))
            if rng.random() < 0.3:
                words.insert(rng.randint(0, len(words)), rng.choice(NO_QUANTITY))
        out.append(" ".join(words))
    return out


def measure(batch: list[str]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for title in batch:
            quantity_in_text(title)
        best = min(best, time.process_time() - start)
    return best / len(batch) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=100_000)
    args = parser.parse_args()
    kinds = {"no digit": titles(args.titles, None), "digits, no quantity": titles(args.titles, NO_QUANTITY),
             "with a quantity": titles(args.titles, QUANTITY)}
    half = args.titles // 2
    kinds["no quantity, half digits"] = kinds["no digit"][:half] + kinds["digits, no quantity"][:args.titles - half]
    for name in ("no digit", "digits, no quantity", "no quantity, half digits", "with a quantity"):
        batch = kinds[name]
        found = sum(quantity_in_text(t) is not None for t in batch)
        print(f"{name:24} {measure(batch):6.2f} µs/title  ({found} of {len(batch)} with a quantity)")


if __name__ == "__main__":
    main()
