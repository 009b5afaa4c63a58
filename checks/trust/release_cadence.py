"""TRU509: the changelog shows a steady release cadence over the last year."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.formatting import days
from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import (
    BROKEN_STATUSES,
    CHANGELOG_PAGE_TERMS,
    changelog,
    no_changelog,
    release_dates,
)
from checks._score import banded
from checks._text import join, plural


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    page = changelog(ev, th["page_terms"])
    if page is None:
        return no_changelog(ev, th["broken_statuses"], "No changelog or release notes were found: no release history.")
    dated = release_dates(page, ev)
    if len(dated) < th["min_entries"]:
        return Outcome.failed(f"The changelog shows {plural(len(dated), 'dated entry', 'dated entries')}: no release "
                              f"history ({th['min_entries']} or more dated entries wanted).",
                              [Finding(f"{plural(len(dated), 'dated entry', 'dated entries')}", url=page.url,
                                       excerpt=", ".join(d for d, _ in dated) or None)])
    recent = [d for d, age in dated if age <= th["window_days"]]
    findings = [Finding(f"{plural(len(recent), 'release')} in the last {th['window_days']} days", url=page.url,
                        excerpt=join(recent, 6) or None)]
    if not recent:
        findings.append(Finding(f"Last dated entry: {dated[0][0]} ({days(dated[0][1])} ago)", url=page.url,
                                excerpt=dated[0][0]))
    summary = (f"The changelog dates {plural(len(recent), 'release')} in the last {th['window_days']} days "
               f"({th['pass']} or more wanted) and {len(dated)} in all.")
    return Outcome.partial(banded(len(recent), th), summary, findings)


CHECK = Check(
    id="TRU509",
    category="trust",
    title="Releases ship steadily (4 or more in the last year)",
    failure_title="Few or no releases in the last year",
    rationale=(
        "Atlassian's featuring looks for frequent releases and Microsoft ranks apps by the recency of updates; "
        "buyers and security reviewers read a steady cadence as an integration that keeps up with API changes of "
        "both products. Each distinct date on the changelog counts as one release; fewer than 2 dated entries in "
        "all is no release history. A page's own \"last updated\" line counts as an entry when it differs from "
        "every release date."
    ),
    fix="Date every release in the changelog, and ship (and write up) fixes and improvements at least quarterly; "
    "group small fixes into a dated maintenance release rather than shipping silently.",
    run=run,
    field="changelog", family="changelog", needs=("changelog", "docs"),
    weight=1.0,
    severity="low",
    thresholds={"pass": 4, "warn": 1, "window_days": 365, "min_entries": 2, "page_terms": CHANGELOG_PAGE_TERMS,
                "broken_statuses": BROKEN_STATUSES},
    sources=("https://developer.atlassian.com/platform/marketplace/knowledge-base/having-your-app-featured-in-staff-picked/",
             "https://github.com/MicrosoftDocs/msteams-docs/blob/main/msteams-platform/concepts/deploy-and-publish/appsource/post-publish/teams-store-ranking-parameters.md"),
)
