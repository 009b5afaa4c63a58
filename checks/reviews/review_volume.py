"""REV301: the listing has enough reviews for buyers (and badge programmes) to trust its rating."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._listing import review_total
from checks._score import banded
from checks._text import plural


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    count = review_total(ev.listing) or 0
    summary = f"The listing has {plural(count, 'review')} ({th['pass']} or more wanted)."
    return Outcome.partial(banded(count, th), summary, [Finding(f"{plural(count, 'review')}", url=ev.listing.url)])


CHECK = Check(
    id="REV301",
    category="reviews",
    title="Listing has enough reviews",
    failure_title="Too few reviews",
    rationale=(
        "Buyers trust a rating only once several people have given it, and stores weigh it: Built for Shopify "
        "requires at least 5 reviews, Atlassian's featuring compares installs and ratings with the category, and "
        "Slack once required 10 active installs to review an app. Fewer than 3 reviews reads as untested."
    ),
    fix="Ask satisfied customers for a review at a success moment (after the first sync completes, or after a "
    "support ticket is solved), and link straight to the listing's review form.",
    run=run,
    field="rating",
    weight=2.0,
    severity="medium",
    thresholds={"pass": 10, "warn": 3},
    sources=("https://shopify.dev/docs/apps/launch/built-for-shopify/requirements",
             "https://docs.slack.dev/changelog/2023/08/01/apps"),
)
