"""Listing rules on several cores: fork after loading, so workers share the catalog.

The catalog, the language model and the comparables index are built once in the parent
(the first listing is checked there, which builds every rule's caches), then forked
workers check slices of the rest copy-on-write and send back what they found; the parent
merges it in listing order, so the output is the one a single process gives.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Any, Callable

MIN_PER_WORKER = 1000  # below this, forking costs more than it saves (a pre-commit run never forks)
_work: Any = None  # what the forked workers read: set just before the pool forks


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def worth_it(jobs: int, listings: int) -> bool:
    return jobs > 1 and listings >= 2 * MIN_PER_WORKER and can_fork()


def map_forked(check: Callable[[int], Any], indexes: list[int], jobs: int, tick=None) -> list[Any]:
    """`[check(i) for i in indexes]`, computed by `jobs` forked workers, in order.

    `check` and what it reads are inherited by the fork, never pickled; only results are.
    """
    global _work
    size = max(64, -(-len(indexes) // (jobs * 8)))  # several slices a worker, so one slow slice does not idle the rest
    chunks = [indexes[i:i + size] for i in range(0, len(indexes), size)]
    _work = check
    # What exists now is never freed before the workers end: keep the collector off those
    # pages, or it would touch (and copy) every object of the catalog in every worker.
    gc.freeze()
    out: list[Any] = []
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for part in pool.imap(_run_chunk, chunks):
                out.extend(part)
                if tick is not None:
                    tick(len(out))
    finally:
        _work = None
        gc.unfreeze()
    return out


def _run_chunk(chunk: list[int]) -> list[Any]:
    return [_work(i) for i in chunk]
