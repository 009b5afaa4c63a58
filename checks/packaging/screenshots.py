"""PKG204: enough screenshots, at store size and shape, each with alt text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding, Image
from checks._listing import count_in_range
from checks._score import share


def size_problem(image: Image, th: Mapping[str, Any]) -> str | None:
    """Why the image is the wrong size or shape; None when fine or unknown."""
    if not image.width or not image.height:
        return None
    ratio = image.width / image.height
    if image.width < th["min_width"]:
        return f"{image.width}×{image.height} is narrower than {th['min_width']} px"
    if not th["min_aspect"] <= ratio <= th["max_aspect"]:
        return f"{image.width}×{image.height} is not 16:9 or 16:10 (ratio {ratio:.2f})"
    return None


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    shots = ev.listing.screenshots
    if not shots:
        return Outcome.failed("The listing has no screenshots.", [Finding("No screenshots", url=ev.listing.url)])
    sized = [s for s in shots if s.width and s.height]
    wrong = {s.url: why for s in sized if (why := size_problem(s, th))}
    no_alt = [s for s in shots if not (s.alt or "").strip()]
    count_score, findings = count_in_range(len(shots), "screenshots", ev.listing.url, th)
    findings += [Finding(f"Wrong size: {why}", url=url) for url, why in wrong.items()]
    findings += [Finding("Screenshot without alt text", url=s.url) for s in no_alt]
    parts = [
        count_score,
        share(len(sized) - len(wrong), len(sized)),
        share(len(shots) - len(no_alt), len(shots)),
    ]
    unknown = f", {len(shots) - len(sized)} of unknown size" if len(sized) < len(shots) else ""
    summary = (f"{len(shots)} screenshots ({th['min_count']}-{th['max_count']} wanted): {len(wrong)} the wrong size or "
               f"shape{unknown}, {len(no_alt)} without alt text.")
    return Outcome.partial(sum(parts) / len(parts), summary, findings)


CHECK = Check(
    id="PKG204",
    category="packaging",
    title="Screenshots are sufficient, full-size and described",
    failure_title="Screenshots are missing, too few, too small or undescribed",
    rationale=(
        "Screenshots are how buyers see the integration before installing; Atlassian notes listings that show the "
        "product in action stand out. Shopify wants 3-6 desktop screenshots at 1600×900 (16:9) with alt text, "
        "Slack 1600×1000 (16:10), Microsoft and Google at least 1280 wide, HubSpot up to 8, each with alt text. "
        "Count, size/shape and alt text each make up a third of the score; images of unknown size are not judged."
    ),
    fix="Upload at least 3 screenshots (at most 8) of the integration in use, each at least 1280 px wide in "
    "16:9 or 16:10 (e.g. 1600×900), cropped of browser chrome, each with alt text describing it.",
    run=run,
    field="screenshots", family="screenshots",
    weight=3.0,
    severity="high",
    thresholds={"min_count": 3, "max_count": 8, "over_max_score": 0.5, "min_width": 1280,
                "min_aspect": 1.55, "max_aspect": 1.8},
    sources=("https://shopify.dev/docs/apps/launch/shopify-app-store/best-practices",
             "https://docs.slack.dev/slack-marketplace/slack-marketplace-app-guidelines-and-requirements",
             "https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/listing-your-app",
             "https://developers.google.com/workspace/marketplace/create-listing"),
)
