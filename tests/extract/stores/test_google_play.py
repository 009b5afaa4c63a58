"""The Google Play adapter: the real 2021 page of ../shared/corpus (skipped without it) and a minimal page in its
shape."""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from urllib.parse import urlsplit

import pytest

from auditor.extract import read_listing
from auditor.extract.stores import detect
from auditor.extract.stores.google_play import ADAPTER
from auditor.fixture_server import FIXTURES_ROOT, fill_dates
from auditor.model import Image, Listing
from tests.corpus import corpus_file
from tests.extract.stores.corpus_truth import FIELDS, PLAY, agrees, observed
from tests.extract.stores.fixture_pages import LOCAL

DUNZO = "google-play/gplay2021_dunzo-delivery-partner.html"
STORE_HOSTS = ("play.google.com", "support.google.com", "policies.google.com", "payments.google.com",
               "developer.android.com")


@cache
def corpus_html(path: str) -> str:
    return corpus_file(path).read_text(encoding="utf-8")


def local_url(path: str) -> str:
    return f"{LOCAL}/corpus/{path.rsplit('/', 1)[-1]}"


@cache
def corpus_listing(path: str) -> tuple[Listing, str]:
    return read_listing(corpus_html(path), local_url(path))


# ------------------------------------------------------------ the real page


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("path", sorted(PLAY))
def test_corpus_field_is_the_true_value(path: str, field: str):
    listing, _ = corpus_listing(path)
    want, got = PLAY[path][field], observed(listing, field)
    assert agrees(field, got, want), f"{path}: {field} is {got!r}, the page says {want!r}"


def test_corpus_page_is_detected_from_loopback_and_by_markup():
    html = corpus_html(DUNZO)
    assert detect(local_url(DUNZO), html) is ADAPTER
    bare = re.sub(r"<link\s+rel=\"canonical\"[^>]*>|<meta property=\"og:url\"[^>]*>|<base\b[^>]*>", "", html)
    assert detect(local_url(DUNZO), bare) is ADAPTER
    assert corpus_listing(DUNZO)[1] == "google-play"


def test_corpus_exact_rating_histogram_and_installs():
    """The page shows "3.7" and "100,000+"; the data holds 3.693965435028076, 4,542 ratings and 306,887 installs."""
    listing, _ = corpus_listing(DUNZO)
    assert listing.rating == 3.693965435028076 and listing.review_count == 4542
    assert listing.rating_distribution == {"5": 2809, "4": 185, "3": 166, "2": 107, "1": 1272}
    assert listing.details["Installs"] == "306,887" and listing.details["Installs shown"] == "100,000+"
    assert listing.details["Version"] == "3.22.0.0" and listing.details["Requires Android"] == "5.0 and up"
    assert listing.details["Content rating"] == "Everyone" and listing.updated == "2021-07-19"


def test_corpus_media_with_sizes():
    listing, _ = corpus_listing(DUNZO)
    assert len(listing.screenshots) == 5 and all((s.width, s.height) == (1440, 2560) for s in listing.screenshots)
    assert listing.icon == Image("https://play-lh.googleusercontent.com/"
                                 "Q_7g9m4w7ihgDmGUHFIQFYpYqOOjNWWYZnYMr0U_BD7bsmQPdCi4dpnCXS0KO_1XH1o", 512, 512)
    assert listing.video is None


def test_corpus_copy_and_reviews_with_developer_replies():
    listing, _ = corpus_listing(DUNZO)
    assert listing.tagline == "Ride and earn money, with flexible working hours. Be a Dunzo delivery partner"
    assert listing.description and listing.description.startswith("Dunzo is a 24x7 delivery app")
    assert "<br>" not in listing.description
    assert listing.categories == ["Business"]
    assert len(listing.reviews) == 40
    assert listing.reviews[0].author == "Saifudheen K" and listing.reviews[0].rating == 1.0
    assert listing.reviews[0].date == "2021-07-06" and (listing.reviews[0].reply or "").startswith("Hey, we regret")
    assert listing.install_actions[0] == "Install"


def test_corpus_store_links_are_never_the_vendor_s():
    """Play's footer "Privacy", "Terms of Service" and "Parent Guide" help are the store's."""
    assert "support.google.com/googleplay?p=pff_parentguide" in corpus_html(DUNZO)  # the trap: Play's Parent Guide
    links = corpus_listing(DUNZO)[0].links
    for role, url in vars(links).items():
        if url and url.startswith("http"):
            assert urlsplit(url).hostname not in STORE_HOSTS, f"links.{role} is the store's {url}"
    assert links.terms is None and links.docs is None
    assert not ADAPTER.unavailable(corpus_html(DUNZO))


