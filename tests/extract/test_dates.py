"""Dates as pages write them: the pattern-matching reader gives exactly what strptime gives."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract.dates import DATE_IN_TEXT, first_date_in, parse_date

_STRPTIME_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y/%m/%d", "%m/%d/%Y")


def strptime_date(text: str | None) -> str | None:
    """The reader as it was, trying each format with datetime.strptime: the oracle."""
    if not text:
        return None
    text = " ".join(re.sub(r"\bSept\b", "Sep", text).replace(".", "").split())
    match = re.match(r"(\d{4}-\d{2}-\d{2})", text)
    if match:
        try:
            return date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            return None
    for fmt in _STRPTIME_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


_TOKENS = ["January", "february", "MARCH", "May", "Sept", "Sep", "sept", "September", "Dec", "dec.", "Febr",
           "1", "5", "05", "12", "13", "29", "30", "31", "32", "0", "00", "2026", "1999", "0000", "99999", "٢٠٢٦",
           " ", "  ", ",", ", ", "/", ".", "-", "T10:00Z", "st", "\t", "x"]


@settings(max_examples=4000, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=7).map("".join))
def test_reads_every_string_as_strptime_did(text: str) -> None:
    assert parse_date(text) == strptime_date(text)


@pytest.mark.parametrize("text", [
    "November 20, 2026", "Nov 20, 2026", "20 November 2026", "20 Nov 2026", "November 20 2026", "Nov 20 2026",
    "2026/11/20", "11/20/2026", "Sept. 5, 2026", "SEPTEMBER 05 2026", "2026-11-20T10:00:00Z", " 5 may 2026 ",
])
def test_the_written_forms_are_read(text: str) -> None:
    assert parse_date(text) == strptime_date(text) is not None


@pytest.mark.parametrize("text", ["February 30, 2026", "13/01/2026", "2026-02-30", "Smarch 3, 2026", "", None,
                                  "sept 5 2026", "November 20, 2026 at noon"])
def test_what_is_no_date_reads_as_none(text: str | None) -> None:
    assert parse_date(text) is None is strptime_date(text)


def test_dates_are_found_inside_running_text() -> None:
    text = "Released 3 Mar 2025. Last updated November 20, 2026, reviewed 2026-11-21 and on 11/22/2026."
    assert [m.group(1) for m in DATE_IN_TEXT.finditer(text)] == [
        "3 Mar 2025", "November 20, 2026", "2026-11-21", "11/22/2026"]
    assert first_date_in("no date here, then Oct 2, 2024") == "2024-10-02"
    assert [m.group(1) for m in DATE_IN_TEXT.finditer("X2026-11-21 and 12026-11-21")] == []
