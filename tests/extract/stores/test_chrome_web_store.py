"""The Chrome Web Store adapter: the real pages of ../shared/corpus (skipped without it) and the bundled fixture.

The corpus pages are read as saved copies served from 127.0.0.1, so the store is recognised by the page
itself (canonical URL, then markup), never by the address it was fetched from.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import cache
from urllib.parse import urlsplit

import pytest

from auditor.config import CrawlSettings
from auditor.extract import read_listing
from auditor.extract.stores import detect
from auditor.extract.stores.chrome_web_store import ADAPTER
from auditor.extract.stores.toolkit import JsSyntaxError, google_islands, read_js_literal
from auditor.fixture_server import FIXTURES_ROOT, fill_dates
from auditor.model import Listing
from auditor.pipeline import gather
from tests.corpus import corpus_file
from tests.extract.stores.corpus_truth import CWS, FIELDS, agrees, observed
from tests.extract.stores.fixture_pages import LOCAL, TODAY, ago

URL = f"{LOCAL}/stores/chrome-web-store/listing/"
VENDOR = f"{LOCAL}/stores/chrome-web-store/vendor"
LISTED = sorted(path for path, truth in CWS.items() if truth["available"])
DELISTED = "chrome-web-store/cws2024_item-not-available.html"
#: the store's own pages that a vendor link must never be
STORE_HOSTS = ("chromewebstore.google.com", "support.google.com", "myaccount.google.com", "policies.google.com",
               "developer.chrome.com", "ssl.gstatic.com", "www.google.com")


@cache
def corpus_html(path: str) -> str:
    return corpus_file(path).read_text(encoding="utf-8")


def local_url(path: str) -> str:
    return f"{LOCAL}/corpus/{path.rsplit('/', 1)[-1]}"


@cache
def corpus_listing(path: str) -> tuple[Listing, str]:
    return read_listing(corpus_html(path), local_url(path))


def fixture(path: str) -> str:
    return fill_dates((FIXTURES_ROOT / path).read_text(encoding="utf-8"), TODAY)


# ------------------------------------------------------------ the real pages


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("path", sorted(CWS))
def test_corpus_field_is_the_true_value(path: str, field: str):
    listing, _ = corpus_listing(path)
    want = CWS[path][field]
    got = observed(listing, field)
    assert agrees(field, got, want), f"{path}: {field} is {got!r}, the page says {want!r}"


@pytest.mark.parametrize("path", sorted(CWS))
def test_corpus_pages_are_detected_when_served_from_loopback(path: str):
    assert detect(local_url(path), corpus_html(path)) is ADAPTER
    assert corpus_listing(path)[1] == "chrome-web-store"


@pytest.mark.parametrize("path", sorted(CWS))
def test_corpus_pages_are_detected_by_markup_alone(path: str):
    """A copy without its canonical link, og:url and <base> is still recognised, from the top 300 KB."""
    bare = re.sub(r"<link\s+rel=\"canonical\"[^>]*>|<meta property=\"og:url\"[^>]*>|<base\b[^>]*>", "",
                  corpus_html(path))
    assert detect(local_url(path), bare) is ADAPTER


def test_the_delisted_page_is_unavailable_and_not_a_listing():
    html = corpus_html(DELISTED)
    assert ADAPTER.unavailable(html)
    listing, store = corpus_listing(DELISTED)
    assert store == "chrome-web-store" and listing.available is False
    assert listing.name is None, "the store's own name is not the item's"
    assert listing.links.privacy is None and listing.links.support is None


@pytest.mark.parametrize("path", LISTED)
def test_listings_are_not_mistaken_for_the_delisted_page(path: str):
    assert not ADAPTER.unavailable(corpus_html(path))


@pytest.mark.parametrize("path", sorted(CWS))
def test_no_vendor_link_is_the_store_s_own_page(path: str):
    """The footer's "Privacy Policy", "Help", the badge help and program policies are the store's, never the
    vendor's."""
    listing, _ = corpus_listing(path)
    for role, url in vars(listing.links).items():
        if url and url.startswith("http"):
            assert urlsplit(url).hostname not in STORE_HOSTS, f"{path}: links.{role} is the store's {url}"
    assert listing.links.privacy != "https://myaccount.google.com/privacypolicy?hl=en-US"


