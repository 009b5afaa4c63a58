"""TRU505: the listing links a status page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import BROKEN_STATUSES, link_state


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    url = ev.listing.links.status
    if url:
        state = link_state(ev, url, th["broken_statuses"])
        if state == "broken":
            return Outcome.failed("The status page link is broken.", [Finding("Broken status page link", url=url)])
        return Outcome.passed("The listing links a status page"
                              + ("." if state == "ok" else " (reachability unverified)."),
                              [Finding("Status page", url=url)])
    in_docs = [(d.url, link) for d in ev.docs for link in d.links
               if any(m in link.lower() for m in th["status_url_markers"])]
    if in_docs:
        page, link = in_docs[0]
        return Outcome.partial(th["docs_only_score"], "A status page is linked from the docs but not from the listing.",
                               [Finding(f"Status page linked from {page}", url=link, excerpt=page)])
    return Outcome.failed("No status page is linked from the listing or the docs.",
                          [Finding("No status page", url=ev.listing.url)])


CHECK = Check(
    id="TRU505",
    category="trust",
    title="A status page is linked",
    failure_title="No status page",
    rationale=(
        "An integration that syncs business data becomes something admins depend on; a public status page shows "
        "the vendor is accountable for uptime and saves a support ticket during incidents. It is a common item in "
        "security questionnaires and Atlassian's Cloud Fortified programme expects operational transparency."
    ),
    fix="Publish a status page (e.g. status.example.com) and link it from the listing and the support page.",
    run=run,
    field="status",
    weight=1.0,
    severity="low",
    thresholds={"broken_statuses": BROKEN_STATUSES, "docs_only_score": 0.75,
                "status_url_markers": ("://status.", "statuspage.io", "status.io", "/status", "instatus.com")},
    sources=("https://developer.atlassian.com/platform/marketplace/cloud-fortified-apps-program-approval-process",),
)
