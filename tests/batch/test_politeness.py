"""Per-host limits hold across a whole batch, not per listing."""

from __future__ import annotations

import time
from itertools import pairwise
from pathlib import Path

import pytest

from auditor.batch.runner import BatchSettings, run_batch
from auditor.config import AuditSettings, CrawlSettings
from auditor.crawl.politeness import HostSlots
from auditor.fixture_server import FIXTURES_ROOT, FixtureServer


def test_host_slots_cap_requests_in_flight_per_host():
    slots = HostSlots(per_host=2)
    assert slots.try_acquire("a") and slots.try_acquire("a")
    assert not slots.try_acquire("a")
    assert slots.try_acquire("b")  # another host has its own slots
    slots.release("a")
    assert slots.try_acquire("a")
    assert slots.peaks() == {"a": 2, "b": 1}


def test_host_slots_space_out_request_starts():
    slots = HostSlots(per_host=5, min_interval=0.2)
    assert slots.try_acquire("a")
    assert not slots.try_acquire("a")  # a free slot, but too soon
    time.sleep(0.25)
    assert slots.try_acquire("a")


def test_host_slots_refuse_a_zero_limit():
    with pytest.raises(ValueError):
        HostSlots(per_host=0)


def test_three_workers_never_exceed_the_per_host_limit_together(tmp_path: Path):
    with FixtureServer(FIXTURES_ROOT, latency=0.02) as server:  # slow enough that crawls overlap
        listings = tmp_path / "listings.csv"
        stores = ("hubspot", "slack", "zapier", "shopify", "atlassian", "microsoft")
        listings.write_text("target\n" + "".join(f"{server.url}/stores/{s}/listing/\n" for s in stores),
                            encoding="utf-8")
        crawl = CrawlSettings(use_browser=False, allow_hosts=frozenset({"127.0.0.1"}), per_host=2, retries=0)
        result = run_batch(listings, crawl, AuditSettings(), BatchSettings(out_dir=tmp_path / "out", workers=3))
        assert result.audited == 6 and result.failed == 0
        assert server.peak_in_flight <= 2, server.peak_in_flight
        assert result.peaks == {"127.0.0.1": 2}  # the limit was reached, and held
        assert len(server.requests) > 6 * 5  # each listing's docs and policies were crawled, not just the page


def test_a_host_rate_spaces_every_listings_requests_out(tmp_path: Path):
    with FixtureServer(FIXTURES_ROOT) as server:
        listings = tmp_path / "listings.csv"
        listings.write_text("target\n" + "".join(f"{server.url}/stores/{s}/listing/\n" for s in ("hubspot", "slack")),
                            encoding="utf-8")
        crawl = CrawlSettings(use_browser=False, allow_hosts=frozenset({"127.0.0.1"}), retries=0)
        result = run_batch(listings, crawl, AuditSettings(),
                           BatchSettings(out_dir=tmp_path / "out", workers=2, host_rate=20))  # 1 every 50 ms
        assert result.audited == 2 and result.failed == 0
        times = sorted(server.request_times)
        gaps = [b - a for a, b in pairwise(times)]
        assert len(times) > 10 and min(gaps) >= 0.04, min(gaps)  # both workers' requests, one host, one pace
