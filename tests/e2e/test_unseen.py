"""A page the crawl never read is never judged missing: its checks are unverified and the run says it is partial."""

from __future__ import annotations

import json

from tests.conftest import LOOPBACK, run_cli


def test_pages_past_the_page_limit_leave_their_checks_unverified_and_the_run_partial(server, tmp_path):
    result = run_cli("audit", f"{server.url}/strong/listing/", "--no-browser", "--max-pages", "1",
                     "--out", str(tmp_path), "--format", "html,json,markdown", *LOOPBACK)
    assert result.code == 0, result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    # the privacy policy, setup guide, docs and changelog are linked and answer, but were never read
    for check_id in ("TRU501", "DOC101", "DOC102", "DOC110", "SET403"):
        assert statuses[check_id] == "unverified", (check_id, statuses[check_id])
    assert report["blockers"] == [], "an unread privacy policy blocks nothing"
    assert report["crawl"]["partial"] is True
    assert set(report["crawl"]["unverified"]) == {c for c, s in statuses.items() if s == "unverified"}
    assert any("could not be verified" in w for w in report["crawl"]["warnings"])
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "This audit is partial" in html and 'id="unverified"' in html
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert markdown.index("This audit is partial") < markdown.index("/100")
