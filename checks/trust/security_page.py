"""TRU504: a security page names concrete controls (certifications, encryption, testing)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence, Finding
from checks._docs import BROKEN_STATUSES, find_page, follow
from checks._text import excerpt, join, terms_in


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    url = ev.listing.links.security
    linked = follow(ev, url, "security page", th["broken_statuses"])
    if linked.state == "broken" and linked.stop is not None:
        return linked.stop
    page = linked.page or find_page(ev, "security", th["page_terms"])
    if page is None:
        if linked.state == "missing":
            return Outcome.failed("No security or trust page was found.",
                                  [Finding("No security page", url=ev.listing.url)])
        return linked.stop or Outcome.unverified(f"The security page {url} was checked but not read, so its controls "
                                                 "are unverified.")
    named = {control: hits[0] for control, terms in th["controls"].items()
             if (hits := terms_in(page.text, terms, page.term_index))}
    missing = [c for c in th["controls"] if c not in named]
    findings = [Finding(f"Names {control}", url=page.url, excerpt=excerpt(page.text, term))
                for control, term in named.items()]
    summary = (f"The security page names {len(named)} of {len(th['controls'])} controls"
               + (f": {join(named)}." if named else "."))
    if missing:
        summary = summary[:-1] + f"; not named: {join(missing)}."
    return Outcome.partial(len(named) / th["controls_for_full_score"], summary, findings)


CHECK = Check(
    id="TRU504",
    category="trust",
    title="Security page names concrete controls",
    failure_title="No security page with concrete controls",
    rationale=(
        "IT and procurement approve integrations that touch customer data only after a security review. Atlassian "
        "features apps with a completed Privacy & Security tab and requires encryption at rest and TLS 1.2+, "
        "Microsoft asks for publisher attestation and Salesforce runs a security review. Named controls (SOC 2, "
        "ISO 27001, GDPR, encryption, penetration tests) answer the questionnaire before it is sent; "
        "4 of them earn full marks."
    ),
    fix="Publish a security or trust page linked from the listing naming your certifications (SOC 2, ISO 27001), "
    "GDPR position and DPA, encryption in transit and at rest, penetration testing and access controls.",
    run=run,
    field="security", needs=("security",),
    weight=2.0,
    severity="medium",
    thresholds={
        "broken_statuses": BROKEN_STATUSES,
        "page_terms": ("security", "trust", "trust center", "compliance"),
        "controls_for_full_score": 4,
        "controls": {
            "SOC 2": ("soc 2", "soc2", "soc ii", "soc 2 type ii", "soc 2 type 2"),
            "ISO 27001": ("iso 27001", "iso/iec 27001", "iso27001"),
            "GDPR": ("gdpr", "general data protection regulation"),
            "encryption": ("encryption", "encrypted", "encrypt", "aes-256", "tls"),
            "penetration testing": ("penetration test", "penetration tests", "penetration testing", "pen test",
                                    "pentest", "pen-test"),
            "access control": ("single sign-on", "sso", "two-factor", "2fa", "mfa", "multi-factor",
                               "role-based access"),
            "data processing agreement": ("data processing agreement", "dpa", "sub-processors", "subprocessors"),
        },
    },
    sources=("https://developer.atlassian.com/platform/marketplace/security-requirements/",
             "https://developer.atlassian.com/platform/marketplace/knowledge-base/having-your-app-featured-in-staff-picked/"),
)
