"""Finding a Chromium to drive: `$LISTING_AUDIT_CHROMIUM`, Playwright's own download, a system Chromium or Chrome.

A headless shell (Chromium without the browser's windows) is preferred to the full browser wherever both are
installed: the full browser in headless mode still builds a toolbar for every page it opens, and that toolbar's
address-bar popup is a web page of its own (about 400 script modules in Chromium 156), which cost 0.7-1.4 s of CPU
per listing page on top of the page itself; the shell renders the same page for about half the CPU.

Shared by the crawl (rendering pages), the PDF writer and `make browser`; it launches nothing itself.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import BrowserUnavailable

ENV_VAR = "LISTING_AUDIT_CHROMIUM"
#: flags that let Chromium start in containers and CI and keep it from calling home
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
#: Chromium's headless shell, as Linux distributions package it (Debian: `chromium-headless-shell`)
SYSTEM_SHELLS = (
    "chromium-headless-shell",
    "chrome-headless-shell",
    "/usr/lib/chromium/chromium-headless-shell",
)
#: the executable's name in Playwright's headless-shell download (without .exe)
SHELL_NAMES = ("chrome-headless-shell", "headless_shell")
#: the full browser, used headless when no shell is installed
SYSTEM_BROWSER = "system Chromium"
SYSTEM_CANDIDATES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "/usr/lib/chromium/chromium",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
)
HOW_TO_GET_ONE = (
    "no Chromium found: run `make browser` (or `python -m playwright install chromium`; on Debian "
    "`apt-get install chromium-headless-shell libatomic1`, elsewhere the `chromium` package), "
    "set LISTING_AUDIT_CHROMIUM=/path/to/chromium, or use --no-browser"
)


@dataclass(frozen=True)
class BrowserChoice:
    """Which Chromium to launch and where it came from (for `-v`)."""

    executable: str | None
    source: str

    @property
    def is_shell(self) -> bool:
        """True for a headless shell (no browser windows: the cheaper one to render with)."""
        return "headless" in Path(self.executable or "").name

    def describe(self) -> str:
        """One line for the log: "system Chromium headless shell at /usr/bin/chromium-headless-shell"."""
        return f"{self.source} at {self.executable}" if self.executable else self.source


def find_chromium(playwright_path: str | None = None, shell: bool = True) -> BrowserChoice:
    """The first usable Chromium, a headless shell before the full browser of the same source; raises
    BrowserUnavailable with instructions when there is none.

    `playwright_path`: where Playwright's own Chromium would be (`playwright.chromium.executable_path`); its headless
    shell, when downloaded too, sits beside it. `shell=False`: the full browser only (as the code before the shell
    chose; the benchmark runs that code).
    """
    override = os.environ.get(ENV_VAR)
    if override:
        if _executable(override):
            return BrowserChoice(override, f"${ENV_VAR}")
        raise BrowserUnavailable(f"{ENV_VAR}={override} is not an executable file")
    if playwright_path and Path(playwright_path).is_file():
        headless_shell = playwright_shell(Path(playwright_path)) if shell else None
        if headless_shell is not None:
            return BrowserChoice(str(headless_shell), "Playwright's headless shell")
        return BrowserChoice(playwright_path, "Playwright's Chromium")
    system = ((SYSTEM_SHELLS, f"{SYSTEM_BROWSER} headless shell"),) if shell else ()
    for candidates, source in (*system, (SYSTEM_CANDIDATES, SYSTEM_BROWSER)):
        for candidate in candidates:
            found = shutil.which(candidate) or (candidate if _executable(candidate) else None)
            if found:
                return BrowserChoice(found, source)
    raise BrowserUnavailable(HOW_TO_GET_ONE)


def playwright_shell(chromium: Path) -> Path | None:
    """Playwright's headless shell of the same revision as its Chromium at `chromium`, if downloaded.

    Playwright keeps `<cache>/chromium-<rev>/chrome-<platform>/chrome` (on macOS deeper, inside `Chromium.app`) and
    `<cache>/chromium_headless_shell-<rev>/<folder>/chrome-headless-shell[.exe]` (`headless_shell` before 2024).
    """
    revision = next((p for p in chromium.parents if p.name.startswith("chromium-")), None)
    if revision is None:
        return None
    folder = revision.parent / f"chromium_headless_shell-{revision.name.removeprefix('chromium-')}"
    for shell in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if shell.name.removesuffix(".exe") in SHELL_NAMES and _executable(str(shell)):
            return shell
    return None


def _executable(path: str) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)
