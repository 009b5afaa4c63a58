"""DOC110: the changelog's newest entry is recent."""

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
from checks._score import band
from checks._text import clip, plural


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    page = changelog(ev, th["page_terms"])
    if page is None:
        return no_changelog(ev, th["broken_statuses"], "No changelog or release notes were found, so buyers cannot "
                                                       "tell whether the app is maintained.")
    dated = release_dates(page, ev)
    if not dated:
        return Outcome.failed(f"The changelog ({page.url}) dates none of its entries, so buyers cannot tell how recent "
                              "it is.",
                              [Finding("Changelog without dates", url=page.url, excerpt=clip(page.text) or None)])
    newest, age = dated[0]
    finding = Finding(f"Newest changelog entry: {newest} ({days(age)} ago)", url=page.url, excerpt=newest)
    score = band(age, th["pass_days"], th["warn_days"], lower_is_better=True)
    return Outcome.partial(score, f"The newest changelog entry is {plural(age, 'day')} old "
                                  f"({newest}; {th['pass_days']} days or "
                                  f"fewer wanted, over {th['warn_days']} fails).", [finding])


CHECK = Check(
    id="DOC110",
    category="documentation",
    title="Changelog shows a release in the last six months",
    failure_title="Changelog is missing or stale",
    rationale=(
        "Shopify recommends linking a changelog from the listing, Atlassian indexes release notes in Marketplace "
        "search, and Microsoft ranks apps partly by how recently they were updated. A changelog whose newest entry "
        "is more than six months old (or no changelog at all) reads as an unmaintained integration; over a year "
        "fails. Dates in the future (planned releases) are not counted."
    ),
    fix="Publish a changelog or release-notes page, link it from the listing, and add a dated entry for every "
    "release (\"Version 3.8.2 - Released November 18, 2026\"), including fixes and API-version updates.",
    run=run,
    field="changelog", family="changelog", family_root=True, needs=("changelog", "docs"),
    weight=2.0,
    severity="medium",
    thresholds={"pass_days": 180, "warn_days": 365, "page_terms": CHANGELOG_PAGE_TERMS,
                "broken_statuses": BROKEN_STATUSES},
    sources=("https://shopify.dev/docs/apps/launch/shopify-app-store/best-practices",
             "https://developer.atlassian.com/platform/marketplace/listing-and-managing-apps",
             "https://github.com/MicrosoftDocs/msteams-docs/blob/main/msteams-platform/concepts/deploy-and-publish/appsource/post-publish/teams-store-ranking-parameters.md"),
)
