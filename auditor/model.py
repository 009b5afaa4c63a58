"""Dataclasses of the pipeline's contract: Snapshot (crawl), Evidence (extract), CheckResult and Report.

Everything here is plain data so it can be written to JSON and read back without loss
(see `auditor.serialize`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Literal

from auditor.marketplaces import GENERIC, ListingKind, StoreProfile, profile_for
from auditor.terms import TermIndex
from auditor.urls import url_words

# ---------------------------------------------------------------- crawl

PageKind = Literal["listing", "docs", "policy"]
LinkOutcome = Literal["ok", "broken", "blocked", "timeout", "error", "skipped"]


def html_digest(html: str) -> str:
    """The SHA-256 (hex) of a page's HTML: the content part of the cache keys derived from it."""
    return hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Page:
    """One fetched page: what was asked, what came back and how."""

    url: str
    kind: PageKind
    depth: int
    final_url: str | None = None
    status: int | None = None
    error: str | None = None
    content_type: str | None = None
    html: str | None = None
    fetched_via: Literal["http", "browser", "file"] = "http"
    #: the server confirmed the cached copy unchanged (304), so it was not downloaded again
    from_cache: bool = False
    elapsed_ms: float = 0.0
    bytes: int = 0
    #: the page that linked here first (None for the listing itself)
    referrer: str | None = None

    @property
    def ok(self) -> bool:
        """True when the page was fetched and holds HTML."""
        return self.error is None and self.status is not None and 200 <= self.status < 300 and bool(self.html)

    @property
    def digest(self) -> str | None:
        """The SHA-256 of `html` (hex): the content part of every cache key derived from this page.

        Computed once per HTML string and recomputed whenever `html` is replaced, so it is never stale.
        """
        html = self.html
        if html is None:
            return None
        known = self.__dict__.get("_digest")
        if known is None or known[0] is not html:
            known = (html, html_digest(html))
            self.__dict__["_digest"] = known
        return known[1]

    def remember_digest(self, digest: str) -> None:
        """Take `digest` as the SHA-256 of the current `html` (the cache kept it with these very bytes), so
        `digest` need not hash the page again; replacing `html` still recomputes it."""
        if self.html is not None:
            self.__dict__["_digest"] = (self.html, digest)


@dataclass
class LinkStatus:
    """The outcome of checking one link target that was not crawled as a page."""

    url: str
    outcome: LinkOutcome
    status: int | None = None
    detail: str | None = None
    #: pages that link to this target
    sources: list[str] = field(default_factory=list)


@dataclass
class Snapshot:
    """Everything the crawl gathered: the only input of the extract stage."""

    target: str
    started_at: str
    finished_at: str
    pages: list[Page] = field(default_factory=list)
    links: list[LinkStatus] = field(default_factory=list)
    #: full-page screenshot of the listing as a JPEG data URI, if the browser rendered it
    screenshot: str | None = None
    #: where the listing page's pictures sit in that screenshot: each <img>'s absolute URL -> its box (the
    #: first on the page, when one shows twice); empty without a browser
    image_boxes: dict[str, Box] = field(default_factory=dict)
    browser: str | None = None
    user_agent: str = ""
    warnings: list[str] = field(default_factory=list)
    partial: bool = False
    #: the user stopped the crawl (Ctrl-C); what was gathered is still audited and reported
    interrupted: bool = False
    #: what was audited: a live listing, a draft listing file (no reviews yet), or a docs folder alone
    scope: Literal["listing", "draft", "docs"] = "listing"
    #: the listing as a draft file states it (scope "draft"); a live listing is read from its page instead
    draft: Listing | None = None
    #: the marketplace a draft file names, if any
    draft_marketplace: str | None = None
    #: the kind of listing a draft file says it is ("integration" or "consumer"), if it says
    draft_kind: ListingKind | None = None

    @property
    def listing_page(self) -> Page | None:
        """The page the audit started from."""
        return next((p for p in self.pages if p.kind == "listing"), None)


# ---------------------------------------------------------------- extract


