"""DOC103: docs read at a plain-English level, stricter for the setup guide than for reference pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import SETUP_PAGE_TERMS, docs_pages, setup_guide
from checks._score import band
from checks._text import plural


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    guide = setup_guide(ev, th["setup_page_terms"])
    pages = [d for d in docs_pages(ev) if d.reading_grade is not None and d.word_count >= th["min_words"]]
    if not pages:
        return Outcome.not_applicable(f"No docs page has the {th['min_words']} words needed to measure readability.")
    total = weighted = 0.0
    findings = []
    for page in pages:
        kind = "setup" if page is guide else "reference"
        limits = th[kind]
        assert page.reading_grade is not None  # pages without a grade are left out above
        score = band(page.reading_grade, limits["grade_pass"], limits["grade_warn"], lower_is_better=True)
        if page.reading_ease is not None:
            score = min(score, band(page.reading_ease, limits["ease_pass"], limits["ease_warn"]))
        weight = th["setup_weight"] if kind == "setup" else 1.0
        total, weighted = total + weight, weighted + weight * score
        if score < 1.0:
            ease = "unknown" if page.reading_ease is None else f"{page.reading_ease:.0f}"
            findings.append(Finding(
                f"Hard to read for a {kind} page: grade {page.reading_grade:.1f} (≤ {limits['grade_pass']} wanted), "
                f"reading ease {ease} (≥ {limits['ease_pass']} wanted)", url=page.url, excerpt=page.title or None))
    summary = f"{len(findings)} of {plural(len(pages), 'docs page')} read above the target level"
    if guide in pages:
        summary += f"; the setup guide reads at grade {guide.reading_grade:.1f}"
    return Outcome.partial(weighted / total, summary + ".", findings)


CHECK = Check(
    id="DOC103",
    category="documentation",
    title="Docs are written in plain language",
    failure_title="Docs are hard to read",
    rationale=(
        "The people who install integrations are often admins, not developers, working through the guide while "
        "switching between two products. Microsoft notes most users read only 300-500 words; dense text makes "
        "them stop and file a ticket. Scores use the Flesch-Kincaid grade and Flesch reading ease computed by "
        "textstat; the setup guide is held to a stricter level than reference pages and counts double."
    ),
    fix="Shorten sentences (one instruction per sentence), swap jargon for everyday words, and split long "
    "paragraphs into numbered steps, especially in the setup guide.",
    run=run,
    needs=("docs", "setup"),
    weight=1.0,
    severity="low",
    thresholds={
        "setup_page_terms": SETUP_PAGE_TERMS,
        "min_words": 100,
        "setup_weight": 2.0,
        "setup": {"grade_pass": 10, "grade_warn": 13, "ease_pass": 50, "ease_warn": 30},
        "reference": {"grade_pass": 12, "grade_warn": 15, "ease_pass": 40, "ease_warn": 20},
    },
    sources=("https://github.com/MicrosoftDocs/msteams-docs/blob/main/msteams-platform/concepts/deploy-and-publish/appsource/prepare/submission-checklist.md",),
)
