"""The Zapier App Directory adapter on its fixture: a Next.js app page whose `__NEXT_DATA__` island holds the app."""

from __future__ import annotations

import re

import pytest

from auditor.extract import read_listing
from auditor.extract.generic import extract_listing
from auditor.extract.stores import detect
from auditor.extract.stores.zapier import ADAPTER
from auditor.model import Image
from tests.extract.stores.fixture_pages import LOCAL as BASE
from tests.extract.stores.fixture_pages import ago
from tests.extract.stores.fixture_pages import fixture_page as page

URL = f"{BASE}/stores/zapier/listing/"
VENDOR = f"{BASE}/stores/zapier/vendor"


@pytest.fixture(scope="module")
def html() -> str:
    return page("stores/zapier/listing/index.html")


@pytest.fixture(scope="module")
def listing(html: str):
    return ADAPTER.read(html, URL)


def test_detected_by_its_canonical_url_when_served_locally(html: str):
    assert detect(URL, html) is ADAPTER
    assert detect("https://zapier.com/apps/corvid-crm/integrations", "<html></html>") is ADAPTER


def test_detected_by_its_markup_without_a_canonical_url(html: str):
    saved = re.sub(r'<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>', "", html)
    assert detect(URL, saved) is ADAPTER


@pytest.mark.parametrize("site", ["strong", "weak", "clientside"])
def test_generic_listings_are_not_zapier(site: str):
    html = page(f"{site}/listing/index.html")
    assert detect(f"{BASE}/{site}/listing/", html) is not ADAPTER
    assert not any(re.search(marker, html) for marker in ADAPTER.markers)


def test_name_description_developer_categories(listing):
    assert listing.name == "Corvid CRM", "the app's name, not the page title's \"Corvid CRM Integrations | ...\""
    assert listing.description.startswith("The #1 AI-powered CRM that revolutionizes")
    assert len(listing.description) == 186, "deliberately over Zapier's 140 characters, not \"Corvid CRM is a ...\""
    assert listing.tagline == listing.description, "the directory shows one description"
    assert listing.developer == "Corvid Software, Inc."
    assert listing.categories == ["CRM (Customer Relationship Management)", "Sales Management"]


def test_triggers_actions_and_searches_are_the_features(listing):
    assert listing.features[:2] == ["Trigger: New Contact", "Trigger: New Deal"]
    assert "Action: Create Task" in listing.features and listing.features[-1] == "Search: Find Deal"
    assert len(listing.features) == 11


def test_logo_and_no_screenshots_video_pricing_or_reviews(listing):
    assert listing.icon == Image(f"{BASE}/clientside/img/icon.png", 512, 512, "Corvid CRM logo")
    assert listing.screenshots == [] and listing.video is None
    assert listing.pricing_plans == [] and listing.pricing_text is None
    assert listing.rating is None and listing.review_count is None, "missing, not zero"
    assert listing.rating_distribution == {} and listing.reviews == []


def test_links_are_the_partner_s_not_zapier_s(listing, html: str):
    links = listing.links
    assert links.website == f"{VENDOR}/index.html"
    assert links.setup == f"{VENDOR}/docs/setup.html"
    assert links.docs == f"{VENDOR}/docs/index.html"
    assert links.support == f"{VENDOR}/support.html"
    assert links.privacy == f"{VENDOR}/privacy.html"
    assert links.terms == f"{VENDOR}/terms.html"
    assert links.changelog == f"{VENDOR}/docs/changelog.html"
    assert links.security is None, "Zapier's own security page is not the vendor's"
    footer_privacy = "https://zapier.com/privacy"
    assert footer_privacy in html and links.privacy != footer_privacy


def test_install_editions_and_exact_counts(listing):
    assert listing.install_actions == ["Start free with email", "Start free with Google", "Try it"]
    assert listing.languages == [] and listing.data_access is None
    assert listing.editions == ["All Zapier plans, including Free", "Corvid CRM Growth or Enterprise plan (API access)"]
    details = listing.details
    assert details["Zap templates"] == "318"  # the page shows 300+
    assert details["Connected apps"] == "8,143"  # the page shows 8,000+
    assert (details["Triggers"], details["Actions"], details["Searches"]) == ("4", "5", "2")
    assert details["Premium"] == "No" and details["Beta"] == "No"
    assert details["Version"] == "2.14.0" and details["Authentication"] == "OAuth 2.0"
    assert listing.published == ago(1210)
    assert listing.updated == ago(430)


def test_gone_page_is_unavailable(html: str):
    gone = page("stores/zapier/gone/index.html")
    assert detect(f"{BASE}/stores/zapier/gone/", gone) is ADAPTER
    assert ADAPTER.unavailable(gone)
    assert not ADAPTER.unavailable(html)
    assert read_listing(gone, f"{BASE}/stores/zapier/gone/")[0].available is False
    assert read_listing(html, URL)[0].available is True


def test_does_better_than_the_generic_extractor(html: str, listing):
    generic = extract_listing(html, URL)
    assert listing.links.docs == f"{VENDOR}/docs/index.html"
    assert generic.name != listing.name == "Corvid CRM"
    assert listing.developer and listing.icon is not None
    assert not generic.categories and listing.categories
    assert not generic.features and listing.features
    assert "Zap templates" not in generic.details and listing.details["Zap templates"] == "318"

def test_what_zapier_cannot_show_stays_empty_whatever_the_copy_says(html: str):
    """No ratings, reviews, screenshots or vendor pricing on Zapier: the generic reader's finds in the copy are not."""
    shown = html.replace("<p><strong>Integrates with 8,000+ apps</strong></p>",
                         '<p>Rated 4.8 out of 5 (1,234 reviews)</p>'
                         '<section aria-label="Pricing"><h2>Pricing</h2><p>Free</p></section>'
                         '<div aria-label="Screenshots"><img src="/a.png" width="1600" height="1000" alt="A">'
                         '<img src="/b.png" width="1600" height="1000" alt="B"></div>', 1)
    generic = extract_listing(shown, URL)
    assert generic.rating == 4.8 and generic.screenshots and generic.pricing_plans
    listing = ADAPTER.read(shown, URL)
    assert listing.rating is None and listing.review_count is None and listing.reviews == []
    assert listing.screenshots == [] and listing.pricing_plans == [] and listing.pricing_text is None
    assert listing.name == "Corvid CRM" and listing.links.website == f"{VENDOR}/index.html"


def test_zapier_s_help_centre_is_its_own(html: str):
    help_article = "https://help.zapier.com/hc/en-us/articles/18236501948813-How-to-get-started-with-Corvid-CRM-on-Zapier"
    assert help_article in html and ADAPTER.owns(help_article) and ADAPTER.owns("https://zapier.com/security")
    assert not ADAPTER.owns(f"{VENDOR}/docs/index.html")
