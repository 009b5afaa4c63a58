"""PKG211: the listing sits in one or two categories."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._score import WARN_SCORE
from checks._text import join, plural


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    categories = list({c.strip().lower(): c.strip() for c in ev.listing.categories if c.strip()}.values())
    count = len(categories)
    wanted = f"{th['min']}-{th['max']} wanted"
    if count < th["min"]:
        return Outcome.failed(f"The listing names no category ({wanted}).",
                              [Finding("No category", url=ev.listing.url)])
    evidence = [Finding(f"{plural(count, 'category', 'categories')}", url=ev.listing.url, excerpt=join(categories, 10))]
    summary = f"The listing is in {plural(count, 'category', 'categories')} ({wanted}): {join(categories)}."
    if count <= th["max"]:
        return Outcome.passed(summary, evidence)
    return Outcome.partial(WARN_SCORE if count <= th["warn_max"] else 0.0, summary, evidence)


CHECK = Check(
    id="PKG211",
    category="packaging",
    title="Listed in one or two categories",
    failure_title="No category, or too many categories",
    rationale=(
        "Buyers browse by category and stores rank within it. HubSpot allows up to 2 categories, Google Workspace "
        "1 and Microsoft 1-2; spreading a listing over more dilutes its relevance in each and reads as keyword "
        "manipulation. Three warns, more fails."
    ),
    fix="Keep the one or two categories that match the integration's core job (e.g. Accounting and Sales for an "
    "invoicing sync) and drop the rest; use search terms for the other angles.",
    run=run,
    field="categories",
    weight=1.0,
    severity="low",
    thresholds={"min": 1, "max": 2, "warn_max": 3},
    sources=("https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/listing-your-app",
             "https://developers.google.com/workspace/marketplace/create-listing"),
)