# ------------------------------------------------------------ a minimal page in the 2021 shape (always runs)


def _image(url: str, height: int, width: int) -> list:
    return [None, 2, [height, width], [None, None, url]]


def minimal_page(*, ratings: bool = True) -> str:
    meta: list = [None] * 14
    meta[0] = [_image("https://play-lh.googleusercontent.com/shot-one", 2400, 1080),
               _image("https://play-lh.googleusercontent.com/shot-two", 2400, 1080)]
    meta[1] = _image("https://play-lh.googleusercontent.com/icon", 512, 512)
    meta[4] = ["Everyone"]
    meta[5] = [["123", 8], "Ledgerline Inc.", ["help@ledgerline.example"], [None, None, None, None, None,
               [None, None, "https://ledgerline.example/"]]]
    meta[7] = [None, None, "https://ledgerline.example/privacy"]
    meta[8] = [1767225600, 0]
    meta[9] = ["10,000+", 10000, 23456, "10K+"]
    meta[13] = [["Finance", [None, None, None, None, [None, None, "/store/apps/category/FINANCE"]], "FINANCE"]]
    app = [[["Ledgerline Mobile"], [], [], [1], None, None, None, None, None, None,
            [[None, "Books receipts.<br><br>Snap, match, done."], [None, "Receipts to QuickBooks"]], None, meta]]
    stats = [[None, None, None, None, None, None,
              [["4.2", 4.2], [None, ["1", 1], ["2", 2], ["3", 3], ["4", 4], ["90", 90]], ["100", 100]]]]
    if not ratings:
        stats = [[None] * 7]
    calls = "".join(f"<script>AF_initDataCallback({{key: '{key}', hash: '1', data:{json.dumps(data)}, "
                    f"sideChannel: {{}}}});</script>"
                    for key, data in (("ds:5", [app[0]]), ("ds:6", stats), ("ds:8", ["12M", "1.4.0", "8.0 and up"])))
    return ('<!doctype html><html><head><base href="https://play.google.com/">'
            '<title>Ledgerline Mobile - Apps on Google Play</title></head>'
            '<body><main><h1>Ledgerline Mobile</h1></main>'
            '<footer><a href="https://policies.google.com/privacy">Privacy</a>'
            f'</footer>{calls}</body></html>')


def test_minimal_page_maps_the_positional_data():
    listing, store = read_listing(minimal_page(), f"{LOCAL}/play/")
    assert store == "google-play"
    assert listing.name == "Ledgerline Mobile" and listing.developer == "Ledgerline Inc."
    assert listing.tagline == "Receipts to QuickBooks"
    assert listing.description == "Books receipts.\n\nSnap, match, done."
    assert listing.rating == 4.2 and listing.review_count == 100
    assert listing.rating_distribution == {"5": 90, "4": 4, "3": 3, "2": 2, "1": 1}
    assert [(s.width, s.height) for s in listing.screenshots] == [(1080, 2400), (1080, 2400)], \
        "Play stores [height, width]"
    assert listing.icon == Image("https://play-lh.googleusercontent.com/icon", 512, 512)
    assert listing.links.website == "https://ledgerline.example/" and listing.links.privacy == "https://ledgerline.example/privacy"
    assert listing.links.support == "mailto:help@ledgerline.example"
    assert listing.categories == ["Finance"] and listing.updated == "2026-01-01"
    assert listing.details["Installs"] == "23,456" and listing.details["Size"] == "12M"


def test_minimal_page_without_ratings_has_none_not_zero():
    listing, _ = read_listing(minimal_page(ratings=False), f"{LOCAL}/play/")
    assert listing.rating is None and listing.review_count is None and listing.rating_distribution == {}


@pytest.mark.parametrize("site", ["strong", "weak", "clientside", "hostile", "stores/chrome-web-store",
                                  "stores/atlassian"])
def test_other_fixture_listings_are_not_google_play(site: str):
    path = FIXTURES_ROOT / site / "listing" / "index.html"
    html = fill_dates(path.read_text(encoding="utf-8"), date(2026, 11, 27))
    assert detect(f"{LOCAL}/{site}/listing/", html) is not ADAPTER
