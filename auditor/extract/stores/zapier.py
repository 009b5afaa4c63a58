"""Zapier App Directory (zapier.com/apps/<slug>/integrations).

App pages are a Next.js app: the `__NEXT_DATA__` island (`props.pageProps.app`) holds the app record: its title,
the directory description (one text, shown as both the short and the long description), categories, triggers,
actions and searches, exact template and connected-app counts (the page shows "300+" and "8,000+"), the plan it
needs, who built the integration and the partner's own resource links; `props.pageProps.appStatus` (or the error
route) says when the app was removed. Zapier's own help article and security page sit in the same content and are
not the vendor's. The generic reading is right on this page for the developer, logo and calls to action. Zapier
shows no ratings, reviews, screenshots or vendor pricing: its profile has no such fields, so StoreAdapter reports
them empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditor.extract.page import ListingPage
from auditor.extract.stores.base import Source, StoreAdapter, StorePage, grouped
from auditor.extract.stores.toolkit import (
    LINK_ROLES,
    at,
    clean,
    iso,
    items,
    links_from,
    mailto,
    markup_has,
    next_data,
    unique,
    whole,
)
from auditor.marketplaces import profile_for

_GONE_STATUSES = frozenset({"deprecated", "removed", "deleted", "private", "unpublished"})
_GONE_ROUTES = frozenset({"/_error", "/404"})
_GONE_HEADINGS = (r"<h1[^>]*>[^<]*is no longer available on Zapier",)
_KINDS = (("triggers", "Trigger"), ("actions", "Action"), ("searches", "Search"))
_AUTH = {"oauth2": "OAuth 2.0", "oauth1": "OAuth 1.0a", "api_key": "API key", "basic": "Username and password",
         "session": "Session", "custom": "Custom"}
#: the partner's resource links in the record by the role they play
_RESOURCES = {"setup": "setup_guide_url", "docs": "documentation_url", "privacy": "privacy_policy_url",
              "terms": "terms_of_service_url", "changelog": "changelog_url", "security": "security_url",
              "status": "status_url"}


@dataclass(frozen=True)
class Island:
    """What the Next.js island says: the app record, the page's props and the route that rendered it."""

    app: dict[str, Any]
    props: dict[str, Any]
    route: str | None


def island(page: ListingPage) -> Island:
    """The app record (`props.pageProps.app`), the page's props and its route from `__NEXT_DATA__`."""
    data = next_data(page.html)
    props = at(data, "props", "pageProps")
    props = props if isinstance(props, dict) else {}
    app = props.get("app")
    route = data.get("page")
    return Island(app if isinstance(app, dict) else {}, props, route if isinstance(route, str) else None)


def _app(page: StorePage) -> dict[str, Any]:
    return page.data.app


# ------------------------------------------------------------ the record


def _name(page: StorePage) -> str | None:
    return clean(_app(page).get("title"))


def _description(page: StorePage) -> str | None:
    """The directory's one description (both the tagline and the description)."""
    return clean(_app(page).get("description"))


def _categories(page: StorePage) -> list[str]:
    return unique(at(c, "title") for c in items(_app(page).get("categories")))


def _features(page: StorePage) -> list[str]:
    """The triggers, actions and searches, each as "Trigger: New Contact"."""
    app = _app(page)
    return [f"{label}: {name}" for key, label in _KINDS for name in unique(at(x, "name") for x in items(app.get(key)))]


def _editions(page: StorePage) -> list[str]:
    """The Zapier plans the app needs (premium apps need a paid plan), then the app's own requirements."""
    app = _app(page)
    premium = app.get("is_premium")
    plan = None
    if premium is True:
        plan = "Zapier Professional plan or higher (Premium app)"
    elif premium is False:
        plan = "All Zapier plans, including Free"
    return unique([plan, *items(app.get("requirements"))])


def _published(page: StorePage) -> str | None:
    return iso(_app(page).get("launched_at"))


def _updated(page: StorePage) -> str | None:
    return iso(_app(page).get("updated_at"))


def _yes_no(value: Any) -> str | None:
    return ("Yes" if value else "No") if isinstance(value, bool) else None


def _details(page: StorePage) -> dict[str, str]:
    """The generic details box with the record's exact counts, plan, version, authentication and builder."""
    app = _app(page)
    pairs: dict[str, str | None] = {
        **{label + ("es" if label == "Search" else "s"): str(len(items(app.get(key)))) for key, label in _KINDS
           if key in app},
        "Zap templates": grouped(whole(app.get("zap_templates_count"))),
        "Connected apps": grouped(whole(app.get("connected_apps_count"))),
        "Premium": _yes_no(app.get("is_premium")),
        "Beta": _yes_no(app.get("is_beta")),
        "Version": clean(app.get("version")),
        "Authentication": _AUTH.get(str(app.get("auth_type")), clean(app.get("auth_type"))),
        "Built by": clean(at(app, "partner", "name")),
        "Built by the app's developer": _yes_no(at(app, "partner", "built_by_partner")),
        "Support email": clean(at(app, "partner", "support_email")),
    }
    found = {label: value for label, value in pairs.items() if value}
    return {**page.generic.details, **found} if found else {}


# ------------------------------------------------------------ links


def _declared_links(page: StorePage) -> dict[str, Any]:
    """The vendor's links the record declares: the app's homepage, the partner's support page and resources."""
    app = _app(page)
    resources = at(app, "partner", "resources")
    return {"website": app.get("homepage_url"), "support": at(app, "partner", "support_url"),
            **{role: at(resources, key) for role, key in _RESOURCES.items()}}


def _link(role: str) -> Source:
    def read(page: StorePage) -> str | None:
        url: str | None = getattr(links_from(_declared_links(page), page.url), role)
        return url if url and not ADAPTER.owns(url) else None
    return read


def _support_email(page: StorePage) -> str | None:
    return mailto(at(_app(page), "partner", "support_email"))


def _gone(page: StorePage) -> bool:
    """Zapier's page for a removed or deprecated app (or its 404 page)."""
    data: Island = page.data
    status = str(data.props.get("appStatus") or data.app.get("status") or "").lower()
    return (status in _GONE_STATUSES or data.props.get("statusCode") == 404 or data.route in _GONE_ROUTES
            or markup_has(page.html, _GONE_HEADINGS))


ADAPTER = StoreAdapter(
    store=profile_for("zapier"),
    parse=island,
    fields={
        "name": (_name,),
        "tagline": (_description,),
        "description": (_description,),
        "categories": (_categories,),
        "features": (_features,),
        "editions": (_editions,),
        "details": (_details,),
        "published": (_published,),
        "updated": (_updated,),
        **{f"links.{role}": (_link(role),) for role in LINK_ROLES if role != "support"},
        "links.support": (_link("support"), _support_email),
    },
    markers=(r'"page":"/apps/\[app\]/integrations"', r"cdn\.zapier\.com/zapier-marketing-web"),
    gone=_gone,
)
