"""Atlassian Marketplace (marketplace.atlassian.com/apps/..., formerly /plugins/...).

The marketplace's data is the REST API's plugin record (REST 1.0 `/rest/1.0/plugins/...`): name, summary,
vendor, review summary (exact average and count, out of 4 stars), download and install counts, icon sizes,
categories, the latest version with its screenshots, compatibility, licence and links (documentation, support,
EULA, licence, learn more, version history), and the listing's privacy link. `listing_from_api` maps one such
record to a Listing; the listing page (a React app) embeds the same record as its initial state
(`<script id="plugin-data" type="application/json">` or `window.__INITIAL_STATE__ = {...}`), so the page's
field table takes each field the record holds from that mapping and leaves the rest (name, counts the page
shows exactly, media, install button) to the generic reading.

Links in the record are typed (`rel`), so a role never has to be guessed from a URL. Newer records may
carry a `vendorLinks` object (role name -> URL) that is read the same way and wins where it is set, since
it names the vendor's own pages (a vendor-hosted support site rather than the marketplace's support tab).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.extract.page import ListingPage
from auditor.extract.stores.base import Source, StoreAdapter, StorePage, grouped
from auditor.extract.stores.toolkit import (
    LINK_ROLES,
    absolute,
    at,
    clean,
    distribution,
    html_text,
    iso,
    items,
    json_after,
    markup_has,
    number,
    unique,
    whole,
)
from auditor.marketplaces import profile_for
from auditor.model import Image, Links, Listing, Review

MARKETPLACE = "https://marketplace.atlassian.com"
STORE = profile_for("atlassian")

#: REST `rel` names and `vendorLinks` keys for each Links role, strongest first
_ROLE_RELS: dict[str, tuple[str, ...]] = {
    "docs": ("documentation", "docs"),
    "setup": ("installation", "installation-guide", "installationGuide", "setup", "getting-started", "gettingStarted"),
    "support": ("support", "supportTicketSystem", "support-ticket-system", "issueTracker", "issue-tracker"),
    "privacy": ("privacy", "privacyPolicy", "privacy-policy"),
    "terms": ("eula", "license", "licenseAgreement", "terms"),
    "changelog": ("releaseNotes", "release-notes", "changelog", "version-history"),
    "security": ("security", "trustCenter", "trust-center"),
    "status": ("appStatusPage", "statusPage", "status"),
    "website": ("homepage", "website"),
}
_ISLAND_PATTERNS = (
    r"<script\b[^>]*\bid=[\"']plugin-data[\"'][^>]*>\s*",
    r"window\.__INITIAL_STATE__\s*=\s*",
    r"window\.__PRELOADED_STATE__\s*=\s*",
)
_GONE_STATUSES = frozenset({"ARCHIVED", "REJECTED", "PRIVATE", "UNPUBLISHED", "DELISTED", "DELETED"})
_GONE_TEXT = (r"<h1[^>]*>\s*(?:This app is no longer available|We can(?:no|')t find (?:that|this) app)",)
_RELEASE_NOTES = re.compile(r"<a\b[^>]*\bhref=[\"']([^\"']+)[\"'][^>]*>(.*?)</a>", re.S | re.I)


# ------------------------------------------------------------ the API record


def listing_from_api(plugin: Mapping[str, Any], base_url: str = MARKETPLACE, url: str | None = None) -> Listing:
    """One REST plugin record as a Listing; relative links resolve against `base_url`.

    `url` is the listing page's address (the record's own "alternate" page when not given). Missing
    fields stay None or empty: a plugin with no reviews has rating and review_count None, not 0.
    """
    version = plugin.get("version")
    vendor = plugin.get("vendor") or at(plugin, "_embedded", "vendor")
    listing = Listing(url=url or _href(plugin, "alternate", base_url) or base_url)
    listing.name = clean(plugin.get("name"))
    listing.tagline = clean(plugin.get("tagLine") or plugin.get("tagline")) or _first_paragraph(plugin.get("summary"))
    listing.description = html_text(plugin.get("description")) or html_text(plugin.get("summary"))
    listing.developer = clean(at(vendor, "name"))
    _read_reviews(listing, plugin)
    listing.categories = unique(at(c, "name") for c in items(plugin.get("categories")))
    listing.icon = _image(at(plugin, "icons", "default") or plugin.get("logo"), base_url)
    shots = items(at(version, "screenshots")) or items(plugin.get("screenshots"))
    listing.screenshots = [i for i in (_image(s, base_url) for s in shots) if i]
    listing.video = _video(clean(at(version, "youtubeId") or plugin.get("youtubeId")), base_url)
    highlights = at(version, "highlights") or plugin.get("highlights")
    listing.features = unique(at(h, "title") for h in items(highlights))
    listing.links = _links(plugin, version, vendor, base_url)
    listing.pricing_text = clean(at(version, "marketplaceType", "type") or plugin.get("pricing"))
    listing.editions = _editions(version)
    listing.data_access = _permissions(version)
    listing.updated = iso(at(version, "releaseDate") or plugin.get("lastReleasedDate"))
    listing.published = iso(plugin.get("firstPublished") or plugin.get("created") or plugin.get("listedDate"))
    listing.details = _details(plugin, version, vendor, base_url)
    return listing


def _read_reviews(listing: Listing, plugin: Mapping[str, Any]) -> None:
    """The review summary (no reviews: rating and count missing, not zero), the histogram and the reviews."""
    summary = plugin.get("reviewSummary") or at(plugin, "_embedded", "reviews")
    count = whole(at(summary, "count"))
    stars = number(at(summary, "averageStars"))
    listing.review_count = count or None
    listing.rating = stars if listing.review_count and stars else None
    listing.rating_scale = float(STORE.limit("rating", "scale"))
    listing.rating_distribution = distribution(at(summary, "distribution") or at(summary, "starDistribution") or {})
    listing.reviews = [r for r in (_review(v) for v in items(plugin.get("reviews"))) if r is not None]


def _review(value: Any) -> Review | None:
    body = html_text(at(value, "review") or at(value, "text")) or ""
    rating = number(at(value, "stars") or at(value, "rating"))
    if not body and rating is None:
        return None
    reply = at(value, "response") or at(value, "reply")
    author = at(value, "author")
    return Review(rating=rating, date=iso(at(value, "date")), text=body,
                  reply=html_text(at(reply, "text") or at(reply, "content")) if reply else None,
                  author=clean(at(author, "name") if isinstance(author, dict) else author))


def _video(value: str | None, base: str) -> str | None:
    """A YouTube id as its watch page, or a video URL as it is."""
    if value and "/" not in value:
        return f"https://www.youtube.com/watch?v={value}"
    return absolute(value, base)


def _links(plugin: Mapping[str, Any], version: Any, vendor: Any, base: str) -> Links:
    """Each role from the record's typed links: `vendorLinks` first, then the version's, plugin's, vendor's `rel`s."""
    typed: dict[str, str] = {}
    for link in [*items(at(version, "links")), *items(plugin.get("links")), *items(at(vendor, "links"))]:
        rel, href = clean(at(link, "rel")), absolute(at(link, "href"), base)
        if rel and href and rel not in typed:
            typed[rel] = href
    vendor_links = plugin.get("vendorLinks")
    named = {key: href for key, value in (vendor_links.items() if isinstance(vendor_links, dict) else ())
             if (href := absolute(value.get("href") if isinstance(value, dict) else value, base))}
    found: dict[str, str | None] = {
        role: next((named[r] for r in rels if r in named), None) or next((typed[r] for r in rels if r in typed), None)
        for role, rels in _ROLE_RELS.items()}
    if found["changelog"] is None or ADAPTER.owns(found["changelog"]):
        found["changelog"] = _release_notes_link(at(version, "releaseNotes"), base) or found["changelog"]
    return Links(**found)


def _release_notes_link(notes: Any, base: str) -> str | None:
    """A vendor's release notes page linked from the version's release notes ("<a href=...>Release notes</a>")."""
    if not isinstance(notes, str):
        return None
    for href, label in _RELEASE_NOTES.findall(notes):
        if re.search(r"release notes|changelog|what'?s new", html_lib.unescape(label), re.I) \
                or re.search(r"release-?notes", href, re.I):
            return absolute(html_lib.unescape(href), base)  # an href in HTML: &amp; stands for &
    return None


def _image(value: Any, base: str) -> Image | None:
    """An image record ({"links": [{"rel": "binary", "href"}], "width", "height"}, or {"image": {...}, "caption"})."""
    inner = at(value, "image") or value
    if not isinstance(inner, dict):
        return None
    href = _href(inner, "binary", base) or _href(inner, "high-res", base) \
        or absolute(inner.get("url") or inner.get("href"), base)
    if not href:
        return None
    alt = clean(at(value, "caption") or inner.get("caption") or inner.get("altText"))
    return Image(url=href, width=whole(inner.get("width")), height=whole(inner.get("height")), alt=alt)


def _editions(version: Any) -> list[str]:
    """"Confluence 5.3 – 5.9.10 (Server)" for each compatibility range of the latest version."""
    out = []
    for compat in items(at(version, "compatibilities")):
        app = clean(at(compat, "applicationName"))
        if not app:
            continue
        if at(compat, "cloud") is True:  # cloud versions are a placeholder ("1001.0.0"): the product is what counts
            out.append(f"{app} Cloud")
            continue
        low, high = clean(at(compat, "min", "version")), clean(at(compat, "max", "version"))
        span = f"{low} – {high}" if low and high and low != high else (low or high or "")
        out.append(" ".join(p for p in (app, span, "(Server)") if p))
    return unique(out)


def _permissions(version: Any) -> str | None:
    asked = at(version, "deployment", "permissions") or at(version, "scopes")
    scopes = unique(p if isinstance(p, str) else at(p, "name") or at(p, "key") for p in items(asked))
    return f"Permissions the app asks for: {', '.join(scopes)}" if scopes else None


def _details(plugin: Mapping[str, Any], version: Any, vendor: Any, base: str) -> dict[str, str]:
    installs = plugin.get("activeInstalls") or at(plugin, "_embedded", "distribution")
    hosts = [name for key, name in (("onDemand", "Cloud"), ("onPremise", "Server"))
             if at(plugin, "deployment", key) is True]
    if plugin.get("dataCenterCompatible") is True:
        hosts.append("Data Center")
    downloads = next((v for v in (plugin.get("downloadCount"), at(installs, "downloadCount"), at(installs, "downloads"))
                      if v is not None), None)
    pairs = {
        "Version": clean(at(version, "version") or at(version, "name")),
        "Released": iso(at(version, "releaseDate")),
        "Release summary": clean(at(version, "summary")),
        "Downloads": grouped(whole(downloads)),
        "Installs": grouped(whole(at(installs, "totalInstalls"))),
        "Users": grouped(whole(at(installs, "totalUsers"))),
        "Hosting": ", ".join(hosts) or None,
        "Payment model": clean(at(version, "marketplaceType", "type")),
        "License": clean(at(version, "license", "name")),
        "Supported by": clean(at(version, "supportType")),
        "Vendor e-mail": clean(at(vendor, "email")),
        "Vendor verified": "Yes" if at(vendor, "verified") is True else None,
        "Rating scale": "1 to 4 stars" if at(plugin, "reviewSummary", "count") else None,
        "Last modified": iso(at(plugin, "lastModified", "date")),
        "App key": clean(plugin.get("pluginKey") or plugin.get("key")),
        "Learn more": _href(version, "learn-more", base),
    }
    return {label: value for label, value in pairs.items() if value}


def _first_paragraph(value: Any) -> str | None:
    """The summary's first paragraph: REST 1.0 records have no separate tagline."""
    return html_text(re.split(r"\n\s*\n|</p>", value, maxsplit=1)[0]) if isinstance(value, str) else None


