"""The crawler over a purpose-built local site: scope, depth, robots, chrome, link outcomes, JS shells."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.config import CrawlSettings
from auditor.crawl import crawl
from auditor.fixture_server import FixtureServer

PAGES = {
    "robots.txt": "User-agent: *\nDisallow: /vendor/docs/secret\n",
    "listing/index.html": """<html><body><header><a href="/store/privacy.html">Privacy Policy</a></header>
        <main><h1>Acme</h1><a href="/vendor/docs/setup.html">Setup guide</a>
        <a href="/vendor/legal/privacy.html">Privacy policy</a><a href="/vendor/">Website</a>
        <a href="https://example.invalid/x">Elsewhere</a></main>
        <footer><a href="/store/terms.html">Terms</a></footer></body></html>""",
    "vendor/docs/setup.html": """<main><h1>Setup</h1><a href="a.html">A</a><a href="/vendor/blog/post.html">Blog</a>
        <a href="missing.html">Gone</a><a href="secret.html">Secret</a></main>""",
    "vendor/docs/a.html": '<main><h1>A</h1><a href="b.html">B</a></main>',
    "vendor/docs/b.html": '<main><h1>B</h1><a href="c.html">C</a></main>',
    "vendor/docs/c.html": "<main><h1>C</h1></main>",
    "vendor/docs/secret.html": "<main>secret</main>",
    "vendor/docs/app.html": """<html><body><nav>Docs nav</nav><main id="app"></main><script>
        document.getElementById('app').innerHTML = '<h1>Rendered by script</h1><p>' +
        'This guide explains how to connect Acme to your CRM and map every field you need. '.repeat(5) + '</p>';
        </script></body></html>""",
    "listing2/index.html": '<main><h1>Acme</h1><a href="/vendor/docs/app.html">Documentation</a></main>',
    "vendor/legal/privacy.html": '<main><h1>Privacy</h1><a href="other.html">Other</a></main>',
    "vendor/legal/other.html": "<main>other</main>",
    "vendor/blog/post.html": "<main>post</main>",
    "vendor/index.html": "<main>home</main>",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    root: Path = tmp_path_factory.mktemp("site")
    for name, body in PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(body, encoding="utf-8")
    with FixtureServer(root) as server:
        yield server


def settings(**overrides) -> CrawlSettings:
    base = {"use_browser": False, "allow_hosts": frozenset({"127.0.0.1"}), "max_depth": 3, "timeout": 5, "retries": 0}
    return CrawlSettings(**{**base, **overrides})


def test_scope_depth_robots_and_chrome(site):
    site.requests.clear()
    snapshot = crawl(f"{site.url}/listing/", settings())
    pages = {p.url.replace(site.url, ""): p for p in snapshot.pages}
    links = {link.url.replace(site.url, ""): link for link in snapshot.links}
    assert pages["/listing/"].kind == "listing"
    assert pages["/vendor/docs/setup.html"].kind == "docs" and pages["/vendor/docs/setup.html"].depth == 1
    assert pages["/vendor/legal/privacy.html"].kind == "policy"
    assert pages["/vendor/docs/b.html"].depth == 3
    assert "/vendor/docs/c.html" not in pages, "beyond max depth"
    assert pages["/vendor/docs/missing.html"].status == 404
    assert pages["/vendor/docs/secret.html"].error == "disallowed by robots.txt"
    # the store's chrome is never crawled; policies are not expanded; outside the docs folder is only checked
    for path in ("/store/privacy.html", "/store/terms.html", "/vendor/legal/other.html", "/vendor/docs/secret.html",
                 "/vendor/docs/c.html"):
        assert path not in site.requests
    assert links["/vendor/blog/post.html"].outcome == "ok"
    assert links["/vendor/"].outcome == "ok"
    elsewhere = links["https://example.invalid/x"]
    assert elsewhere.outcome == "skipped" and "host not allowed" in (elsewhere.detail or "")


def test_max_pages_stops_the_crawl_with_a_warning(site):
    snapshot = crawl(f"{site.url}/listing/", settings(max_pages=3))
    assert len(snapshot.pages) <= 3
    assert any("page limit" in w for w in snapshot.warnings)


def test_a_js_shell_docs_page_is_re_rendered_in_the_browser(site, browser_available):
    snapshot = crawl(f"{site.url}/listing2/", settings(use_browser=True))
    page = next(p for p in snapshot.pages if p.url.endswith("/vendor/docs/app.html"))
    assert page.kind == "docs" and page.fetched_via == "browser" and "Rendered by script" in (page.html or "")
    assert snapshot.screenshot and snapshot.screenshot.startswith("data:image/jpeg;base64,")


def test_static_js_shell_without_browser_stays_empty(site):
    from auditor.crawl.crawler import _looks_like_js_shell

    assert _looks_like_js_shell(PAGES["vendor/docs/app.html"], 200)
    assert not _looks_like_js_shell(PAGES["vendor/docs/setup.html"], 200), "no script: nothing to render"
