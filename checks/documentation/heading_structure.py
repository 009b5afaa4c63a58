"""DOC109: each docs page has one h1 and headings that do not skip levels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import DocPage, Evidence, Finding
from checks._docs import docs_pages
from checks._score import share
from checks._text import plural


def problems(page: DocPage, th: Mapping[str, Any]) -> list[str]:
    """What is wrong with the page's outline, in words."""
    found = []
    h1 = sum(1 for h in page.headings if h.level == 1)
    if h1 != th["h1_count"]:
        found.append(f"{h1} h1 headings ({th['h1_count']} wanted)")
    levels = [h.level for h in page.headings]
    for before, after, heading in zip([1, *levels], levels, page.headings, strict=False):
        if after - before > th["max_level_step"]:
            found.append(f"h{before} jumps to h{after} at \"{heading.text}\"")
    return found


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    pages = docs_pages(ev)
    if not pages:
        return Outcome.not_applicable("No docs pages were crawled.")
    bad = {p.url: found for p in pages if (found := problems(p, th))}
    findings = [Finding("; ".join(found), url=url) for url, found in bad.items()]
    summary = f"{len(bad)} of {plural(len(pages), 'docs page')} have a broken heading outline."
    return Outcome.partial(share(len(pages) - len(bad), len(pages)), summary, findings)


CHECK = Check(
    id="DOC109",
    category="documentation",
    title="Docs pages have a clean heading outline",
    failure_title="Docs pages have a broken heading outline",
    rationale=(
        "Admins scan a setup guide by its headings, and screen readers and search engines navigate by them. A "
        "page with no h1 (or several), or one that jumps from h2 to h4, hides its structure and makes steps easy "
        "to miss."
    ),
    fix="Give each page exactly one h1 (its title) and nest sections in order (h2, then h3) without skipping levels.",
    run=run,
    needs=("docs", "setup"),
    weight=1.0,
    severity="low",
    thresholds={"h1_count": 1, "max_level_step": 1},
    sources=("https://www.w3.org/WAI/tutorials/page-structure/headings/",),
)
