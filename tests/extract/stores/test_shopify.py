"""The Shopify App Store adapter on its fixture: a server-rendered app page with JSON-LD and fixed `#adp-*` sections."""

from __future__ import annotations

import re

import pytest

from auditor.extract import read_listing
from auditor.extract.generic import extract_listing
from auditor.extract.stores import detect
from auditor.extract.stores.shopify import ADAPTER
from auditor.model import Image, PricingPlan
from tests.extract.stores.fixture_pages import LOCAL as BASE
from tests.extract.stores.fixture_pages import ago
from tests.extract.stores.fixture_pages import fixture_page as page

URL = f"{BASE}/stores/shopify/listing/"
VENDOR = f"{BASE}/stores/shopify/vendor"


@pytest.fixture(scope="module")
def html() -> str:
    return page("stores/shopify/listing/index.html")


@pytest.fixture(scope="module")
def listing(html: str):
    return ADAPTER.read(html, URL)


def test_detected_by_its_canonical_url_when_served_locally(html: str):
    assert detect(URL, html) is ADAPTER
    assert detect("https://apps.shopify.com/kudoso-reviews", "<html></html>") is ADAPTER


def test_detected_by_its_markup_without_a_canonical_url(html: str):
    saved = re.sub(r'<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>', "", html)
    assert detect(URL, saved) is ADAPTER


@pytest.mark.parametrize("site", ["strong", "weak", "clientside"])
def test_generic_listings_are_not_shopify(site: str):
    html = page(f"{site}/listing/index.html")
    assert detect(f"{BASE}/{site}/listing/", html) is not ADAPTER
    assert not any(re.search(marker, html) for marker in ADAPTER.markers)


def test_name_introduction_details_and_features(listing):
    assert listing.name == "Kudoso Product Reviews & Photo UGC"
    assert len(listing.name) == 34, "deliberately over Shopify's 30-character limit"
    assert listing.tagline == "Collect photo reviews that lift conversion by 27% and show them on every product page."
    assert "27%" in listing.tagline, "deliberately a statistic in the app introduction"
    assert listing.description.startswith("Kudoso asks customers for a review after their order is delivered")
    assert len(listing.description) <= 500
    assert listing.developer == "Kudoso Labs"
    assert listing.categories == ["Product reviews", "Social proof"]
    assert listing.features[0] == "Automatic review request emails and SMS after delivery, with photo upload"
    assert len(listing.features) == 5 and all(len(f) <= 80 for f in listing.features)


def test_media_with_sizes(listing):
    assert len(listing.screenshots) == 4
    assert all((s.width, s.height) == (1600, 900) and s.alt for s in listing.screenshots)
    assert listing.icon == Image(f"{BASE}/stores/shopify/img/icon.png", 1200, 1200,
                                 "Kudoso Product Reviews & Photo UGC icon")
    assert listing.video == "https://www.youtube.com/embed/Zk8pR3mNq2c"


def test_pricing_plans_from_the_cards(listing):
    assert listing.pricing_plans == [
        PricingPlan("Free", "Free", 0.0, "USD"),
        PricingPlan("Growth", "$15 / month", 15.0, "USD"),
        PricingPlan("Pro", "$39 / month", 39.0, "USD"),
    ]
    assert "7-day free trial" in (listing.pricing_text or "")


def test_exact_rating_count_and_histogram_not_the_rounded_ones(listing):
    assert listing.rating == 4.86  # the page shows 4.9
    assert listing.review_count == 1214  # the page shows (1.2K)
    assert listing.rating_distribution == {"5": 1120, "4": 58, "3": 14, "2": 6, "1": 16}  # the bars show percentages
    assert sum(listing.rating_distribution.values()) == listing.review_count


def test_reviews_with_dates_merchants_and_developer_replies(listing):
    reviews = listing.reviews
    assert len(reviews) == 10
    assert [r.rating for r in reviews] == [5, 5, 4, 5, 1, 5, 5, 4, 5, 3]
    assert [r.date for r in reviews[:3]] == [ago(3), ago(6), ago(12)]
    assert [r.author for r in reviews[:2]] == ["Maison Verte Paris", "Ridgeline Outfitters"]
    assert reviews[0].text.startswith("We switched from another reviews app")
    assert reviews[0].reply and reviews[0].reply.startswith("Merci beaucoup!")
    assert sum(1 for r in reviews if r.reply) == 7
    assert all(r.reply is None or "replied" not in r.reply for r in reviews), "the reply's header is not its text"
    assert reviews[3].reply is None


def test_links_are_the_developer_s_not_shopify_s(listing, html: str):
    links = listing.links
    assert links.website == f"{VENDOR}/index.html"
    assert links.privacy == f"{VENDOR}/privacy.html"
    assert links.docs == f"{VENDOR}/docs/index.html"  # "FAQ"
    assert links.setup == f"{VENDOR}/docs/setup.html"  # "Tutorial"
    assert links.changelog == f"{VENDOR}/docs/changelog.html"
    assert links.support == f"{VENDOR}/support.html"
    assert links.terms is None, "Shopify's Resources box has no terms link; the footer's is Shopify's own"
    footer_privacy = "https://www.shopify.com/legal/privacy"
    assert footer_privacy in html and links.privacy != footer_privacy


def test_install_languages_works_with_and_details(listing):
    assert listing.install_actions == ["Install"]
    assert listing.languages == ["English", "French", "German", "Spanish", "Italian", "Dutch", "Japanese"]
    assert listing.editions == ["Checkout", "Shopify Flow", "Shopify POS", "Klaviyo", "Google Shopping", "Meta Pixel"]
    assert listing.data_access is None
    assert listing.details["Built for Shopify"] == "Yes"
    assert listing.details["Pricing"] == "Free plan available. 7-day free trial."
    assert listing.details["Developer address"] == "240 Richmond St W, Toronto, ON M5V 1V6, CA"
    assert "Rating" not in listing.details, "the rounded rating is not a detail"
    assert listing.published == listing.details["Launched"] == ago(1420)
    assert listing.updated is None


def test_gone_page_is_unavailable(html: str):
    gone = page("stores/shopify/gone/index.html")
    assert detect(f"{BASE}/stores/shopify/gone/", gone) is ADAPTER
    assert ADAPTER.unavailable(gone)
    assert not ADAPTER.unavailable(html)
    assert read_listing(gone, f"{BASE}/stores/shopify/gone/")[0].available is False
    assert read_listing(html, URL)[0].available is True


def test_does_better_than_the_generic_extractor(html: str, listing):
    generic = extract_listing(html, URL)
    assert generic.rating == listing.rating == 4.86, "both read JSON-LD"
    assert listing.rating_distribution
    assert len(generic.reviews) < len(listing.reviews) == 10
    assert all(r.author is None for r in generic.reviews) and listing.reviews[0].author
    assert generic.categories == ["BusinessApplication"] and listing.categories == ["Product reviews", "Social proof"]
    assert not generic.features and listing.features
    assert listing.languages
    assert listing.icon.width == 1200 and len(listing.pricing_plans) == 3
    assert "27%" not in (generic.tagline or ""), "the generic reads the meta description, not the app introduction"
