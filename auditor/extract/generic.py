"""The generic listing extractor: what meets every store that has no adapter, and the base every adapter starts
from.

It reads by structure and meaning, never by one store's class names: embedded data first (schema.org JSON-LD and
microdata, OpenGraph), then the page's zones (the store's chrome and other listings set apart, see
`auditor.extract.page`), headings, ARIA roles and labels, repeated siblings, and words in eight languages
(`auditor/vocab.toml`). Each field has its own module; this one puts the listing together.
"""

from __future__ import annotations

from auditor.extract import gallery, money, names, sections
from auditor.extract.availability import unavailable_reason
from auditor.extract.dates import parse_date
from auditor.extract.page import ListingPage, text_of
from auditor.extract.ratings import read_ratings
from auditor.extract.reviews import shown_reviews
from auditor.extract.structured import text_of as data_text
from auditor.extract.vendor import vendor_links
from auditor.links import is_call_to_action
from auditor.model import Listing


def extract_listing(html: str, url: str) -> Listing:
    """Read the vendor's listing from a store page; missing fields stay None or empty."""
    return read_page(ListingPage(html, url))


def read_page(page: ListingPage) -> Listing:
    """Read the listing from a page parsed once (store adapters start from this and correct what they know)."""
    app = names.app_node(page)
    listing = Listing(url=page.url)
    reason = unavailable_reason(page, has_app_data=bool(app))
    if reason is not None:  # a store's "gone" page shows the store, not the listing: nothing of it is the vendor's
        return Listing(url=page.url, available=False, unavailable_reason=reason)
    listing.name = names.name(page)
    listing.developer = names.developer(page)
    listing.description = sections.description(page, app)
    listing.tagline = sections.tagline(page, listing.description)
    listing.categories = sections.categories(page, app)
    listing.features = sections.features(page)
    listing.icon = gallery.icon(page, listing.name)
    listing.screenshots = gallery.screenshots(page, listing.icon)
    listing.video = gallery.video(page)
    pricing = money.pricing_sections(page)
    listing.pricing_plans = _plans(page, app, pricing)
    listing.pricing_text = " ".join(t for t in (text_of(s) for s in pricing) if t) or None
    ratings = read_ratings(page)
    listing.rating, listing.review_count = ratings.rating, ratings.count
    listing.rating_scale = ratings.scale
    listing.rating_distribution = ratings.distribution
    listing.reviews = shown_reviews(page, app)
    listing.links = vendor_links(page, listing.developer)
    listing.install_actions = install_actions(page)
    listing.details = sections.details(page)
    if "Developer address" not in listing.details and (address := names.developer_address(page, listing.developer)):
        listing.details["Developer address"] = address
    listing.languages = sections.languages(page, app, listing.details)
    listing.editions = sections.editions(page, listing.details)
    listing.data_access = sections.data_access(page)
    listing.published = parse_date(data_text(app.get("datePublished")))
    listing.updated = parse_date(data_text(app.get("dateModified")))
    return listing


def _plans(page: ListingPage, app: dict, pricing: list) -> list:
    """Plan cards of the pricing sections, else schema.org offers, else a single price beside the install button."""
    for section in pricing:
        cards = money.plan_cards(section)
        if cards:
            return cards
    declared = money.offers(page, app)
    if declared:
        return declared
    single = money.single_price(page)
    return [single] if single is not None else []


def install_actions(page: ListingPage) -> list[str]:
    """The listing's calls to action ("Install", "Get app", "Kostenlos installieren")."""
    actions = [t for t in (text_of(tag) for tag in page.content.find_all(["a", "button"]))
               if t and len(t) <= 40 and is_call_to_action(t)]
    return sections.unique(actions)
