"""The browser waits for a listing's scripts to settle: chained fetches land, a page that polls still renders."""

from __future__ import annotations

import asyncio
from pathlib import Path

from auditor.crawl.browser import BrowserSession, Rendered
from auditor.crawl.scope import Scope
from auditor.fixture_server import FixtureServer

CHAINED = """<!doctype html><html><head><title>Acme Sync for HubSpot</title></head><body><main>
<h1>Acme Sync for HubSpot</h1><p id="rating">Loading reviews…</p><ul id="plans"></ul>
<img src="late.png" alt="">
<script>
window.addEventListener("load", function () {
  setTimeout(function () {  // a framework that hydrates a little after load, then fetches in a chain
    fetch("reviews.json").then(function (r) { return r.json(); }).then(function (d) {
      document.getElementById("rating").textContent = d.rating + " stars from " + d.count + " reviews";
      return fetch("plans.json");
    }).then(function (r) { return r.json(); }).then(function (plans) {
      plans.forEach(function (p) {
        var li = document.createElement("li"); li.textContent = p; document.getElementById("plans").appendChild(li);
      });
    });
  }, 60);
});
</script></main></body></html>"""

POLLING = """<!doctype html><html><body><main><h1>Live status</h1><p id="n">0</p>
<script>var n = 0; setInterval(function () {
  fetch("tick.json").then(function () { document.getElementById("n").textContent = String(++n); });
}, 100);</script></main></body></html>"""


def render(root: Path, page: str) -> Rendered:
    with FixtureServer(root, latency=0.15) as server:  # every answer takes 150 ms, as a distant API would
        async def run() -> Rendered:
            async with BrowserSession(Scope(frozenset({"127.0.0.1"})), user_agent="t", timeout=20) as browser:
                return await browser.render(f"{server.url}/{page}")
        return asyncio.run(run())


def site(tmp_path: Path) -> Path:
    (tmp_path / "chained.html").write_text(CHAINED, encoding="utf-8")
    (tmp_path / "polling.html").write_text(POLLING, encoding="utf-8")
    (tmp_path / "reviews.json").write_text('{"rating": 4.8, "count": 132}', encoding="utf-8")
    (tmp_path / "plans.json").write_text('["Free", "Pro: $49 a month"]', encoding="utf-8")
    (tmp_path / "tick.json").write_text("{}", encoding="utf-8")
    return tmp_path


def test_content_from_a_chain_of_fetches_after_load_is_in_the_rendered_dom(tmp_path, browser_available):
    rendered = render(site(tmp_path), "chained.html")
    assert rendered.error is None and rendered.html is not None
    assert "4.8 stars from 132 reviews" in rendered.html
    assert "<li>Pro: $49 a month</li>" in rendered.html, "the second fetch of the chain landed too"


def test_a_page_that_never_stops_polling_is_rendered_with_what_it_has(tmp_path, browser_available):
    rendered = render(site(tmp_path), "polling.html")
    assert rendered.error is None and rendered.html is not None
    assert "<h1>Live status</h1>" in rendered.html
    assert int(rendered.html.split('<p id="n">')[1].split("<")[0]) > 0, "its scripts ran"
