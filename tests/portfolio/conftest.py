"""Real report.json dicts, audited once per session from the bundled fixtures (static fetch, loopback only),
and small builders for hand-edited rows."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from auditor.config import AuditSettings, CrawlSettings
from auditor.fixture_server import FIXTURES_ROOT, FixtureServer
from auditor.judge.check import CATEGORY_TITLES
from auditor.pipeline import audit_snapshot, gather_target
from auditor.portfolio.listings import ListingEntry
from auditor.portfolio.rows import FixItem, PortfolioRow
from auditor.report import json as json_report

DRAFT = FIXTURES_ROOT.parent / "drafts" / "ledgerline"
STATIC = CrawlSettings(use_browser=False, allow_hosts=frozenset({"127.0.0.1"}), budget=60)


@pytest.fixture(scope="session")
def real_reports(server: FixtureServer) -> dict[str, dict[str, Any]]:
    """report.json of the strong, weak, Shopify and delisted Shopify listings, the draft and its docs folder."""
    targets = {
        "strong": f"{server.url}/strong/listing/",
        "weak": f"{server.url}/weak/listing/",
        "shopify": f"{server.url}/stores/shopify/listing/",
        "gone": f"{server.url}/stores/shopify/gone/",
        "draft": str(DRAFT / "listing.toml"),
        "docs": str(DRAFT / "docs"),
    }
    reports = {}
    for name, target in targets.items():
        settings = AuditSettings(marketplace="shopify" if name == "gone" else "auto")
        report = audit_snapshot(gather_target(target, STATIC, marketplace=settings.marketplace), settings)
        reports[name] = json.loads(json_report.render(report))
    return reports


@pytest.fixture
def reports(real_reports: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A copy of the real reports that a test may edit."""
    return copy.deepcopy(real_reports)


def make_entry(target: str = "https://store.example/apps/a", line: int = 2, **fields: Any) -> ListingEntry:
    """A LISTINGS entry with defaults."""
    return ListingEntry(line=line, target=target, **fields)


def make_row(name: str = "A", **fields: Any) -> PortfolioRow:
    """A scored live listing row (needs-work, 70); any field can be given."""
    target = fields.pop("target", f"https://store.example/apps/{name.lower()}")
    entry = make_entry(target, name=name)
    values: dict[str, Any] = {
        "key": entry.key, "line": 2, "target": target, "name": name, "marketplace": "generic",
        "profile": "distribution", "owner": None, "segment": None, "score": 70.0, "verdict": "needs-work",
        "categories": dict.fromkeys(CATEGORY_TITLES, 70.0), "blockers": [],
        "top_fixes": [FixItem("PKG201", "Name too long", 4.0), FixItem("DOC101", "No setup guide", 3.0)],
        "review_count": 50, "recent_reviews": 10, "docs_age_days": 30, "report": None, "error": None, "attempts": 1,
        "seconds": 1.0,
    }
    return PortfolioRow(**{**values, **fields})

