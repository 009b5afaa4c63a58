"""`listing-audit history`'s rows: newest first, the change from the previous audit of the same target and profile."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from auditor.errors import UsageError
from auditor.history.view import entries, parse_since, render
from tests.monitoring.factories import record

AUDITS = [
    record(score=90.0, when="2026-11-30T02:00:00+00:00", id=1),
    record(score=70.0, when="2026-12-01T02:00:00+00:00", profile="workflow", id=2),
    record(score=84.5, verdict="not-ready", when="2026-12-02T02:00:00+00:00", blockers=["TRU501"], id=3,
           report="=cmd|' /C calc'!A0"),
]


def test_newest_first_with_the_change_within_the_same_target_and_profile():
    found = entries(AUDITS)
    assert [e.record.id for e in found] == [3, 2, 1]
    assert [(e.change, e.verdict_before) for e in found] == [(-5.5, "ready"), (None, None), (None, None)]


def test_since_leaves_older_audits_out_but_keeps_their_change():
    found = entries(AUDITS, since=date(2026, 12, 2))
    assert [(e.record.id, e.change) for e in found] == [(3, -5.5)]


def test_the_table_aligns_its_columns():
    lines = render(entries(AUDITS), "table").splitlines()
    assert lines[0].split()[:5] == ["time", "target", "profile", "marketplace", "score"]
    score_end = lines[0].index("score") + len("score")
    assert [line[score_end - 4:score_end] for line in lines[1:]] == ["84.5", "70.0", "90.0"]
    assert render([], "table") == "no audits in the history\n"


def test_json_and_csv_carry_the_same_rows_and_csv_defuses_formulas():
    data = json.loads(render(entries(AUDITS), "json"))
    assert data[0]["change"] == -5.5 and data[0]["blockers"] == ["TRU501"] and data[0]["verdict_before"] == "ready"
    rows = list(csv.DictReader(io.StringIO(render(entries(AUDITS), "csv"))))
    assert rows[0]["change"] == "-5.5" and rows[0]["report"].startswith("'=")


def test_a_bad_since_is_one_line():
    assert parse_since("2026-12-01") == date(2026, 12, 1)
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        parse_since("last tuesday")
