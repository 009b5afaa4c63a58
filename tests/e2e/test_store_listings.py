"""Each store's fixture listing through the real CLI: the store is detected, its rule pack runs, delisted is exit 3."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from auditor.extract.stores import adapters
from auditor.fixture_server import FIXTURES_ROOT
from tests.conftest import LOOPBACK, run_cli
from tests.report.soup import one

STORES = sorted(p.name for p in (FIXTURES_ROOT / "stores").iterdir() if (p / "listing" / "index.html").is_file()) \
    if (FIXTURES_ROOT / "stores").is_dir() else []


def test_every_store_with_an_adapter_has_a_fixture_listing():
    with_packs = {a.id for a in adapters()} - {"google-play"}  # Play is read from the real corpus only
    assert with_packs <= set(STORES), with_packs - set(STORES)


@pytest.mark.parametrize("store", STORES)
def test_a_store_listing_is_detected_and_judged_by_its_rule_pack(server, tmp_path, store):
    result = run_cli("audit", f"{server.url}/stores/{store}/listing/", "--out", str(tmp_path), "--no-browser",
                     "--format", "html,json,markdown", *LOOPBACK)
    assert result.code == 0, result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["marketplace"] == store
    name = next(a.name for a in adapters() if a.id == store)
    assert report["marketplace_name"] == name
    store_rules = [c for c in report["checks"] if c["store"] == store]
    assert len(store_rules) >= 8
    assert not [c for c in report["checks"] if c["status"] == "error"], "no check may crash on a store page"
    scored = [c for c in store_rules if c["status"] != "manual"]
    assert scored and all(c["sources"] and c["verified"] for c in scored)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    # every judged check is in the report under its id, and says whether it is the store's requirement
    soup = BeautifulSoup(html, "lxml")
    judged = [c for c in report["checks"] if c["status"] in ("pass", "warn", "fail")]
    for check in judged:
        said = one(soup, id=f"check-{check['id']}").get_text(" ").lower()
        assert ("store requirement" in said) == (check["level"] == "requirement"), (check["id"], check["level"])
    requirements = [c for c in report["checks"] if c["level"] == "requirement"
                    and c["status"] in ("pass", "warn", "fail", "error", "exempt")]
    passing = sum(c["status"] == "pass" for c in requirements)
    assert f"store requirements: {passing} of {len(requirements)} pass" in one(soup, id="summary").get_text()
    if any(c["status"] == "manual" for c in store_rules):
        assert "Confirm before you submit" in html
    assert report["listing"]["name"] and report["listing"]["links"]["privacy"], "the vendor's own links were read"
    assert "/store/" not in (report["listing"]["links"]["privacy"] or ""), "never the store's footer link"


@pytest.mark.parametrize("store", [s for s in STORES
                                   if (FIXTURES_ROOT / "stores" / s / "gone" / "index.html").is_file()])
def test_a_delisted_listing_is_reported_as_unavailable_with_exit_3(server, tmp_path, store):
    result = run_cli("audit", f"{server.url}/stores/{store}/gone/", "--out", str(tmp_path), "--no-browser",
                     "--marketplace", store, *LOOPBACK)
    assert result.code == 3, result.stderr
    assert "is not available" in result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["verdict"] == "unavailable" and report["checks"] == [] and report["score"] == 0
