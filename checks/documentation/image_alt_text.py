"""DOC106: images in the docs carry alt text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import docs_pages
from checks._score import share
from checks._text import plural


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    images = [(page, image) for page in docs_pages(ev) for image in page.images]
    if not images:
        return Outcome.not_applicable("The docs pages hold no images.")
    # alt="" marks a decorative image (valid HTML) unless thresholds say otherwise; a missing attribute never is
    lacking = [(p, i) for p, i in images if i.alt is None or (th["empty_alt_counts_as_missing"] and not i.alt.strip())]
    findings = [Finding("Image without alt text", url=page.url, excerpt=image.url) for page, image in lacking]
    pages = len({page.url for page, _ in lacking})
    summary = f"{len(lacking)} of {plural(len(images), 'docs image')} lack alt text"
    summary += f" (on {plural(pages, 'page')})." if lacking else "."
    return Outcome.partial(share(len(images) - len(lacking), len(images)), summary, findings)


CHECK = Check(
    id="DOC106",
    category="documentation",
    title="Docs images have alt text",
    failure_title="Docs images lack alt text",
    rationale=(
        "Screenshots in a setup guide carry instructions; without alt text, screen-reader users and anyone whose "
        "images fail to load lose those steps. Shopify and HubSpot require alt text on listing images, and the "
        "same reviewers read the docs. An empty alt=\"\" marks a decorative image and is accepted; a missing alt "
        "attribute is not."
    ),
    fix="Add an alt attribute to every docs image describing what it shows (\"Settings page with the API key "
    "field highlighted\"); use alt=\"\" only for purely decorative images.",
    run=run,
    needs=("docs", "setup"),
    weight=1.0,
    severity="low",
    thresholds={"empty_alt_counts_as_missing": False},
    sources=("https://shopify.dev/docs/apps/launch/shopify-app-store/best-practices",
             "https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/listing-your-app"),
)
