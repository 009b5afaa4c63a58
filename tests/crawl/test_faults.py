"""Failing networks and hostile bodies: each is recorded with a clear outcome, none crashes the run."""

from __future__ import annotations

import asyncio
import time

import pytest

from auditor.config import CrawlSettings
from auditor.crawl import crawl
from auditor.crawl.http import Fetched, HttpFetcher, link_outcome
from auditor.crawl.scope import Scope
from tests.faults import fault_server


@pytest.fixture(scope="module")
def faults():
    with fault_server() as served:
        yield served


def get(base: str, path: str, **kw) -> tuple[Fetched, float]:
    fetcher = HttpFetcher(Scope(frozenset({"127.0.0.1"})), user_agent="t", timeout=kw.get("timeout", 1.5),
                          max_bytes=5_000_000, max_redirects=5, per_host=4, retries=kw.get("retries", 1))

    async def run() -> Fetched:
        try:
            return await fetcher.get(base + path)
        finally:
            await fetcher.aclose()

    started = time.monotonic()
    return asyncio.run(run()), time.monotonic() - started


def test_a_trickling_response_times_out_on_the_whole_response_deadline(faults):
    fetched, took = get(faults[0], "/trickle", retries=0)
    assert fetched.error == "timeout" and link_outcome(fetched) == "timeout"
    assert took < 4, "the deadline covers the whole response, not each read"


def test_a_reset_connection_is_a_connection_failure(faults):
    fetched, _ = get(faults[0], "/reset", retries=0)
    assert fetched.error and fetched.error.startswith("connection failed") and link_outcome(fetched) == "error"


def test_a_server_error_is_retried_once_then_recorded(faults):
    base, hits = faults
    fetched, _ = get(base, "/error")
    assert fetched.status == 500 and hits["/error"] == 2 and link_outcome(fetched) == "error"


def test_429_with_retry_after_is_honoured(faults):
    base, hits = faults
    fetched, took = get(base, "/busy")
    assert fetched.status == 200 and hits["/busy"] == 2 and took >= 1.0
    assert link_outcome(Fetched("u", "u", status=429)) == "blocked", "a rate limit is unverified, not broken"


def test_redirect_loops_and_long_chains_stop_at_the_limit(faults):
    base = faults[0]
    assert get(base, "/loop")[0].error == "more than 5 redirects"
    assert get(base, "/chain/8")[0].error == "more than 5 redirects"
    short, _ = get(base, "/chain/3")
    assert short.status == 200 and short.final_url.endswith("/chain/0")


def test_huge_pages_and_decompression_bombs_are_capped(faults):
    base = faults[0]
    huge, _ = get(base, "/huge")
    assert huge.error and huge.error.startswith("page larger than") and huge.text is None
    bomb, took = get(base, "/bomb", timeout=10)
    assert bomb.error and "after decompression" in bomb.error and took < 10


def test_binary_served_as_html_is_refused(faults):
    fetched, _ = get(faults[0], "/binary")
    assert fetched.error == "binary body served as HTML" and fetched.text is None


@pytest.mark.parametrize("path, expected", [("/cp1252", "Café costs 5 €"), ("/sjis", "日本語のドキュメント"),
                                            ("/bom", "naïve café")])
def test_charsets_from_header_meta_or_bom(faults, path, expected):
    fetched, _ = get(faults[0], path)
    assert fetched.text is not None and expected in fetched.text and not fetched.text.startswith("\ufeff")


def test_a_crawl_trap_is_bounded_and_every_other_page_is_still_audited(faults):
    base = faults[0]
    snapshot = crawl(f"{base}/listing", CrawlSettings(use_browser=False, allow_hosts=frozenset({"127.0.0.1"}),
                                                        max_pages=15, max_depth=50, timeout=2, retries=0))
    pages = {p.url.replace(base, ""): p for p in snapshot.pages}
    assert len(snapshot.pages) <= 15 and any("page limit" in w for w in snapshot.warnings)
    assert pages["/ok"].status == 200, "the privacy page is still audited"
    assert pages["/reset"].error.startswith("connection failed"), "the failed support page is recorded"
