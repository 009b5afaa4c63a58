"""A worker process that dies takes only its listings with it, never the batch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import auditor.batch.pools as pools
from auditor.batch.pools import LocalPool
from auditor.batch.task import ListingJob
from auditor.config import AuditSettings, CrawlSettings
from auditor.portfolio.listings import ListingEntry

pytestmark = pytest.mark.slow  # spawns a worker pool and its manager process (about a second)


def die(job: ListingJob, gate: object) -> None:
    """Stands in for audit_listing in the worker: the process ends as an out-of-memory kill would end it."""
    os._exit(9)


def test_a_killed_worker_is_each_of_its_listings_error(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(pools, "audit_listing", die)
    jobs = [ListingJob(ListingEntry(line=i, target=f"https://store.example/apps/{i}"), CrawlSettings(), AuditSettings())
            for i in (2, 3)]
    pool = LocalPool(workers=1, per_host=4)
    try:
        outcomes = list(pool.run(jobs))
    finally:
        pool.close()
    assert sorted(o.key for o in outcomes) == sorted(j.entry.key for j in jobs)
    assert all(o.report is None and o.error and o.error.startswith("the worker process failed: BrokenProcessPool")
               for o in outcomes), [o.error for o in outcomes]
