"""Which Chromium the tool drives: the override, Playwright's own (its headless shell first), then the system's
(its headless shell first), else a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor import chromium
from auditor.chromium import ENV_VAR, find_chromium, playwright_shell
from auditor.errors import BrowserUnavailable


def _executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty PATH folder; the absolute system locations are left out, so only what a test puts there is found."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setattr(chromium, "SYSTEM_SHELLS", tuple(c for c in chromium.SYSTEM_SHELLS if "/" not in c))
    monkeypatch.setattr(chromium, "SYSTEM_CANDIDATES", tuple(c for c in chromium.SYSTEM_CANDIDATES if "/" not in c))
    return folder


def _playwright_cache(root: Path, *, shell: bool) -> Path:
    """Playwright's download layout: chromium-<rev>/chrome-linux64/chrome, and its headless shell beside it."""
    browser = _executable(root / "chromium-1255" / "chrome-linux64" / "chrome")
    if shell:
        _executable(root / "chromium_headless_shell-1255" / "chrome-headless-shell-linux64" / "chrome-headless-shell")
    return browser


def test_the_system_headless_shell_comes_before_the_full_browser(system: Path) -> None:
    _executable(system / "chromium")
    shell = _executable(system / "chromium-headless-shell")
    choice = find_chromium(None)
    assert choice.executable == str(shell)
    assert choice.is_shell
    assert choice.describe() == f"system Chromium headless shell at {shell}"


def test_the_full_browser_when_no_shell_is_installed(system: Path) -> None:
    browser = _executable(system / "chromium")
    choice = find_chromium(None)
    assert choice.executable == str(browser)
    assert not choice.is_shell


def test_playwrights_shell_beside_its_chromium(system: Path, tmp_path: Path) -> None:
    _executable(system / "chromium-headless-shell")  # Playwright's own still comes first
    browser = _playwright_cache(tmp_path / "ms-playwright", shell=True)
    choice = find_chromium(str(browser))
    assert choice.source == "Playwright's headless shell"
    assert choice.executable is not None and choice.executable.endswith("chrome-headless-shell")


def test_playwrights_chromium_is_named_by_its_path_without_a_shell(system: Path, tmp_path: Path) -> None:
    browser = _playwright_cache(tmp_path / "ms-playwright", shell=False)
    choice = find_chromium(str(browser))
    # a concrete path, so a batch worker can start it as its shared Chromium
    assert (choice.source, choice.executable) == ("Playwright's Chromium", str(browser))
    assert playwright_shell(browser) is None


def test_playwrights_shell_on_macos_and_under_its_older_name(tmp_path: Path) -> None:
    mac = _executable(tmp_path / "mac" / "chromium-1255" / "chrome-mac-arm64" / "Chromium.app" / "Contents" / "MacOS"
                      / "Chromium")
    shell = _executable(tmp_path / "mac" / "chromium_headless_shell-1255" / "chrome-headless-shell-mac-arm64"
                        / "chrome-headless-shell")
    assert playwright_shell(mac) == shell
    old = _executable(tmp_path / "old" / "chromium-1100" / "chrome-linux" / "chrome")
    older = _executable(tmp_path / "old" / "chromium_headless_shell-1100" / "chrome-linux" / "headless_shell")
    _executable(tmp_path / "old" / "chromium_headless_shell-1100" / "chrome-linux" / "libsomething.so")
    assert playwright_shell(old) == older


def test_a_shell_of_another_revision_is_not_taken(tmp_path: Path) -> None:
    browser = _playwright_cache(tmp_path, shell=False)
    _executable(tmp_path / "chromium_headless_shell-1200" / "chrome-headless-shell-linux64" / "chrome-headless-shell")
    assert playwright_shell(browser) is None
    assert playwright_shell(tmp_path / "chrome") is None  # not Playwright's layout at all


def test_the_override_wins_and_a_bad_one_is_an_error(system: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _executable(system / "chromium-headless-shell")
    mine = _executable(system / "my-chrome")
    monkeypatch.setenv(ENV_VAR, str(mine))
    assert find_chromium(None).executable == str(mine)
    monkeypatch.setenv(ENV_VAR, str(system / "missing"))
    with pytest.raises(BrowserUnavailable, match="is not an executable file"):
        find_chromium(None)


def test_nothing_installed_says_how_to_get_one(system: Path) -> None:
    with pytest.raises(BrowserUnavailable, match="chromium-headless-shell"):
        find_chromium(None)


def test_the_full_browser_only_when_asked_for_it(system: Path, tmp_path: Path) -> None:
    browser = _executable(system / "chromium")
    _executable(system / "chromium-headless-shell")
    assert find_chromium(None, shell=False).executable == str(browser)
    playwrights = _playwright_cache(tmp_path / "ms-playwright", shell=True)
    assert find_chromium(str(playwrights), shell=False).executable == str(playwrights)
    (system / "chromium").unlink()
    with pytest.raises(BrowserUnavailable):
        find_chromium(None, shell=False)  # a shell alone is not a full browser
