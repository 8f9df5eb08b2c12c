"""The distributed engine's throughput by number of workers, its shuffle's cost, and memory per worker.

    python benchmarks/dask_scale.py                          # 10^6 listings; workers 1, 2, 4
    python benchmarks/dask_scale.py --listings 100000 --memory 25000,50000,100000

For each worker count, a LocalCluster lints a generated catalog (`listing_lint.engines.sample`:
short texts, planted defects, every default rule) and the run is timed in its steps:
step 1 (read parts, listing rules, keys) scales with workers; the group-bys (keys shuffled
by hash, linked, groups checked) are the part that does not. Prints listings/s, the
per-worker throughput of step 1 and the projection for a cluster of W workers:
N / (per-worker rate x W) + the measured group-by time. Then, for growing inputs on 2
workers, the peak resident memory of each worker and of the client: parts are streamed
and only findings come back, so the workers' peak follows the part size, not the input.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def lint_on(workers: int, path: Path, config_path: Path, part_bytes: int) -> dict:
    from listing_lint.config import load_config
    from listing_lint.engine import Input
    from listing_lint.engines import partitioned
    from listing_lint.engines.dask import DaskExecutor, connect
    from listing_lint.registry import discover
    from listing_lint.selection import Selection

    selection = Selection(discover(), load_config(config_path))
    client = connect(None, workers)  # the local cluster `--engine dask --workers N` starts
    try:
        client.run(lambda: __import__("listing_lint_rules.translation"))  # imports are not the run's cost
        timings: dict[str, float] = {}
        start = time.perf_counter()
        result = partitioned.run([Input(str(path))], selection, DaskExecutor(client), part_bytes=part_bytes,
                                 buckets=2 * workers, timings=timings)
        total = time.perf_counter() - start
        peaks = sorted(client.run(_peak_rss_mb).values())
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()
    return {"total": total, "listings": result.listings, "findings": len(result.findings), "peaks": peaks, **timings}


def main() -> None:
    from listing_lint.engines.sample import write_catalog

    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=1_000_000)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--memory", default="250000,500000,1000000", help="input sizes for the memory runs (2 workers)")
    parser.add_argument("--part-bytes", type=int, default=4 << 20)
    args = parser.parse_args()
    os.environ.setdefault("LISTING_LINT_TODAY", "2026-11-26")
    with tempfile.TemporaryDirectory() as tmp:
        path = write_catalog(Path(tmp) / "catalog.csv", args.listings)
        config = Path(tmp) / "listing-lint.yaml"
        print(f"{args.listings:,} listings, {path.stat().st_size / 2**20:.0f} MiB CSV, parts of "
              f"{args.part_bytes / 2**20:.0f} MiB, {os.cpu_count()} CPUs")
        rates, group_costs = [], []
        for workers in [int(w) for w in args.workers.split(",")]:
            r = lint_on(workers, path, config, args.part_bytes)
            # Per worker: listings per CPU second of step 1, what a worker with a core of its own does
            # (wall time on a shared machine also counts other processes' turns).
            per_worker = r["listings"] / r["lint_cpu"]
            rates.append(per_worker)
            group_costs.append(r["groups"])
            print(f"{workers} workers: {r['listings'] / r['total']:,.0f} listings/s in all ({r['total']:.1f} s: "
                  f"plan {r['plan']:.1f} s, step 1 {r['lint']:.1f} s, group-bys {r['groups']:.1f} s); "
                  f"step 1 {per_worker:,.0f} listings per worker CPU second; {r['findings']} findings")
        rate, group_cost = sum(rates) / len(rates), min(group_costs)
        for cluster in (8, 32, 128):
            projected = args.listings / (rate * cluster) + group_cost
            print(f"projected, {cluster} workers at {rate:,.0f} listings/s each: {args.listings / projected:,.0f} "
                  f"listings/s ({projected:.1f} s for {args.listings:,}, of which group-bys {group_cost:.1f} s, "
                  f"the least measured here)")
        for n in [int(s) for s in args.memory.split(",") if s]:
            sub = write_catalog(Path(tmp) / f"memory-{n}.csv", n)
            r = lint_on(2, sub, config, args.part_bytes)
            print(f"{n:>9,} listings on 2 workers: peak RSS per worker {', '.join(f'{p:.0f}' for p in r['peaks'])} MiB; "
                  f"client {_peak_rss_mb():.0f} MiB")


if __name__ == "__main__":
    main()
