"""What every store adapter's tests share: one audit day, the local base URL, and fixture pages with their
`{{date:-N}}` tokens filled in for that day."""

from __future__ import annotations

from datetime import date, timedelta

from auditor.fixture_server import FIXTURES_ROOT, fill_dates

TODAY = date(2026, 11, 27)
LOCAL = "http://127.0.0.1:8000"


def fixture_page(path: str) -> str:
    """A page under fixtures/sites, dated as of TODAY."""
    return fill_dates((FIXTURES_ROOT / path).read_text(encoding="utf-8"), TODAY)


def store_page(store: str, name: str = "listing") -> str:
    """A store fixture's page: its listing, its delisted page ("gone") or its vendor's."""
    return fixture_page(f"stores/{store}/{name}/index.html")


def ago(days: int) -> str:
    """The ISO date `days` before TODAY."""
    return (TODAY - timedelta(days=days)).isoformat()
