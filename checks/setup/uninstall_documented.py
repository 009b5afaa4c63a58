"""SET406: the docs say how to disconnect or uninstall and what happens to the data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.judge.check import Check, Outcome
from auditor.model import Evidence
from checks._docs import BROKEN_STATUSES, documented, no_docs


def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
    if not ev.docs:
        return no_docs(ev, th["broken_statuses"], "No docs pages were found, so uninstalling is not documented.")
    return documented(ev.docs, th["terms"], "uninstalling", th["text_only_score"])


CHECK = Check(
    id="SET406",
    category="setup",
    title="Uninstall and disconnect are documented",
    failure_title="Uninstall is not documented",
    rationale=(
        "HubSpot's certification requires the setup guide to explain how to disconnect and uninstall and what "
        "happens to the data, and Intercom's review video must show uninstall. Admins install more readily when "
        "they know they can cleanly back out."
    ),
    fix="Add an \"Uninstall\" section: how to disconnect, how to uninstall, and what happens to synced data "
    "and stored credentials afterwards.",
    run=run,
    kinds=("integration",), family="setup-guide", needs=("docs", "setup"),
    weight=1.0,
    severity="low",
    thresholds={
        "broken_statuses": BROKEN_STATUSES,
        "text_only_score": 0.6,
        "terms": ("uninstall", "uninstalling", "uninstallation", "disconnect", "disconnecting", "remove the app",
                  "removing the app", "remove the integration", "deactivate", "revoke access"),
    },
    sources=("https://developers.hubspot.com/docs/apps/developer-platform/list-apps/apply-for-certification/certification-requirements",
             "https://developers.intercom.com/docs/publish-to-the-app-store/review-publish-your-app/"),
)
