"""The Slack Marketplace adapter on its fixture: a server-rendered `p-app_*` page with the app record in `boot_data`."""

from __future__ import annotations

import re

import pytest

from auditor.extract import read_listing
from auditor.extract.generic import extract_listing
from auditor.extract.stores import detect
from auditor.extract.stores.slack import ADAPTER
from tests.extract.stores.fixture_pages import LOCAL as BASE
from tests.extract.stores.fixture_pages import ago
from tests.extract.stores.fixture_pages import fixture_page as page

URL = f"{BASE}/stores/slack/listing/"
VENDOR = f"{BASE}/stores/slack/vendor"


@pytest.fixture(scope="module")
def html() -> str:
    return page("stores/slack/listing/index.html")


@pytest.fixture(scope="module")
def listing(html: str):
    return ADAPTER.read(html, URL)


def test_detected_by_its_canonical_url_when_served_locally(html: str):
    assert detect(URL, html) is ADAPTER


@pytest.mark.parametrize("url", ["https://slack.com/marketplace/A04S7QK2N3L-standly",
                                 "https://acme-corp.slack.com/apps/A04S7QK2N3L-standly"])
def test_detected_on_the_marketplace_and_workspace_hosts(url: str):
    assert detect(url, "<html></html>") is ADAPTER


def test_detected_by_its_markup_without_a_canonical_url(html: str):
    saved = re.sub(r'<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>', "", html)
    assert detect(URL, saved) is ADAPTER


@pytest.mark.parametrize("site", ["strong", "weak", "clientside"])
def test_generic_listings_are_not_slack(site: str):
    html = page(f"{site}/listing/index.html")
    assert detect(f"{BASE}/{site}/listing/", html) is not ADAPTER, \
        "a listing for a Slack app is not the Slack Marketplace"
    assert not any(re.search(marker, html) for marker in ADAPTER.markers)


def test_name_descriptions_developer_categories_features(listing):
    assert listing.name == "Standly"
    assert listing.tagline == ("Run async daily standups, retros and team check-ins in Slack without another meeting "
                               "on your calendar")
    assert len(listing.tagline.split()) == 16, "deliberately over Slack's 10-word short description"
    assert listing.description.startswith("Standly replaces the daily standup meeting with a short check-in in Slack.")
    assert listing.description.count("\n\n") == 2
    assert listing.developer == "Standly Labs, Inc."
    assert listing.categories == ["Productivity", "Project Management", "Communication"]
    assert len(listing.features) == 6 and listing.features[-1].startswith("/standly slash command")


def test_media_with_sizes_and_no_video(listing):
    sizes = [(s.width, s.height) for s in listing.screenshots]
    assert sizes == [(1600, 1000), (1600, 1000), (1600, 900), (1600, 1000)], "one screenshot off Slack's 1600×1000"
    assert all(s.alt for s in listing.screenshots)
    assert listing.icon is not None and (listing.icon.url, listing.icon.width, listing.icon.height) == (
        f"{BASE}/clientside/img/icon.png", 512, 512)
    assert listing.icon.alt == "Standly icon"
    assert listing.video is None


def test_no_ratings_or_reviews_on_slack_and_a_pricing_model_only(listing):
    assert listing.rating is None and listing.review_count is None, "missing, not zero"
    assert listing.rating_distribution == {} and listing.reviews == []
    assert listing.pricing_text == "Free and paid plans"
    assert listing.pricing_plans == []


def test_links_are_the_developer_s_not_slack_s(listing, html: str):
    links = listing.links
    assert links.privacy == f"{VENDOR}/privacy.html"
    assert links.support == f"{VENDOR}/support.html"
    assert links.website == f"{VENDOR}/index.html"  # "Landing page"
    assert links.setup == f"{VENDOR}/docs/setup.html"
    assert links.docs == f"{VENDOR}/docs/index.html"
    assert links.changelog == f"{VENDOR}/docs/changelog.html"
    assert links.terms is None and links.security is None and links.status is None
    footer_privacy = "https://slack.com/trust/privacy/privacy-policy"
    assert footer_privacy in html and links.privacy != footer_privacy


def test_install_languages_works_with_permissions_and_details(listing):
    assert listing.install_actions == ["Add to Slack"]
    assert listing.languages == ["English", "Spanish", "Japanese"]
    assert listing.editions == ["Slack Free", "Slack Pro", "Slack Business+", "Slack Enterprise Grid"]
    access = listing.data_access
    assert access.startswith("Standly can view: View basic information about public channels in your workspace "
                             "(channels:read);")
    assert "Standly can do: Send messages as @Standly (chat:write);" in access
    for scope in ("im:history", "users:read", "users.profile:read", "im:write", "commands"):
        assert f"({scope})" in access
    assert listing.details["App ID"] == "A04S7QK2N3L"
    assert listing.details["Slack Marketplace approved"] == "Yes"
    assert listing.details["Third-party certifications"] == "SOC 2 Type II"
    assert listing.details["Support email"] == "help@standly.example"
    assert listing.published == ago(640)
    assert listing.updated == ago(18)


def test_gone_page_is_unavailable(html: str):
    gone = page("stores/slack/gone/index.html")
    assert detect(f"{BASE}/stores/slack/gone/", gone) is ADAPTER
    assert ADAPTER.unavailable(gone)
    assert not ADAPTER.unavailable(html)
    assert read_listing(gone, f"{BASE}/stores/slack/gone/")[0].available is False
    assert read_listing(html, URL)[0].available is True


def test_does_better_than_the_generic_extractor(html: str, listing):
    generic = extract_listing(html, URL)
    # neither takes the page's own "Security & Compliance" tab for the vendor's security page
    assert generic.links.security is None and listing.links.security is None
    assert generic.links.website is None and listing.links.website == f"{VENDOR}/index.html"
    assert listing.developer
    assert not generic.categories and listing.categories
    assert listing.languages
    assert "(chat:write)" not in (generic.data_access or "") and "(chat:write)" in listing.data_access
    assert generic.published is None and listing.published

def test_a_rating_in_the_page_s_copy_is_not_one(html: str):
    """Slack shows no ratings or reviews: what the generic reader finds in the copy is not the listing's."""
    rated = html.replace("<h2>Pricing</h2>", "<p>Rated 4.8 out of 5 (1,234 reviews)</p><h2>Pricing</h2>", 1)
    assert extract_listing(rated, URL).rating == 4.8
    listing = ADAPTER.read(rated, URL)
    assert listing.rating is None and listing.review_count is None
    assert listing.rating_distribution == {} and listing.reviews == []


@pytest.mark.parametrize("url", ["https://slack.com/help/articles/360001670528", "https://api.slack.com/start",
                                 "https://slack-status.com/"])
def test_slack_s_own_pages_are_never_the_developer_s(url: str):
    assert ADAPTER.owns(url)
    assert not ADAPTER.owns(f"{VENDOR}/privacy.html") and not ADAPTER.owns("https://notslack.com/privacy")
