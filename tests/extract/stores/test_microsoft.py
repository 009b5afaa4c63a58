"""The Microsoft AppSource adapter on its fixture listing (read from disk, dates filled in)."""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from auditor.extract import read_listing
from auditor.extract.generic import extract_listing
from auditor.extract.stores import detect
from auditor.extract.stores.microsoft import ADAPTER
from auditor.fixture_server import FIXTURES_ROOT
from tests.extract.stores.fixture_pages import LOCAL as BASE
from tests.extract.stores.fixture_pages import TODAY, store_page

URL = f"{BASE}/stores/microsoft/listing/"
VENDOR = f"{BASE}/stores/microsoft/vendor"
STATE = re.compile(r"<script>window\.__INITIAL_STATE__.*?</script>", re.S)


def page(name: str = "listing") -> str:
    return store_page("microsoft", name)


def day(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


@pytest.fixture(scope="module")
def listing():
    return ADAPTER.read(page(), URL)


def test_detected_from_the_canonical_url_when_served_locally():
    assert detect(URL, page()) is ADAPTER
    assert detect("https://appsource.microsoft.com/en-us/product/office/WA200004815", "<html></html>") is ADAPTER
    assert detect("https://marketplace.microsoft.com/en-us/product/office/WA200004815", "<html></html>") is ADAPTER
    assert read_listing(page(), URL)[1] == "microsoft"


def test_detected_from_markup_without_a_canonical_link():
    bare = re.sub(r'<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>', "", page())
    assert detect(URL, bare) is ADAPTER


def test_other_listings_are_not_taken_for_appsource():
    strong = (FIXTURES_ROOT / "strong" / "listing" / "index.html").read_text(encoding="utf-8")
    assert detect(f"{BASE}/strong/listing/", strong) is not ADAPTER


def test_identity_and_copy_come_from_the_state_blob(listing):
    assert listing.available is True
    assert listing.name == "Huddlebot Standups"
    assert listing.tagline == "Async standups, check-ins and team retros inside your Teams channels."
    assert listing.developer == "Huddlebot Ltd"
    assert listing.description.startswith("Huddlebot is the #1 standup bot for Microsoft Teams, trusted by the best")
    assert listing.description.endswith(
        "Find our other apps on AppSource "
        "(https://appsource.microsoft.com/en-us/marketplace/apps?search=huddlebot)."), \
        "link targets are kept: the store forbids AppSource links in the description"
    assert listing.categories == ["Productivity", "Project management"]
    assert listing.features == [
        "Scheduled standups per channel, in each member's time zone",
        "Blocker alerts sent to the team lead in a 1:1 chat",
        "Threaded channel summaries with @mentions",
        "Retrospectives with anonymous voting",
        "Weekly participation reports you can export to Excel",
        "Standup reminders in Outlook for people who live in email",
    ]
    assert listing.languages == ["English", "German", "French", "Spanish", "Japanese"]
    assert listing.editions == ["Teams", "Outlook"], "the Microsoft products it works with"
    assert listing.data_access.startswith("This app will have permission to: Receive messages and data that I "
                                          "provide to it.")
    assert listing.data_access.endswith("Read the names and members of this team's channels.")


def test_media_with_declared_sizes_and_video(listing):
    assert [s.url for s in listing.screenshots] == [f"{BASE}/strong/img/screenshot-{i}.png" for i in range(1, 5)]
    assert all((s.width, s.height) == (1600, 900) and s.alt for s in listing.screenshots)
    assert (listing.icon.url, listing.icon.width, listing.icon.height) == (f"{BASE}/clientside/img/icon.png", 512, 512)
    assert listing.video == "https://www.youtube.com/watch?v=Hb7sT2qLm9o"


def test_plans_priced_by_their_monthly_term(listing):
    assert [(p.name, p.price, p.amount, p.currency) for p in listing.pricing_plans] == [
        ("Free", "Free", 0.0, "USD"),
        ("Pro", "$3.50 user/month", 3.5, "USD"),
        ("Business", "$6.00 user/month", 6.0, "USD"),
    ]
    assert listing.pricing_text == "Free, Free trial, Paid"


def test_exact_rating_count_and_distribution_from_the_data(listing):
    assert listing.rating == 4.66  # the page shows 4.7
    assert listing.review_count == 83  # ratings; the page shows "79 reviews"
    assert listing.rating_distribution == {"5": 66, "4": 11, "3": 3, "2": 1, "1": 2}
    assert sum(listing.rating_distribution.values()) == listing.review_count


def test_reviews_with_dates_authors_and_publisher_replies(listing):
    reviews = listing.reviews
    assert [r.rating for r in reviews] == [5, 5, 4, 3, 5, 2]
    assert [r.date for r in reviews] == [day(n) for n in (3, 9, 16, 28, 41, 70)]
    assert reviews[0].author == "Sophie Martin"
    assert reviews[5].text.startswith("Admin consent held us up The app needed admin approval")
    assert [r.reply is not None for r in reviews] == [False, True, True, False, False, False]
    assert reviews[2].reply.startswith("Thanks Ingrid, posting to more than one channel is on our roadmap")


def test_publisher_links_are_not_microsoft_s(listing):
    links = listing.links
    assert links.privacy == f"{VENDOR}/privacy.html"
    assert links.terms == f"{VENDOR}/terms.html"
    assert links.support == f"{VENDOR}/support.html"
    assert links.docs == f"{VENDOR}/docs/"
    assert links.setup == f"{VENDOR}/docs/setup.html"
    assert links.changelog == f"{VENDOR}/docs/release-notes.html"
    assert links.website == f"{VENDOR}/"
    assert links.security is None, "Microsoft's certification page is not the publisher's security page"
    assert links.status is None
    footer = BeautifulSoup(page(), "lxml").find("footer")
    assert footer is not None
    privacy_link = footer.find("a", string="Privacy")
    assert privacy_link is not None
    store_privacy = privacy_link.get("href")
    assert store_privacy == "https://go.microsoft.com/fwlink/?LinkId=521839" and links.privacy != store_privacy
    assert all(urlsplit(u).hostname == "127.0.0.1" for u in asdict(links).values() if u)


def test_install_actions_details_and_dates(listing):
    assert listing.install_actions == ["Get it now"]
    assert listing.published == day(1210)
    assert listing.updated == day(18)
    assert listing.details == {
        "Publisher": "Huddlebot Ltd",
        "Version": "4.2.0",
        "Updated": day(18),
        "Released": day(1210),
        "Products": "Teams, Outlook",
        "Industries": "Professional Services, Education",
        "Compliance": "Publisher attestation",
    }


def test_adapter_beats_the_generic_extractor_where_the_data_matters(listing):
    generic = extract_listing(page(), URL)
    assert (generic.rating, generic.review_count) == (4.7, 79), "the page's rounded rating and written-review count"
    assert (listing.rating, listing.review_count) == (4.66, 83)
    assert generic.rating_distribution != listing.rating_distribution, "the page's bars are percentages"
    assert [p.name for p in listing.pricing_plans] == ["Free", "Pro", "Business"]


def test_rendered_tabs_are_read_when_the_state_is_missing():
    bare = ADAPTER.read(STATE.sub("", page()), URL)
    assert bare.name == "Huddlebot Standups" and bare.developer == "Huddlebot Ltd"
    assert (bare.rating, bare.review_count) == (4.7, 79), "only the rounded figures are on the page"
    assert bare.rating_distribution == {}
    assert bare.links.privacy == f"{VENDOR}/privacy.html" and bare.links.support == f"{VENDOR}/support.html"
    assert bare.links.security is None
    assert [r.date for r in bare.reviews] == [day(n) for n in (3, 9, 16, 28, 41, 70)]
    assert sum(1 for r in bare.reviews if r.reply) == 2
    assert [(p.name, p.amount) for p in bare.pricing_plans] == [("Free", 0.0), ("Pro", 3.5), ("Business", 6.0)]
    assert bare.pricing_text == "Free, Free trial, Paid"
    assert bare.editions == ["Teams", "Outlook"] and bare.updated == day(18)
    assert len(bare.features) == 6


def test_the_gone_page_is_unavailable():
    gone = page("gone")
    assert ADAPTER.unavailable(gone) is True
    assert detect(f"{BASE}/stores/microsoft/gone/", gone) is ADAPTER
    assert read_listing(gone, f"{BASE}/stores/microsoft/gone/")[0].available is False
    assert ADAPTER.unavailable(page()) is False
