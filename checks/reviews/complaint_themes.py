"""REV305: few reviews complain about setup, support, sync or pricing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._reviews import (
    COMPLAINT_THEMES,
    COMPLAINT_THRESHOLDS,
    complaint_share,
    complaints,
    with_text,
)
from checks._score import banded
from checks._text import excerpt, join


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    reviews = with_text(ev.listing.reviews)
    if not reviews:
        return Outcome.not_applicable("The listing shows no review texts to read.")
    themes = complaints(reviews, th["themes"], th)
    complaining = {id(r) for hits in themes.values() for r, _ in hits}
    findings = [Finding(f"{theme}: {len(hits)} of {len(reviews)} reviews complain", url=ev.listing.url,
                        excerpt=excerpt(hits[0][0].text, hits[0][1])) for theme, hits in themes.items() if hits]
    counted = complaint_share(reviews, [r for r in reviews if id(r) in complaining], ev.listing.rating_distribution,
                              th)
    named = join(f"{t} ({len(h)})" for t, h in sorted(themes.items(), key=lambda x: -len(x[1])) if h)
    summary = counted.describe() + (f": {named}." if named else ".")
    return Outcome.partial(banded(counted.rate, th, lower_is_better=True), summary, findings)


CHECK = Check(
    id="REV305",
    category="reviews",
    title="Few reviews complain about setup, support, sync or pricing",
    failure_title="Reviews complain about recurring problems",
    rationale=(
        "Buyers read the critical reviews first, and recurring themes (\"setup took days\", \"support never "
        "answered\", \"sync creates duplicates\") weigh more than the average rating. A complaint is a review that "
        "rates 3 stars or lower, or below 5 stars with negative wording, and names one of the themes. Stores show "
        "a few reviews, often sorted by relevance, so where the listing shows its rating distribution the share "
        "among the reviews shown is weighted by it (the complaint rate of the critical and of the other reviews "
        "shown, each times that group's share of all ratings)."
    ),
    fix="Fix the most frequent theme below first (setup guide, support response times, sync reliability or "
    "pricing clarity), then reply to the reviews that raised it saying what changed.",
    run=run,
    field="reviews", family="review-complaints", family_root=True,
    weight=2.0,
    severity="medium",
    thresholds={
        "pass": 0.1,
        "warn": 0.25,
        **COMPLAINT_THRESHOLDS,
        "themes": COMPLAINT_THEMES,
    },
    sources=("https://developer.atlassian.com/platform/marketplace/knowledge-base/having-your-app-featured-in-staff-picked/",),
)
