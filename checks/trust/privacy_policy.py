"""TRU501: the vendor links its own privacy policy, and it says what data, how long, how to delete, who to ask."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import BROKEN_STATUSES, doc_at, link_state
from checks._text import slug, terms_in


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    url = ev.listing.links.privacy
    if not url:
        if ev.scope == "draft":
            return Outcome.failed("The draft listing names no privacy policy (links.privacy).")
        return Outcome.failed("The listing links no privacy policy of the vendor's own (the store's footer link does "
                              "not count).")
    page = doc_at(ev, url)  # follows the redirect the crawl recorded (http -> https, trailing slash)
    if page is None and link_state(ev, url, th["broken_statuses"]) in ("unverified", "skipped"):
        return Outcome.unverified(f"The privacy policy at {url} could not be fetched (blocked or timed out), so it is "
                                  "unverified.")
    if page is None or not page.text:
        return Outcome.failed("The privacy policy link does not lead to a readable page.",
                              [Finding("Privacy policy unreachable", url=url)])
    covered = {topic: bool(terms_in(page.text, terms, page.term_index)) for topic, terms in th["topics"].items()}
    missing = [t for t, ok in covered.items() if not ok]
    findings = [Finding(f"The policy does not say {topic}", url=page.url, code=slug("no", topic)) for topic in missing]
    score = 1.0 - 0.5 * len(missing) / len(covered)
    summary = ("The privacy policy covers "
               + (", ".join(t for t, ok in covered.items() if ok) or "none of the expected topics") + ".")
    return Outcome.partial(score, summary, findings)


CHECK = Check(
    id="TRU501",
    category="trust",
    title="The vendor's own privacy policy is linked and complete",
    failure_title="No complete vendor privacy policy",
    rationale=(
        "Every major store requires a live privacy policy of the vendor's own, and Slack and Microsoft reject "
        "policies that do not say what data is collected, how long it is kept and how to delete it. An admin "
        "approving an install reads it before granting access to customer data."
    ),
    fix="Link a privacy policy on your own domain that names the data collected, the retention period, "
    "how to request deletion, and a contact address.",
    run=run,
    field="privacy", needs=("privacy",),
    weight=3.0,
    severity="critical",
    thresholds={
        "broken_statuses": BROKEN_STATUSES,
        "topics": {
            "what data is collected": ["personal data", "information we collect", "data we collect", "collect"],
            "how long it is kept": ["retention", "retain", "keep", "stored for"],
            "how to delete it": ["delete", "deletion", "erasure", "remove your data"],
            "who to contact": ["contact", "email", "privacy@"],
        }
    },
    sources=("https://api.slack.com/slack-marketplace/guidelines", "https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/app-marketplace-listing-requirements"),
)
