"""Dates as pages write them: the pattern-matching reader gives exactly what strptime gives."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract.dates import DATE_IN_TEXT, first_date_in, normal_form, parse_date, written_date

_STRPTIME_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y/%m/%d", "%m/%d/%Y")


def strptime_date(text: str) -> str | None:
    """The oracle: the first of the formats in which datetime.strptime reads `text`, as the reader once did."""
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
    assert written_date(normal_form(text)) == strptime_date(normal_form(text))


@pytest.mark.parametrize(("text", "iso"), [
    ("November 20, 2026", "2026-11-20"), ("Nov 20, 2026", "2026-11-20"), ("20 November 2026", "2026-11-20"),
    ("20 Nov 2026", "2026-11-20"), ("November 20 2026", "2026-11-20"), ("Nov 20 2026", "2026-11-20"),
    ("2026/11/20", "2026-11-20"), ("11/20/2026", "2026-11-20"), ("Sept. 5, 2026", "2026-09-05"),
    ("SEPTEMBER 05 2026", "2026-09-05"), ("2026-11-20T10:00:00Z", "2026-11-20"), (" 5 may 2026 ", "2026-05-05"),
])
def test_the_written_forms_are_read(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["February 30, 2026", "13/01/2026", "2026-02-30", "Smarch 3, 2026", "", None,
                                  "sept 5 2026", "November 20, 2026 at noon"])
def test_what_is_no_date_reads_as_none(text: str | None) -> None:
    assert parse_date(text) is None


def test_dates_are_found_inside_running_text() -> None:
    text = "Released 3 Mar 2025. Last updated November 20, 2026, reviewed 2026-11-21 and on 11/22/2026."
    assert [m.group(1) for m in DATE_IN_TEXT.finditer(text)] == [
        "3 Mar 2025", "November 20, 2026", "2026-11-21", "11/22/2026"]
    assert first_date_in("no date here, then Oct 2, 2024") == "2024-10-02"
    assert [m.group(1) for m in DATE_IN_TEXT.finditer("X2026-11-21 and 12026-11-21")] == []
