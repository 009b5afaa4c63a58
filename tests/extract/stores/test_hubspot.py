"""The HubSpot App Marketplace adapter on its fixture: a Next.js page whose `__NEXT_DATA__` island holds the listing."""

from __future__ import annotations

import re

import pytest

from auditor.extract import read_listing
from auditor.extract.generic import extract_listing
from auditor.extract.stores import detect
from auditor.extract.stores.hubspot import ADAPTER
from auditor.model import Image, PricingPlan
from tests.extract.stores.fixture_pages import LOCAL as BASE
from tests.extract.stores.fixture_pages import ago
from tests.extract.stores.fixture_pages import fixture_page as page

URL = f"{BASE}/stores/hubspot/listing/"
VENDOR = f"{BASE}/stores/hubspot/vendor"


@pytest.fixture(scope="module")
def html() -> str:
    return page("stores/hubspot/listing/index.html")


@pytest.fixture(scope="module")
def listing(html: str):
    return ADAPTER.read(html, URL)


def test_detected_by_its_canonical_url_when_served_locally(html: str):
    assert detect(URL, html) is ADAPTER
    assert detect("https://ecosystem.hubspot.com/marketplace/apps/countwise-xero-sync", "<html></html>") is ADAPTER


def test_detected_by_its_markup_without_a_canonical_url(html: str):
    saved = re.sub(r'<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>', "", html)
    assert detect(URL, saved) is ADAPTER


@pytest.mark.parametrize("site", ["strong", "weak", "clientside"])
def test_generic_listings_are_not_hubspot(site: str):
    html = page(f"{site}/listing/index.html")
    assert detect(f"{BASE}/{site}/listing/", html) is not ADAPTER
    assert not any(re.search(marker, html) for marker in ADAPTER.markers)


def test_name_copy_developer_and_categories(listing):
    assert listing.name == "Countwise Xero Sync"
    assert listing.tagline == "Two-way sync of Xero invoices, payments and contacts with HubSpot deals and companies."
    assert listing.description.startswith("Countwise Xero Sync connects your Xero organisation to HubSpot")
    assert listing.description.count("\n\n") == 4, "the five overview paragraphs, kept apart"
    assert listing.description.endswith("HubSpot custom objects are available on the Enterprise plan only.")
    assert listing.developer == "Countwise Software Ltd."
    assert listing.categories == ["Accounting", "Quotes & invoicing", "Payments"], \
        "three: one over HubSpot's limit of two"
    assert listing.features == ["Invoices from closed-won deals", "Payment status on every deal",
                                "Two-way contact and company sync", "Invoice and payment timeline events",
                                "Product library sync", "Sync history with one-click retry"]


def test_media_with_sizes_and_alt_text(listing):
    assert [s.url.rsplit("/", 1)[-1] for s in listing.screenshots] == [f"screenshot-{i}.png" for i in range(1, 6)]
    assert all((s.width, s.height) == (1600, 900) for s in listing.screenshots)
    assert [bool(s.alt) for s in listing.screenshots] == [True, True, True, False, True], "screenshot 4 has no alt text"
    assert listing.icon == Image(f"{BASE}/strong/img/icon.png", 800, 800, "Countwise icon")
    assert listing.video == "https://www.youtube.com/embed/Q2mVb7kD4sE"


def test_pricing_plans_from_the_island(listing):
    assert listing.pricing_plans == [
        PricingPlan("Free", "Free", 0.0, "USD"),
        PricingPlan("Starter", "$39/month", 39.0, "USD"),
        PricingPlan("Professional", "$89/month", 89.0, "USD"),
        PricingPlan("Enterprise", "$249/month", 249.0, "USD"),
    ]
    assert listing.pricing_text and "14-day free trial" in listing.pricing_text