def test_wordtune_links_are_the_developer_s_not_the_store_help():
    """The page links the badge help (support.google.com) and a program policy (developer.chrome.com): not the
    vendor's."""
    html = corpus_html("chrome-web-store/cws2024_wordtune.html")
    assert "p=cws_badges" in html and "developer.chrome.com/docs/webstore/program-policies" in html
    links = corpus_listing("chrome-web-store/cws2024_wordtune.html")[0].links
    assert links.privacy == "https://www.wordtune.com/privacy-policy"
    assert links.support == "mailto:help@wordtune.com"
    assert links.website == "https://wordtune.com/"
    assert links.docs is None and links.terms is None


def test_exact_numbers_where_the_page_shows_rounded_ones():
    """The page shows "4.4" and "46K ratings"; the island has 4.360318253951001 and 46001."""
    html = corpus_html("chrome-web-store/cws2024_adobe-acrobat.html")
    assert ">4.4<" in html and "46K ratings" in html
    listing, _ = corpus_listing("chrome-web-store/cws2024_adobe-acrobat.html")
    assert listing.rating == 4.360318253951001 and listing.review_count == 46001
    assert listing.details["Users"] == "200,000,000" and listing.details["Ratings"] == "46,001"
    assert listing.video == "https://www.youtube.com/embed/ZLMiwBq1tbQ?rel=0&wmode=opaque&enablejsapi=1"


@pytest.mark.parametrize("path", ["chrome-web-store/cws2024_cloudfulness.html",
                                  "chrome-web-store/cws2024_tweaks-for-topmeteo.html",
                                  "chrome-web-store/cws2024_facebook-is-a-trap.html"])
def test_no_ratings_is_missing_not_zero(path: str):
    listing, _ = corpus_listing(path)
    assert listing.rating is None and listing.review_count is None and listing.rating_distribution == {}
    assert "Ratings" not in listing.details


def test_the_reformatted_copy_reads_like_the_original():
    """Single-quoted strings, trailing commas and new lines in the island do not change what is read."""
    listing, _ = corpus_listing("chrome-web-store/cws2024_google-translate_prettified.html")
    assert listing.description and listing.description.startswith("Highlight or right-click on a section of text")
    assert listing.details["Version"] == "2.0.13" and listing.details["Users"] == "38,000,000"
    assert listing.updated == "2023-03-22"
    assert len(listing.languages) == 53 and listing.categories == ["Extension", "Education"]
    assert [r.rating for r in listing.reviews] == [5.0, 5.0, 5.0]


def test_2024_details_languages_dates_and_reviews():
    listing, _ = corpus_listing("chrome-web-store/cws2024_wordtune.html")
    assert listing.tagline == "Unleash your professional potential with Wordtune's GenAI tools for work."
    assert listing.updated == "2024-04-02" and listing.published is None
    assert listing.languages == ["English"]
    assert listing.categories == ["Extension", "Workflow & Planning"]
    assert listing.details["Version"] == "6.0.2" and listing.details["Trader status"] == "Trader"
    assert listing.details["Written reviews"] == "1,647"
    assert [(r.rating, r.date, r.author) for r in listing.reviews] == [
        (3.0, "2024-04-12", "Danica Naude"), (5.0, "2024-04-11", "scarlett meng"), (3.0, "2024-04-10", "Ulas Kutuk")]
    assert listing.icon is not None and listing.icon.url.startswith("https://lh3.googleusercontent.com/")
    assert listing.icon.width is None, "the page serves the icon at fixed sizes: its own size is unknown"
    assert len(listing.features) == 6 and listing.features[0].startswith("Rewrite:")


def test_store_support_hub_is_not_the_developer_s_support():
    listing, _ = corpus_listing("chrome-web-store/cws2024_thomas-bangalter-theme.html")
    assert listing.links.support is None
    assert listing.details["Support hub"].endswith("/detail/jjbhgpfdmeneonmohjkipnbfegoclbpa/support")


