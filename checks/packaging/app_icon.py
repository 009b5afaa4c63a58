"""PKG210: the listing shows an app icon (square and large enough, when its size is known)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding, Image
from checks._docs import BROKEN_STATUSES, link_state


def icon_size(icon: Image, th: Mapping[str, Any]) -> tuple[tuple[int, int], str] | None:
    """The icon's width and height as the listing declares them, else as its file name states them
    ("icon-800x800.png"). Images on the vendor's docs are not used: a 24 px header logo says nothing about the icon."""
    if icon.width and icon.height:
        return (icon.width, icon.height), "as the listing declares it"
    match = re.search(th["size_in_name_pattern"], urlparse(icon.url).path)
    return ((int(match.group(1)), int(match.group(2))), "from its file name") if match else None


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    icon = ev.listing.icon
    url = icon.url if icon else None
    if not icon or not url:
        return Outcome.failed("The listing shows no app icon.", [Finding("No app icon", url=ev.listing.url)])
    if link_state(ev, url, th["broken_statuses"]) == "broken":
        return Outcome.failed("The app icon's image is broken.", [Finding("Broken app icon", url=url)])
    sized = icon_size(icon, th)
    if sized is None:
        return Outcome.passed("The listing shows an app icon; the listing gives its pixel size nowhere, so only its "
                              "presence is judged.", [Finding("App icon (size unknown)", url=url)])
    (width, height), source = sized
    problems = []
    if min(width, height) < th["min_px"]:
        problems.append(f"smaller than {th['min_px']}×{th['min_px']} px")
    if abs(width / height - 1) > th["square_tolerance"]:
        problems.append("not square")
    evidence = [Finding(f"App icon {width}×{height} px ({source})" + (f": {', '.join(problems)}" if problems else ""),
                        url=url, excerpt=f"{width}×{height}")]
    if problems:
        return Outcome.partial(th["wrong_size_score"],
                               f"The app icon is {width}×{height} px: {' and '.join(problems)}.", evidence)
    return Outcome.passed(f"The listing shows a square app icon of {width}×{height} px.", evidence)


CHECK = Check(
    id="PKG210",
    category="packaging",
    title="App icon is present",
    failure_title="App icon is missing, broken or the wrong size",
    rationale=(
        "The icon identifies the app in search results, category pages and the host product once installed; every "
        "store requires one. Sizes differ (HubSpot 800×800, Shopify 1200×1200, Slack 512-2000, Google Workspace "
        "128×128, Microsoft 192×192), so a square icon of at least 512 px is accepted where its size is known (the "
        "size the listing declares for it, else a size in its file name, e.g. icon-800x800.png); when neither "
        "states it, only presence is judged."
    ),
    fix="Upload a square PNG icon of at least 800×800 px (1200×1200 for Shopify) that fills the space, with no "
    "text or wordmark, and use the same icon in every store.",
    run=run,
    field="icon",
    weight=1.0,
    severity="medium",
    thresholds={"min_px": 512, "square_tolerance": 0.02, "wrong_size_score": 0.5, "broken_statuses": BROKEN_STATUSES,
                "size_in_name_pattern": r"(?<!\d)([1-9]\d{1,3})[x×]([1-9]\d{1,3})(?!\d)"},
    sources=("https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/listing-your-app",
             "https://shopify.dev/docs/apps/launch/shopify-app-store/best-practices",
             "https://docs.slack.dev/slack-marketplace/slack-marketplace-app-guidelines-and-requirements"),
)
