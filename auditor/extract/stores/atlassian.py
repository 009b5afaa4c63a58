"""Atlassian Marketplace (marketplace.atlassian.com/apps/..., formerly /plugins/...).

The marketplace's data is the REST API's plugin record (REST 1.0 `/rest/1.0/plugins/...`): name, summary,
vendor, review summary (exact average and count), download and install counts, icon sizes, categories,
the latest version with its screenshots, compatibility, licence and links (documentation, support, EULA,
licence, learn more, version history), and the listing's privacy link. `listing_from_api` maps one such
record to a Listing; the listing page (a React app) embeds the same record as its initial state
(`<script id="plugin-data" type="application/json">` or `window.__INITIAL_STATE__ = {...}`), so `read`
maps the island first and lets the visible page fill the rest.

Links in the record are typed (`rel`), so a role never has to be guessed from a URL. Newer records may
carry a `vendorLinks` object (role name -> URL) that is read the same way and wins where it is set, since
it names the vendor's own pages (a vendor-hosted support site rather than the marketplace's support tab).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from auditor.extract.dates import parse_date
from auditor.extract.generic import extract_listing
from auditor.extract.stores._legacy import StoreAdapter, grouped, json_in_script
from auditor.model import Image, Links, Listing, Review
from auditor.urls import normalise, resolve

MARKETPLACE = "https://marketplace.atlassian.com"

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
_GONE_TEXT = (r"<h1[^>]*>\s*(?:This app is no longer available|(?:We|we) can(?:no|')t find (?:that|this) app)",)


# ------------------------------------------------------------ the API record


def listing_from_api(plugin: Mapping[str, Any], base_url: str = MARKETPLACE, url: str | None = None) -> Listing:
    """One REST plugin record as a Listing; relative links resolve against `base_url`.

    `url` is the listing page's address (the record's own "alternate" page when not given). Missing
    fields stay None or empty: a plugin with no reviews has rating and review_count None, not 0.
    """
    version = _dict(plugin.get("version"))
    vendor = _dict(plugin.get("vendor")) or _dict(_dict(plugin.get("_embedded")).get("vendor"))
    page = url or _href(plugin, "alternate", base_url) or base_url
    listing = Listing(url=page)
    listing.name = _clean(plugin.get("name"))
    listing.tagline = _clean(plugin.get("tagLine") or plugin.get("tagline")) or _first_paragraph(plugin.get("summary"))
    listing.description = _html_text(plugin.get("description")) or _html_text(plugin.get("summary"))
    listing.developer = _clean(vendor.get("name"))
    summary = _dict(plugin.get("reviewSummary")) or _dict(_dict(plugin.get("_embedded")).get("reviews"))
    count = _whole(summary.get("count"))
    stars = _number(summary.get("averageStars"))
    listing.review_count = count if count else None  # no reviews: missing, not zero
    listing.rating = stars if listing.review_count and stars else None
    listing.rating_scale = 4.0
    listing.rating_distribution = _distribution(summary.get("distribution") or summary.get("starDistribution"))
    listing.categories = _unique(_clean(_dict(c).get("name")) for c in _list(plugin.get("categories")))
    listing.icon = _image(_dict(plugin.get("icons")).get("default") or plugin.get("logo"), base_url)
    shots = _list(version.get("screenshots")) or _list(plugin.get("screenshots"))
    listing.screenshots = [i for i in (_image(s, base_url) for s in shots) if i]
    video = _clean(version.get("youtubeId") or plugin.get("youtubeId"))
    listing.video = f"https://www.youtube.com/watch?v={video}" if video and "/" not in video else _web(video, base_url)
    listing.features = _unique(_clean(_dict(h).get("title")) for h in _list(version.get("highlights") or plugin.get("highlights")))
    listing.links = _links(plugin, version, vendor, base_url)
    listing.pricing_text = _clean(_dict(version.get("marketplaceType")).get("type") or plugin.get("pricing"))
    listing.editions = _editions(version)
    listing.data_access = _permissions(version)
    listing.reviews = _reviews(plugin.get("reviews"))
    listing.updated = parse_date(_clean(version.get("releaseDate") or plugin.get("lastReleasedDate")))
    listing.published = parse_date(_clean(plugin.get("firstPublished") or plugin.get("created") or plugin.get("listedDate")))
    listing.details = _details(plugin, version, vendor, base_url)
    return listing


def _links(plugin: Mapping[str, Any], version: Mapping[str, Any], vendor: Mapping[str, Any], base: str) -> Links:
    """Each role from the record's typed links: `vendorLinks` first, then the version's, plugin's and vendor's `rel`s."""
    typed: dict[str, str] = {}
    for source in (_list(version.get("links")), _list(plugin.get("links")), _list(vendor.get("links"))):
        for link in source:
            rel, href = _clean(_dict(link).get("rel")), _web(_dict(link).get("href"), base)
            if rel and href and rel not in typed:
                typed[rel] = href
    named = {key: href for key, value in _dict(plugin.get("vendorLinks")).items()
             if (href := _web(value.get("href") if isinstance(value, dict) else value, base))}
    found: dict[str, str | None] = {}
    for role, rels in _ROLE_RELS.items():
        found[role] = next((named[r] for r in rels if r in named), None) or next((typed[r] for r in rels if r in typed), None)
    if found["changelog"] is None or _is_marketplace(found["changelog"]):
        found["changelog"] = _release_notes_link(version.get("releaseNotes"), base) or found["changelog"]
    return Links(**found)


def _release_notes_link(notes: Any, base: str) -> str | None:
    """A vendor's release notes page linked from the version's release notes ("<a href=...>Release notes</a>")."""
    if not isinstance(notes, str):
        return None
    for href, text in re.findall(r"<a\b[^>]*\bhref=[\"']([^\"']+)[\"'][^>]*>(.*?)</a>", notes, re.S | re.I):
        if re.search(r"release notes|changelog|what'?s new", html_lib.unescape(text), re.I) or re.search(r"release-?notes", href, re.I):
            return _web(html_lib.unescape(href), base)  # an href in HTML: &amp; stands for &
    return None


def _image(value: Any, base: str) -> Image | None:
    """An image record ({"links": [{"rel": "binary", "href"}], "width", "height"}, or {"image": {...}, "caption"})."""
    record = _dict(value)
    inner = _dict(record.get("image")) or record
    href = _href(inner, "binary", base) or _href(inner, "high-res", base) or _web(inner.get("url") or inner.get("href"), base)
    if not href:
        return None
    alt = _clean(record.get("caption") or inner.get("caption") or inner.get("altText"))
    return Image(url=href, width=_whole(inner.get("width")), height=_whole(inner.get("height")), alt=alt)


def _editions(version: Mapping[str, Any]) -> list[str]:
    """"Confluence 5.3 – 5.9.10 (Server)" for each compatibility range of the latest version."""
    out = []
    for compat in _list(version.get("compatibilities")):
        compat = _dict(compat)
        app = _clean(compat.get("applicationName"))
        if not app:
            continue
        if compat.get("cloud") is True:  # cloud versions are a placeholder ("1001.0.0"): the product is what counts
            out.append(f"{app} Cloud")
            continue
        low, high = _clean(_dict(compat.get("min")).get("version")), _clean(_dict(compat.get("max")).get("version"))
        span = f"{low} – {high}" if low and high and low != high else (low or high or "")
        out.append(" ".join(p for p in (app, span, "(Server)") if p))
    return _unique(out)


def _permissions(version: Mapping[str, Any]) -> str | None:
    scopes = _unique(_clean(p if isinstance(p, str) else _dict(p).get("name") or _dict(p).get("key"))
                     for p in _list(_dict(version.get("deployment")).get("permissions") or version.get("scopes")))
    return f"Permissions the app asks for: {', '.join(scopes)}" if scopes else None


def _reviews(values: Any) -> list[Review]:
    out = []
    for value in _list(values):
        review = _dict(value)
        text = _html_text(review.get("review") or review.get("text")) or ""
        rating = _number(review.get("stars") or review.get("rating"))
        reply = _dict(review.get("response")) or _dict(review.get("reply"))
        author = review.get("author")
        if text or rating is not None:
            out.append(Review(rating=rating, date=parse_date(_clean(review.get("date"))), text=text,
                              reply=_html_text(reply.get("text") or reply.get("content")) if reply else None,
                              author=_clean(_dict(author).get("name") if isinstance(author, dict) else author)))
    return out


def _distribution(value: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    if isinstance(value, Mapping):
        for stars, count in value.items():
            digits = re.sub(r"\D", "", str(stars))
            if digits and 1 <= int(digits) <= 5 and _whole(count) is not None:
                out[digits] = _whole(count)  # type: ignore[assignment]
    return dict(sorted(out.items(), reverse=True))


def _details(plugin: Mapping[str, Any], version: Mapping[str, Any], vendor: Mapping[str, Any],
             base: str) -> dict[str, str]:
    installs = _dict(plugin.get("activeInstalls")) or _dict(_dict(plugin.get("_embedded")).get("distribution"))
    hosting = _dict(plugin.get("deployment"))
    hosts = [name for key, name in (("onDemand", "Cloud"), ("onPremise", "Server")) if hosting.get(key) is True]
    if plugin.get("dataCenterCompatible") is True:
        hosts.append("Data Center")
    pairs = {
        "Version": _clean(version.get("version") or version.get("name")),
        "Released": parse_date(_clean(version.get("releaseDate"))),
        "Release summary": _clean(version.get("summary")),
        "Downloads": grouped(_whole(_first(plugin.get("downloadCount"), installs.get("downloadCount"),
                                            installs.get("downloads")))),
        "Installs": grouped(_whole(installs.get("totalInstalls"))),
        "Users": grouped(_whole(installs.get("totalUsers"))),
        "Hosting": ", ".join(hosts) or None,
        "Payment model": _clean(_dict(version.get("marketplaceType")).get("type")),
        "License": _clean(_dict(version.get("license")).get("name")),
        "Supported by": _clean(version.get("supportType")),
        "Vendor e-mail": _clean(vendor.get("email")),
        "Vendor verified": "Yes" if vendor.get("verified") is True else None,
        "Rating scale": "1 to 4 stars" if _dict(plugin.get("reviewSummary")).get("count") else None,
        "Last modified": parse_date(_clean(_dict(plugin.get("lastModified")).get("date"))),
        "App key": _clean(plugin.get("pluginKey") or plugin.get("key")),
        "Learn more": _href(version, "learn-more", base),
    }
    return {label: value for label, value in pairs.items() if value}


# ------------------------------------------------------------ the listing page


def read(html: str, url: str) -> Listing:
    """The listing from the page's embedded plugin record first, the visible page second."""
    shown = extract_listing(html, url)
    if unavailable(html):
        return Listing(url=url, available=False)
    plugin = embedded_plugin(html)
    if plugin is None:
        return shown
    listing = listing_from_api(plugin, url, url)
    # what the record does not hold, the visible page may: pricing cards, shown reviews, the install button
    listing.description = listing.description or shown.description
    for field in ("features", "pricing_plans", "reviews", "install_actions", "languages", "rating_distribution"):
        if not getattr(listing, field):
            setattr(listing, field, getattr(shown, field))
    listing.data_access = listing.data_access or shown.data_access
    listing.details = {**shown.details, **listing.details}
    return listing


