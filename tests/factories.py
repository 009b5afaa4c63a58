"""Hand-built Evidence for check tests, Lighthouse-style: no network, no browser.

`strong_evidence()` is a listing that passes every built-in check; tests weaken one part of it at a time
(`strong_evidence(docs=[...])`, `make_evidence(listing=strong_listing(name=None))`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from auditor.marketplaces import profile_for
from auditor.model import (
    DocPage,
    Evidence,
    Heading,
    Image,
    Links,
    LinkStatus,
    Listing,
    Page,
    PageKind,
    PricingPlan,
    Review,
)

TODAY = date(2026, 6, 1)
SITE = "https://acme.example"
LISTING_URL = "https://marketplace.example/apps/acme"


def ago(days: int) -> str:
    """The ISO date `days` before TODAY."""
    return (TODAY - timedelta(days=days)).isoformat()


def filler(words: int) -> str:
    """Neutral prose of about `words` words that names none of the checks' terms."""
    sentence = "Acme keeps records aligned for the whole team each day. "
    return (sentence * (words // 10 + 1)).strip()


def make_doc(path: str = "/docs/page", *, title: str = "Page", text: str | None = None,
             headings: Iterable[tuple[int, str]] | None = None, steps: Iterable[str] = (),
             images: Iterable[Image] = (), links: Iterable[str] = (), updated: str | None = None,
             grade: float | None = 8.0, ease: float | None = 65.0, role: str | None = None,
             kind: PageKind = "docs", words: int | None = None, dates: Iterable[str] = ()) -> DocPage:
    """A docs page; `text` defaults to the headings plus 200 words of filler, `words` to the text's length,
    `dates` (the dates written on the page, newest first) to none."""
    heads = [Heading(level, t) for level, t in (headings if headings is not None else [(1, title)])]
    if text is None:
        text = " ".join([*(h.text for h in heads), *steps, filler(200)])
    return DocPage(
        url=path if path.startswith("http") else SITE + path, kind=kind, title=title, headings=heads, text=text,
        word_count=len(text.split()) if words is None else words, steps=list(steps), images=list(images),
        links=list(links), updated=updated, dates=list(dates), reading_grade=grade, reading_ease=ease, role=role,
    )


def shot(name: str, width: int | None = 1600, height: int | None = 900, alt: str | None = "The Acme settings page",
         kind: str | None = None) -> Image:
    """A screenshot or docs image (`kind`: the surface it shows, as a page's gallery marks it)."""
    return Image(url=f"{SITE}/img/{name}.png", width=width, height=height, alt=alt, kind=kind)


def make_page(url: str, status: int | None = 200, *, kind: PageKind = "docs", referrer: str | None = LISTING_URL,
              error: str | None = None, final_url: str | None = None) -> Page:
    """A page the crawl tried."""
    return Page(url=url, kind=kind, depth=1, final_url=final_url or url, status=status, error=error,
                html="<html></html>" if status == 200 else None, referrer=referrer)


def review(rating: float, days: int, text: str = "Works well for our team.", reply: str | None = None) -> Review:
    """A review `days` before TODAY."""
    return Review(rating=rating, date=ago(days), text=text, reply=reply, author="A customer")


STRONG_DESCRIPTION = (
    "Acme for HubSpot connects your HubSpot portal to Acme billing. The integration keeps contacts and companies "
    "in two-way sync, so the records your sales team updates in the CRM appear in Acme within a minute. When a deal "
    "closes, the app creates a draft invoice with the line items, amounts and owner already filled in. You choose "
    "which pipeline stages trigger an invoice and map custom properties to Acme fields in a simple settings screen. "
    "Payment status flows back to the deal record, so reps see when a customer has paid without leaving the CRM. "
    "Setup takes about 5 minutes: install from the marketplace, approve the requested scopes, and pick your "
    "pipeline. Webhooks deliver changes in real time and a nightly job reconciles anything missed. Admins can pause "
    "syncing, review an activity log of every object updated, and disconnect at any time from the settings page."
)


#: the scopes the strong setup guide documents, and the listing's shared-data statement that matches them
STRONG_SCOPES = ("crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.companies.read",
                 "crm.objects.companies.write", "crm.objects.deals.read", "crm.objects.deals.write")
STRONG_DATA_ACCESS = ("Shared data. Contacts: two-way sync between HubSpot and Acme. Companies: two-way sync. Deals: "
                      "read when they close, with invoice and payment status written back to the deal.")


def strong_listing(**overrides: Any) -> Listing:
    """A listing that passes every packaging, reviews and setup check."""
    reviews = [review(5, 5 + 7 * i, "Easy setup and the invoices arrive on time.",
                      reply="Thanks!" if i % 2 == 0 else None) for i in range(11)]
    reviews.append(review(3, 60, "Good tool, though one invoice run was skipped in March.",
                          reply="Sorry about that run: 2.3 retries it automatically."))
    listing = Listing(
        url=LISTING_URL,
        name="Acme for HubSpot",
        tagline="Turn closed HubSpot deals into Acme invoices automatically",
        description=STRONG_DESCRIPTION,
        developer="Acme Inc.",
        categories=["Finance"],
        features=["Two-way contact sync", "Invoices from closed deals", "Map custom properties to Acme fields"],
        screenshots=[shot(f"screen{i}", alt=f"Acme settings, step {i}") for i in range(1, 5)],
        icon=Image(f"{SITE}/icon.png"),
        video="https://www.youtube.com/watch?v=abc123",
        pricing_plans=[PricingPlan("Free", "Free", 0.0, "USD"), PricingPlan("Pro", "$29 /month", 29.0, "USD"),
                       PricingPlan("Enterprise", "Contact sales", None, None)],
        pricing_text="Free plan available. 14-day free trial on Pro.",
        rating=4.6,
        review_count=25,
        rating_distribution={"5": 19, "4": 4, "3": 1, "2": 1, "1": 0},
        reviews=reviews,
        links=Links(docs=f"{SITE}/docs/hubspot", setup=f"{SITE}/docs/hubspot/setup", support=f"{SITE}/support",
                    privacy=f"{SITE}/privacy", terms=f"{SITE}/terms", security=f"{SITE}/security",
                    changelog=f"{SITE}/docs/changelog", status="https://status.acme.example", website=SITE),
        install_actions=["Install app", "Book a demo"],
        languages=["English"],
        editions=["HubSpot Sales Hub Professional, Enterprise", "Acme Billing Growth or Scale plan"],
        data_access=STRONG_DATA_ACCESS,
    )
    return replace(listing, **overrides)


def strong_setup_guide(**overrides: Any) -> DocPage:
    """A setup guide that passes every setup and documentation check."""
    steps = ["Open the HubSpot marketplace and click Install app.", "Sign in to Acme.",
             "Approve the requested scopes.", "Choose the pipeline that creates invoices.",
             "Map custom properties to Acme fields.", "Click Save and run a test sync."]
    headings = [(1, "Install Acme for HubSpot"), (2, "Before you begin"), (2, "Install and connect"),
                (2, "Permissions the app requests"), (3, "Data we access"), (2, "Uninstall and disconnect")]
    text = " ".join([h for _, h in headings] + steps + [
        "Setup takes about 5 minutes. You need a HubSpot Super Admin account and an Acme workspace.",
        "The app reads and writes contacts, companies and deals. To disconnect, open Settings and click Disconnect.",
        "The app requests these HubSpot scopes: " + ", ".join(STRONG_SCOPES) + ".",
        filler(120)])
    page = make_doc("/docs/hubspot/setup", title="Install Acme for HubSpot", text=text, headings=headings,
                    steps=steps, images=[shot(f"step{i}", alt=f"Step {i}") for i in range(1, 3)],
                    updated=ago(30), role="setup")
    if "headings" in overrides:
        overrides["headings"] = [Heading(level, t) for level, t in overrides["headings"]]
    return replace(page, **overrides)


#: the release dates of the strong changelog: 5 in the last year, the newest 12 days old
STRONG_RELEASES = (ago(12), ago(45), ago(100), ago(170), ago(260), ago(400))


def strong_docs() -> list[DocPage]:
    """Docs and policy pages covering every topic and control the checks look for."""
    def doc(path: str, title: str, *sections: str, role: str | None = None, dates: Iterable[str] = ()) -> DocPage:
        return make_doc(path, title=title, headings=[(1, title), *((2, s) for s in sections)], updated=ago(60),
                        role=role, dates=dates)

    privacy = ("Privacy policy. Information we collect: names and email addresses of contacts. Retention: we retain "
               "data for 30 days after you disconnect. Deletion: email privacy@acme.example to delete your data. "
               "Contact our privacy team at privacy@acme.example. ") + filler(120)
    terms = ("Terms of service. This agreement governs your use of Acme. Limitation of liability. Warranty "
             "disclaimer. Governing law: Delaware. Termination. ") + filler(120)
    security = ("Security at Acme. We hold SOC 2 Type II and ISO 27001 certifications, support GDPR with a data "
                "processing agreement, use encryption in transit (TLS 1.2+) and at rest (AES-256), and commission an "
                "annual penetration test. ") + filler(120)
    support = "Contact support. Email support@acme.example; we reply within 1 business day. " + filler(150)
    return [
        strong_setup_guide(),
        doc("/docs/hubspot", "Acme for HubSpot overview", "How it works", role="docs"),
        doc("/docs/hubspot/field-mapping", "Configuration and field mapping", "Map fields"),
        doc("/docs/hubspot/troubleshooting", "Troubleshooting", "Common errors"),
        doc("/docs/hubspot/faq", "FAQ", "Frequently asked questions"),
        doc("/docs/api/rate-limits", "API rate limits", "Quotas"),
        doc("/docs/changelog", "Changelog", "Release notes", role="changelog", dates=STRONG_RELEASES),
        make_doc("/support", title="Contact support", text=support, role="support", updated=ago(60)),
        make_doc("/security", title="Security at Acme", text=security, role="security", updated=ago(60)),
        make_doc("/privacy", title="Privacy policy", text=privacy, role="privacy", kind="policy"),
        make_doc("/terms", title="Terms of service", text=terms, role="terms", kind="policy"),
    ]


def docs_without(*paths: str) -> list[DocPage]:
    """strong_docs() less the pages at `paths` (site-relative, e.g. "/security")."""
    return [d for d in strong_docs() if d.url.removeprefix(SITE) not in paths]


def links_with(**overrides: str | None) -> Listing:
    """strong_listing() with some of its vendor links replaced (None removes one)."""
    return strong_listing(links=replace(strong_listing().links, **overrides))


def make_evidence(listing: Listing | None = None, docs: Iterable[DocPage] = (), pages: Iterable[Page] | None = None,
                  links: Iterable[LinkStatus] = (), today: date = TODAY, marketplace: str = "generic") -> Evidence:
    """Evidence around `listing`; `pages` default to the listing page plus a 200 page for each doc."""
    listing = listing or Listing(url=LISTING_URL)
    docs = list(docs)
    if pages is None:
        pages = [make_page(listing.url, kind="listing", referrer=None)]
        pages += [make_page(d.url, kind=d.kind, referrer=listing.url if d.role else SITE + "/docs/hubspot")
                  for d in docs]
    return Evidence(target=listing.url, marketplace=marketplace, today=today, listing=listing, docs=docs,
                    pages=list(pages), links=list(links), profile=profile_for(marketplace))


def strong_evidence(*, listing: Listing | None = None, docs: Iterable[DocPage] | None = None,
                    pages: Iterable[Page] | None = None, links: Iterable[LinkStatus] | None = None) -> Evidence:
    """Evidence that passes every built-in check; each part can be replaced (pages follow replaced docs)."""
    if links is None:
        links = [LinkStatus("https://status.acme.example", "ok", 200, sources=[LISTING_URL]),
                 LinkStatus(SITE, "ok", 200, sources=[LISTING_URL])]
    return make_evidence(listing or strong_listing(), strong_docs() if docs is None else docs, pages, links)
