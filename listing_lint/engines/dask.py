"""`check --engine dask`: the partitioned run's steps as tasks on a Dask cluster.

Without a scheduler address a `LocalCluster` is started on this machine: worker processes
with one thread each (the rules are pure Python: threads would share one interpreter lock),
listening on the loopback interface only, with no dashboard. With `--scheduler
tcp://host:8786` the tasks go to an existing cluster, whose workers must have listing-lint
(and any rule plugins) installed and must see the input files at the same paths.

Dask is imported here only, when this engine is asked for.
"""

from __future__ import annotations

import operator

from listing_lint.engines import partitioned
from listing_lint.errors import UserError

NO_DASK = "--engine dask needs Dask: pip install 'listing-lint[dask]'"


class DaskExecutor:
    """The partitioned run's executor interface over a `distributed.Client`."""

    def __init__(self, client) -> None:
        self.client = client

    def share(self, value):
        # Sent to every worker once, not pickled into each task.
        return self.client.scatter(value, broadcast=True, hash=False)

    def submit(self, fn, *args):
        return self.client.submit(fn, *args, pure=False)

    def pick(self, future, key):
        return self.client.submit(operator.getitem, future, key, pure=False)

    def gather(self, futures):
        return self.client.gather(list(futures))

    def forget(self, token: str) -> None:
        self.client.run(partitioned.forget, token)


def connect(scheduler: str | None = None, workers: int | None = None):
    """A client of the cluster at `scheduler`, or of a new local cluster of `workers` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UserError(NO_DASK) from None
    if scheduler:
        try:
            return Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise UserError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    import os

    # No dashboard; the scheduler's own HTTP endpoint (health, metrics) on a free loopback port.
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None, silence_logs=50,
                           scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
    return Client(cluster)


def run(inputs, selection, scheduler: str | None = None, workers: int | None = None, client=None,
        part_bytes: int = partitioned.PART_BYTES, part_rows: int = partitioned.PART_ROWS):
    """Lint `inputs` on a cluster; the same `RunResult` as `engine.run`, without the catalogs."""
    own = client is None
    client = client or connect(scheduler, workers)
    try:
        buckets = max(2, 2 * len(client.scheduler_info(n_workers=-1)["workers"]))
        return partitioned.run(inputs, selection, DaskExecutor(client), part_bytes, part_rows, buckets)
    finally:
        if own:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()
