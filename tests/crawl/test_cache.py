"""The on-disk cache: conditional requests, content-keyed derived values, and never a stale page."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import pytest

from auditor.cache import Cache, CachedResponse, content_key
from auditor.config import CrawlSettings
from auditor.crawl import crawl
from auditor.crawl.http import HttpFetcher
from auditor.crawl.scope import Scope
from auditor.fixture_server import FixtureServer
from auditor.model import Page, Snapshot, html_digest
from tests.faults import fault_server

PAGES = {
    "listing/index.html": """<html><body><main><h1>Acme</h1><a href="/docs/start.html">Documentation</a>
        <a href="/legal/privacy.html">Privacy policy</a></main></body></html>""",
    "docs/start.html": '<main><h1>Start</h1><p>Connect Acme in three steps.</p><a href="next.html">Next</a></main>',
    "docs/next.html": "<main><h1>Next</h1><p>Map your fields.</p></main>",
    "legal/privacy.html": "<main><h1>Privacy</h1><p>We keep nothing.</p></main>",
}


@pytest.fixture()
def site(tmp_path: Path):
    root = tmp_path / "site"
    for name, body in PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(body, encoding="utf-8")
    with FixtureServer(root) as server:
        yield root, server


def settings(cache_dir: Path | None, **overrides) -> CrawlSettings:
    base = {"use_browser": False, "allow_hosts": frozenset({"127.0.0.1"}), "timeout": 5, "retries": 0,
            "cache_dir": cache_dir}
    return CrawlSettings(**{**base, **overrides})


def listing_of(snapshot: Snapshot) -> Page:
    """The snapshot's listing page, which every crawl here has."""
    assert snapshot.listing_page is not None, "the crawl has no listing page"
    return snapshot.listing_page


def pages_by_path(snapshot):
    return {p.url.split("/", 3)[3]: p for p in snapshot.pages}


def test_a_warm_crawl_revalidates_every_page_and_downloads_none(site, tmp_path):
    root, server = site
    cold = crawl(f"{server.url}/listing/", settings(tmp_path / "cache"))
    warm = crawl(f"{server.url}/listing/", settings(tmp_path / "cache"))
    assert not any(p.from_cache for p in cold.pages)
    assert all(p.from_cache for p in warm.pages if p.ok), [(p.url, p.from_cache) for p in warm.pages]
    assert {p.url: p.html for p in warm.pages} == {p.url: p.html for p in cold.pages}
    assert sorted(p.url for p in warm.pages) == sorted(p.url for p in cold.pages)  # links came from the cache too


def test_a_warm_crawl_takes_each_page_digest_from_the_cache_instead_of_hashing_again(site, tmp_path, monkeypatch):
    import auditor.model

    root, server = site
    crawl(f"{server.url}/listing/", settings(tmp_path / "cache"))
    hashed: list[str] = []
    real = auditor.model.html_digest

    def counting_digest(html: str) -> str:
        hashed.append(html)
        return real(html)

    monkeypatch.setattr(auditor.model, "html_digest", counting_digest)
    warm = crawl(f"{server.url}/listing/", settings(tmp_path / "cache"))
    pages = [p for p in warm.pages if p.ok]
    assert len(pages) == 4 and all(p.from_cache for p in pages)
    bodies = [(p, p.html) for p in pages if p.html is not None]
    assert len(bodies) == len(pages), "every page kept its HTML"
    assert all(p.digest == real(html) for p, html in bodies), "the remembered digest is the page's own"
    assert all(p.bytes == len(html.encode("utf-8")) for p, html in bodies), "the size kept with the body is its own"
    assert hashed == [], "no page was hashed again"
    page = pages[0]
    page.html = "<p>replaced</p>"
    assert page.digest == real("<p>replaced</p>"), "new HTML is hashed anew, never given the old digest"


def test_a_changed_page_is_fetched_again_and_its_new_links_followed(site, tmp_path):
    root, server = site
    crawl(f"{server.url}/listing/", settings(tmp_path / "cache"))
    (root / "docs/next.html").write_text('<main><h1>Next</h1><p>Now with webhooks.</p><a href="hooks.html">Hooks</a>'
                                         "</main>", encoding="utf-8")
    (root / "docs/hooks.html").write_text("<main><h1>Webhooks</h1></main>", encoding="utf-8")
    warm = pages_by_path(crawl(f"{server.url}/listing/", settings(tmp_path / "cache")))
    assert warm["docs/next.html"].from_cache is False
    assert "Now with webhooks" in (warm["docs/next.html"].html or "")
    assert warm["docs/start.html"].from_cache is True
    assert "docs/hooks.html" in warm  # found through the changed page's fresh links


def test_without_a_cache_nothing_is_written_and_nothing_is_conditional(site, tmp_path):
    root, server = site
    crawl(f"{server.url}/listing/", settings(None))
    again = crawl(f"{server.url}/listing/", settings(None))
    assert not any(p.from_cache for p in again.pages)
    assert not (tmp_path / "cache").exists()


