"""The cache through the real command: a re-audit revalidates, `--no-cache` keeps nothing, the location is
configurable."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import LOOPBACK, run_cli


def crawl_summary(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))["crawl"]


def test_a_second_audit_reuses_what_the_server_confirms_unchanged(server, tmp_path: Path):
    cache = tmp_path / "cache"
    target = f"{server.url}/strong/listing/"
    cached = ("--cache-dir", str(cache), "--no-browser", *LOOPBACK)
    first = run_cli("audit", target, "--out", str(tmp_path / "a"), *cached)
    second = run_cli("audit", target, "--out", str(tmp_path / "b"), *cached)
    assert first.code == second.code == 0, second.stderr
    assert crawl_summary(tmp_path / "a")["pages_from_cache"] == 0
    fetched = crawl_summary(tmp_path / "b")
    assert fetched["pages_from_cache"] == fetched["pages_fetched"] > 1
    a = json.loads((tmp_path / "a" / "report.json").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    assert (a["score"], a["verdict"], [c["status"] for c in a["checks"]]) == \
        (b["score"], b["verdict"], [c["status"] for c in b["checks"]])
    assert (cache / "cache.sqlite").is_file()


def test_no_cache_writes_nothing(server, tmp_path: Path):
    cache = tmp_path / "cache"
    result = run_cli("audit", f"{server.url}/strong/listing/", "--out", str(tmp_path / "a"), "--cache-dir", str(cache),
                     "--no-cache", "--no-browser", *LOOPBACK)
    assert result.code == 0 and not cache.exists()


def test_the_cache_location_comes_from_the_environment_and_shows_in_print_config(tmp_path: Path):
    env = {**os.environ, "LISTING_AUDIT_CACHE_DIR": str(tmp_path / "elsewhere")}
    shown = run_cli("print-config", env=env)
    assert str(tmp_path / "elsewhere") in shown.stdout and "LISTING_AUDIT_CACHE_DIR" in shown.stdout
    env.pop("LISTING_AUDIT_CACHE_DIR")
    default = run_cli("print-config", env=env)
    assert "listing-audit" in default.stdout and "cache_dir" in default.stdout


def test_a_damaged_cache_is_one_warning_and_the_audit_still_runs(server, tmp_path: Path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "cache.sqlite").write_bytes(b"not a database" * 500)
    result = run_cli("audit", f"{server.url}/strong/listing/", "--out", str(tmp_path / "a"), "--cache-dir", str(cache),
                     "--no-browser", *LOOPBACK)
    assert result.code == 0, result.stderr
    warnings = crawl_summary(tmp_path / "a")["warnings"]
    assert len([w for w in warnings if "could not" in w and "cache" in w]) == 1
