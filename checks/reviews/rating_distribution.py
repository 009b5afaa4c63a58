"""REV306: few ratings are one or two stars."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding, Listing
from checks._score import banded
from checks._text import clip, plural


def star_counts(listing: Listing) -> tuple[dict[int, int], str]:
    """Ratings by star (1-5) and where they come from: the listing's rating distribution, else the reviews shown."""
    counts: Counter[int] = Counter()
    for stars, count in listing.rating_distribution.items():
        try:
            counts[round(float(stars))] += int(count)
        except (TypeError, ValueError):
            continue
    if sum(counts.values()):
        return dict(counts), "the listing's rating distribution"
    counts = Counter(round(r.rating) for r in listing.reviews if r.rating is not None)
    return dict(counts), "the reviews shown on the page"


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    counts, source = star_counts(ev.listing)
    total = sum(counts.values())
    low = sum(n for stars, n in counts.items() if stars <= th["low_stars"])
    stars_low = f"1-{th['low_stars']} stars" if th["low_stars"] > 1 else "1 star"
    if total < th["min_ratings"]:
        said = f" ({low} of them {stars_low})" if total else ""
        return Outcome.not_applicable(f"Only {plural(total, 'rating')}{said} in {source}; {th['min_ratings']} or more "
                                      "are needed before the spread of ratings says anything (REV301 reports the "
                                      "volume).")
    rate = low / total
    spread = " · ".join(f"{s}★ {counts.get(s, 0)}" for s in range(5, 0, -1))
    findings = [Finding(f"Ratings by star, from {source}", url=ev.listing.url, excerpt=spread)]
    findings += [Finding(f"{r.rating:g}-star review ({r.date or 'undated'})", url=ev.listing.url,
                         excerpt=clip(r.text) or None)
                 for r in ev.listing.reviews if r.rating is not None and r.rating <= th["low_stars"]]
    summary = (f"{low} of {plural(total, 'rating')} ({rate:.0%}) are {stars_low}, from {source} "
               f"({th['pass']:.0%} or less wanted, over {th['warn']:.0%} fails).")
    return Outcome.partial(banded(rate, th, lower_is_better=True), summary, findings)


CHECK = Check(
    id="REV306",
    category="reviews",
    title="Few ratings are one or two stars",
    failure_title="Many ratings are one or two stars",
    rationale=(
        "An average hides the shape: a 4.2 made of fives and ones tells buyers the integration works for some and "
        "breaks for others, and the one-star reviews are the ones they read first. Built for Shopify weighs the "
        "recent rating and Atlassian compares ratings with the category. Up to 10% of ratings at one or two stars "
        "passes, over 25% fails; with fewer than 5 ratings the spread is not judged."
    ),
    fix="Read the one- and two-star reviews, fix the failure they describe (often setup or sync), reply to each "
    "with what changed, and ask the affected customers to update their rating.",
    run=run,
    field="rating",
    weight=1.0,
    severity="medium",
    thresholds={"pass": 0.10, "warn": 0.25, "low_stars": 2, "min_ratings": 5},
    sources=("https://shopify.dev/docs/apps/launch/built-for-shopify/requirements",
             "https://developer.atlassian.com/platform/marketplace/knowledge-base/having-your-app-featured-in-staff-picked/"),
)
