"""An authenticated preview: a storage-state file opens it; its cookies and URL tokens never reach a report."""

from __future__ import annotations

import json

import pytest

from auditor.fixture_server import FixtureServer
from tests.conftest import LOOPBACK, run_cli

COOKIE = "s3cr3t-cookie-value-7731"
TOKEN = "tok-4f9a2c77e1"


def only_signed_in(path: str, cookie_header: str) -> bool:
    """The listing is behind the partner-portal login; its docs are public."""
    return not path.startswith("/strong/listing/") or f"preview_session={COOKIE}" in cookie_header


@pytest.fixture(scope="module")
def portal():
    with FixtureServer(gate=only_signed_in) as server:
        yield server


@pytest.fixture()
def state(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"cookies": [{"name": "preview_session", "value": COOKIE, "domain": "127.0.0.1",
                                             "path": "/", "expires": -1, "httpOnly": True, "secure": False,
                                             "sameSite": "Lax"}], "origins": []}), encoding="utf-8")
    return path


@pytest.mark.parametrize("mode", ["browser", "static"])
def test_a_preview_behind_a_login_is_audited_and_no_secret_leaks(portal, state, tmp_path, mode, request):
    if mode == "browser":
        request.getfixturevalue("browser_available")
    extra = ("--no-browser",) if mode == "static" else ()
    target = f"{portal.url}/strong/listing/?preview_token={TOKEN}&lang=en"
    result = run_cli("audit", target, "--auth-state", str(state), "--out", str(tmp_path / "out"), "-v",
                     "--format", "html,json,markdown,sarif,junit", *LOOPBACK, *extra)
    assert result.code == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["listing"]["name"] == "Ledgerline for HubSpot"
    assert report["target"].endswith("?preview_token=REDACTED&lang=en")
    for path in [*(tmp_path / "out").iterdir()]:
        text = path.read_text(encoding="utf-8")
        assert COOKIE not in text and TOKEN not in text, path.name
    assert COOKIE not in result.stderr + result.stdout and TOKEN not in result.stderr + result.stdout


def test_without_the_state_the_preview_is_unreachable(portal, tmp_path):
    result = run_cli("audit", f"{portal.url}/strong/listing/?preview_token={TOKEN}", "--no-browser",
                     "--out", str(tmp_path / "out"), *LOOPBACK)
    assert result.code == 3 and "HTTP 401" in result.stderr
    assert TOKEN not in result.stderr and "preview_token=REDACTED" in result.stderr


def test_a_state_file_of_the_wrong_shape_is_one_line(portal, tmp_path):
    bad = tmp_path / "state.json"
    bad.write_text('{"cookie": []}')
    result = run_cli("audit", f"{portal.url}/strong/listing/", "--auth-state", str(bad), "--no-browser",
                     "--out", str(tmp_path / "out"), *LOOPBACK)
    assert result.code == 2 and "not a Playwright storage-state file" in result.stderr
