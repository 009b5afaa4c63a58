"""DOC108: every docs page has its own title."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import DocPage, Evidence, Finding
from checks._docs import docs_pages
from checks._score import share
from checks._text import plural


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    pages = docs_pages(ev)
    if len(pages) < th["min_pages"]:
        return Outcome.not_applicable(f"Fewer than {th['min_pages']} docs pages were crawled, so no title can repeat.")
    groups: dict[str, list[DocPage]] = defaultdict(list)
    for page in pages:
        groups[" ".join(page.title.lower().split())].append(page)
    untitled = groups.pop("", [])
    dupes = {title: group for title, group in groups.items() if len(group) > 1}
    findings = [Finding("Page has no title", url=p.url) for p in untitled]
    findings += [Finding(f"Title shared by {len(g)} pages: {', '.join(p.url for p in g)}", url=g[0].url,
                         excerpt=g[0].title) for g in dupes.values()]
    bad = len(untitled) + sum(len(g) for g in dupes.values())
    summary = (f"{bad} of {plural(len(pages), 'docs page')} lack a unique title "
               f"({plural(len(dupes), 'duplicated title')}, {len(untitled)} untitled).")
    return Outcome.partial(share(len(pages) - bad, len(pages)), summary, findings)


CHECK = Check(
    id="DOC108",
    category="documentation",
    title="Docs pages have unique titles",
    failure_title="Docs pages share or lack titles",
    rationale=(
        "Titles are what search results, browser tabs and support links show. When several pages are all called "
        "\"Documentation\", admins cannot tell the setup guide from the FAQ, and HubSpot's SEO crawler (which "
        "reviews listing URLs) flags duplicate titles."
    ),
    fix="Give each docs page a distinct, descriptive <title>, e.g. \"Install Acme for HubSpot\" and "
    "\"Acme for HubSpot: field mapping\".",
    run=run,
    needs=("docs", "setup"),
    weight=1.0,
    severity="low",
    thresholds={"min_pages": 2},
    sources=("https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/app-marketplace-listing-requirements",),
)
