"""Reading the Markdown tables the benchmarks print."""

from __future__ import annotations


def cells(line: str) -> list[str]:
    """The cells of one table row."""
    return [c.strip() for c in line.strip().strip("|").split("|")]


def number(cell: str) -> float:
    """A cell's number ("1,234.5", "2.1×")."""
    return float(cell.replace(",", "").rstrip("×"))


def table(stdout: str, first_column: str) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    """The header and the rows (as dicts) of the table whose header starts with `first_column`."""
    lines = stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_column}"))
    columns = tuple(cells(lines[header]))
    rows = []
    for line in lines[header + 2:]:
        if not line.startswith("|"):
            break
        rows.append(dict(zip(columns, cells(line), strict=False)))
    return columns, rows
