"""DOC101: the listing links a setup guide specific to the integration, not a homepage or docs root."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import (
    BROKEN_STATUSES,
    SETUP_PAGE_TERMS,
    STEP_HEADING_TERMS,
    doc_at,
    no_setup_guide,
    setup_guide,
    step_count,
)
from checks._text import excerpt, join, terms_in


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    page = setup_guide(ev, th["page_terms"])
    if page is None:
        return no_setup_guide(ev, th["broken_statuses"], "admins have no install steps to follow")
    path = urlparse(page.url).path.strip("/").lower()
    if path in th["root_paths"]:
        return Outcome.failed(f"The setup guide link leads to a site or docs root ({page.url}), not a page about this "
                              "integration.",
                              [Finding("Setup guide is a homepage or docs root", url=page.url,
                                       excerpt=page.title or None)])
    wording = terms_in(f"{page.title} {page.text}", th["install_terms"])
    steps = step_count(page, th["step_heading_terms"])
    # each criterion by its code, with the sentence a reader sees when it is not met
    criteria = {
        "not-linked": ("it is not linked from the listing as the setup guide (found by its title)",
                       page.role == "setup" or page is doc_at(ev, ev.listing.links.setup)),
        "no-install-wording": ("it never says install or connect", bool(wording)),
        "few-steps": (f"it has fewer than {th['min_steps']} ordered steps or step headings",
                      steps >= th["min_steps"]),
    }
    missing = {code: name for code, (name, ok) in criteria.items() if not ok}
    findings = [Finding(f"The setup guide falls short: {name}", url=page.url, code=code)
                for code, name in missing.items()]
    if wording:
        findings.append(Finding("Install wording", url=page.url, excerpt=excerpt(page.text, wording[0])))
    met = len(criteria) - len(missing)
    summary = (f"The setup guide {page.url} has {steps} steps and meets {met} of {len(criteria)} criteria"
               + (f"; {join(missing.values())}." if missing else "."))
    return Outcome.partial(met / len(criteria), summary, findings)


CHECK = Check(
    id="DOC101",
    category="documentation",
    title="A setup guide specific to the integration is linked",
    failure_title="No integration-specific setup guide",
    rationale=(
        "HubSpot requires public setup documentation specific to the integration, with install and configure "
        "steps, and rejects listings whose setup link points to a homepage or knowledge-base root; Atlassian "
        "checks that the app has documentation and Zendesk asks for installation instructions. Admins decide to "
        "install once they can see how much work it is."
    ),
    fix="Link the listing's setup field to one public page about this integration with numbered install and "
    "connect steps (e.g. /docs/hubspot/setup), not your homepage or help-centre root.",
    run=run,
    field="setup", kinds=("integration",), family="setup-guide", family_root=True, needs=("setup", "docs"),
    weight=3.0,
    severity="high",
    thresholds={
        "page_terms": SETUP_PAGE_TERMS,
        "step_heading_terms": STEP_HEADING_TERMS,
        "broken_statuses": BROKEN_STATUSES,
        "root_paths": ("", "docs", "documentation", "help", "support", "kb", "knowledge-base", "knowledgebase", "hc",
                       "hc/en-us", "help-center", "helpcenter", "wiki", "guides", "articles", "index.html", "en",
                       "en-us"),
        "install_terms": ("install", "installation", "connect", "set up", "setup", "authorize", "authorise",
                          "configure", "enable", "add the app", "sign in"),
        "min_steps": 3,
    },
    sources=("https://developers.hubspot.com/docs/guides/apps/marketplace/create-an-app-listing-setup-guide",
             "https://developers.hubspot.com/docs/apps/developer-platform/list-apps/listing-your-app/app-marketplace-listing-requirements"),
)
