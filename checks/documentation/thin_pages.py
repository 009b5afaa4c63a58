"""DOC107: docs pages have enough content to answer a question."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import docs_pages
from checks._score import share
from checks._text import plural


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    pages = docs_pages(ev)
    if not pages:
        return Outcome.not_applicable("No docs pages were crawled.")
    thin = [p for p in pages if p.word_count < th["min_words"]]
    findings = [Finding(f"Only {p.word_count} words", url=p.url, excerpt=p.title or None) for p in thin]
    summary = f"{len(thin)} of {plural(len(pages), 'docs page')} have fewer than {th['min_words']} words."
    return Outcome.partial(share(len(pages) - len(thin), len(pages)), summary, findings)


CHECK = Check(
    id="DOC107",
    category="documentation",
    title="Docs pages have substance",
    failure_title="Thin docs pages",
    rationale=(
        "A page of a few lines (\"Coming soon\", a single screenshot, a link list) sends an admin away with no "
        "answer. HubSpot rejects setup docs that do not contain real install and configure steps, and Shopify asks "
        "for links to dedicated pages rather than promotional landing pages."
    ),
    fix="Expand or merge the thin pages listed below: each page should answer one question completely, with "
    "context, steps and expected results.",
    run=run,
    needs=("docs", "setup"),
    weight=1.0,
    severity="low",
    thresholds={"min_words": 150},
    sources=("https://shopify.dev/docs/apps/launch/shopify-app-store/best-practices",),
)
