"""An authenticated preview: a Playwright storage-state file (what `context.storage_state()` saves).

The browser context loads it whole; the plain-HTTP path gets its cookies. Nothing from it is ever
copied into the Snapshot or the report.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from auditor.errors import UsageError
from auditor.jsonfile import read_json


def load_cookies(path: Path) -> httpx.Cookies:
    """The cookies of a storage-state file, for httpx; a file of another shape is a UsageError."""
    state = read_json(path, "--auth-state file")
    if not isinstance(state, dict) or not isinstance(state.get("cookies"), list):
        raise UsageError(f"--auth-state: {path} is not a Playwright storage-state file (no \"cookies\" list)")
    jar = httpx.Cookies()
    for i, cookie in enumerate(state["cookies"], 1):
        if not isinstance(cookie, dict) or not all(isinstance(cookie.get(k), str) for k in ("name", "value", "domain")):
            raise UsageError(f"--auth-state: cookie {i} in {path} needs name, value and domain")
        jar.set(cookie["name"], cookie["value"], domain=cookie["domain"].lstrip("."), path=cookie.get("path") or "/")
    return jar
