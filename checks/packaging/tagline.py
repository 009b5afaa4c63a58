"""PKG202: the listing has a tagline of a readable length."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence
from checks._listing import field_length


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    return field_length(ev.listing, "tagline", "tagline", th["min_chars"], th["max_chars"], th["short_score"])


CHECK = Check(
    id="PKG202",
    category="packaging",
    title="Tagline is present and 20-100 characters",
    failure_title="Tagline is missing or the wrong length",
    rationale=(
        "The tagline is what search results and app cards show under the name; it decides whether a buyer opens "
        "the listing. Shopify's app introduction allows 100 characters (Microsoft's SaaS summary 100, Atlassian's "
        "tagline 130); one under 20 characters rarely says what the integration does."
    ),
    fix="Write one benefit-led sentence of 20-100 characters saying what the integration does for the buyer, "
    "without statistics or keyword lists.",
    run=run,
    field="tagline", family="tagline-length",
    weight=2.0,
    severity="medium",
    thresholds={"min_chars": 20, "max_chars": 100, "short_score": 0.5},
    sources=("https://shopify.dev/docs/apps/launch/shopify-app-store/best-practices",
             "https://developer.atlassian.com/platform/marketplace/marketplace-app-listing-principles/"),
)
