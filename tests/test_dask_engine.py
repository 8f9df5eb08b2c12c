"""`check --engine dask` on a LocalCluster: the same JSON findings, byte for byte, as one process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from listing_lint.engines.sample import write_catalog  # noqa: E402


def _check(directory: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": "random"}  # workers hash strings each their own way, as in real use
    return subprocess.run([sys.executable, "-m", "listing_lint", "check", "--config", "listing-lint.yaml",
                           "--format", "json", "--exit-zero", "--quiet", *args, "catalog.csv"],
                          cwd=directory, capture_output=True, env=env, timeout=1800)


def _same_as_one_process(tmp_path: Path, listings: int, part_size: int) -> bytes:
    write_catalog(tmp_path / "catalog.csv", listings)
    single = _check(tmp_path)
    assert single.returncode == 0, single.stderr.decode()
    cluster = _check(tmp_path, "--engine", "dask", "--workers", "2", "--part-size", str(part_size))
    assert cluster.returncode == 0, cluster.stderr.decode()
    assert cluster.stderr == single.stderr
    assert cluster.stdout == single.stdout
    return single.stdout


def test_a_local_cluster_finds_what_one_process_finds(tmp_path):
    out = _same_as_one_process(tmp_path, 3000, 50_000)
    for code in (b'"L002"', b'"P004"', b'"T012"', b'"T004"', b'"L005"', b'"L001"'):
        assert code in out


@pytest.mark.slow
def test_200000_listings_on_two_workers_give_byte_identical_json(tmp_path):
    out = _same_as_one_process(tmp_path, 200_000, 4 << 20)
    assert out.count(b'"code": "L002"') >= 100


def test_options_of_the_engine_need_it(cli, tmp_path):
    write_catalog(tmp_path / "catalog.csv", 10)
    result = cli("check", "--workers", "2", str(tmp_path / "catalog.csv"))
    assert result.exit_code == 2 and "--workers needs --engine dask" in result.stderr
    result = cli("check", "--engine", "dask", "--fix", str(tmp_path / "catalog.csv"))
    assert result.exit_code == 2 and "--fix and --diff need --engine single" in result.stderr
    for fmt in ("junit", "html"):
        result = cli("check", "--engine", "dask", "--format", fmt, str(tmp_path / "catalog.csv"))
        assert result.exit_code == 2 and f"--format {fmt} shows every listing checked" in result.stderr


def test_an_existing_cluster_is_used_through_its_scheduler_address(cli, tmp_path):
    from distributed import LocalCluster

    write_catalog(tmp_path / "catalog.csv", 400)
    single = cli("check", "--config", "listing-lint.yaml", "--format", "json", "--exit-zero", "catalog.csv",
                 cwd=tmp_path)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        result = cli("check", "--config", "listing-lint.yaml", "--format", "json", "--exit-zero", "--engine", "dask",
                     "--scheduler", cluster.scheduler_address, "--part-size", "10000", "catalog.csv", cwd=tmp_path)
        assert len(cluster.scheduler.workers) == 1  # still up: the engine closes only a cluster it started
    assert result.exit_code == 0, result.stderr
    assert result.stdout == single.stdout
