"""Finding a Chromium to drive: `$LISTING_AUDIT_CHROMIUM`, Playwright's own download, a system Chromium or Chrome.

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
    "no Chromium found: run `make browser` (or `python -m playwright install chromium`; on Debian/Ubuntu "
    "`apt-get install chromium libatomic1`), set LISTING_AUDIT_CHROMIUM=/path/to/chromium, or use --no-browser"
)


@dataclass(frozen=True)
class BrowserChoice:
    """Which Chromium to launch and where it came from (for `-v`)."""

    executable: str | None
    source: str

    def describe(self) -> str:
        """One line for the log: "system Chromium at /usr/bin/chromium"."""
        return f"{self.source} at {self.executable}" if self.executable else self.source


def find_chromium(playwright_path: str | None = None) -> BrowserChoice:
    """The first usable Chromium; raises BrowserUnavailable with instructions when there is none."""
    override = os.environ.get(ENV_VAR)
    if override:
        if Path(override).is_file() and os.access(override, os.X_OK):
            return BrowserChoice(override, f"${ENV_VAR}")
        raise BrowserUnavailable(f"{ENV_VAR}={override} is not an executable file")
    if playwright_path and Path(playwright_path).is_file():
        return BrowserChoice(None, f"Playwright's Chromium at {playwright_path}")
    for candidate in SYSTEM_CANDIDATES:
        found = shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
        if found:
            return BrowserChoice(found, "system Chromium")
    raise BrowserUnavailable(HOW_TO_GET_ONE)
