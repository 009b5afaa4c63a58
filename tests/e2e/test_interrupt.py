"""Ctrl-C during a crawl stops it early and still writes a report, marked partial."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from auditor.fixture_server import FixtureServer


def slow(path: str, cookie: str) -> bool:
    """Every docs page takes half a second, so the crawl is still running when Ctrl-C comes."""
    if "/docs/" in path:
        time.sleep(0.5)
    return True


@pytest.fixture()
def slow_server():
    with FixtureServer(gate=slow) as server:
        yield server


def test_ctrl_c_writes_a_partial_report_and_exits_130(slow_server, tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "audit", f"{slow_server.url}/strong/listing/",
                             "--no-browser", "--allow-host", "127.0.0.1", "--out", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 30
    while not any("/docs/" in p for p in slow_server.requests) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.6)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["crawl"]["partial"] and report["crawl"]["interrupted"]
    assert any("interrupted (Ctrl-C)" in w for w in report["crawl"]["warnings"])
    assert 1 < len(report["pages"]) < 24, "some docs pages were crawled, not all"
    assert (tmp_path / "report.html").is_file() and str((tmp_path / "report.html").resolve()) in out


def test_the_time_budget_ends_the_run_with_a_partial_report(slow_server, tmp_path):
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "auditor", "audit", f"{slow_server.url}/strong/listing/",
                             "--no-browser", "--allow-host", "127.0.0.1", "--budget", "2", "--out", str(tmp_path)],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 15, "the run stops soon after its budget"
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["crawl"]["partial"] and any("time budget ran out" in w for w in report["crawl"]["warnings"])
    assert "This audit is partial" in (tmp_path / "report.html").read_text(encoding="utf-8")
