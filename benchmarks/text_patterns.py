"""Time every pattern of listing-lint on the pathological texts of tests/test_text_patterns.py,
at two sizes: linear patterns take about 4x as long on 4x the text, quadratic ones 16x.

    python benchmarks/text_patterns.py [SIZE]      (default 20000 characters; the slowest 15 are printed)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import tests.test_text_patterns as t  # noqa: E402


def cost(name, pattern, text):
    if isinstance(pattern.pattern, bytes):
        text = text.encode("utf-8")
    start = time.perf_counter()
    if name in t.AT_ONE_PLACE:
        pattern.match(text)
    else:
        for _ in pattern.finditer(text):
            pass
    return time.perf_counter() - start


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rows = []
    for scale in (1, 4):
        t.SIZE = size * scale
        texts = t._pathological()
        for name, pattern in t.PATTERNS.items():
            for i, text in enumerate(texts):
                rows.append((scale, name, i, text[:6], cost(name, pattern, text)))
    small = {(n, i): s for scale, n, i, _, s in rows if scale == 1}
    big = [(s, n, i, head, s / max(small[(n, i)], 1e-6)) for scale, n, i, head, s in rows if scale == 4]
    big.sort(reverse=True)
    total = sum(s for s, *_ in big)
    print(f"{len(t.PATTERNS)} patterns x {len(texts)} texts; at {4 * size} characters: {total:.2f} s in all")
    for seconds, name, i, head, ratio in big[:15]:
        print(f"{seconds * 1000:9.1f} ms  x{ratio:5.1f} from {size}  {name}  text#{i} {head!r}")


if __name__ == "__main__":
    main()
