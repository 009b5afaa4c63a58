"""Saving a Snapshot to a folder and loading it back, so a crawl can be re-scored with no network."""

from __future__ import annotations

import json
from pathlib import Path

from auditor.errors import UsageError
from auditor.jsonfile import read_json
from auditor.model import Snapshot
from auditor.redact import redact_secrets
from auditor.serialize import from_data, to_data

SNAPSHOT_FILE = "snapshot.json"
FORMAT_VERSION = 1


def save_snapshot(snapshot: Snapshot, folder: Path) -> Path:
    """Write `folder/snapshot.json` (pages' HTML included, URL secrets redacted) and return its path."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / SNAPSHOT_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"format": FORMAT_VERSION, "snapshot": to_data(redact_secrets(snapshot))}),
                       encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise UsageError(f"cannot save the snapshot in {folder}: {exc.strerror or exc}") from exc
    return path


def load_snapshot(folder: Path) -> Snapshot:
    """Read a snapshot saved by `save_snapshot`; a missing or foreign folder is a UsageError."""
    path = folder / SNAPSHOT_FILE if folder.is_dir() else folder
    data = read_json(path, "snapshot", " (make one with --save-snapshot)")
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION or "snapshot" not in data:
        raise UsageError(f"{path} is not a listing-audit snapshot (format {FORMAT_VERSION})")
    return from_data(Snapshot, data["snapshot"])