@dataclass
class Box:
    """A picture's rectangle in the listing's screenshot, in its pixels (CSS px: the capture is 1 px per CSS px,
    from the top-left of the page)."""

    x: float
    y: float
    width: float
    height: float


@dataclass
class Image:
    """A screenshot or picture on a page."""

    url: str
    width: int | None = None
    height: int | None = None
    alt: str | None = None
    #: the surface it shows, where the page says so: "desktop", "mobile", "tablet", "pos" (point of sale) or
    #: "promotional" (a feature image beside the screenshots); None when the page does not tell
    kind: str | None = None
    #: where it shows in the report's screenshot of the listing; None when it shows outside it, or no browser ran
    box: Box | None = None


@dataclass
class PricingPlan:
    """One plan as the listing shows it; `price` is the shown text ("$29 /month", "Free")."""

    name: str
    price: str | None = None
    amount: float | None = None
    currency: str | None = None


@dataclass
class Review:
    """One review on the listing."""

    rating: float | None = None
    date: str | None = None
    text: str = ""
    reply: str | None = None
    author: str | None = None


@dataclass
class Links:
    """The vendor's own links found on the listing (never the store's chrome)."""

    docs: str | None = None
    setup: str | None = None
    support: str | None = None
    privacy: str | None = None
    terms: str | None = None
    security: str | None = None
    changelog: str | None = None
    status: str | None = None
    website: str | None = None


@dataclass
class Listing:
    """The vendor's listing as read from the store page; a missing field is None, never zero."""

    url: str
    #: False when the store says the listing is gone (delisted, removed, not found) or the page shows no listing
    available: bool = True
    #: why the listing is not available: "gone" (the store says so) or "empty" (the page shows no listing at all)
    unavailable_reason: str | None = None
    name: str | None = None
    tagline: str | None = None
    description: str | None = None
    developer: str | None = None
    categories: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    screenshots: list[Image] = field(default_factory=list)
    icon: Image | None = None
    video: str | None = None
    pricing_plans: list[PricingPlan] = field(default_factory=list)
    pricing_text: str | None = None
    rating: float | None = None
    #: the store's top star rating (Atlassian rates out of 4); checks compare ratings on a 5-star scale
    rating_scale: float = 5.0
    review_count: int | None = None
    rating_distribution: dict[str, int] = field(default_factory=dict)
    reviews: list[Review] = field(default_factory=list)
    links: Links = field(default_factory=Links)
    install_actions: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    #: the products and editions the listing says it works with or requires ("HubSpot Sales Hub Professional")
    editions: list[str] = field(default_factory=list)
    #: the listing's own statement of the data it reads and writes (a "Shared data" table, a data-access section)
    data_access: str | None = None
    #: label/value pairs of the listing's details box ("Version": "3.8.2", "Installs": "1,900+")
    details: dict[str, str] = field(default_factory=dict)
    published: str | None = None
    updated: str | None = None


@dataclass
class Heading:
    """One heading of a docs page outline."""

    level: int
    text: str


@dataclass
class DocPage:
    """A docs or policy page reduced to what checks need; derived data computed once here."""

    url: str
    kind: PageKind
    #: where the URL led after redirects (None when it did not redirect)
    final_url: str | None = None
    title: str = ""
    headings: list[Heading] = field(default_factory=list)
    text: str = ""
    word_count: int = 0
    steps: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    updated: str | None = None
    #: every date written in the main content, newest first (changelog entries, "last updated" lines)
    dates: list[str] = field(default_factory=list)
    reading_grade: float | None = None
    reading_ease: float | None = None
    #: what the listing called this page ("setup", "privacy", ...), if it linked to it directly
    role: str | None = None
    #: the distinct word runs of `text`, lower case, space-separated (`terms.word_runs`): computed when the page is
    #: read (by an extraction worker while the crawl runs) and cached with it, so the checks' index of the page costs
    #: a split instead of a pass over its text; empty when whoever built the page did not compute them
    word_runs: str = ""

    @cached_property
    def term_index(self) -> TermIndex:
        """The words of the page's text, indexed once: checks ask about any number of terms by lookup. Kept on
        the page, never serialised (it is not a field)."""
        return TermIndex.from_words(self.word_runs) if self.word_runs else TermIndex.of(self.text)

    @cached_property
    def outline(self) -> str:
        """The page's title, headings and URL words: what the page is *about*, rather than what it mentions."""
        return " \n ".join([self.title, *(h.text for h in self.headings), url_words(self.url)])

    @cached_property
    def outline_index(self) -> TermIndex:
        """The words of `outline`, indexed once (topic searches ask every page about every topic)."""
        return TermIndex.of(self.outline)


