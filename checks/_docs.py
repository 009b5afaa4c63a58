"""Helpers the built-in checks share for docs pages and links: finding the setup guide, a link's fate, topics.

Link semantics (the crawler's contract): a 404/410 page or a `broken` link is broken; 403/429, bot walls
(`blocked`), timeouts, server errors and fetch errors are unverified, never broken; `skipped` targets were
out of scope and say nothing either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from auditor.judge.check import Outcome
from auditor.model import DocPage, Evidence, Finding, LinkStatus, Page
from auditor.urls import url_words
from checks._text import days_since, excerpt, terms_in

LinkState = Literal["ok", "broken", "unverified", "skipped", "unchecked"]

#: the statuses that make a page broken (everything else that is not 2xx is only unverified)
BROKEN_STATUSES = (404, 410)

#: title or URL words that mark a docs page as the setup guide when the listing does not say which one is
SETUP_PAGE_TERMS = (
    "setup", "set up", "setting up", "install", "installation", "installing", "getting started",
    "get started", "quickstart", "quick start", "onboarding", "connect",
)

#: texts of ordered-step headings ("Step 1: connect", "Part 2") besides headings that start with a number
STEP_HEADING_TERMS = ("step", "part")

#: title or URL words that mark a docs page as the changelog when the listing does not link one
CHANGELOG_PAGE_TERMS = ("changelog", "change log", "release notes", "release note", "releases", "what's new",
                        "whats new", "version history", "product updates")

#: hosts of embedded or linked demo videos
VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "wistia.com", "wistia.net", "loom.com")


# ---------------------------------------------------------------- pages and links


def doc_at(ev: Evidence, url: str | None) -> DocPage | None:
    """The extracted page `url` leads to, following the redirect the crawl recorded for it."""
    return ev.doc(url)


def page_state(page: Page, broken_statuses: Sequence[int]) -> LinkState:
    """How a crawled page fared: ok, broken (404/410) or unverified (blocked, timed out, errored)."""
    if page.status in broken_statuses:
        return "broken"
    if page.error is None and page.status is not None and 200 <= page.status < 300:
        return "ok"
    return "unverified"


def link_outcome_state(link: LinkStatus, broken_statuses: Sequence[int]) -> LinkState:
    """How a checked (not crawled) link target fared."""
    if link.outcome == "broken" or link.status in broken_statuses:
        return "broken"
    if link.outcome in ("ok", "skipped"):
        return link.outcome
    return "unverified"


def link_state(ev: Evidence, url: str, broken_statuses: Sequence[int]) -> LinkState:
    """What the crawl learnt about `url`; `unchecked` when it recorded nothing (e.g. a mailto: link)."""
    wanted = url.split("#", 1)[0]
    if doc_at(ev, wanted) is not None:
        return "ok"
    page = next((p for p in ev.pages if wanted in (p.url, p.final_url)), None)
    if page is not None:
        return page_state(page, broken_statuses)
    link = next((x for x in ev.links if x.url == wanted), None)
    return link_outcome_state(link, broken_statuses) if link else "unchecked"


@dataclass(frozen=True)
class Linked:
    """A vendor link followed: its state, the page it leads to, and the Outcome to return if unusable."""

    state: LinkState | Literal["missing"]
    page: DocPage | None = None
    stop: Outcome | None = None


def follow(ev: Evidence, url: str | None, label: str, broken_statuses: Sequence[int]) -> Linked:
    """Follow the listing's link to its `label` page: missing and broken links fail, unverified ones do not apply."""
    if not url:
        return Linked("missing", stop=Outcome.failed(f"The listing links no {label}."))
    state = link_state(ev, url, broken_statuses)
    if state == "broken":
        return Linked(state, stop=Outcome.failed(f"The {label} link is broken.",
                                                 [Finding(f"Broken {label} link", url=url)]))
    web = url.lower().startswith(("http://", "https://"))
    if state in ("unverified", "skipped") or (state == "unchecked" and web):  # a mailto: link is never checked
        return Linked(state, stop=Outcome.unverified(
            f"The {label} at {url} could not be verified (blocked, timed out or not fetched by the crawl)."))
    return Linked(state, page=doc_at(ev, url))


def docs_pages(ev: Evidence) -> list[DocPage]:
    """The crawled documentation pages (policies excluded)."""
    return [d for d in ev.docs if d.kind == "docs"]


def find_page(ev: Evidence, role: str, terms: Iterable[str]) -> DocPage | None:
    """The page the listing linked as `role`, else the first crawled page whose title or URL names `terms`."""
    linked = ev.docs_with_role(role)
    if linked:
        return linked[0]
    terms = list(terms)
    found = [d for d in ev.docs if terms_in(f"{d.title} {url_words(d.url)}", terms)]
    return next((d for d in found if d.steps), found[0] if found else None)


# ---------------------------------------------------------------- the setup guide


