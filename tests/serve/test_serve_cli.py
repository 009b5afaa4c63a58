"""`listing-audit serve` refuses a setup that would expose it, or that cannot work, in one line with exit 2,
before it listens or starts a worker."""

from __future__ import annotations

import socket

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize(("flags", "message"), [
    (("--host", "0.0.0.0"), "serving on 0.0.0.0 (not loopback) needs a token: --token TOKEN or LISTING_AUDIT_TOKEN; "
                            "without one, serve on 127.0.0.1"),
    (("--host", "0.0.0.0", "--token", "short"),
     "the token must be at least 16 characters (e.g. `openssl rand -hex 24`)"),
    (("--allow-marketplace", "nowhere"), "unknown marketplace 'nowhere'"),
])
def test_an_exposed_or_impossible_setup_is_one_line_and_exit_2(tmp_path, flags, message):
    result = run_cli("serve", "--history", str(tmp_path / "h.sqlite"), *flags, timeout=60)
    assert result.code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"listing-audit: error: {message}")


def test_a_port_in_use_and_a_file_that_is_not_a_history_are_one_line_and_exit_2(tmp_path):
    (tmp_path / "notes.txt").write_text("not a database, just notes\n" * 100, encoding="utf-8")
    result = run_cli("serve", "--history", str(tmp_path / "notes.txt"), timeout=60)
    assert result.code == 2
    assert result.stderr.strip().splitlines() == [
        f"listing-audit: error: cannot use the history {tmp_path / 'notes.txt'}: it is not a listing-audit history "
        "(not an SQLite file)"]
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--history", str(tmp_path / "h.sqlite"), "--port", str(port), timeout=60)
    assert result.code == 2
    assert result.stderr.strip().splitlines() == [
        f"listing-audit: error: cannot listen on 127.0.0.1:{port}: Address already in use"]


def test_the_history_is_required(tmp_path):
    result = run_cli("serve", timeout=60, env={"PATH": "/usr/bin:/bin"})
    assert result.code == 2 and "--history" in result.stderr
