"""Reading a JSON file the user named, with one-line errors that say which file and what it was for."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from auditor.errors import UsageError


def read_json(path: Path, what: str, missing_hint: str = "") -> Any:
    """The parsed JSON of `path`; a missing or unreadable file is a UsageError naming `what` it should be."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{what} not found: {path}{missing_hint}") from None
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the {what} {path} as JSON ({type(exc).__name__}: {exc})") from None
