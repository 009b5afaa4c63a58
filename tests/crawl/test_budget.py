"""The time budget bounds the whole run, whatever runs long inside one page (here a body trickling for a minute
while each read is quick, under a per-request timeout longer than the budget)."""

from __future__ import annotations

import time

import pytest

from auditor.config import CrawlSettings
from auditor.crawl import crawl
from auditor.crawl.crawler import HARD_STOP_GRACE_SECONDS
from auditor.errors import TargetUnreachable
from tests.faults import fault_server

pytestmark = pytest.mark.slow  # waits out a budget on purpose

BUDGET = 2.0
SETTINGS = CrawlSettings(use_browser=False, budget=BUDGET, timeout=60, respect_robots=False, cache_dir=None,
                         allow_hosts=frozenset({"127.0.0.1"}))


def test_a_docs_page_that_runs_past_the_budget_leaves_a_partial_crawl_on_time():
    with fault_server() as (base, _):
        started = time.monotonic()
        snapshot = crawl(f"{base}/slowdocs", SETTINGS)
        took = time.monotonic() - started
    assert took < BUDGET + HARD_STOP_GRACE_SECONDS + 3, took
    assert snapshot.partial and any("time budget ran out" in w for w in snapshot.warnings)
    assert snapshot.listing_page is not None and snapshot.listing_page.html


def test_a_listing_that_runs_past_the_budget_is_unreachable_on_time():
    with fault_server() as (base, _):
        started = time.monotonic()
        with pytest.raises(TargetUnreachable, match="time budget ran out before the listing was read"):
            crawl(f"{base}/trickle", SETTINGS)
        took = time.monotonic() - started
    assert took < BUDGET + HARD_STOP_GRACE_SECONDS + 3, took
