"""The example portfolio (fixtures/portfolio) end to end: `batch --metrics` locally and on a real Dask cluster give
the same operating review in JSON and CSV, `demo --portfolio` runs it, and a bad metrics file is one line."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.batch.dask_cluster import dask_cluster
from auditor.batch.example import example_files
from auditor.fixture_server import FixtureServer
from tests.batch.conftest import STATIC
from tests.conftest import run_cli


@pytest.fixture
def example(tmp_path: Path, server: FixtureServer) -> tuple[Path, Path]:
    """The example LISTINGS and metrics files, with the fixture server's address filled in."""
    return example_files(tmp_path / "example", server.url)


def review(out: Path) -> dict[str, Any]:
    return json.loads((out / "portfolio.json").read_text(encoding="utf-8"))["operating_review"]


def judged(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for job in data["jobs"] for r in job["rows"]}


def test_the_example_portfolio_runs_end_to_end_with_its_operating_review(example, tmp_path):
    listings, metrics = example
    out = tmp_path / "out"
    result = run_cli("batch", str(listings), "--metrics", str(metrics), "--out", str(out), "--workers", "2", *STATIC,
                     timeout=600)
    assert result.code == 0, result.stderr
    data = review(out)
    assert data["measured"] is True and data["problems"] == []
    assert [(j["job"], j["count"]) for j in data["jobs"]] == [("table-stakes", 4), ("workflow", 4),
                                                              ("distribution", 4)]
    rows = judged(data)
    assert len(rows) == 12
    assert {r["scorecard"] for r in rows.values() if r["origin"] == "reactive"} == {"reactive"}
    assert sum(r["origin"] == "reactive" for r in rows.values()) == 3
    assert rows["Pipewave for Slack"]["owner"] is None
    assert "Nobody owns this relationship." in rows["Pipewave for Slack"]["reasons"]
    assert rows["Ledgerline Clipper for QuickBooks"]["owner"] == "partner-eng"  # from the metrics file
    assert rows["Huddlebot Standups for Teams"]["missing_metrics"] == ["retention_90d"]
    assert rows["Corvid CRM on Zapier"]["verdict"] == "measure"
    assert rows["Ledgerline for HubSpot"]["health"] == "healthy" and rows["Ledgerline for HubSpot"]["verdict"] == "keep"
    assert rows["Countwise Xero Sync"]["health"] == "failing"
    assert rows["Sealwise CPQ & eSign"]["support_cost"]["tickets_per_1k_revenue"] == pytest.approx(0.625)
    kill = {k["name"]: k["criteria"] for k in json.loads((out / "portfolio.json").read_text())["kill_list"]}
    assert "usage-and-support-cost" in kill["Ledgerline Clipper for QuickBooks"]
    assert "usage-and-incidents" in kill["SyncBuddy Pro connector"]
    with (out / "operating-review.csv").open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert [r["name"] for r in table] == [r["name"] for job in data["jobs"] for r in job["rows"]]
    assert {r["verdict"] for r in table} >= {"keep", "kill", "measure"}


def test_bad_numbers_are_reported_by_file_line_and_column_and_the_batch_goes_on(example, tmp_path):
    listings, metrics = example
    text = metrics.read_text(encoding="utf-8").replace("Standly for Slack,150,0.72", "Standly for Slack,many,1.72")
    metrics.write_text(text + "Nobody's listing,3,,,,,,,,,\n", encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("Standly"))
    out = tmp_path / "out"
    result = run_cli("batch", str(listings), "--metrics", str(metrics), "--out", str(out), "--workers", "2", *STATIC,
                     timeout=600)
    assert result.code == 1 and "3 operating number(s) dropped" in result.stderr
    assert f"metrics.csv: line {line}, column active_accounts: 'many' is not a number" in result.stderr
    assert f"metrics.csv: line {line}, column retention_90d" in result.stderr
    assert "no listing has the name \"Nobody's listing\"" in result.stderr
    data = review(out)
    assert len(data["problems"]) == 3 and len(judged(data)) == 12  # every listing still judged
    assert judged(data)["Standly for Slack"]["missing_metrics"] == ["active_accounts", "retention_90d"]


def test_a_metrics_file_that_cannot_be_read_is_one_line_and_exit_2(example, tmp_path):
    listings, _ = example
    result = run_cli("batch", str(listings), "--metrics", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o"),
                     *STATIC)
    assert result.code == 2 and result.stderr.strip().endswith("metrics file not found: " + str(tmp_path / "nope.csv"))
    assert "Traceback" not in result.stderr


def test_demo_portfolio_prints_the_operating_review(tmp_path):
    out = tmp_path / "demo"
    result = run_cli("demo", "--portfolio", "--out", str(out), "--no-browser", timeout=600)
    assert result.code == 0, result.stderr
    assert (out / "operating-review.csv").is_file() and (out / "portfolio.html").is_file()
    assert "Table stakes (4 listings" in result.stderr and "Distribution (4 listings" in result.stderr
    assert "NOBODY" in result.stderr  # Pipewave has no owner


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dask scheduler` and two `dask worker`s, each its own process; yields the scheduler's address."""
    pytest.importorskip("distributed", reason="the Dask tests need dask[distributed] (a test dependency)")
    with dask_cluster(tmp_path_factory.mktemp("dask"), workers=2, timeout=60) as address:
        yield address


def test_on_dask_the_operating_review_is_the_same_as_locally(cluster, example, tmp_path):
    listings, metrics = example
    local, remote = tmp_path / "local", tmp_path / "dask"
    here = run_cli("batch", str(listings), "--metrics", str(metrics), "--out", str(local), "--workers", "2", *STATIC,
                   timeout=600)
    there = run_cli("batch", str(listings), "--metrics", str(metrics), "--out", str(remote), "--dask", cluster,
                    *STATIC, timeout=600)
    assert here.code == there.code == 0, there.stderr
    assert review(remote) == review(local)
    assert (remote / "operating-review.csv").read_text(encoding="utf-8") == \
        (local / "operating-review.csv").read_text(encoding="utf-8")
