"""`batch --dask`: a real scheduler and two workers as separate processes on 127.0.0.1, compared with a local run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.batch.dask_cluster import dask_cluster
from tests.batch.conftest import STATIC
from tests.conftest import run_cli

pytest.importorskip("distributed", reason="the Dask tests need dask[distributed] (a test dependency)")
#: what may differ between two runs of the same listings: timings, attempts and when it ran
VOLATILE = {"seconds", "attempts", "generated_at"}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dask scheduler` and two `dask worker`s, each its own process; yields the scheduler's address."""
    with dask_cluster(tmp_path_factory.mktemp("dask"), workers=2, timeout=60) as address:
        yield address


def comparable(out: Path) -> list[dict]:
    data = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    return [{k: v for k, v in row.items() if k not in VOLATILE} for row in data["rows"]]


def test_a_dask_run_gives_the_same_portfolio_as_a_local_run(cluster: str, listings: Path, tmp_path: Path):
    local, remote = tmp_path / "local", tmp_path / "dask"
    here = run_cli("batch", str(listings), "--out", str(local), "--workers", "2", *STATIC, timeout=600)
    there = run_cli("batch", str(listings), "--out", str(remote), "--dask", cluster, *STATIC, timeout=600)
    assert here.code == there.code == 1, there.stderr  # the same bad row in both
    assert comparable(remote) == comparable(local)
    assert len(comparable(remote)) == 6
    for row in comparable(remote):
        assert (remote / row["report"]).is_file()  # the reports are written by the batch, not on the workers


def test_an_unreachable_scheduler_is_one_line_and_exit_2(listings: Path, tmp_path: Path):
    result = run_cli("batch", str(listings), "--out", str(tmp_path / "o"), "--dask", "tcp://127.0.0.1:9", *STATIC,
                     timeout=120)
    assert result.code == 2 and "cannot reach the Dask scheduler" in result.stderr and "Traceback" not in result.stderr
