"""CSV safe to open in a spreadsheet: text that a spreadsheet would run as a formula is defused."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

#: how a cell starts when a spreadsheet would run it as a formula
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """Numbers as they are; text starting like a formula (= + - @ tab CR) behind an apostrophe; None empty."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA):
        return "'" + value
    return value


def table(columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    """A CSV document: the header row, then each row with every cell made safe by `cell`."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([cell(v) for v in values] for values in rows)
    return out.getvalue()
