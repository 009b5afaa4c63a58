"""The Google Workspace Marketplace adapter on its fixture listing (read from disk, dates filled in)."""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from auditor.extract import read_listing
from auditor.extract.generic import extract_listing
from auditor.extract.page import ListingPage
from auditor.extract.stores import detect
from auditor.extract.stores.google_workspace import ADAPTER, App
from auditor.extract.stores.toolkit import google_islands
from auditor.fixture_server import FIXTURES_ROOT
from tests.extract.stores.fixture_pages import LOCAL as BASE
from tests.extract.stores.fixture_pages import TODAY, store_page

URL = f"{BASE}/stores/google-workspace/listing/"
VENDOR = f"{BASE}/stores/google-workspace/vendor"
ISLANDS = re.compile(r'<script class="ds:\d".*?</script>', re.S)
NAME = "Threadline for Gmail: Follow-up Reminders & Email Templates"


def page(name: str = "listing") -> str:
    return store_page("google-workspace", name)


def day(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


@pytest.fixture(scope="module")
def listing():
    return ADAPTER.read(page(), URL)


def test_detected_from_the_canonical_url_when_served_locally():
    assert detect(URL, page()) is ADAPTER
    assert detect("https://workspace.google.com/marketplace/app/threadline/482913075512", "<html></html>") is ADAPTER
    assert read_listing(page(), URL)[1] == "google-workspace"


def test_detected_from_markup_without_a_canonical_link():
    bare = re.sub(r'<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>', "", page())
    assert detect(URL, bare) is ADAPTER


def test_other_listings_are_not_taken_for_the_workspace_marketplace():
    strong = (FIXTURES_ROOT / "strong" / "listing" / "index.html").read_text(encoding="utf-8")
    assert detect(f"{BASE}/strong/listing/", strong) is not ADAPTER


def test_islands_are_found_by_shape():
    assert set(google_islands(page())) == {"ds:0", "ds:1", "ds:2"}
    app = App(ListingPage(page(), URL))
    assert app.record is not None and app.record[0] == "482913075512" and app.record[2][0] == NAME
    assert app.review_rows is not None and len(app.review_rows) == 8


def test_identity_and_copy_come_from_the_app_record(listing):
    assert listing.available is True
    assert listing.name == NAME and len(listing.name) == 59  # over the 50 the Marketplace allows
    assert listing.tagline == ("Never lose a reply: get follow-up reminders when nobody answers, and send saved email "
                               "templates in two clicks.")
    assert listing.developer == "Threadline Labs"
    assert listing.description.startswith("Threadline adds follow-up reminders and reusable email templates to Gmail")
    assert "Billing is handled by Threadline Labs, not Google." in listing.description
    assert listing.categories == ["Productivity"]
    assert listing.features == [
        "Follow-up reminders for sent emails: tomorrow, in 3 days, next week or a date you pick",
        "A side panel listing every open follow-up, sorted by due date",
        "Email templates with placeholders for first name, company and custom fields",
        "Shared template folders for your team (Team plan)",
        "Nudge drafts that you review before sending; Threadline never sends email on its own",
        "Works in Gmail on the web, Android and iOS",
    ]
    assert listing.languages == ["English", "Spanish", "Portuguese (Brazil)"]
    assert listing.editions == ["Gmail"], "the Works with apps"


def test_permissions_are_the_data_access_statement(listing):
    statement = listing.data_access
    assert statement.startswith(f"{NAME} will need access to your Google account.")
    assert ("View your email messages when the add-on is running "
            "(https://www.googleapis.com/auth/gmail.addons.current.message.readonly)") in statement
    assert ("Read, compose, send, and permanently delete all your email from Gmail "
            "(https://mail.google.com/)") in statement
    assert statement.count("(https://") == 6


def test_media_with_declared_sizes(listing):
    assert [s.url for s in listing.screenshots] == [f"{BASE}/clientside/img/screenshot-{i}.png" for i in range(1, 4)]
    assert all((s.width, s.height) == (1600, 1000) and s.alt for s in listing.screenshots)
    assert (listing.icon.url, listing.icon.width, listing.icon.height) == (f"{BASE}/weak/img/icon.png", 128, 128)
    assert listing.video == "https://www.youtube.com/watch?v=Q4tH8mLw2rE"


def test_pricing_label_and_plans_from_the_description(listing):
    assert listing.pricing_text == "Free of charge with paid features"
    assert [(p.name, p.price, p.amount, p.currency) for p in listing.pricing_plans] == [
        ("Free", "$0", 0.0, "USD"),
        ("Pro", "$6 per user per month", 6.0, "USD"),
        ("Team", "$10 per user per month", 10.0, "USD"),
    ]


def test_exact_rating_count_and_distribution_from_the_data(listing):
    assert listing.rating == 4.378  # the page shows 4.4
    assert listing.review_count == 1187  # the page shows (1.2K)
    assert listing.rating_distribution == {"5": 800, "4": 210, "3": 70, "2": 40, "1": 67}
    assert sum(listing.rating_distribution.values()) == listing.review_count


def test_reviews_with_dates_and_authors_and_no_replies(listing):
    reviews = listing.reviews
    assert [r.rating for r in reviews] == [5, 5, 4, 2, 5, 1, 4, 5]
    assert [r.date for r in reviews] == [day(n) for n in (2, 6, 13, 21, 35, 52, 77, 104)]
    assert reviews[3].author == "Lucas Ferreira"
    assert reviews[3].text.startswith("Why does a reminder tool need permission to permanently delete all my email?")
    assert all(r.reply is None for r in reviews), "the Marketplace shows no developer replies"


def test_developer_links_and_no_terms_of_service(listing):
    links = listing.links
    assert links.website == f"{VENDOR}/"
    assert links.privacy == f"{VENDOR}/privacy.html"
    assert links.support == f"{VENDOR}/support.html"
    assert links.setup == f"{VENDOR}/docs/setup.html"
    assert links.docs == f"{VENDOR}/docs/"
    assert links.changelog == f"{VENDOR}/docs/release-notes.html", "a linkified URL in the description"
    assert links.terms is None, "the developer gives no Terms of service; the Marketplace's own terms are not theirs"
    assert links.security is None and links.status is None
    footer = BeautifulSoup(page(), "lxml").find("footer")
    assert footer is not None
    privacy_link = footer.find("a", string=re.compile("Privacy"))
    assert privacy_link is not None
    store_privacy = privacy_link.get("href")
    assert store_privacy == "https://policies.google.com/privacy" and links.privacy != store_privacy
    assert all(urlsplit(u).hostname == "127.0.0.1" for u in asdict(links).values() if u)


def test_install_actions_details_and_dates(listing):
    assert listing.install_actions == ["Install"]
    assert listing.updated == day(23)
    assert listing.published is None, "the Marketplace does not show a publication date"
    assert listing.details == {
        "Pricing": "Free of charge with paid features",
        "Developer": "Threadline Labs",
        "Developer email": "support@threadline.example",
        "Developer address": "Threadline Labs Ltd, 14 Quay Street, Dublin 2, Ireland",
        "Listing updated": day(23),
        "Users": "300,000+",
        "Languages": "English, Spanish, Portuguese (Brazil)",
        "Works with": "Gmail",
    }


def test_adapter_beats_the_generic_extractor_where_the_data_matters(listing):
    generic = extract_listing(page(), URL)
    assert generic.rating == 4.4 and listing.rating == 4.378
    assert generic.review_count != 1187 and listing.review_count == 1187
    assert generic.rating_distribution != listing.rating_distribution
    assert generic.reviews != listing.reviews and not generic.pricing_plans


def test_rendered_page_is_read_when_the_islands_are_missing():
    bare = ADAPTER.read(ISLANDS.sub("", page()), URL)
    assert bare.name == NAME and bare.developer == "Threadline Labs"
    assert (bare.rating, bare.review_count) == (4.4, 1200), "only the rounded figures are on the page"
    assert bare.rating_distribution == {}
    assert bare.updated == day(23)
    assert bare.links.privacy == f"{VENDOR}/privacy.html" and bare.links.terms is None
    assert bare.links.changelog == f"{VENDOR}/docs/release-notes.html"
    assert [r.date for r in bare.reviews] == [day(n) for n in (2, 6, 13, 21, 35, 52, 77, 104)]
    assert [r.rating for r in bare.reviews] == [5, 5, 4, 2, 5, 1, 4, 5]
    assert [p.amount for p in bare.pricing_plans] == [0.0, 6.0, 10.0]
    assert "permanently delete all your email" in (bare.data_access or "")
    assert bare.categories == ["Productivity"] and bare.editions == ["Gmail"]


def test_the_gone_page_is_unavailable():
    gone = page("gone")
    assert ADAPTER.unavailable(gone) is True
    assert detect(f"{BASE}/stores/google-workspace/gone/", gone) is ADAPTER
    assert read_listing(gone, f"{BASE}/stores/google-workspace/gone/")[0].available is False
    assert ADAPTER.unavailable(page()) is False
