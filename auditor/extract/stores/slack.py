"""Slack Marketplace (slack.com/marketplace/<app id>-<slug>, and <workspace>.slack.com/apps/<app id>-<slug>).

App pages are server-rendered (`p-app_*` blocks) with the app's record in the page's `window.boot_data`
(`marketplace.app`): name, long description (with its paragraphs), categories, features, supported languages,
"Works with" plans, the developer's landing page, support and privacy links and "Learn more" links, the OAuth
scopes behind the "Permissions" tab, the developer's "Security & Compliance" answers and the approval and update
dates; `boot_data.app_status` says when the app was removed. The record is read first; the info sidebar
(`p-app_info_sidebar`) gives the languages when the record has none. The generic reading is right on this page
for the short description, developer, icon, screenshots (the page's <img> declare their sizes), video, pricing
model and "Add to Slack" button. Slack shows no ratings or reviews: its profile has no such fields, so StoreAdapter
reports them empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bs4 import Tag

from auditor.extract.page import ListingPage
from auditor.extract.stores.base import Source, StoreAdapter, StorePage
from auditor.extract.stores.toolkit import (
    LINK_ROLES,
    absolute,
    at,
    clean,
    iso,
    items,
    json_after,
    labelled,
    links_from,
    mailto,
    markup_has,
    split_list,
    text,
    unique,
)
from auditor.links import role_of
from auditor.marketplaces import profile_for

_BOOT = r"window\.boot_data\s*=\s*"
_GONE_STATUSES = frozenset({"removed", "delisted", "not_found", "unlisted", "suspended"})
_GONE_HEADINGS = (r"<h1[^>]*>[^<]*this app is no longer available",
                  r"<h1[^>]*>[^<]*(?:couldn't|can't) find (?:that|this) app")
_GROUPS = {"view": "can view", "do": "can do"}
#: the record's link fields by the role they play
_LINK_FIELDS = {"website": "landing_page_url", "support": "support_url", "privacy": "privacy_policy_url",
                "terms": "terms_url"}


@dataclass(frozen=True)
class Boot:
    """What `window.boot_data` says: the app's record and its status."""

    app: dict[str, Any]
    status: str


def boot(page: ListingPage) -> Boot:
    """The app record (`marketplace.app`) and the app's status (`app_status`) from `window.boot_data`."""
    data = json_after(page.html, _BOOT)
    app = at(data, "marketplace", "app") or at(data, "app")
    return Boot(app if isinstance(app, dict) else {}, str(at(data, "app_status") or "").lower())


def _app(page: StorePage) -> dict[str, Any]:
    return page.data.app


# ------------------------------------------------------------ the record


def _name(page: StorePage) -> str | None:
    return clean(_app(page).get("name"))


def _description(page: StorePage) -> str | None:
    """The long description with its paragraphs kept."""
    long = _app(page).get("long_description")
    return long.strip() if isinstance(long, str) else None


def _categories(page: StorePage) -> list[str]:
    return unique(at(c, "name") for c in items(_app(page).get("categories")))


def _features(page: StorePage) -> list[str]:
    return unique(items(_app(page).get("features")))


def _languages(page: StorePage) -> list[str]:
    return unique(items(_app(page).get("supported_languages")))


def _editions(page: StorePage) -> list[str]:
    return unique(items(_app(page).get("works_with")))


def _published(page: StorePage) -> str | None:
    return iso(_app(page).get("date_approved"))


def _updated(page: StorePage) -> str | None:
    return iso(_app(page).get("date_updated"))


def _permissions(page: StorePage) -> str | None:
    """The Permissions tab as one statement: what the app can view and do, each line with its scope."""
    groups: dict[str, list[str]] = {}
    for scope in items(_app(page).get("scopes")):
        line = clean(at(scope, "description")) or clean(at(scope, "scope"))
        if at(scope, "scope") and at(scope, "description"):
            line = f"{line} ({clean(at(scope, 'scope'))})"
        if line:
            groups.setdefault(_GROUPS.get(str(at(scope, "group")), "can access"), []).append(line)
    name = _name(page) or "The app"
    return " ".join(f"{name} {group}: " + "; ".join(lines) + "." for group, lines in groups.items()) or None


def _details(page: StorePage) -> dict[str, str]:
    """The generic details box with the record's id, pricing model, support e-mail, approval and security answers."""
    app = _app(page)
    approved = app.get("is_slack_marketplace_approved")
    pairs: dict[str, str | None] = {
        "App ID": clean(app.get("id")),
        "Pricing": clean(app.get("pricing")),
        "Support email": clean(app.get("support_email")),
        "Slack Marketplace approved": ("Yes" if approved else "No") if isinstance(approved, bool) else None,
    }
    for answer in items(app.get("security_compliance")):
        if label := clean(at(answer, "label")):
            pairs[label] = clean(at(answer, "value"))
    found = {label: value for label, value in pairs.items() if value}
    return {**page.generic.details, **found} if found else {}


# ------------------------------------------------------------ links


def _declared_links(page: StorePage) -> dict[str, Any]:
    """The developer's links the record declares: its link fields, then its "Learn more" links by their label."""
    app = _app(page)
    found: dict[str, Any] = {role: app.get(key) for role, key in _LINK_FIELDS.items() if app.get(key)}
    for entry in items(app.get("learn_more_links")):
        url = absolute(at(entry, "url"), page.url)
        role = role_of(clean(at(entry, "label")) or "", url) if url else None
        if role and role not in found:
            found[role] = url
    return found


def _link(role: str) -> Source:
    def read(page: StorePage) -> str | None:
        url: str | None = getattr(links_from(_declared_links(page), page.url), role)
        return url if url and not ADAPTER.owns(url) else None
    return read


def _support_email(page: StorePage) -> str | None:
    return mailto(_app(page).get("support_email"))


# ------------------------------------------------------------ the visible page


def _shown_languages(page: StorePage) -> list[str]:
    """The info sidebar's "Supported languages" line."""
    sidebar = page.soup.find(class_="p-app_info_sidebar")
    return split_list(text(labelled(sidebar, "Supported languages"))) if isinstance(sidebar, Tag) else []


def _gone(page: StorePage) -> bool:
    """Slack's "this app is no longer available" page (the app removed from the Marketplace)."""
    return page.data.status in _GONE_STATUSES or markup_has(page.html, _GONE_HEADINGS)


ADAPTER = StoreAdapter(
    store=profile_for("slack"),
    parse=boot,
    fields={
        "name": (_name,),
        "description": (_description,),
        "categories": (_categories,),
        "features": (_features,),
        "languages": (_languages, _shown_languages),
        "editions": (_editions,),
        "data_access": (_permissions,),
        "details": (_details,),
        "published": (_published,),
        "updated": (_updated,),
        **{f"links.{role}": (_link(role),) for role in LINK_ROLES if role != "support"},
        "links.support": (_link("support"), _support_email),
    },
    markers=(r'"page_type":\s*"marketplace_app"', r'class="p-app_header(?:__name)?"'),
    gone=_gone,
    owned_pages=("slack-status.com", "slackhq.com", "slack-edge.com", "a.slack-edge.com", "b.slack-edge.com"),
)
