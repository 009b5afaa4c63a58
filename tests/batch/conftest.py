"""LISTINGS files over the fixture marketplace, and a runner for `listing-audit batch`."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.fixture_server import FIXTURES_ROOT, FixtureServer

DRAFT = FIXTURES_ROOT.parent / "drafts" / "ledgerline" / "listing.toml"
STATIC = ("--no-browser", "--allow-host", "127.0.0.1", "--retries", "0")


def write_listings(folder: Path, server: FixtureServer, *, extra: list[str] | None = None) -> Path:
    """A CSV of real fixture listings: three stores, one per integration job, a delisted one, a draft and a bad row."""
    rows = [
        "target,name,marketplace,profile,owner,segment",
        f"{server.url}/stores/hubspot/listing/,Ledgerline for HubSpot,,table-stakes,crm-team,mid-market",
        f"{server.url}/stores/slack/listing/,Ledgerline for Slack,slack,workflow,collab-team,smb",
        f"{server.url}/stores/zapier/listing/,Ledgerline on Zapier,,distribution,growth,smb",
        f"{server.url}/weak/listing/,Legacy connector,,distribution,growth,smb",
        f"{server.url}/stores/shopify/gone/,Retired Shopify app,shopify,distribution,growth,smb",
        f"{DRAFT},Ledgerline draft,,workflow,crm-team,enterprise",
        f"{server.url}/strong/listing/,Strong,,nonsense-profile,,",
        *(extra or []),
    ]
    path = folder / "listings.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def listings(tmp_path: Path, server: FixtureServer) -> Path:
    """The LISTINGS file in a fresh folder."""
    return write_listings(tmp_path, server)
