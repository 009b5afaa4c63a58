"""`listing-audit batch` end to end: the real command over the fixture marketplace on 127.0.0.1."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.batch.conftest import STATIC
from tests.conftest import run_cli


def portfolio(out: Path) -> dict:
    return json.loads((out / "portfolio.json").read_text(encoding="utf-8"))


def test_a_batch_writes_every_report_and_the_portfolio(listings: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = run_cli("batch", str(listings), "--out", str(out), "--workers", "2", *STATIC, timeout=600)
    assert result.code == 1, result.stderr  # the bad row makes the run fail, after everything else ran
    assert "line 8: unknown profile 'nonsense-profile'" in result.stderr
    data = portfolio(out)
    rows = {row["name"]: row for row in data["rows"]}
    assert set(rows) == {"Ledgerline for HubSpot", "Ledgerline for Slack", "Ledgerline on Zapier", "Legacy connector",
                         "Retired Shopify app", "Ledgerline draft"}
    assert rows["Ledgerline for HubSpot"]["marketplace"] == "hubspot"
    assert rows["Ledgerline for HubSpot"]["profile"] == "table-stakes"
    assert rows["Retired Shopify app"]["verdict"] == "unavailable"
    assert rows["Legacy connector"]["verdict"] == "not-ready" and rows["Legacy connector"]["blockers"]
    for row in rows.values():
        report = out / Path(row["report"]).parent / "report.json"
        assert json.loads(report.read_text(encoding="utf-8"))["target"] == row["target"]
        assert (out / row["report"]).is_file()
    assert [e["line"] for e in data["row_errors"]] == [8]
    with (out / "portfolio.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 6
    html = (out / "portfolio.html").read_text(encoding="utf-8")
    assert "Ledgerline for Slack" in html and "Kill list" in html and "Fix list" in html


def test_a_rerun_resumes_and_force_audits_again(listings: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = run_cli("batch", str(listings), "--out", str(out), "--workers", "2", *STATIC, timeout=600)
    assert first.code == 1, first.stderr
    again = run_cli("batch", str(listings), "--out", str(out), *STATIC, timeout=600)
    assert "6 listing(s) already audited" in again.stderr
    assert "(0 audited, 6 resumed)" in again.stderr
    second = portfolio(out)
    assert second["deltas"] is not None and second["deltas"]["added"] == [] and second["deltas"]["removed"] == []
    forced = run_cli("batch", str(listings), "--out", str(out), "--force", "--workers", "2", *STATIC, timeout=600)
    assert "(6 audited, 0 resumed)" in forced.stderr


def test_a_listing_that_cannot_be_reached_is_reported_and_the_rest_still_run(tmp_path: Path, server):
    path = tmp_path / "listings.csv"
    path.write_text(f"target,name\nhttp://127.0.0.1:9/nothing/,Down\n{server.url}/stores/hubspot/listing/,Up\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("batch", str(path), "--out", str(out), "--workers", "2", *STATIC, timeout=600)
    assert result.code == 1
    rows = {row["name"]: row for row in portfolio(out)["rows"]}
    assert rows["Down"]["verdict"] == "error" and "cannot reach" in rows["Down"]["error"]
    assert rows["Up"]["verdict"] in ("ready", "needs-work")
    assert "1 listing(s) could not be audited" in result.stderr


def test_a_listings_file_that_is_not_one_is_one_line_and_exit_2(tmp_path: Path):
    bad = tmp_path / "listings.txt"
    bad.write_text("hello", encoding="utf-8")
    result = run_cli("batch", str(bad), "--out", str(tmp_path / "out"))
    assert result.code == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    missing = run_cli("batch", str(tmp_path / "nope.csv"))
    assert missing.code == 2 and "Traceback" not in missing.stderr


def test_portfolio_criteria_come_from_the_config_file(listings: Path, tmp_path: Path):
    config = tmp_path / "listing-audit.toml"
    config.write_text("[portfolio.kill]\nmax_score = 0\n", encoding="utf-8")  # nothing scores below 0: no kill list
    out = tmp_path / "out"
    run_cli("batch", str(listings), "--out", str(out), "--config", str(config), "--workers", "2", *STATIC, timeout=600)
    data = portfolio(out)
    assert data["kill_list"] == [] and data["criteria"]["kill"]["max_score"] == 0
    config.write_text("[portfolio.kill]\nmax_scor = 0\n", encoding="utf-8")
    typo = run_cli("batch", str(listings), "--out", str(out), "--config", str(config), *STATIC)
    assert typo.code == 2 and "max_scor" in typo.stderr


def test_the_example_listings_file_runs_from_disk(tmp_path: Path):
    example = Path(__file__).resolve().parents[2] / "examples" / "portfolio.toml"
    out = tmp_path / "out"
    result = run_cli("batch", str(example), "--out", str(out), "--workers", "1", *STATIC, timeout=300)
    assert result.code == 0, result.stderr
    rows = {row["name"]: row for row in portfolio(out)["rows"]}
    assert rows["Ledgerline (draft, before submission)"]["scope"] == "draft"
    assert rows["Ledgerline docs"]["scope"] == "docs" and rows["Ledgerline docs"]["profile"] == "table-stakes"
