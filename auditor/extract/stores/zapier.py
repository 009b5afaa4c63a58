"""Zapier App Directory (zapier.com/apps/<slug>/integrations).

App pages are a Next.js app: the `__NEXT_DATA__` island (`props.pageProps.app`) holds the app record: the
directory description, logo with its size, categories, triggers, actions and searches, exact template and
connected-app counts (the page shows "300+" and "8,000+"), who built the integration and the partner's own
resource links. Zapier's own help article and security page sit in the same content and are not the vendor's.
Zapier shows no ratings, reviews, screenshots or vendor pricing, so those stay empty.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from auditor.extract.generic import extract_listing
from auditor.extract.stores._shared import (
    absolute,
    clean,
    dig,
    image,
    iso,
    items,
    links_from,
    next_data,
    page_props,
    says,
    soup_of,
    text,
    unique,
    whole,
)
from auditor.extract.stores._legacy import StoreAdapter, grouped
from auditor.model import Links, Listing

_GONE_STATUSES = frozenset({"deprecated", "removed", "deleted", "private", "unpublished"})
_KINDS = (("triggers", "Trigger"), ("actions", "Action"), ("searches", "Search"))
_AUTH = {"oauth2": "OAuth 2.0", "oauth1": "OAuth 1.0a", "api_key": "API key", "basic": "Username and password",
         "session": "Session", "custom": "Custom"}


def read(html: str, url: str) -> Listing:
    """The listing from the Next.js island's app record first, the visible page second."""
    listing = extract_listing(html, url)
    # Zapier shows no ratings or reviews for apps: anything found in the copy is not one
    listing.rating, listing.review_count, listing.rating_distribution, listing.reviews = None, None, {}, []
    listing.links = _without_zapier(listing.links)
    soup = soup_of(html)
    ctas = [text(soup.find(attrs={"data-testid": key})) for key in ("cta-email", "cta-google")]
    ctas += [text(t.find(["a", "button"])) for t in soup.find_all(attrs={"data-testid": "zap-template"})]  # "Try it"
    listing.install_actions = unique(ctas) or listing.install_actions
    app = page_props(html).get("app")
    if not isinstance(app, dict):
        return listing
    name = clean(app.get("title"))
    listing.name = name or listing.name
    description = clean(app.get("description"))
    listing.tagline = description or listing.tagline  # the directory's one description is both
    listing.description = description or listing.description
    listing.developer = clean(dig(app, "partner", "name")) or listing.developer
    listing.categories = unique(dig(c, "title") for c in items(app.get("categories"))) or listing.categories
    listing.features = [f"{label}: {n}" for key, label in _KINDS for n in unique(dig(x, "name") for x in items(app.get(key)))] \
        or listing.features
    icon = image(app.get("image"), url)
    if icon is not None and icon.alt is None:  # the record has no alt text; the page's logo <img> does
        logo = soup.find("img", src=lambda src: bool(src) and absolute(url, src) == icon.url)
        icon.alt = str(logo["alt"]) if logo is not None and logo.get("alt") is not None else None
    listing.icon = icon or listing.icon
    listing.links = links_from(_link_fields(app), url, fallback=listing.links)
    listing.editions = _editions(app) or listing.editions
    listing.details = {**listing.details, **_details(app)}
    listing.published = iso(app.get("launched_at")) or listing.published
    listing.updated = iso(app.get("updated_at")) or listing.updated
    return listing


def _link_fields(app: dict[str, Any]) -> dict[str, Any]:
    partner = app.get("partner") or {}
    resources = partner.get("resources") or {}
    return {
        "website": app.get("homepage_url"),
        "support": partner.get("support_url"),
        "setup": resources.get("setup_guide_url"),
        "docs": resources.get("documentation_url"),
        "privacy": resources.get("privacy_policy_url"),
        "terms": resources.get("terms_of_service_url"),
        "changelog": resources.get("changelog_url"),
        "security": resources.get("security_url"),
        "status": resources.get("status_url"),
    }


def _without_zapier(links: Links) -> Links:
    """The generic reading minus Zapier's own pages (its help article on the app, its security page)."""
    for role, url in vars(links).items():
        host = (urlsplit(url).hostname or "").lower() if url else ""
        if host == "zapier.com" or host.endswith(".zapier.com"):
            setattr(links, role, None)
    return links


def _editions(app: dict[str, Any]) -> list[str]:
    premium = app.get("is_premium")
    plan = None
    if premium is True:
        plan = "Zapier Professional plan or higher (Premium app)"
    elif premium is False:
        plan = "All Zapier plans, including Free"
    return unique([plan, *items(app.get("requirements"))])


def _details(app: dict[str, Any]) -> dict[str, str]:
    def yes_no(value: Any) -> str | None:
        return ("Yes" if value else "No") if isinstance(value, bool) else None

    pairs: dict[str, str | None] = {
        **{label + ("es" if label == "Search" else "s"): str(len(items(app.get(key)))) for key, label in _KINDS if key in app},
        "Zap templates": grouped(whole(app.get("zap_templates_count"))),
        "Connected apps": grouped(whole(app.get("connected_apps_count"))),
        "Premium": yes_no(app.get("is_premium")),
        "Beta": yes_no(app.get("is_beta")),
        "Version": clean(app.get("version")),
        "Authentication": _AUTH.get(str(app.get("auth_type")), clean(app.get("auth_type"))),
        "Built by": clean(dig(app, "partner", "name")),
        "Built by the app's developer": yes_no(dig(app, "partner", "built_by_partner")),
        "Support email": clean(dig(app, "partner", "support_email")),
    }
    return {label: value for label, value in pairs.items() if value}


def unavailable(html: str) -> bool:
    """Zapier's page for a removed or deprecated app (or its 404 page)."""
    data = next_data(html)
    props = page_props(html)
    status = str(props.get("appStatus") or dig(props, "app", "status") or "").lower()
    if status in _GONE_STATUSES or props.get("statusCode") == 404 or data.get("page") in ("/_error", "/404"):
        return True
    return says(html, (r"<h1[^>]*>[^<]*is no longer available on Zapier",))


ADAPTER = StoreAdapter(
    id="zapier",
    name="Zapier App Directory",
    hosts=("zapier.com",),
    read=read,
    markers=(r'"page":"/apps/\[app\]/integrations"', r"cdn\.zapier\.com/zapier-marketing-web"),
    unavailable=unavailable,
)
