"""PKG205: the listing has a demo video (one video, not a playlist or channel)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._listing import feature_image


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    url = ev.listing.video
    image = feature_image(ev.listing)
    if not url and image is not None and ev.profile.limit("video", "image_alternative"):
        return Outcome.passed(f"The listing shows a feature image, which {ev.profile.name} accepts instead of a "
                              "video.", [Finding("Feature image", url=image.url, excerpt=image.alt)])
    if not url:
        return Outcome.failed("The listing has no demo video.", [Finding("No demo video", url=ev.listing.url)])
    host = (urlparse(url).hostname or "").removeprefix("www.")
    evidence = [Finding("Demo video", url=url)]
    if any(marker in url for marker in th["not_a_video_markers"]):
        return Outcome.partial(th["imperfect_score"], "The video link points to a playlist or channel, not one video.",
                               evidence)
    return Outcome.passed(f"The listing has a demo video on {host or url}.", evidence)


CHECK = Check(
    id="PKG205",
    category="packaging",
    title="Listing has a demo video",
    failure_title="No demo video",
    rationale=(
        "Microsoft calls video \"the most effective way\" to show an app and places it before the screenshots; "
        "Slack strongly recommends a 30-90 s YouTube video; HubSpot requires one for certification and Shopify "
        "recommends a 2-3 minute feature video or accepts a feature image instead (where the store accepts one, a "
        "promotional image passes). Slack rejects playlist or channel links."
    ),
    fix="Add a 30-90 second video (a public YouTube or Vimeo link to a single video) showing install and the "
    "integration at work.",
    run=run,
    field="video",
    weight=2.0,
    severity="medium",
    thresholds={"not_a_video_markers": ("list=", "/playlist", "/channel/", "/c/", "/user/", "/@"),
                "imperfect_score": 0.75},
    sources=("https://docs.slack.dev/slack-marketplace/slack-marketplace-app-guidelines-and-requirements",
             "https://developers.hubspot.com/docs/apps/developer-platform/list-apps/apply-for-certification/certification-requirements",
             "https://shopify.dev/docs/apps/launch/shopify-app-store/best-practices"),
)
