"""Shared fixtures: the fixture marketplace on 127.0.0.1, a browser check, and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from auditor.chromium import find_chromium
from auditor.errors import BrowserUnavailable
from auditor.fixture_server import FixtureServer

LOOPBACK = ("--allow-host", "127.0.0.1")


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The CLI's cache goes to a folder of this test session, not the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("LISTING_AUDIT_CACHE_DIR")
    os.environ["LISTING_AUDIT_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("LISTING_AUDIT_CACHE_DIR", None)
    else:
        os.environ["LISTING_AUDIT_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def server() -> Iterator[FixtureServer]:
    """The bundled fixture sites, served for the whole test session."""
    with FixtureServer() as fixture_server:
        yield fixture_server


@pytest.fixture(scope="session")
def browser_available() -> None:
    """Skip (with the reason) when no Chromium is installed; `make test` installs one first."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            find_chromium(pw.chromium.executable_path)
    except BrowserUnavailable as exc:
        pytest.skip(str(exc))


@dataclass
class CliResult:
    """What a `listing-audit` process did."""

    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, timeout: float = 180, cwd: Path | None = None, env: dict[str, str] | None = None) -> CliResult:
    """Run the real command in a child process, with no standard input."""
    proc = subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=timeout, cwd=cwd, env=env)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="session")
def audit_site(server: FixtureServer, tmp_path_factory: pytest.TempPathFactory, browser_available: None):
    """Audit a fixture listing once per session through the real CLI and browser; returns its report folder."""
    cache: dict[tuple[str, ...], tuple[Path, CliResult]] = {}

    def audit(site: str, *extra: str) -> tuple[Path, CliResult]:
        key = (site, *extra)
        if key not in cache:
            out = tmp_path_factory.mktemp(f"report-{site}")
            result = run_cli("audit", f"{server.url}/{site}/listing/", "--out", str(out), *LOOPBACK, *extra)
            cache[key] = (out, result)
        return cache[key]

    return audit
