"""Slack Marketplace (slack.com/marketplace/<app id>-<slug>, and <workspace>.slack.com/apps/<app id>-<slug>).

App pages are server-rendered (`p-app_*` blocks) with the app's record in the page's `window.boot_data`
(`marketplace.app`): short and long description, screenshots with sizes, categories, the pricing model,
supported languages, the developer's landing page, support and privacy links, the OAuth scopes behind the
"Permissions" tab and the developer's "Security & Compliance" answers. Slack shows no ratings or reviews,
so those stay empty. The record is read first; the visible page fills what it lacks.
"""

from __future__ import annotations

from typing import Any

from auditor.extract.generic import extract_listing
from auditor.extract.stores._shared import (
    absolute,
    clean,
    dig,
    image,
    iso,
    items,
    labelled,
    says,
    soup_of,
    split_list,
    text,
    unique,
    whole,
)
from auditor.extract.stores._legacy import StoreAdapter, json_in_script
from auditor.links import role_of
from auditor.model import Image, Links, Listing

_BOOT = r"window\.boot_data\s*=\s*"
_GONE_STATUSES = frozenset({"removed", "delisted", "not_found", "unlisted", "suspended"})
_GROUPS = {"view": "can view", "do": "can do"}


def _app(html: str) -> dict[str, Any]:
    boot = json_in_script(html, _BOOT)
    app = dig(boot, "marketplace", "app") or dig(boot, "app")
    return app if isinstance(app, dict) else {}


def read(html: str, url: str) -> Listing:
    """The listing from `boot_data` first, the visible page second."""
    listing = extract_listing(html, url)
    soup = soup_of(html)
    button = soup.find(attrs={"data-qa": "add_to_slack_button"})
    if button is not None and text(button):
        listing.install_actions = unique([text(button), *listing.install_actions])
    # Slack has no ratings or reviews: anything the generic heuristics found in the copy is not one
    listing.rating, listing.review_count, listing.rating_distribution, listing.reviews = None, None, {}, []
    sidebar = soup.find(class_="p-app_info_sidebar")
    app = _app(html)
    if not app:
        listing.languages = split_list(text(labelled(sidebar, "Supported languages"))) or listing.languages
        return listing
    name = clean(app.get("name"))
    listing.name = name or listing.name
    listing.tagline = clean(app.get("short_description")) or listing.tagline
    long = app.get("long_description")
    listing.description = long.strip() if isinstance(long, str) and long.strip() else listing.description
    listing.developer = clean(dig(app, "developer", "name")) or listing.developer
    listing.categories = unique(dig(c, "name") for c in items(app.get("categories"))) or listing.categories
    listing.features = unique(items(app.get("features"))) or listing.features
    shots = [i for i in (image(s, url) for s in items(app.get("screenshots"))) if i]
    listing.screenshots = shots or listing.screenshots
    icon = _icon(app.get("icons"), url)
    if icon is not None and listing.icon is not None and listing.icon.url == icon.url:
        icon.alt = listing.icon.alt  # the record has no alt text; the page's <img> does
    listing.icon = icon or listing.icon
    listing.video = absolute(url, app.get("video_url")) or listing.video
    listing.pricing_text = clean(app.get("pricing")) or listing.pricing_text
    listing.links = _links(app, url, listing.links)
    listing.languages = unique(items(app.get("supported_languages"))) or listing.languages
    listing.editions = unique(items(app.get("works_with"))) or listing.editions
    listing.data_access = _permissions(app.get("scopes"), name or "The app") or listing.data_access
    listing.details = {**listing.details, **_details(app)}
    listing.published = iso(app.get("date_approved")) or listing.published
    listing.updated = iso(app.get("date_updated")) or listing.updated
    return listing


def _icon(icons: Any, base: str) -> Image | None:
    """The largest icon the record lists ("image_512" with "image_512_width"/"_height")."""
    if not isinstance(icons, dict):
        return None
    sizes = sorted((whole(k.rsplit("_", 1)[-1]) or 0, k) for k in icons if k.startswith("image_") and k.count("_") == 1)
    if not sizes:
        return None
    size, key = sizes[-1]
    url = absolute(base, icons.get(key))
    if not url:
        return None
    return Image(url, whole(icons.get(f"{key}_width")) or size or None, whole(icons.get(f"{key}_height")) or size or None)


def _links(app: dict[str, Any], base: str, shown: Links) -> Links:
    """Privacy, support and landing page from the record's fields; the "Learn more" links by their label."""
    links = Links(privacy=absolute(base, app.get("privacy_policy_url")), support=absolute(base, app.get("support_url")),
                  website=absolute(base, app.get("landing_page_url")), terms=absolute(base, app.get("terms_url")))
    for entry in items(app.get("learn_more_links")):
        url = absolute(base, dig(entry, "url"))
        role = role_of(clean(dig(entry, "label")) or "", url or "") if url else None
        if role and getattr(links, role) is None:
            setattr(links, role, url)
    for role in ("privacy", "support", "website", "setup", "docs", "changelog"):
        if getattr(links, role) is None and getattr(shown, role) and not _slack_url(getattr(shown, role)):
            setattr(links, role, getattr(shown, role))
    return links


def _slack_url(url: str) -> bool:
    host = url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    return host == "slack.com" or host.endswith(".slack.com") or host.endswith("slack-edge.com")


def _permissions(scopes: Any, name: str) -> str | None:
    """The Permissions tab as one statement: what the app can view and do, each line with its scope."""
    groups: dict[str, list[str]] = {}
    for scope in items(scopes):
        if not isinstance(scope, dict):
            continue
        line = clean(scope.get("description")) or clean(scope.get("scope"))
        if scope.get("scope") and scope.get("description"):
            line = f"{line} ({clean(scope['scope'])})"
        if line:
            groups.setdefault(_GROUPS.get(str(scope.get("group")), "can access"), []).append(line)
    if not groups:
        return None
    return " ".join(f"{name} {group}: " + "; ".join(lines) + "." for group, lines in groups.items())


def _details(app: dict[str, Any]) -> dict[str, str]:
    pairs: dict[str, str | None] = {
        "App ID": clean(app.get("id")),
        "Pricing": clean(app.get("pricing")),
        "Support email": clean(app.get("support_email")),
        "Slack Marketplace approved": ("Yes" if app["is_slack_marketplace_approved"] else "No")
        if isinstance(app.get("is_slack_marketplace_approved"), bool) else None,
    }
    for answer in items(app.get("security_compliance")):
        if isinstance(answer, dict) and clean(answer.get("label")):
            pairs[clean(answer["label"]) or ""] = clean(answer.get("value"))
    return {label: value for label, value in pairs.items() if label and value}


def unavailable(html: str) -> bool:
    """Slack's "this app is no longer available" page (the app removed from the Marketplace)."""
    boot = json_in_script(html, _BOOT)
    if str(dig(boot, "app_status") or "").lower() in _GONE_STATUSES:
        return True
    return says(html, (r"<h1[^>]*>[^<]*this app is no longer available", r"<h1[^>]*>[^<]*(?:couldn't|can't) find (?:that|this) app"))


ADAPTER = StoreAdapter(
    id="slack",
    name="Slack Marketplace",
    hosts=("slack.com",),
    read=read,
    markers=(r'"page_type":\s*"marketplace_app"', r'class="p-app_header(?:__name)?"'),
    unavailable=unavailable,
)
