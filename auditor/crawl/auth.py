"""An authenticated preview: a Playwright storage-state file (what `context.storage_state()` saves).

The browser context loads it whole; the plain-HTTP path gets its cookies. Nothing from it is ever
copied into the Snapshot or the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditor.errors import UsageError
from auditor.jsonfile import read_json


@dataclass(frozen=True)
class Cookie:
    """One cookie of a storage-state file, as the plain-HTTP client sends it."""

    name: str
    value: str
    domain: str
    path: str = "/"


def load_cookies(path: Path) -> list[Cookie]:
    """The cookies of a storage-state file; a file of another shape is a UsageError."""
    state = read_json(path, "--auth-state file")
    if not isinstance(state, dict) or not isinstance(state.get("cookies"), list):
        raise UsageError(f"--auth-state: {path} is not a Playwright storage-state file (no \"cookies\" list)")
    jar: list[Cookie] = []
    for i, cookie in enumerate(state["cookies"], 1):
        if not isinstance(cookie, dict) or not all(isinstance(cookie.get(k), str) for k in ("name", "value", "domain")):
            raise UsageError(f"--auth-state: cookie {i} in {path} needs name, value and domain")
        jar.append(Cookie(cookie["name"], cookie["value"], cookie["domain"].lstrip("."), cookie.get("path") or "/"))
    return jar
