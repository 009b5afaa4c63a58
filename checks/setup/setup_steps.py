"""SET403: the setup guide breaks installation into a followable number of ordered steps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import (
    BROKEN_STATUSES,
    SETUP_PAGE_TERMS,
    STEP_HEADING_TERMS,
    no_setup_guide,
    setup_guide,
    step_count,
)
from checks._score import WARN_SCORE


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    page = setup_guide(ev, th["setup_page_terms"])
    if page is None:
        return no_setup_guide(ev, th["broken_statuses"], "there are no setup steps to count")
    steps = step_count(page, th["step_heading_terms"])
    evidence = [Finding(f"{steps} ordered steps", url=page.url, excerpt=page.steps[0] if page.steps else None)]
    if steps == 0:
        return Outcome.failed("The setup guide has no numbered steps.", evidence)
    if steps < th["min_steps"]:
        return Outcome.partial(WARN_SCORE,
                               f"The setup guide has only {steps} steps ({th['min_steps']}-{th['max_steps']} "
                               "expected): install and configuration are likely skipped.", evidence)
    if steps > th["max_steps"]:
        return Outcome.partial(WARN_SCORE,
                               f"The setup guide is long: {steps} steps (at most {th['max_steps']} wanted).", evidence)
    return Outcome.passed(f"The setup guide has {steps} ordered steps.", evidence)


CHECK = Check(
    id="SET403",
    category="setup",
    title="Setup takes a followable number of steps",
    failure_title="Setup steps are missing or too many",
    rationale=(
        "HubSpot requires install and configure steps, and Shopify and Slack review the install flow for friction; "
        "every extra step loses admins mid-setup. Numbered steps (an ordered list, or \"Step 1\" headings) show "
        "the path at a glance; between 3 and 12 is a setup an admin finishes in one sitting."
    ),
    fix="Write setup as a numbered list of 3-12 steps, one action each; if there are more, automate or default "
    "some of them, or split optional configuration into its own page.",
    run=run,
    kinds=("integration",), family="setup-guide", needs=("setup", "docs"),
    weight=2.0,
    severity="medium",
    thresholds={"setup_page_terms": SETUP_PAGE_TERMS, "step_heading_terms": STEP_HEADING_TERMS,
                "broken_statuses": BROKEN_STATUSES, "min_steps": 3, "max_steps": 12},
    sources=("https://developers.hubspot.com/docs/guides/apps/marketplace/create-an-app-listing-setup-guide",),
)
