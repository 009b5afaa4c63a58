"""The listing render records where each large, visible picture sits in its capture, and the render cache keeps it."""

from __future__ import annotations

from pathlib import Path

from auditor.crawl import crawl
from auditor.fixture_server import FixtureServer
from auditor.model import Box
from tests.crawl.test_cache import listing_of, settings

SHOT = 'style="display:block;width:320px;height:180px;margin:0"'
LISTING = f"""<!doctype html><html><body style="margin:0">
<img src="/img/shown.png" alt="A screenshot" {SHOT}>
<img src="/img/icon.png" alt="" style="width:32px;height:32px">
<img src="/img/hidden.png" alt="" style="display:none;width:320px;height:180px">
<div style="width:320px;overflow:hidden"><div style="display:flex;width:640px">
  <img src="/img/slide-1.png" alt="" {SHOT}><img src="/img/slide-2.png" alt="" {SHOT}></div></div>
<img src="/img/covered.png?w=320" alt="" {SHOT}>
<div style="position:fixed;left:0;top:420px;width:400px;height:200px;background:#fff">Cookies?</div>
<div style="height:7000px"></div><img src="/img/below.png" alt="" {SHOT}>
<a href="/docs/start.html">Documentation</a></body></html>"""


def test_large_visible_pictures_within_the_capture_get_their_boxes_and_the_cache_keeps_them(tmp_path: Path,
                                                                                           browser_available):
    root = tmp_path / "site"
    (root / "listing").mkdir(parents=True)
    (root / "listing/index.html").write_text(LISTING, encoding="utf-8")
    with FixtureServer(root) as server:
        browse = settings(tmp_path / "cache", use_browser=True)
        cold = crawl(f"{server.url}/listing/", browse)
        warm = crawl(f"{server.url}/listing/", browse)
    assert cold.image_boxes == {f"{server.url}/img/shown.png": Box(0, 0, 320, 180),
                                f"{server.url}/img/slide-1.png": Box(0, 216, 320, 180)}, \
        "no icon, hidden picture, clipped slide, picture under a fixed banner or below the capture"
    assert listing_of(warm).from_cache and warm.image_boxes == cold.image_boxes
