"""REV307: reviews keep arriving: several of those shown were posted in the last 90 days."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.formatting import days
from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._score import banded
from checks._text import clip, days_since, plural


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    shown = ev.listing.reviews
    dated = sorted(((max(0, age), r) for r in shown if (age := days_since(r.date, ev.today)) is not None),
                   key=lambda pair: pair[0])
    if not dated:
        return Outcome.not_applicable("None of the reviews shown on the page is dated, so their pace is unknown.")
    recent = [(age, r) for age, r in dated if age <= th["window_days"]]
    findings = [Finding(f"Posted {r.date} ({days(age)} ago), {r.rating:g} stars" if r.rating is not None else
                        f"Posted {r.date} ({days(age)} ago)", url=ev.listing.url, excerpt=clip(r.text) or None)
                for age, r in recent]
    if not recent:
        age, latest = dated[0]
        findings.append(Finding(f"Latest review shown: {latest.date} ({days(age)} ago)", url=ev.listing.url,
                                excerpt=clip(latest.text) or None))
    total = f" (the listing counts {ev.listing.review_count} in all)" if ev.listing.review_count else ""
    sort = ev.profile.limit("reviews", "sort")
    if sort not in (None, "newest"):
        # a few reviews picked by relevance: a recent one among them shows reviews still arrive; none at all
        # among them is the only sign of a slow pace such a sample gives
        said = (f"{len(recent)} of the {plural(len(dated), 'review')} {ev.profile.name} shows (sorted by {sort}) "
                f"were posted in the last {th['window_days']} days{total}")
        if recent:
            return Outcome.passed(f"{said}: reviews are still arriving.", findings)
        return Outcome.partial(banded(0, th), f"{said}: none of the sample is recent.", findings)
    summary = (f"{len(recent)} of the {plural(len(dated), 'dated review')} shown on the page were posted in the last "
               f"{th['window_days']} days ({th['pass']} or more wanted). Only the reviews shown on the page are "
               f"counted{total}.")
    return Outcome.partial(banded(len(recent), th), summary, findings)


CHECK = Check(
    id="REV307",
    category="reviews",
    title="Reviews keep arriving (3 or more in the last 90 days)",
    failure_title="Few or no recent reviews",
    rationale=(
        "A steady flow of reviews shows buyers that people are installing the integration now, and keeps the rating "
        "current; Built for Shopify looks at the recent rating and Microsoft ranks by engagement and recent "
        "activity. REV303 looks at the newest review; this check counts how many arrived in the last 90 days. Only "
        "the reviews the listing page shows are counted; where the store shows a few reviews picked by relevance "
        "(Shopify), a recent one among them passes and none of them recent warns."
    ),
    fix="Ask for reviews continuously: an in-app prompt after the first successful sync, a link in support "
    "replies when a ticket is solved, and a line in the onboarding email.",
    run=run,
    field="reviews",
    weight=1.0,
    severity="low",
    thresholds={"pass": 3, "warn": 1, "window_days": 90},
    sources=("https://shopify.dev/docs/apps/launch/built-for-shopify/requirements",
             "https://github.com/MicrosoftDocs/msteams-docs/blob/main/msteams-platform/concepts/deploy-and-publish/appsource/post-publish/teams-store-ranking-parameters.md"),
)
