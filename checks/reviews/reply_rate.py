"""REV304: the vendor replies to reviews, above all the critical ones."""

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
    rate = len(replied) / len(reviews)
    critical = [r for r in reviews if r not in replied and r.rating is not None and r.rating <= th["critical_rating"]]
    findings = [Finding(f"Unanswered {r.rating:g}-star review ({r.date or 'undated'})", url=ev.listing.url,
                        excerpt=clip(r.text) or None) for r in critical]
    summary = (f"The vendor replied to {len(replied)} of {len(reviews)} reviews ({rate:.0%}, {th['pass']:.0%} wanted); "
               f"{len(critical)} critical reviews are unanswered.")
    return Outcome.partial(banded(rate, th), summary, findings)


CHECK = Check(
    id="REV304",
    category="reviews",
    title="Vendor replies to reviews",
    failure_title="Vendor rarely replies to reviews",
    rationale=(
        "Atlassian names responsiveness to reviews as a featuring criterion, and buyers read a vendor's replies to "
        "critical reviews as a preview of the support they will get. An unanswered one-star review stands as the "
        "last word."
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
