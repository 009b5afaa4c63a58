"""DOC105: every docs page and link the listing leads to resolves (blocked or timed-out ones are only unverified)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import BROKEN_STATUSES, link_outcome_state, page_state
from checks._score import penalty
from checks._text import plural


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    targets: dict[str, tuple[str, str, str]] = {}  # url -> (state, what happened, linked from)
    for page in ev.pages:
        if page.kind != "listing":
            what = f"HTTP {page.status}" if page.status is not None else (page.error or "no response")
            targets[page.url] = (page_state(page, th["broken_statuses"]), what, page.referrer or "the listing")
    for link in ev.links:
        if link.url not in targets and link.outcome != "skipped":
            what = f"HTTP {link.status}" if link.status is not None else (link.detail or link.outcome)
            sources = ", ".join(link.sources) or "the listing"
            targets[link.url] = (link_outcome_state(link, th["broken_statuses"]), what, sources)
    if not targets:
        return Outcome.not_applicable("The crawl checked no links beyond the listing itself.")
    broken = {u: t for u, t in targets.items() if t[0] == "broken"}
    unverified = {u: t for u, t in targets.items() if t[0] == "unverified"}
    findings = [Finding(f"Broken ({what}), linked from {src}", url=url, excerpt=src)
                for url, (_, what, src) in broken.items()]
    findings += [Finding(f"Unverified ({what}), linked from {src}; not counted as broken", url=url, excerpt=src)
                 for url, (_, what, src) in unverified.items()]
    summary = f"{len(broken)} of {plural(len(targets), 'link')} broken"
    summary += f", {len(unverified)} unverified (blocked or timed out, not counted)." if unverified else "."
    return Outcome.partial(penalty(len(broken), th["penalty_per_broken"]), summary, findings)


CHECK = Check(
    id="DOC105",
    category="documentation",
    title="No broken links in the listing and docs",
    failure_title="Broken links in the listing or docs",
    rationale=(
        "HubSpot crawls every listing URL and rejects broken or private ones; Shopify rejects apps that show 404 "
        "or 500 errors; Google Workspace and Microsoft reject links that do not work. A dead setup or support link "
        "is the first thing a reviewer or admin notices. Targets that answered 403/429, hit a bot wall or timed "
        "out are listed as unverified and do not lower the score."
    ),
    fix="Fix or remove each broken link listed below (update moved pages, add redirects for old URLs), "
    "and re-run the audit.",
    run=run,
    weight=3.0,
    severity="high",
    thresholds={"broken_statuses": BROKEN_STATUSES, "penalty_per_broken": 0.25},
    sources=("https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/app-marketplace-listing-requirements",
             "https://shopify.dev/docs/apps/launch/shopify-app-store/app-store-requirements",
             "https://developers.google.com/workspace/marketplace/about-app-review"),
)
