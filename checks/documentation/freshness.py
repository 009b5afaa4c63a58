"""DOC104: the docs say when they were last updated, and it was recently."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.formatting import days
from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import docs_pages
from checks._score import WARN_SCORE, band
from checks._text import days_since


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    pages = docs_pages(ev)
    if not pages:
        return Outcome.not_applicable("No docs pages were crawled, so their age is unknown.")
    dated = [(max(0, age), p) for p in pages if (age := days_since(p.updated, ev.today)) is not None]
    if not dated:
        return Outcome.partial(WARN_SCORE, f"None of the {len(pages)} docs pages states when it was last updated.",
                               [Finding("No page states when it was last updated")])
    age, page = min(dated, key=lambda pair: pair[0])
    stale = [(a, p) for a, p in dated if a > th["warn_days"]]
    findings = [Finding(f"Most recently updated page: {days(age)} ago", url=page.url, excerpt=page.updated,
                        code="newest")]
    findings += [Finding(f"Not updated for {a} days", url=p.url, excerpt=p.updated, code="stale") for a, p in stale]
    score = band(age, th["pass_days"], th["warn_days"], lower_is_better=True)
    return Outcome.partial(score, f"The most recent docs update was {days(age)} ago ({len(dated)} of {len(pages)} "
                                  f"pages dated, {len(stale)} older than {th['warn_days']} days).", findings)


CHECK = Check(
    id="DOC104",
    category="documentation",
    title="Docs were updated within the last year",
    failure_title="Docs look stale",
    rationale=(
        "Microsoft ranks Teams apps partly by recent updates and Atlassian indexes release notes in search; an "
        "admin who sees docs last touched years ago assumes the integration is unmaintained. A page that states "
        "no date at all leaves the reader guessing, which is scored as a warning."
    ),
    fix="Show a \"Last updated\" date on every docs page (or in its metadata) and review the setup guide at "
    "least once a year, after each UI change of either product.",
    run=run,
    needs=("docs", "setup"),
    weight=1.0,
    severity="low",
    thresholds={"pass_days": 365, "warn_days": 730},
    sources=("https://github.com/MicrosoftDocs/msteams-docs/blob/main/msteams-platform/concepts/deploy-and-publish/appsource/post-publish/teams-store-ranking-parameters.md",
             "https://developer.atlassian.com/platform/marketplace/listing-and-managing-apps"),
)