def test_classic_layouts_read_microdata_and_the_noscript_copy():
    old, _ = corpus_listing("chrome-web-store/cws2015_do-not-merge-wip-for-github.html")
    assert old.updated == "2015-08-04" and old.details["Users"] == "418" and old.details["Version"] == "1.0.6"
    assert old.icon is None, "the store's placeholder picture is no icon"
    newer, _ = corpus_listing("chrome-web-store/cws2020_do-not-merge-wip-for-github.html")
    assert newer.updated == "2019-11-03" and newer.details["Users"] == "1,000+"
    assert newer.tagline == "You do not merge *WIP* pull request!"
    assert newer.description and newer.description.startswith("You can't merge *WIP* pull request!")
    assert newer.video == "https://www.youtube.com/watch?v=89jY5OuXgwU"


def test_a_copy_without_its_island_falls_back_to_the_visible_page():
    html = re.sub(r"AF_initDataCallback\(\{", "noop({", corpus_html("chrome-web-store/cws2024_wordtune.html"))
    listing = ADAPTER.read(html, local_url("cws2024_wordtune.html"))
    assert listing.rating == 4.6 and listing.review_count == 2400, "rounded, as shown: all such a copy has"
    assert listing.developer == "AI21 Labs Ltd."
    assert listing.links.privacy == "https://www.wordtune.com/privacy-policy"
    assert listing.links.support == "mailto:help@wordtune.com" and listing.links.website == "https://wordtune.com/"
    assert len(listing.screenshots) == 4


# ------------------------------------------------------------ the island reader


def test_js_literal_reader_understands_what_json_does_not():
    text = """AF_initDataCallback({key: 'ds:0', data: ['a\\x3db', "c\\u003dd", 'it\\'s', 1.5e2, -3, [,], {n: null,},
              true, false, undefined, /* note */ 'x\\/y',],}); rest"""
    value, end = read_js_literal(text, text.index("{"))
    assert value == {"key": "ds:0",
                     "data": ["a=b", "c=d", "it's", 150.0, -3, [None], {"n": None}, True, False, None, "x/y"]}
    assert text[end:] == "); rest"


def test_js_literal_reader_joins_surrogate_pairs_and_rejects_garbage():
    value, _ = read_js_literal("'\\ud83d\\ude00 ok'")
    assert value == "\U0001F600 ok"
    with pytest.raises(JsSyntaxError):
        read_js_literal("{key: function() {}}")


def test_islands_keep_an_error_answer_apart():
    found = google_islands("<script>AF_initDataCallback({key: 'ds:0',  data:[7],errorHasStatus: true,});</script>"
                    "<script>AF_initDataCallback({key: 'ds:1', hash: '2', data:[[1, 'a']], sideChannel: {}});</script>")
    assert found == {"ds:0": {"error": [7]}, "ds:1": [[1, "a"]]}


# ------------------------------------------------------------ the bundled fixture


@pytest.fixture(scope="module")
def html() -> str:
    return fixture("stores/chrome-web-store/listing/index.html")


@pytest.fixture(scope="module")
def listing(html: str) -> Listing:
    return read_listing(html, URL)[0]


def test_fixture_is_detected_locally_by_canonical_url_and_by_markup(html: str):
    assert detect(URL, html) is ADAPTER
    bare = re.sub(r'<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>', "", html)
    assert detect(URL, bare) is ADAPTER
    assert detect("https://chromewebstore.google.com/detail/x/kfbhlgnmpcdajeoiablcpkdnfhgemjao",
                  "<html></html>") is ADAPTER


@pytest.mark.parametrize("site", ["strong", "weak", "clientside", "hostile"])
def test_generic_fixture_listings_are_not_the_chrome_web_store(site: str):
    html = fixture(f"{site}/listing/index.html")
    assert detect(f"{LOCAL}/{site}/listing/", html) is not ADAPTER


