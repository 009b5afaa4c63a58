"""`make browser`'s order of attempts: a Chromium already here, then Playwright's download, then the system's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from auditor.chromium import BrowserChoice

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import ensure_browser

SHELL = BrowserChoice("/usr/bin/chromium-headless-shell", "system Chromium headless shell")


def _machine(monkeypatch: pytest.MonkeyPatch, found_after: str | None) -> list[str]:
    """A machine on which a browser appears after the step `found_after` ("here", "download", "system" or None);
    returns the steps taken."""
    steps: list[str] = []
    monkeypatch.setattr(ensure_browser, "locate", lambda shell=True: SHELL if found_after in steps or
                        found_after == "here" else None)

    def download(cmd: list[str]) -> bool:
        steps.append("download")
        return True

    def system_install() -> bool:
        steps.append("system")
        return True

    monkeypatch.setattr(ensure_browser, "run", download)
    choice = ensure_browser.obtain("Chromium", True, system_install)
    steps.append(f"found {choice.executable}" if choice else "none")
    return steps


def test_a_browser_already_here_is_used_without_installing_anything(monkeypatch) -> None:
    assert _machine(monkeypatch, "here") == [f"found {SHELL.executable}"]


def test_playwrights_download_comes_before_the_system_package(monkeypatch) -> None:
    assert _machine(monkeypatch, "download") == ["download", f"found {SHELL.executable}"]
    assert _machine(monkeypatch, "system") == ["download", "system", f"found {SHELL.executable}"]


def test_nothing_found_after_both_attempts_is_none(monkeypatch) -> None:
    assert _machine(monkeypatch, None) == ["download", "system", "none"]
