"""REV303: the latest review is recent, showing the integration is still in use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.formatting import days
from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._score import banded
from checks._text import clip, days_since, plural


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    dated = [(age, r) for r in ev.listing.reviews if (age := days_since(r.date, ev.today)) is not None]
    if not dated:
        return Outcome.not_applicable("The listing shows no dated reviews.")
    age, latest = min(dated, key=lambda pair: pair[0])
    age = max(0, age)
    finding = Finding(f"Latest review: {latest.date} ({days(age)} ago)", url=ev.listing.url,
                      excerpt=clip(latest.text) or None)
    return Outcome.partial(banded(age, th, lower_is_better=True),
                           f"The latest review is {plural(age, 'day')} old ({th['pass']} days or fewer wanted).",
                           [finding])


CHECK = Check(
    id="REV303",
    category="reviews",
    title="Latest review is recent",
    failure_title="No recent reviews",
    rationale=(
        "A listing whose newest review is many months old looks abandoned; Built for Shopify looks at the recent "
        "rating, and Microsoft ranks by engagement and recent updates. A steady trickle of reviews signals an "
        "active user base."
    ),
    fix="Ask for reviews continuously (an in-app prompt after a successful sync, a link in support replies) "
    "rather than in one campaign.",
    run=run,
    field="reviews",
    weight=1.0,
    severity="low",
    thresholds={"pass": 90, "warn": 180},
    sources=("https://shopify.dev/docs/apps/launch/built-for-shopify/requirements",
             "https://github.com/MicrosoftDocs/msteams-docs/blob/main/msteams-platform/concepts/deploy-and-publish/appsource/post-publish/teams-store-ranking-parameters.md"),
)
