"""Malformed input is one line and exit 2, before any network; valid spellings of a URL are taken as written."""

from __future__ import annotations

import pytest

from tests.conftest import LOOPBACK, run_cli


@pytest.mark.parametrize(("target", "message"), [
    ("http://[::1/x", "malformed URL 'http://[::1/x': Invalid IPv6 URL"),
    ("http://127.0.0.1:99999/", "malformed URL 'http://127.0.0.1:99999/': a port must be a number from 1 to 65535"),
    ("http://", "malformed URL 'http://': it names no host"),
    ("ftp://files.example/app", "not a web address: 'ftp://files.example/app' (a listing URL starts with http:// or "
                                "https://)"),
    ("no/such/listing.toml", "not a listing URL, draft listing file or docs folder: 'no/such/listing.toml'"),
])
def test_a_malformed_target_is_one_line_and_exit_2(tmp_path, target: str, message: str) -> None:
    result = run_cli("audit", target, "--no-browser", "--out", str(tmp_path), *LOOPBACK)
    assert result.code == 2
    assert result.stderr.strip().splitlines() == [f"listing-audit: error: {message}"]


@pytest.mark.parametrize("spelling", ["HTTP://{host}/strong/listing/", "  http://{host}/strong/listing/\t"])
def test_an_upper_case_scheme_or_surrounding_space_is_a_valid_url(server, tmp_path, spelling: str) -> None:
    target = spelling.format(host=server.url.removeprefix("http://"))
    result = run_cli("audit", target, "--no-browser", "--out", str(tmp_path), *LOOPBACK)
    assert result.code == 0, result.stderr


@pytest.mark.parametrize(("setting", "message"), [
    ("concurrency = 0", "crawl.concurrency must be from 1 to 256, not 0"),
    ("per_host = 0", "crawl.per_host must be from 1 to 64, not 0"),
    ("max_pages = -5", "crawl.max_pages must be from 1 to 100000, not -5"),
    ("retries = -1", "crawl.retries must be from 0 to 5, not -1"),
    ("max_redirects = -1", "crawl.max_redirects must be from 0 to 30, not -1"),
    ("timeout = 0", "crawl.timeout must be from 0.5 to 600, not 0"),
])
def test_a_setting_out_of_range_in_the_config_file_is_refused_before_any_network(tmp_path, setting, message):
    config = tmp_path / "listing-audit.toml"
    config.write_text(f"[crawl]\n{setting}\n", encoding="utf-8")
    result = run_cli("audit", "http://127.0.0.1:9/never", "--config", str(config), "--out", str(tmp_path / "o"))
    assert result.code == 2
    assert result.stderr.strip().splitlines() == [f"listing-audit: error: {config}: {message}"]


@pytest.mark.parametrize("suffix", [".toml", ".json", ".yaml"])
def test_an_empty_draft_file_is_refused_alike_whatever_its_kind(tmp_path, suffix):
    draft = tmp_path / f"listing{suffix}"
    draft.write_text("\n", encoding="utf-8")
    result = run_cli("audit", str(draft), "--out", str(tmp_path / "o"))
    assert result.code == 2
    assert result.stderr.strip() == (f"listing-audit: error: listing{suffix} is empty: a draft listing states at "
                                     "least its name")


def test_option_conflicts_are_refused_before_the_crawl(tmp_path):
    regression = run_cli("audit", "http://127.0.0.1:9/never", "--fail-on", "regression", "--out", str(tmp_path))
    assert regression.code == 2 and "--fail-on regression needs --baseline" in regression.stderr
    both = run_cli("audit", "http://127.0.0.1:9/never", "--from-snapshot", str(tmp_path), "--out", str(tmp_path))
    assert both.code == 2 and "either a TARGET or --from-snapshot" in both.stderr
    unknown = run_cli("checks", "--marketplace", "nostore")
    assert unknown.code == 2 and "unknown marketplace 'nostore'" in unknown.stderr


def test_each_variable_is_named_after_its_flag_and_a_stray_one_is_warned_about(server, tmp_path):
    import os

    base = {k: v for k, v in os.environ.items() if not k.startswith("LISTING_AUDIT_")}
    # the flag is --allow-host: LISTING_AUDIT_ALLOW_HOST restricts the crawl to it
    result = run_cli("audit", f"{server.url}/strong/listing/", "--no-browser", "--out", str(tmp_path / "a"),
                     env={**base, "LISTING_AUDIT_ALLOW_HOST": "allowed.example"})
    assert result.code == 2 and "host not allowed: 127.0.0.1" in result.stderr, result.stderr
    old = run_cli("checks", env={**base, "LISTING_AUDIT_ALLOW_HOSTS": "127.0.0.1"})
    assert "LISTING_AUDIT_ALLOW_HOSTS is deprecated; use LISTING_AUDIT_ALLOW_HOST" in old.stderr
    typo = run_cli("checks", env={**base, "LISTING_AUDIT_ALOW_HOST": "127.0.0.1"})
    assert typo.code == 0 and "LISTING_AUDIT_ALOW_HOST is set but not read by any option" in typo.stderr


def test_a_step_summary_that_cannot_be_written_is_a_warning(server, tmp_path):
    import os

    result = run_cli("audit", f"{server.url}/strong/listing/", "--no-browser", "--out", str(tmp_path / "o"),
                     *LOOPBACK, env={**os.environ, "GITHUB_STEP_SUMMARY": str(tmp_path / "no" / "such" / "dir")})
    assert result.code == 0, result.stderr
    assert "listing-audit: warning: cannot append to the step summary" in result.stderr
    assert (tmp_path / "o" / "report.json").is_file()
