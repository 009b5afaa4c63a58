"""The Salesforce AppExchange adapter on its fixture listing (read from disk, dates filled in)."""

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
from auditor.extract.stores.salesforce import ADAPTER
from auditor.fixture_server import FIXTURES_ROOT
from tests.extract.stores.fixture_pages import LOCAL as BASE
from tests.extract.stores.fixture_pages import TODAY, store_page

URL = f"{BASE}/stores/salesforce/listing/"
VENDOR = f"{BASE}/stores/salesforce/vendor"
ISLAND = re.compile(r'<script type="application/json" id="appx-listing-data".*?</script>', re.S)


def page(name: str = "listing") -> str:
    return store_page("salesforce", name)


def day(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


@pytest.fixture(scope="module")
def listing():
    return ADAPTER.read(page(), URL)


def test_detected_from_the_canonical_url_when_served_locally():
    assert detect(URL, page()) is ADAPTER
    assert detect("https://appexchange.salesforce.com/appxListingDetail?listingId=a0N4V00000JtZ2kUAF",
                  "<html></html>") is ADAPTER
    assert read_listing(page(), URL)[1] == "salesforce"


def test_detected_from_markup_without_a_canonical_link():
    bare = re.sub(r'<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>', "", page())
    assert "appexchange.salesforce.com/appxListingDetail" not in bare.split("</head>")[0]
    assert detect(URL, bare) is ADAPTER


def test_other_listings_are_not_taken_for_appexchange():
    strong = (FIXTURES_ROOT / "strong" / "listing" / "index.html").read_text(encoding="utf-8")
    assert detect(f"{BASE}/strong/listing/", strong) is not ADAPTER


def test_identity_and_copy_come_from_the_listing_data(listing):
    assert listing.available is True
    assert listing.name == "Sealwise CPQ & eSign"
    assert listing.tagline == ("Quote, approve and e-sign deals without leaving Salesforce: native CPQ with built-in "
                               "eSignature.")
    assert listing.developer == "Sealwise Software, Inc."
    assert listing.description.startswith("Sealwise CPQ & eSign takes a deal from Opportunity to countersigned "
                                          "contract")
    assert listing.description.endswith("single sign-on for internal signers and a full sandbox licence.")
    assert 300 < len(listing.description.split()) < 400, "the full description, not the one-line summary"
    assert listing.categories == ["Sales", "Quotes & Orders", "Contract Management"]
    assert listing.features[0] == "Configure bundles, options and discount schedules from your Salesforce price books"
    assert len(listing.features) == 6
    assert listing.languages == ["English", "French", "German", "Japanese"]
    assert listing.editions == ["Sales Cloud", "Enterprise Edition", "Unlimited Edition", "Performance Edition",
                                "Developer Edition"]
    assert listing.data_access.startswith("Sealwise reads and writes Opportunities, Quotes, Quote Line Items, Orders")


def test_media_with_declared_sizes_and_no_video(listing):
    assert [s.url for s in listing.screenshots] == [f"{BASE}/strong/img/screenshot-{i}.png" for i in range(1, 5)]
    assert all((s.width, s.height) == (1600, 900) and s.alt for s in listing.screenshots)
    assert listing.screenshots[2].alt.startswith("Approval request for a 22 percent discount")
    assert (listing.icon.url, listing.icon.width, listing.icon.height) == (f"{BASE}/strong/img/icon.png", 800, 800)
    assert listing.video is None, "the listing has no demo video: missing, not empty text"


def test_pricing_plans(listing):
    assert [(p.name, p.price, p.amount, p.currency) for p in listing.pricing_plans] == [
        ("Free", "Free", 0.0, "USD"),
        ("Professional", "USD 35 per user per month", 35.0, "USD"),
        ("Enterprise", "USD 65 per user per month", 65.0, "USD"),
    ]
    assert listing.pricing_text.startswith("Paid, with a free version. Free trial: 30 days.")


def test_exact_rating_count_and_distribution_from_the_data(listing):
    assert listing.rating == 4.58  # the page shows 4.6
    assert listing.review_count == 231  # ratings; the page shows "230 Reviews"
    assert listing.rating_distribution == {"5": 165, "4": 47, "3": 10, "2": 5, "1": 4}
    assert sum(listing.rating_distribution.values()) == listing.review_count


def test_reviews_with_dates_authors_and_provider_replies(listing):
    reviews = listing.reviews
    assert [r.rating for r in reviews] == [5, 5, 4, 2, 5, 4]
    assert [r.date for r in reviews] == [day(4), day(11), day(19), day(33), day(47), day(62)]
    assert [r.author for r in reviews] == ["Lauren Whitfield", "Rajesh Iyer", "Camille Dubois", "Derek Olsen",
                                           "Ana Sofía Martínez", "Tom Becker"]
    assert reviews[3].text.startswith("Free edition limits are not clear The app works")
    assert [r.reply is not None for r in reviews] == [True, True, True, True, False, False]
    assert reviews[3].reply.startswith("Derek, we're sorry for the surprise.")
    assert not any(r.text.startswith("Response from") for r in reviews)


def test_vendor_links_are_the_provider_s_not_the_store_s(listing):
    links = listing.links
    assert links.privacy == f"{VENDOR}/privacy.html"
    assert links.terms == f"{VENDOR}/terms.html"
    assert links.support == f"{VENDOR}/support.html"
    assert links.setup == f"{VENDOR}/docs/setup.html"
    assert links.docs == f"{VENDOR}/docs/"
    assert links.changelog == f"{VENDOR}/docs/release-notes.html"
    assert links.website == f"{VENDOR}/"
    assert links.security is None and links.status is None
    footer = BeautifulSoup(page(), "lxml").find("footer")
    assert footer is not None
    privacy_link = footer.find("a", string=re.compile("Privacy"))
    assert privacy_link is not None
    store_privacy = privacy_link.get("href")
    assert store_privacy == "https://www.salesforce.com/company/privacy/"
    assert links.privacy != store_privacy
    assert all(urlsplit(u).hostname == "127.0.0.1" for u in asdict(links).values() if u)


def test_install_actions_details_and_dates(listing):
    assert listing.install_actions == ["Get It Now", "Try It"]
    assert listing.published == day(1580)
    assert listing.updated == day(12)
    assert listing.details["Version"] == "5.14.2"
    assert listing.details["Package"] == "Managed 2GP"
    assert listing.details["Security Review"] == f"Passed ({day(640)})"
    assert listing.details["Latest Release"] == day(12)
    assert listing.details["Industries"] == "Manufacturing, High Tech, Professional Services"
    assert listing.details["Free Trial"] == "30 days"


def test_adapter_beats_the_generic_extractor_where_the_data_matters(listing):
    generic = extract_listing(page(), URL)
    assert generic.rating in (None, 4.6) and listing.rating == 4.58
    assert generic.review_count == 230 and listing.review_count == 231
    assert generic.rating_distribution != listing.rating_distribution, "the page's bars are percentages"
    wrong = {role for role, url in asdict(generic.links).items() if url != getattr(listing.links, role)}
    assert {"privacy", "terms"} <= wrong, "the generic reader takes the store's disclaimer links"
    assert len(listing.pricing_plans) == 3


def test_rendered_panels_are_read_when_the_island_is_missing():
    bare = ADAPTER.read(ISLAND.sub("", page()), URL)
    assert bare.name == "Sealwise CPQ & eSign" and bare.developer == "Sealwise Software, Inc."
    assert (bare.rating, bare.review_count) == (4.6, 230), "only the rounded figures are on the page"
    assert bare.rating_distribution == {}, "percentages are not counts"
    assert bare.links.privacy == f"{VENDOR}/privacy.html" and bare.links.terms == f"{VENDOR}/terms.html"
    assert bare.links.changelog == f"{VENDOR}/docs/release-notes.html"
    assert [r.date for r in bare.reviews] == [day(4), day(11), day(19), day(33), day(47), day(62)]
    assert sum(1 for r in bare.reviews if r.reply) == 4
    assert [p.amount for p in bare.pricing_plans] == [0.0, 35.0, 65.0]
    assert bare.editions[0] == "Sales Cloud" and bare.published == day(1580)


def test_the_gone_page_is_unavailable():
    gone = page("gone")
    assert ADAPTER.unavailable(gone) is True
    assert detect(f"{BASE}/stores/salesforce/gone/", gone) is ADAPTER
    assert read_listing(gone, f"{BASE}/stores/salesforce/gone/")[0].available is False
    assert ADAPTER.unavailable(page()) is False
