"""Report writers: one module per format behind one interface, `render(report) -> str`."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from auditor.errors import UsageError
from auditor.model import Report
from auditor.report import html, json, junit, markdown, pdf, sarif

Renderer = Callable[[Report], str | bytes]
WRITERS: dict[str, tuple[str, Renderer]] = {
    "html": ("report.html", html.render),
    "json": ("report.json", json.render),
    "markdown": ("report.md", markdown.render),
    "sarif": ("report.sarif", sarif.render),
    "junit": ("report.junit.xml", junit.render),
    "pdf": ("report.pdf", pdf.render),
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
    return [write_file(out_dir, WRITERS[fmt][0], WRITERS[fmt][1](report)) for fmt in formats]


def write_file(out_dir: Path, name: str, content: str | bytes) -> Path:
    """Write one report file atomically into `out_dir` (created if needed)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot write reports to {out_dir}: {exc.strerror or exc}") from exc
    return _atomic_write(out_dir / name, content)


def append_step_summary(report: Report, path: Path) -> None:
    """Append the Markdown summary to a CI step-summary file (`$GITHUB_STEP_SUMMARY`)."""
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(markdown.render(report) + "\n")
    except OSError as exc:
        raise UsageError(f"cannot append to the step summary {path}: {exc.strerror or exc}") from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _atomic_write(path: Path, content: str | bytes) -> Path:
    """Write to a temporary file beside `path`, then rename: a reader never sees half a report, and a
    failed write leaves the previous report as it was (and no temporary file behind)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is meant to be shared
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path