def _href(record: Any, rel: str, base: str) -> str | None:
    """The URL of the record's link of type `rel`."""
    return next((absolute(at(link, "href"), base) for link in items(at(record, "links")) if at(link, "rel") == rel),
                None)


# ------------------------------------------------------------ the listing page


def embedded_plugin(html: str) -> dict[str, Any] | None:
    """The plugin record the page embeds (a JSON island or a state assignment), or None."""
    for pattern in _ISLAND_PATTERNS:
        found = _find_plugin(json_after(html, pattern))
        if found is not None:
            return found
    return None


def _find_plugin(value: Any, depth: int = 0) -> dict[str, Any] | None:
    """The first object that looks like a plugin record (a name and a vendor or key), breadth first."""
    if depth > 5:
        return None
    if isinstance(value, dict):
        if clean(value.get("name")) and (value.get("pluginKey") or isinstance(value.get("vendor"), dict)):
            return value
        for key in ("plugin", "addon", "app", "listing", "data"):
            if key in value and (found := _find_plugin(value[key], depth + 1)) is not None:
                return found
        for child in value.values():
            if isinstance(child, (dict, list)) and (found := _find_plugin(child, depth + 1)) is not None:
                return found
    elif isinstance(value, list):
        for child in value[:5]:
            if (found := _find_plugin(child, depth + 1)) is not None:
                return found
    return None