def test_fixture_listing_fields(listing: Listing):
    assert listing.available and listing.name == "Ledgerline Clipper for QuickBooks"
    assert listing.developer == "Ledgerline Inc."
    assert listing.tagline and listing.tagline.startswith("Clip receipts and invoices") and len(listing.tagline) <= 132
    assert listing.rating == 4.7361963190184 and listing.review_count == 1304, \
        "exact, where the page shows 4.7 and 1.3K"
    assert listing.rating_distribution == {}
    assert listing.categories == ["Extension", "Workflow & Planning"]
    assert listing.languages == ["Deutsch", "English", "English (UK)", "Français", "español"]
    assert listing.updated == ago(12) and listing.published is None
    assert listing.details["Users"] == "48,213" and listing.details["Version"] == "3.8.2"
    assert listing.details["Minimum Chrome version"] == "110" and listing.details["Trader status"] == "Trader"
    assert "Add to Chrome" in listing.install_actions
    assert "Vendor matching against your QuickBooks vendor list" in listing.features[1]


def test_fixture_media(listing: Listing):
    assert len(listing.screenshots) == 5
    assert all(s.url.startswith("https://lh3.googleusercontent.com/") for s in listing.screenshots)
    assert listing.screenshots[0].alt == "Clip a receipt from an order page in one click"
    assert listing.video == "https://www.youtube.com/embed/Lq7x2Rk9PbE?rel=0&wmode=opaque&enablejsapi=1"
    assert listing.icon is not None and listing.icon.url.startswith("https://lh3.googleusercontent.com/")


def test_fixture_vendor_links_lead_to_the_vendor_pages(listing: Listing):
    links = listing.links
    assert links.website == f"{VENDOR}/index.html"
    assert links.privacy == f"{VENDOR}/privacy.html"
    assert links.support == f"{VENDOR}/support.html"
    assert links.setup == f"{VENDOR}/docs/setup.html", "named in the description: the store has no docs field"
    assert links.terms is None and links.docs is None
    for url in vars(links).values():
        if url:
            path = urlsplit(url).path
            assert (FIXTURES_ROOT / path.lstrip("/")).is_file(), f"{url} has no fixture page"


def test_fixture_reviews_carry_filled_in_dates(listing: Listing):
    assert [(r.rating, r.date, r.author) for r in listing.reviews] == [
        (5.0, ago(3), "Priya Raman"), (4.0, ago(9), "Marco Bellini"), (5.0, ago(17), "Dana Whitfield")]


def test_fixture_island_agrees_with_the_visible_page(html: str, listing: Listing):
    assert '<span class="Vq0ZA">4.7</span>' in html and "1.3K ratings" in html and "48,213 users" in html
    assert f"{TODAY - timedelta(days=12):%B} {(TODAY - timedelta(days=12)).day}, " in html


def test_fixture_gone_page_is_delisted():
    html = fixture("stores/chrome-web-store/gone/index.html")
    assert detect(f"{LOCAL}/stores/chrome-web-store/gone/", html) is ADAPTER
    assert ADAPTER.unavailable(html)
    listing, store = read_listing(html, f"{LOCAL}/stores/chrome-web-store/gone/")
    assert store == "chrome-web-store" and not listing.available and listing.name is None


def test_fixture_crawl_follows_the_vendor_links(server):
    """Over the fixture server the crawl reaches the setup guide, support and privacy pages, and no store page."""
    settings = CrawlSettings(use_browser=False, allow_hosts=frozenset({"127.0.0.1"}), timeout=5, retries=0)
    snapshot = gather(f"{server.url}/stores/chrome-web-store/listing/", settings)
    fetched = {urlsplit(p.url).path: p for p in snapshot.pages}
    for path in ("docs/setup.html", "support.html", "privacy.html"):
        page = fetched.get(f"/stores/chrome-web-store/vendor/{path}")
        assert page is not None and page.ok, f"{path} was not crawled"
    assert fetched["/stores/chrome-web-store/vendor/docs/setup.html"].kind == "docs"
    assert all(urlsplit(p.url).hostname == "127.0.0.1" for p in snapshot.pages)