@dataclass
class Evidence:
    """Everything the checks may look at: the extract stage's output."""

    target: str
    marketplace: str
    today: date
    listing: Listing
    docs: list[DocPage] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    links: list[LinkStatus] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: the store's profile: the fields it shows, their limits, the kind of listing it serves
    profile: StoreProfile = field(default_factory=lambda: profile_for(GENERIC))
    #: what was audited: a live listing, a draft listing file, or a docs folder alone
    scope: Literal["listing", "draft", "docs"] = "listing"
    #: the kind of listing (a business integration or a consumer app); the store's unless the draft says
    kind_override: ListingKind | None = None

    @property
    def kind(self) -> ListingKind:
        """A business integration or a consumer app or extension."""
        return self.kind_override or self.profile.kind

    def doc(self, url: str | None) -> DocPage | None:
        """The extracted page that `url` leads to (as requested or after redirects), if it was crawled."""
        if not url:
            return None
        wanted = url.split("#", 1)[0]
        return next((d for d in self.docs if wanted in (d.url, d.final_url)), None)

    def docs_with_role(self, role: str) -> list[DocPage]:
        """Pages the listing linked to as `role` (e.g. "setup")."""
        return [d for d in self.docs if d.role == role]

    def unseen(self, url: str | None) -> str | None:
        """Why the page at `url` was not seen, or None when it was read, found broken, or is not a web page (a link
        that answers but whose page the crawl never fetched is not seen: it exists, and what it says is unknown).

        "Not seen" is never "missing": a page that timed out, was blocked, lay outside the crawl's scope or past its
        budget says nothing about the listing either way.
        """
        if not url or not url.lower().startswith(("http://", "https://")):
            return None
        wanted = url.split("#", 1)[0]
        if self.doc(wanted) is not None:
            return None
        page = next((p for p in self.pages if wanted in (p.url, p.final_url)), None)
        if page is not None:
            if page.status in (404, 410) or page.ok:
                return None
            return f"{wanted} could not be read ({page.error or f'status {page.status}'})"
        link = next((x for x in self.links if x.url == wanted), None)
        if link is not None and link.outcome == "broken":
            return None
        if link is not None and link.outcome == "ok":  # it exists, but what it says was never read
            return f"{wanted} answers but was not read (the crawl did not fetch it: page limit, depth or scope)"
        detail = (link.detail or link.outcome) if link is not None else "not fetched by the crawl"
        return f"{wanted} was not seen ({detail})"


# ---------------------------------------------------------------- checks

#: not-applicable: the check does not apply to this listing or store; unverified: it would, but the evidence it needs
#: was not seen (a page that timed out or lies out of scope): neither weighs anything, neither is "missing"
Status = Literal["pass", "warn", "fail", "error", "not-applicable", "unverified", "exempt", "manual"]
Severity = Literal["low", "medium", "high", "critical"]
#: requirement: a store's published rule (failing it blocks approval); recommendation: a best practice
Level = Literal["requirement", "recommendation"]


@dataclass
class Finding:
    """One piece of evidence behind a check's result."""

    message: str
    url: str | None = None
    excerpt: str | None = None
    #: what was found, as a stable identity (a slug such as "missing" or "too-long"): with the check id and the
    #: normalised location it makes the finding's fingerprint, so rewording the message changes nothing
    code: str | None = None