@dataclass(frozen=True)
class Embedded:
    """The plugin record a page embeds, and the listing it maps to."""

    record: dict[str, Any]
    listing: Listing


def embedded(page: ListingPage) -> Embedded | None:
    """The page's embedded record with its mapping (links resolve against the page), or None."""
    record = embedded_plugin(page.html)
    return Embedded(record, listing_from_api(record, page.url, page.url)) if record is not None else None


def _from_record(name: str) -> Source:
    """The record's value of one listing field ("links.docs" for a link)."""
    head, _, role = name.partition(".")

    def read(page: StorePage) -> Any:
        if page.data is None:
            return None
        value = getattr(page.data.listing, head)
        return getattr(value, role) if role else value
    return read


def _details_on_page(page: StorePage) -> dict[str, str] | None:
    """The page's details box with the record's facts over it."""
    return {**page.generic.details, **page.data.listing.details} if page.data is not None else None


def _gone(page: StorePage) -> bool:
    """The app is gone: its record says archived/rejected, or the page says it is no longer available."""
    record = page.data.record if page.data is not None else {}
    status = str(at(record, "approval", "status") or record.get("status") or "").upper()
    return status in _GONE_STATUSES or markup_has(page.html, _GONE_TEXT)


ADAPTER = StoreAdapter(
    store=STORE,
    parse=embedded,
    fields={
        **{name: (_from_record(name),) for name in (
            "name", "tagline", "description", "developer", "categories", "features", "video", "rating", "review_count",
            "rating_scale", "rating_distribution", "reviews", "pricing_text", "data_access", "published", "updated")},
        "details": (_details_on_page,),
        **{f"links.{role}": (_from_record(f"links.{role}"),) for role in LINK_ROLES},
    },
    markers=(
        r"<meta[^>]+content=[\"']Atlassian Marketplace[\"']",
        r"<title>[^<]*\|\s*Atlassian Marketplace\s*</title>",
    ),
    gone=_gone,
    owned_pages=("www.atlassian.com/legal", "www.atlassian.com/licensing", "www.atlassian.com/trust",
                 "support.atlassian.com/marketplace", "developer.atlassian.com/platform/marketplace",
                 "id.atlassian.com"),
)
