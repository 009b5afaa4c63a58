"""A baseline run flags exactly the regressions introduced between two audits of the same site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from auditor.fixture_server import FIXTURES_ROOT, FixtureServer
from tests.conftest import LOOPBACK, run_cli


def audit(server: FixtureServer, out: Path, *extra: str):
    return run_cli("audit", f"{server.url}/strong/listing/", "--out", str(out), "--no-browser", *LOOPBACK, *extra)


def test_regressions_against_a_baseline_are_exactly_the_ones_introduced(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURES_ROOT, site)
    with FixtureServer(site) as server:
        first = audit(server, tmp_path / "before")
        assert first.code == 0, first.stderr
        baseline = tmp_path / "before" / "report.json"
        # introduce three regressions: a long name, no demo video, a docs page that disappears
        listing = site / "strong" / "listing" / "index.html"
        html = listing.read_text(encoding="utf-8")
        html = html.replace("Ledgerline for HubSpot", "Ledgerline Accounting Sync for HubSpot CRM")
        html = html.replace("https://www.youtube.com/embed/Lq7d1xK2pFw", "")  # the embed and its JSON-LD
        listing.write_text(html, encoding="utf-8")
        (site / "strong" / "docs" / "glossary.html").unlink()

        second = audit(server, tmp_path / "after", "--baseline", str(baseline), "--fail-on", "regression")
    assert second.code == 1, second.stderr
    report = json.loads((tmp_path / "after" / "report.json").read_text())
    regressions = {c["id"] for c in report["baseline"]["regressions"]}
    assert regressions == {"PKG201", "PKG205", "DOC105"}, report["baseline"]["regressions"]
    assert report["baseline"]["score_delta"] < 0 and report["baseline"]["new_findings"] >= 3
    for check_id in regressions:
        assert f"regression: {check_id} went from pass to" in second.stderr
    assert "Since the baseline" in (tmp_path / "after" / "report.html").read_text()


def test_an_unchanged_site_has_no_regressions_and_passes(server, tmp_path):
    first = audit(server, tmp_path / "a")
    assert first.code == 0
    again = audit(server, tmp_path / "b", "--baseline", str(tmp_path / "a" / "report.json"), "--fail-on", "regression")
    assert again.code == 0, again.stderr
    diff = json.loads((tmp_path / "b" / "report.json").read_text())["baseline"]
    assert diff["regressions"] == [] and diff["score_delta"] == 0 and diff["new_findings"] == 0


def test_fail_on_regression_without_a_baseline_is_a_usage_error(server, tmp_path):
    result = audit(server, tmp_path, "--fail-on", "regression")
    assert result.code == 2 and "needs --baseline" in result.stderr


def test_a_bad_baseline_is_one_line(server, tmp_path):
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"hello": 1}')
    result = audit(server, tmp_path / "out", "--baseline", str(bogus))
    assert result.code == 2 and result.stderr.strip().endswith("is not a listing-audit report.json")
