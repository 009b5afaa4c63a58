"""The history file: created and migrated on open, shared by concurrent writers, and every failure one HistoryError."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest

from auditor.history.record import record_from_report
from auditor.history.store import MIGRATIONS, SCHEMA_VERSION, HistoryError, HistoryStore
from auditor.model import AlertDelivery
from tests.monitoring.factories import TARGET, record


def test_a_new_file_gets_the_current_schema_and_keeps_what_is_added(tmp_path):
    path = tmp_path / "deep" / "history.db"
    with HistoryStore(path) as store:
        assert store.version() == SCHEMA_VERSION
        first = store.add(record(score=91.0, when="2026-12-01T02:00:00+00:00", broken_links=["https://x/a"]))
        store.add(record(score=80.0, when="2026-12-02T02:00:00+00:00", blockers=["TRU501"], name="Ledgerline"))
        store.add_deliveries(first, [AlertDelivery("http://127.0.0.1:9/…", False, 3, 500, "HTTP 500")])
        latest = store.previous(TARGET, "distribution")
        assert latest is not None and latest.score == 80.0 and latest.blockers == ["TRU501"]
        assert latest.name == "Ledgerline"
        assert latest.checks["DOC101"].status == "pass" and latest.categories == {"documentation": 80.0, "trust": 80.0}
        before = store.previous(TARGET, "distribution", before=latest)
        assert before is not None and before.id == first and before.broken_links == ["https://x/a"]
        assert store.previous(TARGET, "workflow") is None
        assert [p.score for p in store.trend(TARGET, "distribution")] == [91.0, 80.0]
        assert store.deliveries(first)[0].status == 500
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_version_1_file_is_migrated_forward_and_keeps_its_audits(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.executescript("CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);"
                     "INSERT INTO audits (target, profile, generated_at, recorded_at, tool_version, marketplace, score,"
                     f" verdict) VALUES ('{TARGET}', 'distribution', '2026-11-01T00:00:00+00:00', 'x', '0.0.9', "
                     "'generic', 77.5, 'needs-work');")
    db.close()
    with HistoryStore(path) as store:
        assert store.version() == SCHEMA_VERSION == 3
        old = store.previous(TARGET, "distribution")
        assert old is not None and old.score == 77.5 and old.broken_links == [] and old.tool_version == "0.0.9"
        assert old.name is None  # recorded before names were


def test_a_newer_schema_is_refused_not_damaged(tmp_path):
    path = tmp_path / "new.db"
    HistoryStore(path).close()
    sqlite3.connect(path, isolation_level=None).execute("INSERT INTO schema_version VALUES (99)")
    with pytest.raises(HistoryError, match="schema 99, newer than"):
        HistoryStore(path)


def test_a_file_that_is_not_a_history_is_one_line(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(HistoryError, match="not an SQLite file"):
        HistoryStore(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
def test_a_read_only_folder_is_a_history_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(HistoryError):
            HistoryStore(folder / "history.db").add(record())
    finally:
        folder.chmod(0o700)


def test_a_path_that_cannot_be_a_file_is_a_history_error(tmp_path):
    (tmp_path / "taken").write_text("a file where a folder should be")
    with pytest.raises(HistoryError, match="cannot open the history"):
        HistoryStore(tmp_path / "taken" / "history.db")


def test_a_file_locked_longer_than_the_wait_is_a_history_error_soon(tmp_path):
    path = tmp_path / "history.db"
    HistoryStore(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(HistoryError, match="busy"), \
                HistoryStore(path, busy_timeout=0.05, retries=1, backoff=0.01) as store:
            store.add(record())
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def _write_many(path: str, worker: int, count: int) -> None:
    with HistoryStore(Path(path)) as store:
        for n in range(count):
            store.add(record(score=float(n), when=f"2026-12-01T02:{worker:02d}:{n:02d}+00:00",
                             target=f"https://apps.example.com/{worker}"))


@pytest.mark.slow
def test_concurrent_writers_lose_nothing_and_never_corrupt_the_file(tmp_path):
    path = tmp_path / "shared.db"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_many, args=(str(path), w, 30)) for w in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM audits").fetchone()[0] == 120
    assert db.execute("SELECT count(*) FROM check_results").fetchone()[0] == 240
    assert db.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_a_report_becomes_a_record_with_its_broken_links():
    data = {"target": TARGET, "generated_at": "2026-12-01T00:00:00+00:00", "tool_version": "0.1.0",
            "profile": "workflow", "marketplace": "hubspot", "score": 61.24, "verdict": "needs-work",
            "blockers": ["TRU501"], "categories": {"trust": {"score": 40.0}, "reviews": {"score": None}},
            "checks": [{"id": "DOC105", "title": "Broken links", "status": "warn", "score": 0.5}],
            "pages": [{"url": "https://d/x", "kind": "docs", "status": 404}, {"url": "https://d/l", "kind": "listing",
                                                                             "status": 404},
                      {"url": "https://d/y", "kind": "docs", "status": 403}],
            "links": [{"url": "https://d/z", "outcome": "broken", "status": None}]}
    made = record_from_report(data, "/r/report.json")
    assert made.broken_links == ["https://d/x", "https://d/z"]  # not the listing, not a 403 (unverified)
    assert made.categories == {"trust": 40.0, "reviews": None} and made.checks["DOC105"].failing
    assert made.report == "/r/report.json" and made.score == 61.24 and made.name is None
    assert record_from_report({**data, "listing": {"name": "Ledgerline for HubSpot"}}).name == "Ledgerline for HubSpot"
    gone = record_from_report({**data, "verdict": "unavailable", "score": 0.0})
    assert gone.unavailable and gone.score is None
