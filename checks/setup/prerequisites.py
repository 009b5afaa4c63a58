"""SET404: the setup guide says what the admin needs before starting."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence
from checks._docs import (
    BROKEN_STATUSES,
    SETUP_PAGE_TERMS,
    documented,
    no_setup_guide,
    setup_guide,
)


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    page = setup_guide(ev, th["setup_page_terms"])
    if page is None:
        return no_setup_guide(ev, th["broken_statuses"], "no prerequisites are stated")
    return documented([page], th["terms"], "prerequisites", th["text_only_score"])


CHECK = Check(
    id="SET404",
    category="setup",
    title="Setup guide states prerequisites",
    failure_title="Setup guide does not state prerequisites",
    rationale=(
        "Admins abandon setup half-way when they discover they need a paid plan, admin rights or an API key they "
        "do not have. Shopify and Microsoft ask listings to declare requirements and account dependencies; a "
        "\"Before you begin\" section settles it up front."
    ),
    fix="Open the setup guide with a \"Before you begin\" section listing required plans, roles or permissions, "
    "accounts and anything to prepare.",
    run=run,
    kinds=("integration",), family="setup-guide", needs=("setup", "docs"),
    weight=1.0,
    severity="low",
    thresholds={
        "setup_page_terms": SETUP_PAGE_TERMS,
        "broken_statuses": BROKEN_STATUSES,
        "text_only_score": 0.75,
        "terms": ("before you begin", "before you start", "before getting started", "prerequisites", "prerequisite",
                  "requirements", "what you need", "what you'll need", "you need", "you will need", "you'll need"),
    },
    sources=("https://shopify.dev/docs/apps/launch/shopify-app-store/app-store-requirements",
             "https://github.com/MicrosoftDocs/msteams-docs/blob/main/msteams-platform/concepts/deploy-and-publish/appsource/prepare/teams-store-validation-guidelines.md"),
)
