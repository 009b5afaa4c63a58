"""TRU503: a support contact is linked, reachable, and states how fast it answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import BROKEN_STATUSES, follow
from checks._text import excerpt, matches, sentences_with


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    url = ev.listing.links.support
    linked = follow(ev, url, "support contact", th["broken_statuses"])
    if linked.state in ("missing", "broken") and linked.stop is not None:
        return linked.stop
    places = [(linked.page.url, linked.page.text)] if linked.page else []
    places += [(d.url, d.text) for d in ev.docs if d.role == "support" and d is not linked.page]
    # the listing copy counts only where it talks about support ("a sync within a minute" is no response time)
    places.append((ev.listing.url, sentences_with(ev.listing.description or "", th["support_terms"])))
    for where, text in places:
        found = matches(text, th["response_time_patterns"])
        if found:
            phrase = found[0].group(0)
            return Outcome.passed(f"Support is linked and states a response time: \"{phrase}\".",
                                  [Finding("Stated response time", url=where, excerpt=excerpt(text, phrase))])
    if linked.stop:  # the support page could not be read and nothing else states a response time
        return linked.stop
    if url and url.lower().startswith("mailto:") and not linked.page:
        # an address is a way to reach support; a listing cannot state a response time next to it
        return Outcome.passed(f"Support is reachable by e-mail ({url[7:]}); no support page states a response time.",
                              [Finding("Support e-mail", url=url, code="email")])
    return Outcome.partial(th["no_response_time_score"], "Support is linked but no response time is stated.",
                           [Finding("No stated response time", url=url, code="no-response-time")])


CHECK = Check(
    id="TRU503",
    category="trust",
    title="Support is reachable with a stated response time",
    failure_title="No reachable support contact",
    rationale=(
        "Every store requires a support contact: HubSpot requires a support email, Slack a contact that needs no "
        "extra account and answers within 2 business days, Microsoft a support URL with no login. A stated "
        "response time tells an admin what happens when the sync breaks. No support link at all blocks listing."
    ),
    fix="Link a support page or address from the listing that needs no account, and state the response time on "
    "it (\"We reply within 1 business day\").",
    run=run,
    field="support",
    weight=3.0,
    severity="critical",
    thresholds={
        "broken_statuses": BROKEN_STATUSES,
        "no_response_time_score": 0.6,
        "support_terms": ("support", "respond", "responds", "reply", "replies", "response", "help", "contact",
                          "email us", "ticket"),
        "response_time_patterns": (
            r"\b(?:within|in under|under|in less than|less than|in)\s+(?:one|two|three|a|\d+)\s*"
            r"(?:business\s+|working\s+)?(?:hours?|hrs?|days?|minutes?|mins?)\b",
            r"\b(?:\d+|one|two|same)[-\s](?:business[-\s]|working[-\s])?(?:hours?|days?)\s+(?:response|reply|turnaround)",
            r"\bresponse times?\b", r"\bSLA\b", r"\b24/7\b", r"\bsame[-\s]day\b",
        ),
    },
    sources=("https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/app-marketplace-listing-requirements",
             "https://docs.slack.dev/slack-marketplace/slack-marketplace-app-guidelines-and-requirements"),
)
