"""The files of a portfolio (the LISTINGS file, a metrics file): reading one, and a CSV's records with the line
each starts on."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from auditor.errors import UsageError


def records(text: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, cells) of each record; blank records and `#` comment lines are skipped, and text
    that is not valid CSV is a UsageError naming the line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    last = 0
    try:
        for cells in reader:
            start, last = last + 1, reader.line_num
            if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
                continue
            yield start, cells
    except csv.Error as exc:
        raise UsageError(f"{path}: line {reader.line_num}: not valid CSV ({exc})") from None


def read_text(path: Path, what: str) -> str:
    """The file's text (UTF-8, a byte-order mark dropped); a file that is missing or unreadable is a UsageError
    that names it as `what` ("listings", "metrics")."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{what} file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the {what} file {path}: {exc}") from None
