"""The generic listing extractor on the bundled fixture listings (read from disk, dates filled in)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from auditor.extract.generic import extract_listing
from auditor.fixture_server import FIXTURES_ROOT, fill_dates

TODAY = date(2026, 11, 27)
BASE = "http://127.0.0.1:8000"


def listing_of(site: str):
    html = fill_dates((FIXTURES_ROOT / site / "listing" / "index.html").read_text(encoding="utf-8"), TODAY)
    return extract_listing(html, f"{BASE}/{site}/listing/")


def test_strong_listing_fields():
    listing = listing_of("strong")
    assert listing.name == "Ledgerline for HubSpot"
    assert listing.developer == "Ledgerline Inc."
    assert listing.tagline and "QuickBooks" in listing.tagline
    assert listing.rating == 4.7 and listing.review_count == 128
    assert listing.rating_distribution == {"5": 101, "4": 20, "3": 4, "2": 2, "1": 1}
    assert len(listing.screenshots) == 5
    assert all((s.width, s.height) == (1600, 900) and s.alt for s in listing.screenshots)
    assert listing.video and "youtube.com/embed/" in listing.video
    assert [p.name for p in listing.pricing_plans] == ["Free", "Growth", "Scale"]
    assert [p.amount for p in listing.pricing_plans] == [0.0, 29.0, 79.0]
    assert listing.categories == ["Accounting", "Sales"], "the store's chips, not schema.org's BusinessApplication"
    assert len(listing.features) >= 5
    assert "Install app" in listing.install_actions
    assert listing.description and len(listing.description.split()) > 150, "the full overview, not the JSON-LD summary"


def test_strong_reviews_with_dates_and_vendor_replies():
    reviews = listing_of("strong").reviews
    assert len(reviews) == 10
    assert [r.rating for r in reviews] == [5, 5, 4, 5, 3, 5, 4, 5, 5, 4]
    assert reviews[0].date == (TODAY - timedelta(days=3)).isoformat()
    assert sum(1 for r in reviews if r.reply) == 8
    assert all(r.reply is None or not r.text.startswith("Response from") for r in reviews), "replies kept apart"


def test_strong_vendor_links_are_the_vendor_s():
    links = listing_of("strong").links
    assert links.setup == f"{BASE}/strong/docs/setup/hubspot.html"
    assert links.docs == f"{BASE}/strong/docs/index.html"
    assert links.privacy == f"{BASE}/strong/legal/privacy.html"
    assert links.terms == f"{BASE}/strong/legal/terms.html"
    assert links.support == f"{BASE}/strong/support.html"
    assert links.security == f"{BASE}/strong/security.html"
    assert links.changelog == f"{BASE}/strong/docs/changelog.html"
    assert links.status == f"{BASE}/strong/status.html"


def test_weak_listing_reads_the_visible_markup_and_skips_the_store_chrome():
    listing = listing_of("weak")
    assert listing.name and len(listing.name) > 30
    assert listing.rating == 2.0 and listing.review_count == 4
    assert len(listing.reviews) == 4 and not any(r.reply for r in listing.reviews)
    assert len(listing.screenshots) == 1 and listing.screenshots[0].alt is None
    assert listing.video is None
    assert listing.pricing_plans == [] and "Contact us" in (listing.pricing_text or "")
    assert listing.install_actions == ["Contact sales", "Book a demo"]
    # the cookie banner, footer and category chips link to the store's own privacy and help pages
    assert listing.links.privacy is None and listing.links.support is None and listing.links.terms is None
    assert listing.links.docs == f"{BASE}/weak/docs/index.html"


def test_client_side_listing_is_empty_without_a_browser():
    listing = listing_of("clientside")
    assert listing.links.setup is None and listing.rating is None and listing.reviews == []


@pytest.mark.parametrize("site", ["strong", "weak", "clientside", "hostile"])
def test_missing_fields_are_none_not_zero(site):
    listing = listing_of(site)
    assert listing.rating is None or 0 < listing.rating <= 5
    assert listing.review_count is None or listing.review_count > 0