def test_exact_rating_count_and_histogram_not_the_rounded_ones(listing):
    assert listing.rating == 4.77  # the page shows 4.8
    assert listing.review_count == 1214  # the page shows 1.2K
    assert listing.rating_distribution == {"5": 1030, "4": 128, "3": 32, "2": 10, "1": 14}  # the page shows percentages
    assert sum(listing.rating_distribution.values()) == listing.review_count


def test_reviews_with_dates_authors_and_vendor_replies(listing):
    reviews = listing.reviews
    assert len(reviews) == 10
    assert [r.rating for r in reviews] == [5, 5, 4, 5, 2, 5, 4, 5, 3, 5]
    assert [r.date for r in reviews[:3]] == [ago(4), ago(11), ago(19)]
    first = reviews[0]
    assert first.author == "Hannah Okafor"
    assert first.text.startswith("We used to export Xero invoices every Friday")
    assert first.reply and first.reply.startswith("Thank you, Hannah!")
    assert sum(1 for r in reviews if r.reply) == 7
    assert reviews[3].reply is None
    assert all(r.reply is None or "Response from" not in r.reply for r in reviews)


def test_links_are_the_vendor_s_not_hubspot_s(listing, html: str):
    links = listing.links
    assert links.setup == f"{VENDOR}/docs/setup.html"
    assert links.docs == f"{VENDOR}/docs/index.html"
    assert links.privacy == f"{VENDOR}/privacy.html"
    assert links.terms == f"{VENDOR}/terms.html"
    assert links.support == f"{VENDOR}/support.html"
    assert links.changelog == f"{VENDOR}/docs/changelog.html"
    assert links.website == f"{VENDOR}/index.html"
    assert links.security is None and links.status is None
    footer_privacy = "https://legal.hubspot.com/privacy-policy"
    assert footer_privacy in html and links.privacy != footer_privacy
    assert "legal.hubspot.com" not in (links.terms or "")


def test_install_languages_editions_and_shared_data(listing):
    assert listing.install_actions == ["Install app"]
    assert listing.languages == ["English", "French", "Dutch"]
    assert listing.editions == ["Sales Hub: Starter, Professional, Enterprise", "Service Hub: Professional, Enterprise",
                                "Commerce Hub: Professional, Enterprise", "Xero Standard, Premium or Ultimate plan",
                                "Xero adviser or standard user role to connect"]
    assert listing.data_access.startswith("Shared data between Countwise Xero Sync and HubSpot: ")
    assert "Invoices ↔ Deals (two-way sync)" in listing.data_access
    assert "Invoice lines ← Line items (HubSpot to Countwise Xero Sync)" in listing.data_access
    assert ("Payments and credit notes → Deal properties and timeline events (Countwise Xero Sync to HubSpot)"
            in listing.data_access)


def test_details_and_dates(listing):
    assert listing.details["Installs"] == "8,437"  # the page shows 8K+
    assert listing.details["HubSpot certified"] == "Yes"
    assert listing.details["Support email"] == "support@countwise.example"
    assert listing.details["Support languages"] == "English, French"
    assert listing.details["Free trial"] == "14 days"
    assert listing.published == ago(1130)
    assert listing.updated == ago(12)


def test_gone_page_is_unavailable(html: str):
    gone = page("stores/hubspot/gone/index.html")
    assert detect(f"{BASE}/stores/hubspot/gone/", gone) is ADAPTER
    assert ADAPTER.unavailable(gone)
    assert not ADAPTER.unavailable(html)
    assert read_listing(gone, f"{BASE}/stores/hubspot/gone/")[0].available is False
    assert read_listing(html, URL)[0].available is True


def test_does_better_than_the_generic_extractor(html: str, listing):
    generic = extract_listing(html, URL)
    assert generic.rating != listing.rating == 4.77
    assert generic.review_count != listing.review_count == 1214
    assert listing.rating_distribution and listing.developer == "Countwise Software Ltd."
    assert not generic.categories and len(listing.categories) == 3
    assert generic.details.get("Installs") == "8K+" and listing.details["Installs"] == "8,437"
    assert len(listing.pricing_plans) == 4