def embedded_plugin(html: str) -> dict[str, Any] | None:
    """The plugin record the page embeds (a JSON island or a state assignment), or None."""
    for pattern in _ISLAND_PATTERNS:
        value = json_in_script(html, pattern)
        found = _find_plugin(value)
        if found is not None:
            return found
    return None


def _find_plugin(value: Any, depth: int = 0) -> dict[str, Any] | None:
    """The first object that looks like a plugin record (a name and a vendor or key), breadth first."""
    if depth > 5:
        return None
    if isinstance(value, dict):
        if _clean(value.get("name")) and (value.get("pluginKey") or isinstance(value.get("vendor"), dict)):
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


def unavailable(html: str) -> bool:
    """The app is gone: its record says archived/rejected, or the page says it is no longer available."""
    plugin = embedded_plugin(html)
    if plugin is not None:
        status = str(_dict(plugin.get("approval")).get("status") or plugin.get("status") or "").upper()
        if status in _GONE_STATUSES:
            return True
    return any(re.search(p, html[:400_000]) for p in _GONE_TEXT)


# ------------------------------------------------------------ helpers


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _clean(value: Any) -> str | None:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None
    text = " ".join(str(value).split())
    return text or None


def _html_text(value: Any) -> str | None:
    """Marketplace text that may hold HTML, as plain text with paragraphs kept."""
    if not isinstance(value, str):
        return None
    text = re.sub(r"<\s*(?:br|/p|/li|/h\d)\s*/?>", "\n", value, flags=re.I)
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", text))
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() or None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def _whole(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None else None


def _first_paragraph(value: Any) -> str | None:
    """The summary's first paragraph: REST 1.0 records have no separate tagline."""
    text = _html_text(value)
    return _clean(re.split(r"\n\s*\n", text, maxsplit=1)[0]) if text else None


def _first(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _web(value: Any, base: str) -> str | None:
    text = _clean(value)
    if not text:
        return None
    resolved = resolve(base, text)
    return normalise(resolved) if urlsplit(resolved).scheme in ("http", "https") else None


def _href(record: Mapping[str, Any], rel: str, base: str) -> str | None:
    for link in _list(record.get("links")):
        if _dict(link).get("rel") == rel:
            return _web(_dict(link).get("href"), base)
    return None


def _is_marketplace(url: str) -> bool:
    return (urlsplit(url).hostname or "").lower() == "marketplace.atlassian.com"


ADAPTER = StoreAdapter(
    id="atlassian",
    name="Atlassian Marketplace",
    hosts=("marketplace.atlassian.com",),
    read=read,
    markers=(
        r"<meta[^>]+content=[\"']Atlassian Marketplace[\"']",
        r"<title>[^<]*\|\s*Atlassian Marketplace\s*</title>",
    ),
    unavailable=unavailable,
)
