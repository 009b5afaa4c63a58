"""DOC102: the docs cover the topics an admin looks for before and after installing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import BROKEN_STATUSES, find_topic, no_docs
from checks._text import join, slug


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    if not ev.docs:
        return no_docs(ev, th["broken_statuses"],
                       "No docs pages were found, so none of the expected topics is covered.")
    hits = {topic: find_topic(ev.docs, terms) for topic, terms in th["topics"].items()}
    missing = [t for t, hit in hits.items() if hit is None]
    passing = {t: hit for t, hit in hits.items() if hit and not hit.structural}
    credit = sum(1.0 if hit.structural else th["text_only_credit"] for hit in hits.values() if hit)
    findings = [Finding(f"No docs page covers {t}", code=slug("uncovered", t)) for t in missing]
    findings += [hit.finding(f"{t} is only mentioned in passing") for t, hit in passing.items()]
    covered = len(hits) - len(missing)
    summary = f"{covered} of {len(hits)} topics covered"
    summary += f" ({len(passing)} only in passing)" if passing else ""
    summary += f"; missing: {join(missing, 9)}." if missing else "."
    return Outcome.partial(credit / len(hits), summary, findings)


CHECK = Check(
    id="DOC102",
    category="documentation",
    title="The docs cover overview, setup, permissions, troubleshooting and the rest",
    failure_title="The docs leave out topics admins look for",
    rationale=(
        "HubSpot's certification asks for setup, scope approval, disconnect and uninstall steps and what happens "
        "to data; Shopify recommends linking an FAQ, changelog and docs as dedicated pages; Atlassian indexes "
        "release notes in search. Admins who cannot find permissions, troubleshooting or uninstall answers raise "
        "tickets or do not install. A topic counts when a page's title, headings or URL names it, and half when "
        "it is only mentioned in body text."
    ),
    fix="Give every missing topic its own page or section with a clear heading: overview, installation, "
    "configuration and field mapping, permissions and data accessed, troubleshooting, FAQ, uninstall, "
    "API and rate limits, changelog.",
    run=run,
    kinds=("integration",), family="setup-guide", needs=("docs", "setup"),
    weight=2.0,
    severity="medium",
    thresholds={
        "text_only_credit": 0.5,
        "broken_statuses": BROKEN_STATUSES,
        "topics": {
            "overview": ("overview", "introduction", "about", "what is", "how it works", "features"),
            "install": ("install", "installation", "installing", "setup", "set up", "getting started", "connect"),
            "configuration": ("configuration", "configure", "settings", "field mapping", "map fields", "mapping"),
            "permissions": ("permissions", "permission", "scopes", "scope", "data we access", "data accessed",
                            "shared data", "data access"),
            "troubleshooting": ("troubleshooting", "troubleshoot", "common issues", "known issues", "errors",
                                "error messages", "common errors"),
            "FAQ": ("faq", "faqs", "frequently asked questions", "questions"),
            "uninstall": ("uninstall", "uninstalling", "disconnect", "disconnecting", "remove the app", "deactivate"),
            "API and rate limits": ("api", "rate limit", "rate limits", "limits", "quotas", "api reference"),
            "changelog": ("changelog", "change log", "release notes", "what's new", "versioning", "version history",
                          "releases"),
        },
    },
    sources=("https://developers.hubspot.com/docs/guides/apps/marketplace/create-an-app-listing-setup-guide",
             "https://shopify.dev/docs/apps/launch/shopify-app-store/best-practices",
             "https://developer.atlassian.com/platform/marketplace/listing-and-managing-apps"),
)
