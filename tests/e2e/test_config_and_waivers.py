"""A config file in the working folder: profile, custom weights and waivers, end to end through the CLI."""

from __future__ import annotations

import json

from tests.conftest import LOOPBACK, run_cli

CONFIG = """
profile = "workflow"
[crawl]
use_browser = false
[[waivers]]
check = "TRU501"
reason = "Privacy policy ships with the v2 site next week"
owner = "legal"
expires = 2099-01-01
[[waivers]]
check = "DOC101"
reason = "Old exception, the guide was fixed since"
url = "*/nowhere/*"
"""


def test_config_profile_and_waivers_reach_the_report(server, tmp_path):
    (tmp_path / "listing-audit.toml").write_text(CONFIG, encoding="utf-8")
    result = run_cli("audit", f"{server.url}/weak/listing/", "--out", "out", "-v", *LOOPBACK, cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert f"config: {tmp_path / 'listing-audit.toml'}" in result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["profile"] == "workflow"
    assert report["crawl"]["browser"] is None, "crawl.use_browser = false from the file"
    checks = {c["id"]: c for c in report["checks"]}
    assert checks["TRU501"]["status"] == "exempt" and checks["TRU501"]["waived"].startswith("Privacy policy ships")
    assert "TRU501" not in report["blockers"] and "TRU503" in report["blockers"]
    assert [(w["check"], w["state"]) for w in report["waivers"]] == [("TRU501", "active"), ("DOC101", "stale")]
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "Waived: Privacy policy ships with the v2 site next week" in html and "stale" in html


def test_flags_win_over_the_config_file(server, tmp_path):
    (tmp_path / "listing-audit.toml").write_text(CONFIG, encoding="utf-8")
    result = run_cli("audit", f"{server.url}/weak/listing/", "--out", "out", "--profile", "table-stakes", *LOOPBACK,
                     cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert json.loads((tmp_path / "out" / "report.json").read_text())["profile"] == "table-stakes"


def test_custom_weights_from_pyproject_change_the_score(server, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.listing-audit]\nweights = { reviews = 100, documentation = 0, packaging = 0, setup = 0, trust = 0 }\n"
        "crawl = { use_browser = false }\n", encoding="utf-8")
    result = run_cli("audit", f"{server.url}/weak/listing/", "--out", "out", *LOOPBACK, cwd=tmp_path)
    assert result.code == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["score"] == report["categories"]["reviews"]["score"]


def test_a_bad_config_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "listing-audit.toml").write_text("[crawl]\nmax_pagez = 5\n", encoding="utf-8")
    result = run_cli("audit", "https://example.com/app", cwd=tmp_path)
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "unknown key crawl.max_pagez" in lines[0] and "listing-audit.toml" in lines[0]


def test_print_config_shows_each_value_and_where_it_came_from(tmp_path):
    import os

    (tmp_path / "listing-audit.toml").write_text('profile = "workflow"\n[crawl]\nmax_depth = 2\n', encoding="utf-8")
    result = run_cli("print-config", "--timeout", "30", cwd=tmp_path,
                     env={**os.environ, "LISTING_AUDIT_MAX_PAGES": "12"})
    assert result.code == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert rows["profile"].split()[1:] == ["workflow", str(tmp_path / "listing-audit.toml")]
    assert rows["crawl.max_depth"].endswith(str(tmp_path / "listing-audit.toml"))
    assert rows["crawl.max_pages"].split()[1] == "12"
    assert rows["crawl.max_pages"].endswith("env LISTING_AUDIT_MAX_PAGES")
    assert rows["crawl.timeout"].split()[1] == "30.0" and rows["crawl.timeout"].endswith("flag --timeout")
    assert rows["crawl.retries"].endswith("default")


def test_a_check_switched_off_in_config_does_not_run(server, tmp_path):
    (tmp_path / "listing-audit.toml").write_text('[assert.checks]\nPKG201 = "off"\nPKG202 = "error"\n',
                                                 encoding="utf-8")
    result = run_cli("audit", f"{server.url}/weak/listing/", "--out", "out", "--no-browser", *LOOPBACK, cwd=tmp_path)
    assert result.code == 1, "PKG202 warns on the weak listing (a recommendation) and is asserted as error"
    assert "PKG202 is warn (asserted as error)" in result.stderr
    ids = {c["id"] for c in json.loads((tmp_path / "out" / "report.json").read_text())["checks"]}
    assert "PKG201" not in ids and "PKG202" in ids
