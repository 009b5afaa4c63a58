"""SET409: few reviews complain about installing, connecting or onboarding."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence
from checks._reviews import (
    COMPLAINT_THEMES,
    COMPLAINT_THRESHOLDS,
    complaint_finding,
    complaint_share,
    complaints,
    with_text,
)
from checks._score import banded


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    reviews = with_text(ev.listing.reviews)
    if not reviews:
        return Outcome.not_applicable("The listing shows no review texts to read.")
    found = complaints(reviews, {"setup": th["setup_terms"]}, th, {"setup": th["setup_patterns"]})["setup"]
    counted = complaint_share(reviews, [r for r, _ in found], ev.listing.rating_distribution, th)
    findings = [complaint_finding("Complains about setup", c, ev.listing.url) for c in found]
    summary = f"{counted.describe(' about installing, connecting or onboarding')} ({th['pass']:.0%} or less wanted)."
    return Outcome.partial(banded(counted.rate, th, lower_is_better=True), summary, findings)


CHECK = Check(
    id="SET409",
    category="setup",
    title="Few reviews complain about setup",
    failure_title="Reviews complain about setup",
    rationale=(
        "\"Took two weeks to set up\" in a review costs more installs than any missing screenshot: it tells buyers "
        "what their first week will look like. Slack asks onboarding to close the gap between installation and "
        "usage, and HubSpot's certification reviews the install flow. A setup complaint is a review rated 3 stars "
        "or lower, or below 5 stars with negative wording, that talks about installing, connecting or onboarding "
        "(or says setup took days or weeks); where the listing shows its rating distribution, the share among the "
        "reviews shown is weighted by it, as for REV305."
    ),
    fix="Read the setup complaints below, fix the step they stumble on (OAuth errors, manual tokens, missing "
    "prerequisites), add it to the setup guide's troubleshooting, and reply to each review saying what changed.",
    run=run,
    field="reviews", family="review-complaints",
    weight=2.0,
    severity="medium",
    thresholds={
        "pass": 0.1,
        "warn": 0.25,
        **COMPLAINT_THRESHOLDS,
        "setup_terms": (*COMPLAINT_THEMES["setup"], "installing", "connect", "connecting", "connection", "authorize",
                        "authorise", "get started", "setting up", "onboard"),
        "setup_patterns": (r"\b(?:took|takes|taking|spent|needed)\s+(?:(?:us|me|about|almost|over|nearly|more than|"
                           r"close to|a|an|one|two|three|four|five|several|a few|many|\d+)\s+)*"
                           r"(?:days?|weeks?|months?)\b",),
    },
    sources=("https://docs.slack.dev/slack-marketplace/slack-marketplace-app-guidelines-and-requirements",
             "https://developers.hubspot.com/docs/apps/developer-platform/list-apps/apply-for-certification/certification-requirements"),
)
