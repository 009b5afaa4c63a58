"""Listing pages of stores the extractor has never seen (fixtures/sites/patterns), read through the real crawler.

Each case exercises one way real pages write a field (galleries with size variants, rating and count forms in
seven languages, price forms, store-link traps, saved copies, delisted pages); `expected.json` beside them says
what a correct reader returns. Both the generic extractor (what meets a store with no adapter) and the full
reader (adapters on) must read every case right.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from auditor.config import CrawlSettings
from auditor.crawl import crawl
from auditor.extract import read_listing
from auditor.extract.stores import GENERIC
from auditor.fixture_server import FIXTURES_ROOT, FixtureServer
from auditor.marketplaces import profiles
from auditor.model import Listing
from auditor.urls import normalise

PATTERNS = FIXTURES_ROOT / "patterns"
EXPECTED: dict[str, dict[str, Any]] = json.loads((PATTERNS / "expected.json").read_text(encoding="utf-8"))
#: cases rendered by a script in the page: only a browser sees them
RENDERED = {"clientside-header"}
LINK_FIELDS = ("privacy", "terms", "support", "docs", "setup", "security", "status", "changelog")


def observed(listing: Listing, key: str) -> Any:
    """What the reader returned for an expected.json key."""
    if key == "screenshots":
        return len(listing.screenshots)
    if key == "screenshot_kinds":  # the surfaces the gallery marks ({"desktop": 4, ...}; unmarked ones left out)
        return dict(Counter(shot.kind for shot in listing.screenshots if shot.kind))
    if key == "plans":
        return len(listing.pricing_plans) or None
    if key == "prices":
        return [[p.amount, p.currency] for p in listing.pricing_plans]
    if key in LINK_FIELDS:
        return getattr(listing.links, key)
    return getattr(listing, key)


def same(key: str, got: Any, want: Any, base: str) -> bool:
    if key in LINK_FIELDS and isinstance(want, str):
        want = base + want if want.startswith("/") else want
        return isinstance(got, str) and normalise(got) == normalise(want)
    if key == "rating" and got is not None and want is not None:
        return abs(got - want) < 0.01
    if key == "prices":
        return [[a, c] for a, c in got] == [[float(a) if a is not None else None, c] for a, c in want]
    return bool(got == want)


@pytest.fixture(scope="module")
def pages(server: FixtureServer) -> dict[str, tuple[str, str]]:
    """Every case's listing page as the crawler fetched it (static fetch; the rendered cases are apart)."""
    fetched = {}
    settings = CrawlSettings(max_pages=1, max_depth=0, max_links=0, use_browser=False, respect_robots=False,
                             allow_hosts=frozenset({"127.0.0.1"}), cache_dir=None)
    for case in EXPECTED:
        if case in RENDERED:
            continue
        page = crawl(f"{server.url}/patterns/{case}/", settings).listing_page
        assert page is not None and page.ok, case
        fetched[case] = (page.html or "", page.final_url or page.url)
    return fetched


def misses(case: str, listing: Listing, base: str) -> list[str]:
    """The expected fields of a case the listing got wrong, as lines."""
    wrong = []
    for key, want in EXPECTED[case].items():
        if key in ("setup_minutes", "store_host"):
            continue  # a check reads durations (tests/checks); detection is tested below
        got = observed(listing, key)
        if not same(key, got, want, base):
            wrong.append(f"{case}: {key} = {got!r}, want {want!r}")
    return wrong


@pytest.mark.parametrize("marketplace", [GENERIC, "auto"], ids=["adapters-off", "adapters-on"])
def test_every_pattern_is_read_right(pages: dict[str, tuple[str, str]], server: FixtureServer, marketplace: str):
    wrong = []
    for case, (html, url) in pages.items():
        wrong += misses(case, read_listing(html, url, marketplace)[0], server.url)
    assert not wrong, "\n".join(wrong)


def test_a_saved_copy_is_recognised_by_its_canonical_url(pages: dict[str, tuple[str, str]]):
    by_host = {host: p.id for p in profiles().values() for host in p.hosts}
    for case, expected in EXPECTED.items():
        host = expected.get("store_host")
        if case in RENDERED or "store_host" not in expected:
            continue
        html, url = pages[case]
        store = read_listing(html, url)[1]
        assert store == by_host.get(host or "", GENERIC), f"{case}: detected {store}, canonical host {host}"


@pytest.mark.browser
def test_a_page_built_by_its_script_is_read_once_rendered(server: FixtureServer, browser_available: None):
    settings = CrawlSettings(max_pages=1, max_depth=0, max_links=0, use_browser=True, respect_robots=False,
                             allow_hosts=frozenset({"127.0.0.1"}), cache_dir=None)
    wrong = []
    for case in RENDERED:
        page = crawl(f"{server.url}/patterns/{case}/", settings).listing_page
        assert page is not None and page.ok and page.fetched_via == "browser"
        for marketplace in (GENERIC, "auto"):
            wrong += misses(case, read_listing(page.html or "", page.final_url or page.url, marketplace)[0],
                            server.url)
    assert not wrong, "\n".join(wrong)


def test_every_case_is_described(tmp_path: Path):
    described = (PATTERNS / "README.md").read_text(encoding="utf-8")
    assert all(f"`{case}`" in described for case in EXPECTED)
    assert all((PATTERNS / case / "index.html").is_file() for case in EXPECTED)
