"""End to end through the CLI: a listing audited, then degraded (its docs break, its privacy link disappears), then
audited again: exactly one alert, with the right content; none when nothing got worse; receivers that fail or never
answer change nothing but a warning; `history` reads what `audit` and `batch` wrote."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from auditor.fixture_server import FIXTURES_ROOT, FixtureServer, degrade
from tests.conftest import LOOPBACK, CliResult, run_cli
from tests.monitoring.receiver import Receiver

SECRET = "s3cr3tT0ken"
STATIC = ("--no-browser", *LOOPBACK)


def audit(server: FixtureServer, out: Path, history: Path, *extra: str) -> CliResult:
    return run_cli("audit", f"{server.url}/strong/listing/", "--out", str(out), "--history", str(history), *STATIC,
                   *extra)


def no_secret(*results: CliResult) -> None:
    for result in results:
        assert SECRET not in result.stdout + result.stderr


def test_a_listing_that_got_worse_alerts_once_with_what_got_worse(tmp_path):
    site, history = tmp_path / "site", tmp_path / "history.db"
    shutil.copytree(FIXTURES_ROOT, site)
    with FixtureServer(site) as server, Receiver("ok") as hook:
        notify = ("--notify", hook.url)
        first = audit(server, tmp_path / "1", history, *notify)
        second = audit(server, tmp_path / "2", history, *notify)
        assert first.code == second.code == 0, first.stderr + second.stderr
        assert hook.posts == []  # a first audit has nothing to compare with; an unchanged one is not worse
        degrade(site / "strong")
        third = audit(server, tmp_path / "3", history, *notify)
        fourth = audit(server, tmp_path / "4", history, *notify)
    assert third.code == fourth.code == 0, third.stderr
    no_secret(first, second, third, fourth)
    assert len(hook.posts) == 1  # the fourth audit is as bad as the third, not worse
    path, headers, alert = hook.posts[0]
    assert path == "/services/T0001/B0002/" + SECRET and headers["User-Agent"].startswith("listing-audit/")
    assert alert["event"] == "listing.degraded" and alert["target"] == f"{server.url}/strong/listing/"
    assert (alert["verdict_before"], alert["verdict_after"]) == ("ready", "not-ready")
    assert alert["score_before"] - alert["score_after"] >= 5
    failures = {f["id"]: f["title"] for f in alert["new_failures"]}
    assert {"TRU501", "DOC105", "DOC101", "DOC110"} <= set(failures) and "privacy" in failures["TRU501"].lower()
    assert alert["new_blockers"] == ["TRU501"]
    assert f"{server.url}/strong/docs/setup/hubspot.html" in alert["broken_links"]
    assert alert["report"] == str((tmp_path / "3" / "report.json").resolve())

    report = json.loads((tmp_path / "3" / "report.json").read_text(encoding="utf-8"))
    monitoring = report["monitoring"]
    assert monitoring["recorded"] and monitoring["previous"]["verdict"] == "ready" and len(monitoring["trend"]) == 3
    assert monitoring["alert"] == alert["reasons"]
    assert [(d["delivered"], d["endpoint"]) for d in monitoring["deliveries"]] == [(True, hook.url.split("/ser")[0]
                                                                                      + "/…")]
    assert json.loads((tmp_path / "4" / "report.json").read_text())["monitoring"]["alert"] == []

    table = run_cli("history", "--history", str(history))
    assert table.code == 0, table.stderr
    lines = table.stdout.splitlines()
    assert len(lines) == 5 and lines[0].startswith("time") and "not-ready" in lines[2] and "ready" in lines[4]
    rows = json.loads(run_cli("history", f"{server.url}/strong/listing/", "--history", str(history),
                              "--format", "json").stdout)
    assert [r["change"] for r in rows][1] == round(rows[1]["score"] - rows[2]["score"], 1) < -5
    assert rows[1]["verdict_before"] == "ready" and rows[0]["change"] == 0.0


def test_receivers_that_fail_or_never_answer_leave_the_exit_code_alone(tmp_path):
    site, history = tmp_path / "site", tmp_path / "history.db"
    shutil.copytree(FIXTURES_ROOT, site)
    with FixtureServer(site) as server, Receiver("error") as failing, Receiver("silent") as silent:
        notify = ("--notify", failing.url, "--notify", "teams:" + silent.url, "--notify-timeout", "0.5",
                  "--notify-retries", "1")
        assert audit(server, tmp_path / "1", history, *notify).code == 0
        degrade(site / "strong")
        after = audit(server, tmp_path / "2", history, *notify)
        gated = audit(server, tmp_path / "3", history, *notify, "--fail-under", "95")
    assert after.code == 0 and gated.code == 1, after.stderr  # the score decides, never the delivery
    no_secret(after, gated)
    assert len(failing.posts) == 2 and silent.connections == 2  # two attempts each for the one alert
    assert "warning: the alert to http://127.0.0.1:" in after.stderr and "not delivered: HTTP 500" in after.stderr
    assert "not delivered: no answer within 0.5 s (2 attempts)" in after.stderr
    deliveries = json.loads((tmp_path / "2" / "report.json").read_text())["monitoring"]["deliveries"]
    assert [(d["delivered"], d["status"], d["attempts"]) for d in deliveries] == [(False, 500, 2), (False, None, 2)]
    kept = sqlite3.connect(history).execute("SELECT endpoint, delivered, status FROM deliveries ORDER BY id").fetchall()
    assert [(delivered, status) for _, delivered, status in kept] == [(0, 500), (0, None)]
    assert all(SECRET not in endpoint for endpoint, _, _ in kept)


def test_an_unusable_history_is_a_warning_and_the_report_is_written(tmp_path, server):
    (tmp_path / "taken").write_text("a file where the history's folder should be")
    result = audit(server, tmp_path / "out", tmp_path / "taken" / "history.db")
    assert result.code == 0 and "warning: the audit was not added to the history" in result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["monitoring"]["recorded"] is False and report["monitoring"]["warnings"]
    assert any("not added to the history" in w for w in report["crawl"]["warnings"])


def test_notify_without_a_history_and_a_missing_history_are_usage_errors(tmp_path, server):
    refused = run_cli("audit", f"{server.url}/strong/listing/", "--notify", f"slack:https://hooks.example/{SECRET}",
                      *STATIC)
    assert refused.code == 2 and "give --history PATH too" in refused.stderr and len(refused.stderr.splitlines()) == 1
    missing = run_cli("history", "--history", str(tmp_path / "none.db"))
    assert missing.code == 2 and "no history at" in missing.stderr and not (tmp_path / "none.db").exists()
    no_secret(refused)


def test_history_reads_what_batch_wrote(tmp_path, server):
    listings = tmp_path / "listings.csv"
    listings.write_text(f"target,name\n{server.url}/strong/listing/,Strong\n{server.url}/weak/listing/,Weak\n")
    history = tmp_path / "history.db"
    for run in ("a", "b"):
        result = run_cli("batch", str(listings), "--out", str(tmp_path / run), "--history", str(history),
                         "--retries", "0", *STATIC)
        assert result.code == 0, result.stderr
    rows = json.loads(run_cli("history", "--history", str(history), "--format", "json").stdout)
    assert len(rows) == 4 and {r["target"] for r in rows} == {f"{server.url}/strong/listing/",
                                                              f"{server.url}/weak/listing/"}
    assert [r["change"] for r in rows[:2]] == [0.0, 0.0] and all(r["report"].endswith("report.json") for r in rows)
    weak = run_cli("history", f"{server.url}/weak/listing", "--history", str(history), "--format", "csv")
    assert weak.stdout.count("\n") == 3  # a header and two audits
    report = json.loads(Path(rows[0]["report"]).read_text())
    assert len(report["monitoring"]["trend"]) == 2
