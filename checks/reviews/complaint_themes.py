"""REV305: few reviews complain about setup, support, sync or pricing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.check import Check, Outcome
from auditor.model import Evidence, Finding, Review
from checks._score import banded
from checks._text import excerpt, join, terms_in


def is_critical(review: Review, th: Mapping[str, Any]) -> bool:
    """A low rating, or negative wording below a top rating ("4 stars: great, but sync is broken");
    a top-rated review is praise even when it says "the history shows why a record failed"."""
    if review.rating is not None and review.rating >= th["praise_min_rating"]:
        return False
    low = review.rating is not None and review.rating <= th["complaint_max_rating"]
    return low or bool(terms_in(review.text, th["negative_terms"]))


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    reviews = [r for r in ev.listing.reviews if r.text.strip()]
    if not reviews:
        return Outcome.not_applicable("The listing shows no review texts to read.")
    critical = [r for r in reviews if is_critical(r, th)]
    themes = {theme: [(r, hits[0]) for r in critical if (hits := terms_in(r.text, terms))] for theme, terms in th["themes"].items()}
    complaining = {id(r) for hits in themes.values() for r, _ in hits}
    findings = [Finding(f"{theme}: {len(hits)} of {len(reviews)} reviews complain", url=ev.listing.url,
                        excerpt=excerpt(hits[0][0].text, hits[0][1])) for theme, hits in themes.items() if hits]
    rate = len(complaining) / len(reviews)
    named = join(f"{t} ({len(h)})" for t, h in sorted(themes.items(), key=lambda x: -len(x[1])) if h)
    summary = f"{len(complaining)} of {len(reviews)} reviews ({rate:.0%}) complain" + (f": {named}." if named else ".")
    return Outcome.partial(banded(rate, th, lower_is_better=True), summary, findings)


CHECK = Check(
    id="REV305",
    category="reviews",
    title="Few reviews complain about setup, support, sync or pricing",
    failure_title="Reviews complain about recurring problems",
    rationale=(
        "Buyers read the critical reviews first, and recurring themes (\"setup took days\", \"support never "
        "answered\", \"sync creates duplicates\") weigh more than the average rating. A complaint is a review that "
        "rates 3 stars or lower, or below 5 stars with negative wording, and names one of the themes."
    ),
    fix="Fix the most frequent theme below first (setup guide, support response times, sync reliability or "
    "pricing clarity), then reply to the reviews that raised it saying what changed.",
    run=run,
    weight=2.0,
    severity="medium",
    thresholds={
        "pass": 0.1,
        "warn": 0.25,
        "complaint_max_rating": 3,
        "praise_min_rating": 5,
        "themes": {
            "setup": ("setup", "set up", "install", "installation", "onboarding", "configure", "configuration",
                      "getting started"),
            "support": ("support", "customer service", "response", "respond", "responded", "reply", "replied",
                        "ticket", "help desk"),
            "sync": ("sync", "syncing", "synced", "duplicate", "duplicates", "missing data", "data loss",
                     "out of sync", "not updating", "mapping"),
            "pricing": ("price", "pricing", "expensive", "overpriced", "cost", "costs", "billing", "billed",
                        "charged", "refund", "subscription"),
        },
        "negative_terms": (
            "bug", "bugs", "buggy", "broken", "slow", "terrible", "awful", "horrible", "poor", "useless",
            "frustrating", "frustrated", "problem", "problems", "issue", "issues", "fails", "failed", "failing",
            "doesn't work", "does not work", "didn't work", "stopped working", "no response", "never",
            "waste", "confusing", "complicated", "difficult", "disappointed", "disappointing", "unresponsive",
            "expensive", "overpriced", "nightmare", "worst", "duplicate", "duplicates", "missing", "wrong", "error",
            "errors", "lost",
        ),
    },
    sources=("https://developer.atlassian.com/platform/marketplace/knowledge-base/having-your-app-featured-in-staff-picked/",),
)
