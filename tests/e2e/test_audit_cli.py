"""The real CLI against the fixture marketplace over a local server, the browser path included."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

from tests.conftest import LOOPBACK, run_cli


def _report(folder: Path) -> dict:
    return json.loads((folder / "report.json").read_text(encoding="utf-8"))


def test_strong_listing_scores_far_above_the_weak_one(audit_site):
    strong_dir, strong_run = audit_site("strong")
    weak_dir, weak_run = audit_site("weak")
    assert strong_run.code == 0, strong_run.stderr
    assert weak_run.code == 0, weak_run.stderr
    strong, weak = _report(strong_dir), _report(weak_dir)
    assert strong["score"] >= weak["score"] + 30, (strong["score"], weak["score"])
    assert strong["verdict"] == "ready"
    assert weak["verdict"] == "not-ready"
    assert set(weak["blockers"]) >= {"TRU501"}  # no vendor privacy policy: the store's footer link does not count
    assert strong["blockers"] == []


def test_audit_prints_the_report_paths_and_writes_both_files(audit_site):
    folder, result = audit_site("strong")
    printed = result.stdout.split()
    assert str((folder / "report.html").resolve()) in printed
    assert str((folder / "report.json").resolve()) in printed
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "Ledgerline" in html and "Fix these first" in html or "Categories" in html


def test_the_listing_is_rendered_in_the_browser_with_a_screenshot(audit_site):
    folder, _ = audit_site("strong")
    report = _report(folder)
    listing_page = report["pages"][0]
    assert listing_page["kind"] == "listing" and listing_page["fetched_via"] == "browser"
    assert report["screenshot"].startswith("data:image/jpeg;base64,")
    assert report["crawl"]["browser"]


def test_a_client_side_listing_is_only_seen_through_the_browser(audit_site):
    rendered_dir, rendered_run = audit_site("clientside")
    static_dir, static_run = audit_site("clientside", "--no-browser")
    assert rendered_run.code == 0 and static_run.code == 0, rendered_run.stderr + static_run.stderr
    rendered, static = _report(rendered_dir), _report(static_dir)
    assert rendered["listing"]["name"] and "Pipewave" in rendered["listing"]["name"]
    assert rendered["listing"]["links"]["setup"], "the JS-built listing links its setup guide"
    assert static["listing"]["links"]["setup"] is None
    assert rendered["score"] > static["score"] + 15
    # the docs setup page is a JS shell: the static fetch found no content, so the browser re-fetched it
    via = {p["url"].rsplit("/", 1)[-1]: p["fetched_via"] for p in rendered["pages"]}
    assert via.get("setup.html") == "browser"


def test_no_browser_runs_static_only(audit_site):
    folder, result = audit_site("strong", "--no-browser")
    report = _report(folder)
    assert result.code == 0
    assert {p["fetched_via"] for p in report["pages"]} == {"http"}
    assert report["screenshot"] is None and report["crawl"]["browser"] is None


def test_robots_txt_is_honoured_and_out_of_scope_hosts_are_never_contacted(server, audit_site):
    folder, _ = audit_site("strong")
    report = _report(folder)
    assert "/private/secret.html" not in server.requests
    skipped = {link["url"]: link for link in report["links"] if link["outcome"] == "skipped"}
    assert any("youtube" in url or "hubspot" in url for url in skipped)
    assert all("not allowed" in link["detail"] or "robots" in link["detail"] for link in skipped.values())


def test_max_pages_bounds_the_crawl(server, tmp_path):
    result = run_cli("audit", f"{server.url}/strong/listing/", "--out", str(tmp_path), "--no-browser",
                     "--max-pages", "5", *LOOPBACK)
    assert result.code == 0, result.stderr
    report = _report(tmp_path)
    assert len(report["pages"]) <= 5
    assert any("page limit" in w for w in report["crawl"]["warnings"])


def test_snapshot_round_trip_rescores_offline_to_the_same_result(server, tmp_path):
    snap = tmp_path / "snap"
    first = run_cli("audit", f"{server.url}/weak/listing/", "--out", str(tmp_path / "a"), "--no-browser",
                    "--save-snapshot", str(snap), *LOOPBACK)
    assert first.code == 0, first.stderr
    requests_before = len(server.requests)
    second = run_cli("audit", "--from-snapshot", str(snap), "--out", str(tmp_path / "b"))
    assert second.code == 0, second.stderr
    assert len(server.requests) == requests_before, "re-scoring a snapshot must not touch the network"
    a, b = _report(tmp_path / "a"), _report(tmp_path / "b")
    assert a["score"] == b["score"]
    assert [c["status"] for c in a["checks"]] == [c["status"] for c in b["checks"]]


def test_fail_under_exits_1(server, tmp_path):
    result = run_cli("audit", f"{server.url}/weak/listing/", "--out", str(tmp_path), "--no-browser",
                     "--fail-under", "90", *LOOPBACK)
    assert result.code == 1
    assert "assertion(s) failed" in result.stderr and "under the minimum 90" in result.stderr


def _one_line_error(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_a_malformed_url_is_a_usage_error(tmp_path):
    result = run_cli("audit", "not a url", "--out", str(tmp_path))
    assert result.code == 2
    assert "not a listing URL" in _one_line_error(result)


def test_an_unreachable_host_exits_3(tmp_path):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = run_cli("audit", f"http://127.0.0.1:{port}/listing", "--out", str(tmp_path), "--no-browser")
    assert result.code == 3
    assert "cannot reach" in _one_line_error(result)


def test_a_target_that_is_not_html_exits_3(server, tmp_path):
    result = run_cli("audit", f"{server.url}/strong/img/icon.png", "--out", str(tmp_path), "--no-browser", *LOOPBACK)
    assert result.code == 3
    assert "not an HTML page" in _one_line_error(result)


def test_a_missing_listing_page_exits_3(server, tmp_path):
    result = run_cli("audit", f"{server.url}/nope/listing/", "--out", str(tmp_path), "--no-browser", *LOOPBACK)
    assert result.code == 3
    assert "HTTP 404" in _one_line_error(result)


def test_a_browser_that_cannot_be_found_is_a_one_line_error_that_says_what_to_do(server, tmp_path):
    env = {**os.environ, "LISTING_AUDIT_CHROMIUM": str(tmp_path / "no-such-chromium")}
    # --no-cache: a render cached by an earlier test would rightly need no browser at all
    result = run_cli("audit", f"{server.url}/strong/listing/", "--out", str(tmp_path / "out"), "--no-cache", *LOOPBACK,
                     env=env)
    assert result.code == 3
    assert "LISTING_AUDIT_CHROMIUM" in _one_line_error(result) and "not an executable file" in result.stderr
    assert not (tmp_path / "out" / "report.html").exists()


def test_an_unwritable_out_folder_is_a_usage_error(server, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli("audit", f"{server.url}/weak/listing/", "--out", str(blocker / "sub"), "--no-browser", *LOOPBACK)
    assert result.code == 2
    assert "cannot write reports" in _one_line_error(result)


def test_an_unknown_format_is_a_usage_error(tmp_path):
    result = run_cli("audit", "https://example.com/x", "--format", "html,docx", "--out", str(tmp_path))
    assert result.code == 2
    assert "unknown format docx" in _one_line_error(result)


def test_demo_serves_the_fixtures_and_prints_the_report_path(tmp_path, browser_available):
    result = run_cli("demo", "--out", str(tmp_path), "-v")
    assert result.code == 0, result.stderr
    assert str((tmp_path / "report.html").resolve()) in result.stdout
    assert "browser: " in result.stderr and "Chromium" in result.stderr


def test_checks_and_explain(tmp_path):
    listed = run_cli("checks")
    assert listed.code == 0 and "TRU501" in listed.stdout and len(listed.stdout.splitlines()) >= 15
    explained = run_cli("explain", "tru501")
    assert explained.code == 0
    assert all(heading in explained.stdout for heading in ("Why it matters", "How to fix", "Thresholds"))
    missing = run_cli("explain", "NOPE999")
    assert missing.code == 2 and "no check" in _one_line_error(missing)


def test_session_ids_and_tracking_parameters_do_not_multiply_pages(server, tmp_path):
    # the hostile docs index links to itself with ?session=1..3 and utm_* parameters
    result = run_cli("audit", f"{server.url}/hostile/listing/", "--out", str(tmp_path), "--no-browser", *LOOPBACK)
    assert result.code == 0, result.stderr
    urls = [p["url"] for p in _report(tmp_path)["pages"]]
    assert len(urls) == len(set(urls))
    assert not any("session=" in u or "utm_" in u for u in urls)


def test_each_checks_time_is_in_the_report_and_the_slowest_five_are_printed_with_v(server, tmp_path):
    result = run_cli("audit", f"{server.url}/strong/listing/", "--no-browser", "-v", "--out", str(tmp_path),
                     *LOOPBACK)
    assert result.code == 0, result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    timings = report["crawl"]["seconds"]["checks"]
    assert set(timings) == {c["id"] for c in report["checks"]} and len(timings) >= 40
    assert all(isinstance(v, float) and v >= 0 for v in timings.values())
    line = next(line for line in result.stderr.splitlines() if line.startswith("slowest checks: "))
    assert len(line.removeprefix("slowest checks: ").split(", ")) == 5
