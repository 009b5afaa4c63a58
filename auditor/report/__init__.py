"""Report writers: one module per format behind one interface, `render(report) -> str`."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from auditor.errors import UsageError
from auditor.model import Report
from auditor.report import html, json

Renderer = Callable[[Report], str]
WRITERS: dict[str, tuple[str, Renderer]] = {
    "html": ("report.html", html.render),
    "json": ("report.json", json.render),
}


def parse_formats(value: str) -> list[str]:
    """"html,json" -> ["html", "json"]; an unknown format is a UsageError naming it."""
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in WRITERS]
    if unknown or not formats:
        raise UsageError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(WRITERS)}")
    return list(dict.fromkeys(formats))


def write_reports(report: Report, out_dir: Path, formats: Iterable[str]) -> list[Path]:
    """Render each format and write it atomically into `out_dir`; returns the written paths."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot write reports to {out_dir}: {exc.strerror or exc}") from exc
    written = []
    for fmt in formats:
        name, render = WRITERS[fmt]
        written.append(_atomic_write(out_dir / name, render(report)))
    return written


def _atomic_write(path: Path, text: str) -> Path:
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path
