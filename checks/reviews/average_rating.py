"""REV302: the average rating is high enough to convert."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._listing import average_rating, review_total
from checks._score import banded
from checks._text import clip, plural


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    rating = average_rating(ev.listing)
    if rating is None:
        return Outcome.not_applicable("The listing shows no rating yet (REV301 reports the missing reviews).")
    low = sorted((r for r in ev.listing.reviews if r.rating is not None and r.rating < th["warn"]),
                 key=lambda r: r.rating or 0.0)
    findings = [Finding(f"{r.rating:g}-star review", url=ev.listing.url, excerpt=clip(r.text)) for r in low]
    count = review_total(ev.listing)
    summary = (f"The average rating is {rating:.1f} of 5" + (f" over {plural(count, 'review')}" if count else "")
               + f" ({th['pass']} wanted).")
    return Outcome.partial(banded(rating, th), summary, findings)


CHECK = Check(
    id="REV302",
    category="reviews",
    title="Average rating is 4.0 or higher",
    failure_title="Average rating is low",
    rationale=(
        "Stores sort and badge by rating (Built for Shopify requires a minimum recent rating; Atlassian features "
        "apps whose rating is strong against their category), and buyers skip listings under four stars."
    ),
    fix="Read the low reviews listed below, fix the recurring problems, reply to each one publicly, and ask "
    "recent happy customers to review.",
    run=run,
    field="rating",
    weight=2.0,
    severity="medium",
    thresholds={"pass": 4.0, "warn": 3.5},
    sources=("https://shopify.dev/docs/apps/launch/built-for-shopify/requirements",
             "https://developer.atlassian.com/platform/marketplace/knowledge-base/having-your-app-featured-in-staff-picked/"),
)
