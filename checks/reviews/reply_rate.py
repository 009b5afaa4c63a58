"""REV304: the vendor replies to the critical reviews the listing shows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._score import banded
from checks._text import clip


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    reviews = ev.listing.reviews
    if not reviews:
        return Outcome.not_applicable("The listing shows no reviews to reply to.")
    replied = [r for r in reviews if (r.reply or "").strip()]
    critical = [r for r in reviews if r.rating is not None and r.rating <= th["critical_rating"]]
    if not critical:
        return Outcome.not_applicable(
            f"None of the {len(reviews)} reviews shown is critical ({th['critical_rating']} stars or lower); the "
            f"vendor replied to {len(replied)} of them.")
    unanswered = [r for r in critical if r not in replied]
    rate = (len(critical) - len(unanswered)) / len(critical)
    findings = [Finding(f"Unanswered {r.rating:g}-star review ({r.date or 'undated'})", url=ev.listing.url,
                        excerpt=clip(r.text) or None) for r in unanswered]
    summary = (f"The vendor replied to {len(critical) - len(unanswered)} of the {len(critical)} critical reviews "
               f"shown ({rate:.0%}, {th['pass']:.0%} wanted) and to {len(replied)} of all {len(reviews)}.")
    return Outcome.partial(banded(rate, th), summary, findings)


CHECK = Check(
    id="REV304",
    category="reviews",
    title="Vendor replies to critical reviews",
    failure_title="Critical reviews go unanswered",
    rationale=(
        "Atlassian names responsiveness to reviews as a featuring criterion, and buyers read a vendor's replies to "
        "critical reviews as a preview of the support they will get. An unanswered one-star review stands as the "
        "last word. Judged on the critical reviews the page shows (3 stars or lower); a page that shows none has "
        "nothing to judge (stores such as Shopify show a few reviews sorted by relevance)."
    ),
    fix="Reply to every critical review within a few days (acknowledge, give the fix or next step) and to a "
    "good share of positive ones.",
    run=run,
    field="reviews",
    weight=1.0,
    severity="low",
    thresholds={"pass": 0.5, "warn": 0.25, "critical_rating": 3},
    sources=("https://developer.atlassian.com/platform/marketplace/knowledge-base/having-your-app-featured-in-staff-picked/",),
)
