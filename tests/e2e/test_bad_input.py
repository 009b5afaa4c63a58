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
