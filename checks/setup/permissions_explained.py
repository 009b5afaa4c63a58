"""SET405: the docs explain which permissions the app asks for and what data it accesses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence
from checks._docs import (
    BROKEN_STATUSES,
    SETUP_PAGE_TERMS,
    documented,
    no_docs,
    setup_guide,
)


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    guide = setup_guide(ev, th["setup_page_terms"])
    pages = ([guide] if guide else []) + [d for d in ev.docs if d is not guide and d.kind == "docs"]
    if not pages:
        return no_docs(ev, th["broken_statuses"],
                       "No docs pages were found, so the permissions the app needs are not explained.")
    return documented(pages, th["terms"], "permissions and data access", th["text_only_score"])


CHECK = Check(
    id="SET405",
    category="setup",
    title="Permissions and data access are explained",
    failure_title="Permissions are not explained",
    rationale=(
        "The OAuth consent screen is where installs are abandoned: HubSpot's certification asks for a screenshot "
        "of the scope-approval screen in the setup guide and a shared-data table matching the scopes, Shopify "
        "requires justifying sensitive scopes, and HubSpot notes apps requesting only needed scopes convert better."
    ),
    fix="Add a \"Permissions\" section to the setup guide (or a page linked from it) listing each scope, why "
    "the app needs it, and which data is read or written.",
    run=run,
    kinds=("integration",), family="setup-guide", needs=("docs", "setup"),
    weight=2.0,
    severity="medium",
    thresholds={
        "setup_page_terms": SETUP_PAGE_TERMS,
        "broken_statuses": BROKEN_STATUSES,
        "text_only_score": 0.6,
        "terms": ("permissions", "permission", "scopes", "scope", "data we access", "data accessed", "access to your",
                  "shared data", "data access", "read access", "write access", "what data"),
    },
    sources=("https://developers.hubspot.com/docs/guides/apps/marketplace/create-an-app-listing-setup-guide",
             "https://shopify.dev/docs/apps/launch/shopify-app-store/app-store-requirements"),
)
