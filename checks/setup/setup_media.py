"""SET408: the setup guide shows its steps with screenshots or a video."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import (
    BROKEN_STATUSES,
    SETUP_PAGE_TERMS,
    STEP_HEADING_TERMS,
    VIDEO_HOSTS,
    no_setup_guide,
    setup_guide,
    step_count,
)
from checks._text import on_hosts, plural


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    page = setup_guide(ev, th["setup_page_terms"])
    if page is None:
        return no_setup_guide(ev, th["broken_statuses"], "setup is not illustrated")
    videos = [u for u in page.links if on_hosts(u, th["video_hosts"])]
    if videos:
        return Outcome.passed("The setup guide links a walkthrough video.", [Finding("Setup video", url=videos[0])])
    steps = step_count(page, th["step_heading_terms"])
    wanted = max(1, math.ceil(steps / th["steps_per_image"]))
    images = len(page.images)
    summary = (f"The setup guide has {plural(images, 'image')} for {plural(steps, 'numbered step')} "
               f"({wanted} or more wanted).")
    findings = [Finding(f"{plural(images, 'image')}, {plural(steps, 'step')}", url=page.url)]
    return Outcome.partial(min(1.0, images / wanted), summary, findings)


CHECK = Check(
    id="SET408",
    category="setup",
    title="Setup guide is illustrated",
    failure_title="Setup guide has too few screenshots",
    rationale=(
        "HubSpot's certification requires screenshots of each install step, including the scope-approval screen; "
        "Slack's landing page must show how the app works with screenshots or GIFs. Admins follow a guide by "
        "matching what they see, so a screenshot every few steps prevents wrong clicks. A linked walkthrough "
        "video also passes."
    ),
    fix="Add a screenshot at least every 3 steps (always for the OAuth consent screen and the settings page), "
    "or link a short walkthrough video.",
    run=run,
    kinds=("integration",), family="setup-guide", needs=("setup", "docs"),
    weight=1.0,
    severity="low",
    thresholds={"setup_page_terms": SETUP_PAGE_TERMS, "step_heading_terms": STEP_HEADING_TERMS,
                "broken_statuses": BROKEN_STATUSES, "video_hosts": VIDEO_HOSTS, "steps_per_image": 3},
    sources=("https://developers.hubspot.com/docs/guides/apps/marketplace/create-an-app-listing-setup-guide",
             "https://docs.slack.dev/slack-marketplace/slack-marketplace-app-guidelines-and-requirements"),
)
