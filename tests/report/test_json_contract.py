"""The JSON report is the contract: its keys and types are pinned here."""

from __future__ import annotations

import json

CHECK_STATUSES = {"pass", "warn", "fail", "error", "not-applicable", "exempt"}


def test_json_report_contract(audit_site):
    folder, result = audit_site("strong")
    assert result.code == 0, result.stderr
    r = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert r["schema_version"] == "2.2"
    assert r["monitoring"] is None  # only with --history
    assert r["target"].endswith("/strong/listing/")
    assert r["marketplace"] == "generic" and r["profile"] == "distribution"
    assert 0 <= r["score"] <= 100 and r["verdict"] in {"ready", "needs-work", "not-ready"}
    assert isinstance(r["blockers"], list)
    assert set(r["categories"]) == {"documentation", "packaging", "reviews", "setup", "trust"}
    for category in r["categories"].values():
        assert {"score", "weight", "checks_ran", "checks_total"} <= set(category)
    assert len(r["checks"]) >= 15
    for check in r["checks"]:
        assert {"id", "category", "title", "status", "score", "findings"} <= set(check)
        assert check["status"] in CHECK_STATUSES
        for finding in check["findings"]:
            assert {"message", "url", "excerpt"} <= set(finding)
    for page in r["pages"]:
        assert {"url", "status", "error"} <= set(page)
        assert "html" not in page or page["html"] is None, "page HTML stays in the snapshot, not the report"
    listing = r["listing"]
    for key in ("name", "tagline", "description", "rating", "review_count", "screenshots", "video",
                "pricing_plans", "reviews", "links"):
        assert key in listing
    for shot in listing["screenshots"]:
        assert set(shot) >= {"url", "width", "height", "alt", "box"}
        assert shot["box"] is None or set(shot["box"]) == {"x", "y", "width", "height"}
    for plan in listing["pricing_plans"]:
        assert set(plan) >= {"name", "price"}
    for review in listing["reviews"]:
        assert set(review) >= {"rating", "date", "text", "reply"}
    assert set(listing["links"]) >= {"docs", "setup", "support", "privacy", "terms", "security", "changelog"}
    assert r["waivers"] == []
    # what the strong fixture holds, read correctly
    assert listing["name"] == "Ledgerline for HubSpot"
    assert listing["rating"] == 4.7 and listing["review_count"] == 128
    assert len(listing["screenshots"]) == 5 and all(s["width"] == 1600 for s in listing["screenshots"])
    assert listing["links"]["privacy"].endswith("/strong/legal/privacy.html")