def fetch_twice(url: str, cache: Cache):
    async def go():
        fetcher = HttpFetcher(Scope(frozenset({"127.0.0.1"})), user_agent="t", timeout=5, max_bytes=10**6,
                              max_redirects=3, per_host=2, retries=0, cache=cache)
        try:
            return await fetcher.get(url), await fetcher.get(url)
        finally:
            await fetcher.aclose()
    return asyncio.run(go())


def test_last_modified_alone_is_enough_to_revalidate(tmp_path):
    with fault_server() as (base, hits):
        first, second = fetch_twice(f"{base}/dated", Cache(tmp_path))
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.text == first.text and second.status == 200
    assert hits["/dated"] == 2  # asked both times: a cached page is always revalidated, never trusted blindly


def test_no_store_and_validator_less_responses_are_never_kept(tmp_path):
    cache = Cache(tmp_path)
    with fault_server() as (base, hits):
        first, second = fetch_twice(f"{base}/nostore", cache)
        third, fourth = fetch_twice(f"{base}/ok", cache)  # no ETag, no Last-Modified
    assert not any(f.from_cache for f in (first, second, third, fourth))
    assert cache.response(f"{base}/nostore") is None and cache.response(f"{base}/ok") is None


def test_derived_values_are_keyed_by_content_and_version():
    assert content_key("links", "https://a/x", "<p>1</p>") != content_key("links", "https://a/x", "<p>2</p>")
    assert content_key("links", "https://a/x", "<p>1</p>") != content_key("links", "https://a/y", "<p>1</p>")
    assert content_key("a", "bc") != content_key("ab", "c")  # parts are separated, not concatenated


def test_a_damaged_cache_file_turns_the_cache_off_with_a_warning(tmp_path):
    (tmp_path / "cache.sqlite").write_bytes(b"this is not a database" * 100)
    cache = Cache(tmp_path)
    cache.store_derived("links", "k", {"x": 1})
    assert cache.derived("links", "k") is None
    assert cache.warning and "continuing without it" in cache.warning


def test_a_damaged_cache_never_fails_a_crawl(site, tmp_path):
    root, server = site
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "cache.sqlite").write_bytes(b"garbage" * 1000)
    snapshot = crawl(f"{server.url}/listing/", settings(folder))
    assert len([p for p in snapshot.pages if p.ok]) == 4
    assert any("could not" in w and "cache" in w for w in snapshot.warnings)


def test_responses_round_trip_with_their_validators(tmp_path):
    cache = Cache(tmp_path)
    kept = CachedResponse("https://a/x", "https://a/x", 200, "text/html", "<p>é</p>", '"e1"', None)
    cache.store_response(kept)
    assert cache.response("https://a/x") == kept  # before it is written out
    cache.close()
    stored = Cache(tmp_path).response("https://a/x")
    assert stored is not None and replace(stored, used_at=0.0) == kept and stored.used_at > 0
    assert stored.digest == html_digest(kept.text) and stored.size == len(kept.text.encode("utf-8"))
    assert kept.conditional_headers() == {"If-None-Match": '"e1"'}


SCRIPTED = """<html><body><main><h1>Acme</h1><p id="reviews">Loading reviews…</p>
    <a href="/docs/start.html">Documentation</a></main>
    <script>document.getElementById('reviews').textContent = '4.8 stars from 120 reviews';
    document.querySelector('main').insertAdjacentHTML('beforeend', '<a href="/legal/privacy.html">Privacy policy</a>');
    </script></body></html>"""


def test_a_static_listing_render_is_reused_only_while_its_html_is_unchanged(site, tmp_path, browser_available):
    root, server = site
    browse = settings(tmp_path / "cache", use_browser=True)
    cold = crawl(f"{server.url}/listing/", browse)
    warm = crawl(f"{server.url}/listing/", browse)
    assert listing_of(cold).from_cache is False and listing_of(warm).from_cache is True
    assert listing_of(warm).html == listing_of(cold).html and warm.screenshot == cold.screenshot
    assert warm.browser is None  # nothing needed rendering: Chromium was not even started
    (root / "listing/index.html").write_text(PAGES["listing/index.html"].replace("Acme", "Acme Sync"),
                                             encoding="utf-8")
    changed = crawl(f"{server.url}/listing/", browse)
    assert listing_of(changed).from_cache is False and "Acme Sync" in (listing_of(changed).html or "")


def test_a_listing_whose_scripts_change_it_is_rendered_every_time(site, tmp_path, browser_available):
    root, server = site
    (root / "listing/index.html").write_text(SCRIPTED, encoding="utf-8")
    browse = settings(tmp_path / "cache", use_browser=True)
    crawl(f"{server.url}/listing/", browse)
    warm = crawl(f"{server.url}/listing/", browse)
    assert listing_of(warm).from_cache is False and warm.browser is not None
    assert "120 reviews" in (listing_of(warm).html or "")
    crawled = {p.url.split("/", 3)[3] for p in warm.pages}
    assert "docs/start.html" in crawled  # linked in the server's HTML: crawled while the page renders
    assert "legal/privacy.html" in crawled  # linked only once the scripts ran: crawled after the render


