"""The vendor's own links on a listing (privacy, terms, support, docs, setup guide, security, status, changelog,
website), never the store's.

A link is the store's when it sits in the store's chrome or in another listing's card, when it is a store
action ("Report", "Learn more", "See all reviews"), when it leads below the listing's own URL (its reviews tab,
a review filter) or into the store's own site (its help centre, its policies), judged against the URL the page
declares as its own, so a saved copy is judged as the page it copies. Only when the vendor is the store itself
(its name is the store's domain name) do the store's pages count as the vendor's.

Roles are read from a link's text in eight languages before its URL; a call to action is never a document.
`mailto:` addresses and e-mail attributes the page declares for support count as support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

from auditor.extract.page import Anchor, ListingPage
from auditor.links import (
    hostname,
    is_below,
    is_call_to_action,
    is_store_action,
    role_by_text,
    role_by_url,
    section_of,
    site_of,
    store_sections,
)
from auditor.model import Links
from auditor.urls import normalise, parse_url, resolve

_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_EMAIL_IN_TEXT = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", re.I)
#: the longest link text still read as a label ("Privacy policy"), not a sentence that happens to say "website"
_LABEL_CHARS = 60
_REDIRECT_PATHS = re.compile(r"^/(?:url|redirect|out|r|exit|away|link|go|leave|outbound)/?$", re.I)
_ROLES = ("docs", "setup", "support", "privacy", "terms", "security", "changelog", "status", "website")


@dataclass(frozen=True)
class Candidate:
    """A link that may be the vendor's, with where it really points."""

    url: str
    text: str
    anchor: Anchor


def unwrap(url: str) -> str:
    """The target of a redirector link (`https://www.google.com/url?q=https://vendor.example/...`), else `url`."""
    parts = parse_url(url)
    if parts is None or not _REDIRECT_PATHS.match(parts.path or "/"):
        return url
    for _, value in parse_qsl(parts.query):
        if value.startswith(("http://", "https://")):
            return value
    return url


def vendor_links(page: ListingPage, developer: str | None = None) -> Links:
    """The first vendor link per role: links named by their text before links guessed from their URL."""
    own_store = vendor_is_store(page, developer)
    candidates = vendor_candidates(page, own_store)
    found: dict[str, str] = {}
    for candidate in candidates:  # named by their text first; an e-mail is support only when no page is (below)
        if candidate.url.startswith("mailto:"):
            continue
        role = role_by_text(candidate.text) if len(candidate.text) <= _LABEL_CHARS else None
        if role and role not in found:
            found[role] = candidate.url
    for candidate in candidates:  # then guessed from their URL
        if candidate.url.startswith("mailto:") or is_call_to_action(candidate.text) or \
                is_store_action(candidate.text) or len(candidate.text) > _LABEL_CHARS or \
                role_by_text(candidate.text) or not _stands_alone(candidate.anchor):
            continue
        role = role_by_url(candidate.url)
        if role and role not in found:
            found[role] = candidate.url
    if "support" not in found:
        found["support"] = support_email(page, candidates, own_store) or ""
    return Links(**{role: (found.get(role) or None) for role in _ROLES})


def vendor_candidates(page: ListingPage, own_store: bool = False) -> list[Candidate]:
    """The content's links that may be the vendor's, in document order; `own_store` when the vendor is the store's
    own company (`vendor_is_store`), whose site then counts as the vendor's."""
    home = page.home
    here = normalise(page.url)
    store_site = site_of(hostname(home))
    anchors = page.anchors()
    store = store_sections([a.url for a in anchors if a.zone == "chrome" and not a.url.startswith("mailto:")], page.url)
    found = []
    for anchor in anchors:
        if anchor.zone != "content" or anchor.href.startswith("#") or page.in_card(anchor.tag):
            continue
        if anchor.url.startswith("mailto:"):
            found.append(Candidate(anchor.url, anchor.text, anchor))
            continue
        target = unwrap(resolve(home, anchor.href))
        if normalise(anchor.url) == here or normalise(target) == normalise(home) or is_below(target, home):
            continue
        if section_of(anchor.url) in store and not own_store:
            continue
        if is_store_action(anchor.text) and role_by_text(anchor.text) is None:
            continue
        if not own_store and store_site and site_of(hostname(target)) == store_site:
            continue
        found.append(Candidate(normalise(unwrap(anchor.url)), anchor.text, anchor))
    return found


def vendor_is_store(page: ListingPage, developer: str | None) -> bool:
    """True when the developer is the store's own company (its name is the store's domain name: "Google LLC" on
    a Google store), so the store's site is the vendor's too."""
    return bool(developer) and names_site(developer or "", site_of(hostname(page.home)))


def _stands_alone(anchor: Anchor) -> bool:
    """True for a link that is an item of its own (a list item, a button, a labelled row), not words inside a
    sentence: a sentence's link ("... outside of the approved use cases") is the page explaining itself."""
    parent = anchor.tag.parent
    while parent is not None and parent.name in ("span", "strong", "em", "b", "i", "small"):
        parent = parent.parent
    around = " ".join(parent.get_text(" ", strip=True).split()) if parent is not None else anchor.text
    return len(anchor.text) >= 0.5 * len(around)


def names_site(developer: str, site: str) -> bool:
    """True when the developer's name is the store's domain name ("Google LLC" and google.com)."""
    label = site.split(".", 1)[0]
    return bool(label) and bool(re.search(rf"(?<![a-z]){re.escape(label)}(?![a-z])", developer.lower()))


def support_email(page: ListingPage, candidates: list[Candidate], own_store: bool = False) -> str | None:
    """A support e-mail: a mailto: link (one that says support first), else an e-mail attribute the page declares,
    else one written out in the developer's details (on the store's own domain only when the vendor is the store)."""
    mails = [c for c in candidates if c.url.startswith("mailto:") and _EMAIL.match(c.url[7:])]
    named = [c for c in mails if role_by_text(c.text) == "support"]
    chosen = next(iter(named or mails), None)
    if chosen is not None:
        return chosen.url
    for tag in page.content.find_all(True):
        for name, value in tag.attrs.items():
            if "mail" in name.lower() and isinstance(value, str) and _EMAIL.match(value.strip()):
                return "mailto:" + value.strip()
    for line in page.lines:  # an address written out in the developer's details ("Email  dev@vendor.example")
        found = _EMAIL_IN_TEXT.search(line)
        if found and len(line) <= 120 and (own_store or
                                           not page.on_store_site("https://" + found.group(0).split("@", 1)[1])):
            return "mailto:" + found.group(0)
    return None
