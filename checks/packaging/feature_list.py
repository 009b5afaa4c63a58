"""PKG209: the listing has a feature list of 3-10 short, distinct features."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._listing import count_in_range
from checks._score import share
from checks._text import words


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    url = ev.listing.url
    features = [" ".join(f.split()) for f in ev.listing.features if f.strip()]
    if not features:
        return Outcome.failed("The listing has no feature list.", [Finding("No feature list", url=url)])
    count = len(features)
    long = [(i, f) for i, f in enumerate(features, 1) if len(f) > th["max_chars"]]
    seen: dict[tuple[str, ...], int] = {}
    dupes = []
    for i, feature in enumerate(features, 1):
        key = tuple(words(feature))
        if key in seen:
            dupes.append((i, seen[key], feature))
        else:
            seen[key] = i
    count_score, findings = count_in_range(count, "features", url, th)
    findings += [Finding(f"Feature {i} is {len(f)} characters (at most {th['max_chars']})", url=url, excerpt=f)
                 for i, f in long]
    findings += [Finding(f"Feature {i} repeats feature {first}", url=url, excerpt=f) for i, first, f in dupes]
    parts = [
        count_score,
        share(count - len(long), count),
        share(count - len(dupes), count),
    ]
    summary = (f"{count} features ({th['min_count']}-{th['max_count']} wanted): {len(long)} over "
               f"{th['max_chars']} characters, {len(dupes)} duplicated.")
    return Outcome.partial(sum(parts) / len(parts), summary, findings)


CHECK = Check(
    id="PKG209",
    category="packaging",
    title="Feature list has 3-10 short, distinct features",
    failure_title="Feature list is missing, too long or has long or repeated features",
    rationale=(
        "The feature list is what buyers scan to compare apps. Shopify caps each feature at 80 characters and asks "
        "for function, not mechanics; HubSpot lets a listing name up to 10 features. Fewer than 3 says little, more "
        "than 10 is cut, and a repeated feature wastes a slot. Count, length and distinctness each make up a third "
        "of the score."
    ),
    fix="List 3-10 features of at most 80 characters each, one capability per line (\"Create invoices from "
    "closed-won deals\"); move the detail (which fields, which plans) into the description.",
    run=run,
    field="features",
    weight=1.0,
    severity="low",
    thresholds={"min_count": 3, "max_count": 10, "max_chars": 80, "over_max_score": 0.5},
    sources=("https://shopify.dev/docs/apps/launch/shopify-app-store/best-practices",
             "https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/listing-your-app"),
)