def test_reading_a_derived_value_keeps_it_from_eviction(tmp_path):
    import sqlite3

    cache = Cache(tmp_path)
    cache.store_derived("links", "k", {"links": []})
    cache.close()
    with sqlite3.connect(tmp_path / "cache.sqlite") as db:
        db.execute("UPDATE derived SET used_at = 0")  # written long ago
    reader = Cache(tmp_path)
    assert reader.derived("links", "k") == {"links": []}
    reader.close()  # evicts what was unused for 30 days: this entry was just used
    assert Cache(tmp_path).derived("links", "k") == {"links": []}


def test_eviction_finds_old_entries_through_an_index_instead_of_reading_every_row(tmp_path):
    import sqlite3

    from auditor.cache import EVICTIONS

    Cache(tmp_path).close()
    with sqlite3.connect(tmp_path / "cache.sqlite") as db:
        for evict in EVICTIONS:
            plan = " ".join(str(row[-1]) for row in db.execute(f"EXPLAIN QUERY PLAN {evict}", (0.0,)))
            assert "USING INDEX" in plan and "_used_at" in plan and "SCAN" not in plan, (evict, plan)


def test_an_entry_used_today_is_not_written_again_and_an_older_one_is_refreshed(tmp_path):
    import sqlite3
    import time

    cache = Cache(tmp_path)
    cache.store_derived("links", "fresh", {"links": []})
    cache.store_derived("links", "old", {"links": []})
    cache.close()
    an_hour_ago, two_days_ago = time.time() - 3600, time.time() - 2 * 86_400
    with sqlite3.connect(tmp_path / "cache.sqlite") as db:
        db.execute("UPDATE derived SET used_at = ? WHERE key = 'fresh'", (an_hour_ago,))
        db.execute("UPDATE derived SET used_at = ? WHERE key = 'old'", (two_days_ago,))
    reader = Cache(tmp_path)
    assert reader.derived("links", "fresh") == reader.derived("links", "old") == {"links": []}
    reader.close()
    with sqlite3.connect(tmp_path / "cache.sqlite") as db:
        used = dict(db.execute("SELECT key, used_at FROM derived").fetchall())
    assert used["fresh"] == an_hour_ago, "a warm re-audit does not rewrite what it just read"
    assert used["old"] > two_days_ago + 86_400


def test_a_cache_file_of_an_older_schema_is_emptied_not_misread(tmp_path):
    import sqlite3
    import zlib

    with sqlite3.connect(tmp_path / "cache.sqlite") as db:  # as the first release wrote it: zlib bodies, version 0
        db.execute("CREATE TABLE responses (url TEXT PRIMARY KEY, final_url TEXT NOT NULL, status INTEGER NOT NULL, "
                   "content_type TEXT, etag TEXT, last_modified TEXT, body BLOB NOT NULL, used_at REAL NOT NULL)")
        db.execute("INSERT INTO responses VALUES "
                   "('https://a/x', 'https://a/x', 200, 'text/html', '\"e1\"', NULL, ?, 0)",
                   (zlib.compress(b"<p>old</p>"),))
    cache = Cache(tmp_path)
    assert cache.warning is None and cache.response("https://a/x") is None
    kept = CachedResponse("https://a/x", "https://a/x", 200, "text/html", "<p>new</p>", '"e2"', None)
    cache.store_response(kept)
    cache.close()
    again = Cache(tmp_path).response("https://a/x")
    assert again is not None and again.text == "<p>new</p>"


def test_values_are_readable_while_the_background_writer_commits_them_and_after(tmp_path):
    from auditor.cache import FLUSH_EVERY

    cache = Cache(tmp_path)
    keys = [content_key("links", str(i)) for i in range(FLUSH_EVERY * 2 + 7)]
    for i, key in enumerate(keys):  # two batches go to the writer thread while the rest waits
        cache.store_derived("links", key, [i])
        cache.store_response(CachedResponse(f"https://a/{i}", f"https://a/{i}", 200, "text/html", f"<p>{i}</p>",
                                            f'"e{i}"', None))
    assert all(cache.derived("links", key) == [i] for i, key in enumerate(keys))
    responses = [cache.response(f"https://a/{i}") for i in range(len(keys))]
    assert all(r is not None and r.text == f"<p>{i}</p>" for i, r in enumerate(responses))
    cache.close()
    reopened = Cache(tmp_path)
    assert all(reopened.derived("links", key) == [i] for i, key in enumerate(keys))
    last = reopened.response(f"https://a/{len(keys) - 1}")
    assert last is not None and last.etag == f'"e{len(keys) - 1}"'
    reopened.close()
    assert not cache.warning and not reopened.warning


def test_a_write_that_fails_in_the_background_turns_the_cache_off_with_a_warning(tmp_path, monkeypatch):
    import sqlite3

    from auditor.cache import FLUSH_EVERY

    cache = Cache(tmp_path)

    def disk_full(self, pending):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Cache, "_commit", disk_full)
    for i in range(FLUSH_EVERY * 2):
        cache.store_derived("links", content_key(str(i)), i)
    cache.close()  # no exception escapes
    assert cache.warning and "disk is full" in cache.warning and "continuing without it" in cache.warning
    assert cache.derived("links", content_key("1")) is None  # off: reads nothing, writes nothing
