"""While Chromium renders the listing, the docs crawl leaves it the cores it needs."""

from __future__ import annotations

from pathlib import Path

import pytest

import auditor.crawl.crawler as crawler
from auditor.config import CrawlSettings
from auditor.crawl import crawl
from auditor.fixture_server import FixtureServer

PAGES = {
    "listing/index.html": """<html><body><main><h1>Acme Sync</h1><p>Two-way sync for invoices.</p>
        <a href="/docs/start.html">Documentation</a>"""
        """<a href="/legal/privacy.html">Privacy policy</a></main></body></html>""",
    "docs/start.html": '<main><h1>Start</h1><p>Connect Acme in three steps.</p><a href="next.html">Next</a></main>',
    "docs/next.html": "<main><h1>Next</h1><p>Map your fields.</p></main>",
    "legal/privacy.html": "<main><h1>Privacy</h1><p>We keep nothing.</p></main>",
}


@pytest.fixture()
def served(tmp_path: Path):
    for name, body in PAGES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    with FixtureServer(tmp_path) as server:
        yield server


@pytest.mark.parametrize(("cores", "beside"), [(1, 0), (2, 0), (3, 1), (8, 6)])
def test_the_docs_crawl_uses_the_cores_a_render_leaves(monkeypatch, cores, beside):
    monkeypatch.setattr(crawler.os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    monkeypatch.setattr(crawler.os, "cpu_count", lambda: cores)
    assert crawler.docs_workers_beside_a_render() == beside


def test_on_two_cores_the_docs_wait_for_the_listing_render(served, monkeypatch, browser_available):
    monkeypatch.setattr(crawler, "docs_workers_beside_a_render", lambda: 0)
    settings = CrawlSettings(use_browser=True, allow_hosts=frozenset({"127.0.0.1"}), timeout=10, retries=0,
                             cache_dir=None)
    snapshot = crawl(f"{served.url}/listing/", settings)
    assert snapshot.listing_page is not None and snapshot.listing_page.fetched_via == "browser"
    assert {p.url.split("/", 3)[3] for p in snapshot.pages if p.ok} >= {"docs/start.html", "docs/next.html",
                                                                         "legal/privacy.html"}
    asked = served.requests
    browser_listing = [i for i, path in enumerate(asked) if path == "/listing/"][1]  # the first is the plain GET
    first_docs = min(i for i, path in enumerate(asked) if path.startswith(("/docs/", "/legal/")))
    assert browser_listing < first_docs, asked