def setup_guide(ev: Evidence, terms: Iterable[str]) -> DocPage | None:
    """The setup guide: the page the listing's setup link leads to, else a docs page titled as one."""
    return doc_at(ev, ev.listing.links.setup) or find_page(ev, "setup", terms)


def unreadable(ev: Evidence, urls: Iterable[str | None], broken_statuses: Sequence[int], missing: str) -> Outcome:
    """What to return when the pages behind `urls` are needed but absent: unverified if the crawl could not read
    one of them (not the vendor's fault), else a failure that says `missing` and lists broken links."""
    states = {url: link_state(ev, url, broken_statuses) for url in urls if url}
    unverified = [url for url, state in states.items() if state in ("unverified", "skipped")]
    if unverified:
        return Outcome.unverified(f"{unverified[0]} could not be fetched (blocked, timed out or out of scope), "
                                  "so this is unverified.")
    findings = [Finding("Broken link", url=url) for url, state in states.items() if state == "broken"]
    return Outcome.failed(missing, findings)


def no_docs(ev: Evidence, broken_statuses: Sequence[int], missing: str) -> Outcome:
    """What a check that reads the docs returns when none were crawled (fail, or n/a when unverifiable)."""
    return unreadable(ev, [ev.listing.links.docs, ev.listing.links.setup], broken_statuses, missing)


def no_setup_guide(ev: Evidence, broken_statuses: Sequence[int], missing: str) -> Outcome:
    """What a check that reads the setup guide returns when there is none: a failure saying `missing`,
    or n/a when the setup link could not be fetched."""
    return unreadable(ev, [ev.listing.links.setup], broken_statuses,
                      f"No readable setup guide was found, so {missing}.")


def step_count(page: DocPage, step_heading_terms: Iterable[str]) -> int:
    """Ordered steps on the page: its `<ol>` items, else headings such as "Step 2" or "3. Map fields"."""
    if page.steps:
        return len(page.steps)
    terms = list(step_heading_terms)
    return sum(1 for h in page.headings if re.match(r"\s*\d+[.):]\s", h.text) or terms_in(h.text, terms))


# ---------------------------------------------------------------- the changelog


def changelog(ev: Evidence, terms: Iterable[str]) -> DocPage | None:
    """The changelog: the page the listing's changelog link leads to, else a docs page titled as one."""
    return doc_at(ev, ev.listing.links.changelog) or find_page(ev, "changelog", terms)


def no_changelog(ev: Evidence, broken_statuses: Sequence[int], missing: str) -> Outcome:
    """What a check that reads the changelog returns when there is none: a failure saying `missing`, or n/a when
    the changelog link could not be fetched."""
    outcome = unreadable(ev, [ev.listing.links.changelog], broken_statuses, missing)
    if outcome.score is None or outcome.findings:
        return outcome
    return Outcome.failed(missing, [Finding("No changelog or release notes linked or found in the docs",
                                            url=ev.listing.url)])


def release_dates(page: DocPage, ev: Evidence) -> list[tuple[str, int]]:
    """The dates the page shows with their age in days, newest first; dates in the future (planned releases,
    support end dates) are left out."""
    aged = [(d, age) for d in page.dates if (age := days_since(d, ev.today)) is not None and age >= 0]
    return sorted(aged, key=lambda pair: pair[1])


# ---------------------------------------------------------------- topics


@dataclass(frozen=True)
class TopicHit:
    """Where a topic was found: the page, the term, and whether in the outline (True) or only the text."""

    page: DocPage
    term: str
    structural: bool

    def finding(self, message: str) -> Finding:
        source = self.page.outline if self.structural else self.page.text
        return Finding(message, url=self.page.url, excerpt=excerpt(source, self.term))


def find_topic(pages: Iterable[DocPage], terms: Iterable[str]) -> TopicHit | None:
    """The best place a topic is covered: a page whose title/headings/URL name it, else one whose text does."""
    terms = list(terms)
    pages = list(pages)
    for structural in (True, False):
        for page in pages:
            hits = (terms_in(page.outline, terms, page.outline_index) if structural
                    else terms_in(page.text, terms, page.term_index))
            if hits:
                return TopicHit(page, hits[0], structural)
    return None


def documented(pages: Iterable[DocPage], terms: Iterable[str], topic: str, text_only_score: float) -> Outcome:
    """Pass when a page is about `topic`, partial when pages only mention it, fail when none does."""
    pages = list(pages)
    hit = find_topic(pages, terms)
    if hit is None:
        return Outcome.failed(f"None of the {len(pages)} docs pages covers {topic}.")
    if hit.structural:
        return Outcome.passed(f"The docs cover {topic} ({hit.page.url}).", [hit.finding(f"Covers {topic}")])
    return Outcome.partial(text_only_score, f"The docs mention {topic} only in passing, with no section of its own.",
                           [hit.finding(f"Mentions {topic}")])
