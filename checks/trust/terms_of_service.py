"""TRU502: the vendor's terms of service are linked and reachable."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import BROKEN_STATUSES, follow
from checks._text import excerpt, join, terms_in


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    url = ev.listing.links.terms
    linked = follow(ev, url, "terms of service", th["broken_statuses"])
    if linked.stop:
        return linked.stop
    if linked.page is None:
        return Outcome.passed("The terms of service link resolves (the page was checked, not read).",
                              [Finding("Terms of service", url=url)])
    hits = terms_in(f"{linked.page.title} {linked.page.text}", th["terms_wording"])
    if len(hits) < th["min_terms_wording"]:
        summary = (f"The terms link leads to a page that does not read like terms of service "
                   f"({len(hits)} of {th['min_terms_wording']} legal terms found).")
        finding = Finding("Does not read like terms of service", url=linked.page.url, excerpt=linked.page.title or None)
        return Outcome.partial(th["not_terms_score"], summary, [finding])
    return Outcome.passed(f"The terms of service are reachable and read as such ({join(hits, 3)}).",
                          [Finding("Terms of service", url=linked.page.url,
                                   excerpt=excerpt(linked.page.text, hits[0]))])


CHECK = Check(
    id="TRU502",
    category="trust",
    title="Terms of service are linked and reachable",
    failure_title="Terms of service are missing or unreachable",
    rationale=(
        "HubSpot and Google Workspace require a live terms-of-service URL, Microsoft requires terms on the vendor's "
        "own domain over HTTPS with no login, and Atlassian needs End User Terms to transact. Procurement teams ask "
        "for them before any purchase; a link that leads to the homepage or a support page is rejected."
    ),
    fix="Publish terms of service on your own domain (e.g. /terms) and link them from the listing's terms field.",
    run=run,
    field="terms", needs=("terms",),
    weight=3.0,
    severity="high",
    thresholds={
        "broken_statuses": BROKEN_STATUSES,
        "min_terms_wording": 2,
        "not_terms_score": 0.5,
        "terms_wording": ("terms", "terms of service", "terms of use", "agreement", "liability", "warranty",
                          "warranties", "governing law", "termination", "indemnification", "license", "licence"),
    },
    sources=("https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/app-marketplace-listing-requirements",
             "https://developers.google.com/workspace/marketplace/create-listing",
             "https://github.com/MicrosoftDocs/msteams-docs/blob/main/msteams-platform/concepts/deploy-and-publish/appsource/prepare/teams-store-validation-guidelines.md"),
)