@dataclass
class CheckResult:
    """A check's verdict on the evidence."""

    id: str
    category: str
    title: str
    status: Status
    score: float | None
    weight: float
    severity: Severity
    blocker: bool = False
    findings: list[Finding] = field(default_factory=list)
    summary: str = ""
    fix: str = ""
    error: str | None = None
    #: the waiver's reason when the result is `exempt`
    waived: str | None = None
    #: where the rule comes from (a store's published requirements), with the date it was checked
    sources: list[str] = field(default_factory=list)
    verified: str | None = None
    #: the store whose rule pack the check belongs to; None for the cross-store catalogue
    store: str | None = None
    #: a store's requirement (blocks approval) or a recommendation, for this store
    level: Level = "recommendation"
    #: the family of checks that test one fault, charged once
    family: str | None = None
    #: the check of the same family that carries this fault's charge (this one then weighs nothing)
    charged_by: str | None = None


# ---------------------------------------------------------------- report


@dataclass
class WaiverStatus:
    """What became of one configured waiver in this run."""

    check: str
    reason: str
    state: Literal["active", "partial", "expired", "stale"]
    detail: str
    owner: str | None = None
    expires: str | None = None
    url: str | None = None


@dataclass
class CategoryScore:
    """A category's weighted score and how many of its checks ran."""

    id: str
    title: str
    score: float | None
    weight: float
    checks_ran: int
    checks_total: int


@dataclass
class TopFix:
    """A failing check and the points the overall score gains when it passes."""

    id: str
    title: str
    gain: float
    fix: str
    #: fixing it lifts the cap a blocker puts on the verdict
    blocker: bool = False


@dataclass
class CheckChange:
    """A check whose status or score moved since the baseline."""

    id: str
    title: str
    before: str
    after: str
    before_score: float | None
    after_score: float | None


@dataclass
class BaselineDiff:
    """What changed since a previous report: the input of `--fail-on regression`."""

    baseline_generated_at: str
    baseline_score: float
    score_delta: float
    category_deltas: dict[str, float | None]
    regressions: list[CheckChange] = field(default_factory=list)
    improvements: list[CheckChange] = field(default_factory=list)
    new_findings: int = 0
    fixed_findings: int = 0
    #: why the two reports are not like for like (another profile, store or schema), said beside every delta
    notes: list[str] = field(default_factory=list)


@dataclass
class TrendPoint:
    """One audit of a listing in the history: when, its score and its verdict."""

    at: str
    score: float | None
    verdict: str


@dataclass
class AlertDelivery:
    """One webhook post of an alert: where (token redacted), and whether it arrived."""

    endpoint: str
    delivered: bool
    attempts: int
    status: int | None = None
    error: str | None = None


@dataclass
class Monitoring:
    """What `--history` and `--notify` made of this audit (`report.json`'s `monitoring`)."""

    #: the history file
    history: str | None
    #: this audit was added to the history
    recorded: bool
    #: the previous audit of the same target and profile, if the history has one
    previous: TrendPoint | None = None
    #: the audits of this target and profile, oldest first, this one last
    trend: list[TrendPoint] = field(default_factory=list)
    #: why this audit is worse than the previous one (empty: not worse, or nothing to compare with)
    alert: list[str] = field(default_factory=list)
    deliveries: list[AlertDelivery] = field(default_factory=list)
    #: a history that could not be read or written, an alert that was not delivered
    warnings: list[str] = field(default_factory=list)


@dataclass
class Report:
    """The audit's result: the JSON contract written by `auditor.report.json`."""

    schema_version: str
    tool_version: str
    generated_at: str
    target: str
    marketplace: str
    profile: str
    score: float
    verdict: Literal["ready", "needs-work", "not-ready", "unavailable"]
    blockers: list[str]
    categories: dict[str, CategoryScore]
    checks: list[CheckResult]
    top_fixes: list[TopFix]
    pages: list[Page]
    links: list[LinkStatus]
    listing: Listing
    crawl: dict[str, object]
    screenshot: str | None = None
    waivers: list[WaiverStatus] = field(default_factory=list)
    #: the store's display name ("Shopify App Store"), or "Any store (generic)"
    marketplace_name: str = ""
    baseline: BaselineDiff | None = None
    #: with `--history` or `--notify`
    monitoring: Monitoring | None = None
