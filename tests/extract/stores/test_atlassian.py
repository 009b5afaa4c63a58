"""The Atlassian Marketplace adapter: REST 1.0 records of ../shared/corpus (skipped without it) and the bundled
fixture."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from auditor.config import CrawlSettings
from auditor.extract import read_listing
from auditor.extract.stores import detect
from auditor.extract.stores.atlassian import (
    ADAPTER,
    MARKETPLACE,
    embedded_plugin,
    listing_from_api,
)
from auditor.fixture_server import FIXTURES_ROOT, fill_dates
from auditor.model import Image, Listing
from auditor.pipeline import gather
from auditor.urls import normalise
from tests.corpus import corpus_file
from tests.extract.stores.corpus_truth import ATLASSIAN, FIELDS, agrees, observed
from tests.extract.stores.fixture_pages import LOCAL, TODAY, ago

URL = f"{LOCAL}/stores/atlassian/listing/"
VENDOR = f"{LOCAL}/stores/atlassian/vendor"
PAGES = ("atlassian-api/atl-rest1_plugins-search_2016_page1.json",
         "atlassian-api/atl-rest1_plugins-search_2016_page2.json")
EMPTY = "atlassian-api/atl-rest1_plugins-search_2016_empty-last-page.json"


@cache
def corpus_json(path: str) -> dict[str, Any]:
    return json.loads(corpus_file(path).read_text(encoding="utf-8"))


def plugins() -> list[tuple[str, dict[str, Any]]]:
    return [(f"{path}#{p['pluginKey']}", p) for path in PAGES for p in corpus_json(path)["plugins"]]


def fixture(path: str) -> str:
    return fill_dates((FIXTURES_ROOT / path).read_text(encoding="utf-8"), TODAY)


def rel(links: list[dict[str, Any]], name: str) -> str | None:
    return next((normalise(urljoin(MARKETPLACE, x["href"])) for x in links if x.get("rel") == name), None)


# ------------------------------------------------------------ the REST records


INDEXES = [(page, i) for page in PAGES for i in range(10)]


@pytest.mark.parametrize(("path", "index"), INDEXES, ids=[f"{p.rsplit('_', 1)[-1]}-{i}" for p, i in INDEXES])
def test_every_corpus_record_maps_to_what_its_json_says(path: str, index: int):
    plugin = corpus_json(path)["plugins"][index]
    version, vendor = plugin["version"], plugin["vendor"]
    listing = listing_from_api(plugin, MARKETPLACE)
    summary = plugin["reviewSummary"]
    assert listing.available and listing.name == plugin["name"]
    assert listing.developer == vendor["name"]
    assert listing.rating == (summary["averageStars"] if summary["count"] else None)
    assert listing.review_count == (summary["count"] or None)
    assert listing.tagline and plugin["summary"].startswith(listing.tagline[:20])
    assert listing.description
    assert " ".join(plugin["summary"].split()).startswith(" ".join(listing.description.split())[:60])
    assert listing.categories == [c["name"] for c in plugin["categories"]]
    assert len(listing.screenshots) == len(version["screenshots"])
    icon = plugin["icons"]["default"]
    icon_url = rel(icon["links"], "binary")
    assert icon_url is not None and listing.icon == Image(icon_url, icon["width"], icon["height"])
    links = listing.links
    assert links.docs == rel(version["links"], "documentation")
    assert links.support == rel(version["links"], "support")
    assert links.terms == (rel(version["links"], "eula") or rel(version["links"], "license"))
    assert links.privacy == rel(plugin["links"], "privacy")
    assert links.website == rel(vendor["links"], "homepage")
    assert links.changelog is not None, "the vendor's release notes, else the version history"
    assert listing.details["Downloads"] == f"{plugin['downloadCount']:,}"
    assert listing.details["Installs"] == f"{plugin['activeInstalls']['totalInstalls']:,}"
    assert listing.details["Users"] == f"{plugin['activeInstalls']['totalUsers']:,}"
    assert listing.details["Version"] == version["version"] and listing.details["App key"] == plugin["pluginKey"]
    assert listing.updated == version["releaseDate"][:10]
    assert listing.editions and all(e.startswith(c["applicationName"])
                                    for e, c in zip(listing.editions, version["compatibilities"], strict=False))
    assert listing.pricing_text == version["marketplaceType"]["type"]
    assert listing.url == normalise(urljoin(MARKETPLACE, rel(plugin["links"], "alternate")))


def test_corpus_has_twenty_records_and_an_empty_last_page():
    assert len(plugins()) == 20
    assert corpus_json(EMPTY)["plugins"] == []


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("key", sorted(ATLASSIAN))
def test_corpus_field_is_the_true_value(key: str, field: str):
    path, plugin_key = key.split("#")
    plugin = next(p for p in corpus_json(path)["plugins"] if p["pluginKey"] == plugin_key)
    listing = listing_from_api(plugin, MARKETPLACE)
    want, got = ATLASSIAN[key][field], observed(listing, field)
    assert agrees(field, got, want), f"{key}: {field} is {got!r}, the record says {want!r}"


def test_release_notes_link_inside_the_notes_and_html_entities_in_urls():
    records = dict(plugins())
    calendars = listing_from_api(records[f"{PAGES[0]}#com.atlassian.confluence.extra.team-calendars"])
    assert calendars.links.changelog == "https://confluence.atlassian.com/x/kY8_Lw"
    capture = listing_from_api(records[f"{PAGES[0]}#com.atlassian.bonfire.plugin"])
    assert capture.links.changelog == "https://marketplace.atlassian.com/plugins/com.atlassian.bonfire.plugin/versions"
    gliffy = listing_from_api(records[f"{PAGES[0]}#com.gliffy.integration.confluence"])
    # the JSON holds "&amp;" literally: kept as it is (not HTML-unescaped); the utm_* tracking pairs are dropped
    assert gliffy.links.docs == "http://www.gliffy.com/confluence-plugin/?amp=&amp=&amp="
    zephyr = listing_from_api(records[f"{PAGES[0]}#com.thed.zephyr.je"])
    assert zephyr.tagline == "All your testing, inside JIRA. Finally!", "the summary's first paragraph"


def test_missing_reviews_are_none_not_zero():
    record = {"name": "Quiet App", "pluginKey": "quiet", "vendor": {"name": "Quiet Ltd."},
              "reviewSummary": {"averageStars": 0.0, "count": 0}, "version": {}}
    listing = listing_from_api(record)
    assert listing.rating is None and listing.review_count is None and listing.rating_distribution == {}
    assert listing.screenshots == [] and listing.icon is None and listing.links.support is None


# ------------------------------------------------------------ the bundled fixture


@pytest.fixture(scope="module")
def html() -> str:
    return fixture("stores/atlassian/listing/index.html")


@pytest.fixture(scope="module")
def listing(html: str) -> Listing:
    return read_listing(html, URL)[0]


def test_fixture_is_detected_locally_by_canonical_url_and_by_markup(html: str):
    assert detect(URL, html) is ADAPTER
    bare = re.sub(r'<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>', "", html)
    assert detect(URL, bare) is ADAPTER
    assert detect("https://marketplace.atlassian.com/apps/1217433/x", "<html></html>") is ADAPTER


@pytest.mark.parametrize("site", ["strong", "weak", "clientside", "hostile", "stores/chrome-web-store"])
def test_other_fixture_listings_are_not_atlassian(site: str):
    html = fixture(f"{site}/listing/index.html")
    assert detect(f"{LOCAL}/{site}/listing/", html) is not ADAPTER


def test_fixture_reads_the_embedded_record(html: str, listing: Listing):
    plugin = embedded_plugin(html)
    assert plugin is not None and plugin["pluginKey"] == "com.ledgerline.jira.timesheets"
    assert listing.available and listing.name == "Ledgerline Timesheets for Jira"
    assert listing.tagline == "Timesheets your finance team can invoice from"
    assert listing.developer == "Ledgerline Inc."
    assert listing.description and listing.description.startswith("Ledgerline Timesheets turns the time")
    assert listing.categories == ["Time tracking", "Project management"]
    assert listing.editions == ["Jira Cloud"]
    assert listing.features == ["Log time where the work happens", "Approve by project, week by week",
                                "Invoice approved hours"]
    assert listing.updated == ago(8)
    assert listing.details["Installs"] == "2,716" and listing.details["Downloads"] == "18,342"
    assert listing.details["Rating scale"] == "1 to 4 stars" and listing.details["Hosting"] == "Cloud"
    assert listing.pricing_text == "Paid via Atlassian"
    assert listing.data_access == "Permissions the app asks for: READ, WRITE, ACT_AS_USER"
    assert "Try it free" in listing.install_actions


def test_fixture_exact_rating_out_of_four(html: str, listing: Listing):
    assert "<strong>3.4</strong>/4" in html
    assert listing.rating == pytest.approx(194 / 57, rel=1e-6) and listing.rating != 3.4
    assert listing.review_count == 57
    assert listing.rating_distribution == {"4": 36, "3": 12, "2": 5, "1": 4}


def test_fixture_media_with_sizes(listing: Listing):
    assert len(listing.screenshots) == 4
    assert all((s.width, s.height) == (1840, 900) and s.alt for s in listing.screenshots)
    assert listing.icon is not None and (listing.icon.width, listing.icon.height) == (144, 144)
    assert listing.video == "https://www.youtube.com/watch?v=Hk3v9XgT2aQ"


def test_fixture_links_are_the_vendor_s(listing: Listing):
    links = listing.links
    assert links.docs == f"{VENDOR}/docs/index.html"
    assert links.setup == f"{VENDOR}/docs/setup.html"
    assert links.support == f"{VENDOR}/support.html", "the vendor's own support site before the marketplace's tab"
    assert links.privacy == f"{VENDOR}/privacy.html"
    assert links.terms == f"{VENDOR}/eula.html"
    assert links.changelog == f"{VENDOR}/release-notes.html"
    assert links.website == f"{VENDOR}/index.html"
    assert links.status is None and links.security is None
    for url in vars(links).values():
        if url:
            assert (FIXTURES_ROOT / urlsplit(url).path.lstrip("/")).is_file(), f"{url} has no fixture page"


def test_fixture_reviews_and_replies(listing: Listing):
    assert [(r.rating, r.date, r.author, bool(r.reply)) for r in listing.reviews] == [
        (4.0, ago(4), "Amara Okafor", True), (3.0, ago(11), "Tomasz Nowak", True),
        (2.0, ago(26), "Hannah Becker", True), (4.0, ago(40), "Luis Ferreira", False)]


def test_release_notes_have_dated_entries():
    notes = fixture("stores/atlassian/vendor/release-notes.html")
    assert [ago(d) for d in (8, 29, 47, 83)] == re.findall(r'<time datetime="([\d-]+)">', notes)[1:]


def test_a_plugin_data_island_is_read_too(html: str):
    record = embedded_plugin(html)
    page = ('<html><head><meta property="og:site_name" content="Atlassian Marketplace"></head>'
            '<body><main><h1>x</h1></main>'
            f'<script id="plugin-data" type="application/json">{json.dumps(record)}</script></body></html>')
    listing, store = read_listing(page, f"{LOCAL}/elsewhere/")
    assert store == "atlassian" and listing.name == "Ledgerline Timesheets for Jira" and listing.review_count == 57


def test_an_archived_record_is_unavailable(html: str):
    archived = html.replace('"approval":{"status":"Public"}', '"approval":{"status":"Archived"}')
    assert archived != html and ADAPTER.unavailable(archived) and not ADAPTER.unavailable(html)
    listing, _ = read_listing(archived, URL)
    assert listing.available is False and listing.name is None


def test_a_page_without_a_record_falls_back_to_the_visible_page(html: str):
    bare = re.sub(r"<script>window\.__INITIAL_STATE__ = .*?</script>", "", html, flags=re.S)
    assert embedded_plugin(bare) is None
    listing = ADAPTER.read(bare, URL)
    assert listing.name == "Ledgerline Timesheets for Jira" and len(listing.screenshots) == 4


def test_fixture_crawl_follows_the_vendor_links(server):
    settings = CrawlSettings(use_browser=False, allow_hosts=frozenset({"127.0.0.1"}), timeout=5, retries=0)
    snapshot = gather(f"{server.url}/stores/atlassian/listing/", settings)
    fetched = {urlsplit(p.url).path: p for p in snapshot.pages}
    for path in ("docs/index.html", "docs/setup.html", "release-notes.html", "support.html", "privacy.html",
                 "eula.html"):
        page = fetched.get(f"/stores/atlassian/vendor/{path}")
        assert page is not None and page.ok, f"{path} was not crawled"
    assert all(urlsplit(p.url).hostname == "127.0.0.1" for p in snapshot.pages)
