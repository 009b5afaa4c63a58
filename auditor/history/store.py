"""The history file: SQLite, versioned (`schema_version`) and migrated forward on open.

Many writers share one file (a batch, two CI jobs on one runner): WAL mode lets readers go on beside a writer,
every write is one `BEGIN IMMEDIATE` transaction, a busy file is waited for (`busy_timeout`) and the write retried
with backoff. What still fails is a HistoryError: the caller warns and keeps its report.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from auditor.errors import AuditError
from auditor.history.record import AuditRecord, CheckState
from auditor.model import AlertDelivery, TrendPoint

T = TypeVar("T")

#: one script per version, applied in order to bring a file from version N-1 to N; never edit a released one
MIGRATIONS: tuple[str, ...] = (
    # 1: audits, their category scores and their checks
    """
    CREATE TABLE audits (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        target TEXT NOT NULL, profile TEXT NOT NULL, generated_at TEXT NOT NULL, recorded_at TEXT NOT NULL,
        tool_version TEXT NOT NULL, marketplace TEXT NOT NULL, score REAL, verdict TEXT NOT NULL,
        blockers TEXT NOT NULL DEFAULT '[]', report TEXT
    );
    CREATE INDEX audits_by_target ON audits (target, profile, generated_at);
    CREATE TABLE category_scores (
        audit_id INTEGER NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
        category TEXT NOT NULL, score REAL, PRIMARY KEY (audit_id, category)
    );
    CREATE TABLE check_results (
        audit_id INTEGER NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
        check_id TEXT NOT NULL, title TEXT NOT NULL, status TEXT NOT NULL, score REAL,
        PRIMARY KEY (audit_id, check_id)
    );
    """,
    # 2: the broken links of each audit (for "a docs link newly broken") and every alert's delivery
    """
    ALTER TABLE audits ADD COLUMN broken_links TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        audit_id INTEGER NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
        endpoint TEXT NOT NULL, delivered INTEGER NOT NULL, attempts INTEGER NOT NULL, status INTEGER, error TEXT,
        at TEXT NOT NULL
    );
    """,
    # 3: the listing's name as the page shows it (the dashboard lists listings by name)
    """
    ALTER TABLE audits ADD COLUMN name TEXT;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

_AUDIT_COLUMNS = ("id, target, profile, generated_at, tool_version, marketplace, score, verdict, blockers, "
                  "broken_links, report, name")


class HistoryError(AuditError):
    """The history file cannot be opened, read or written (locked too long, read-only, not a history)."""


class HistoryStore:
    """One open history file. Use as a context manager; every method is safe beside other writers."""

    def __init__(self, path: Path, busy_timeout: float = 5.0, retries: int = 4, backoff: float = 0.2) -> None:
        self.path = path
        self._retries = retries
        self._backoff = backoff
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise HistoryError(f"cannot open the history {path}: {_reason(exc)}") from None
        try:
            self._db.execute("PRAGMA foreign_keys = ON")
            self._retry(self._wal)
            self._retry(self._migrate)
        except HistoryError:
            self._db.close()
            raise

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    # ------------------------------------------------------------ schema

    def _wal(self) -> None:
        self._db.execute("PRAGMA journal_mode = WAL").fetchone()

    def _migrate(self) -> None:
        if self._current_version() == SCHEMA_VERSION:  # the usual case needs no write lock: readers stay readers
            return
        with self._write():
            self._db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = self._db.execute("SELECT max(version) FROM schema_version").fetchone()
            version = int(row[0] or 0)
            if version > SCHEMA_VERSION:
                raise HistoryError(f"the history {self.path} has schema {version}, newer than this listing-audit "
                                   f"reads ({SCHEMA_VERSION}); upgrade listing-audit")
            for number, script in enumerate(MIGRATIONS[version:], version + 1):
                for statement in _statements(script):
                    self._db.execute(statement)
                self._db.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))

    def _current_version(self) -> int:
        found = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        if not self._db.execute(found).fetchone():
            return 0
        return int(self._db.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0)

    def version(self) -> int:
        """The file's schema version."""
        return self._read(self._current_version)

    # ------------------------------------------------------------ writing

    def add(self, record: AuditRecord) -> int:
        """Store one audit; returns its id."""
        def write() -> int:
            with self._write():
                cursor = self._db.execute(
                    "INSERT INTO audits (target, profile, generated_at, recorded_at, tool_version, marketplace, "
                    "score, verdict, blockers, broken_links, report, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (record.target, record.profile, record.generated_at, _now(), record.tool_version,
                     record.marketplace, record.score, record.verdict, json.dumps(record.blockers),
                     json.dumps(record.broken_links), record.report, record.name))
                audit_id = int(cursor.lastrowid or 0)
                self._db.executemany("INSERT INTO category_scores VALUES (?, ?, ?)",
                                     [(audit_id, k, v) for k, v in record.categories.items()])
                self._db.executemany("INSERT INTO check_results VALUES (?, ?, ?, ?, ?)",
                                     [(audit_id, k, c.title, c.status, c.score) for k, c in record.checks.items()])
                return audit_id

        record.id = self._retry(write)
        return record.id

    def add_deliveries(self, audit_id: int, deliveries: Sequence[AlertDelivery]) -> None:
        """Keep how each webhook post of an audit's alert went."""
        def write() -> None:
            with self._write():
                self._db.executemany(
                    "INSERT INTO deliveries (audit_id, endpoint, delivered, attempts, status, error, at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(audit_id, d.endpoint, int(d.delivered), d.attempts, d.status, d.error, _now())
                     for d in deliveries])

        self._retry(write)

    # ------------------------------------------------------------ reading

    def previous(self, target: str, profile: str, before: AuditRecord | None = None) -> AuditRecord | None:
        """The latest audit of `target` under `profile` (before `before`, when given), with its checks."""
        where, args = "target = ? AND profile = ?", list[object]([target, profile])
        if before is not None:
            where += " AND (generated_at < ? OR (generated_at = ? AND id < ?))"
            args += [before.generated_at, before.generated_at, before.id if before.id is not None else 2**62]
        found = self._select(where, args, "ORDER BY generated_at DESC, id DESC LIMIT 1")
        return self.with_checks(found[0]) if found else None

    def audits(self, target: str | None = None, since: str | None = None) -> list[AuditRecord]:
        """Every audit (of `target`, from `since`, an ISO date or time), newest first, without their checks."""
        where, args = "1", []
        if target is not None:
            where, args = "target = ?", [target]
        if since is not None:
            where += " AND generated_at >= ?"
            args.append(since)
        return self._select(where, args, "ORDER BY generated_at DESC, id DESC")

    def audits_of(self, target: str, profile: str, limit: int = 60) -> list[AuditRecord]:
        """The last `limit` audits of `target` under `profile`, oldest first, without their checks."""
        records = self._select("target = ? AND profile = ?", [target, profile],
                               f"ORDER BY generated_at DESC, id DESC LIMIT {int(limit)}")
        return records[::-1]

    def trend(self, target: str, profile: str, limit: int = 60) -> list[TrendPoint]:
        """The scores of the last `limit` audits of `target` under `profile`, oldest first."""
        return [TrendPoint(r.generated_at, r.score, r.verdict) for r in self.audits_of(target, profile, limit)]

    def categories(self, audit_ids: Sequence[int]) -> dict[int, dict[str, float | None]]:
        """The category scores of these audits, by audit id."""
        found: dict[int, dict[str, float | None]] = {i: {} for i in audit_ids}
        for start in range(0, len(audit_ids), 500):  # SQLite's bound-parameter limit
            chunk = list(audit_ids[start:start + 500])

            def query(chunk: list[int] = chunk) -> list[tuple[int, str, float | None]]:
                marks = ", ".join("?" * len(chunk))
                return self._db.execute(
                    f"SELECT audit_id, category, score FROM category_scores WHERE audit_id IN ({marks})",
                    chunk).fetchall()

            for audit_id, category, score in self._read(query):
                found[audit_id][category] = score
        return found

    def deliveries(self, audit_id: int) -> list[AlertDelivery]:
        """How the alert of one audit was delivered."""
        rows = self._read(lambda: self._db.execute(
            "SELECT endpoint, delivered, attempts, status, error FROM deliveries WHERE audit_id = ? ORDER BY id",
            (audit_id,)).fetchall())
        return [AlertDelivery(e, bool(d), a, s, err) for e, d, a, s, err in rows]

    def _select(self, where: str, args: Sequence[object], tail: str) -> list[AuditRecord]:
        rows = self._read(lambda: self._db.execute(
            f"SELECT {_AUDIT_COLUMNS} FROM audits WHERE {where} {tail}", list(args)).fetchall())
        return [AuditRecord(target=t, profile=p, generated_at=g, tool_version=v, marketplace=m, score=s, verdict=vd,
                            blockers=json.loads(b), broken_links=json.loads(bl), report=rep, name=n, id=i)
                for i, t, p, g, v, m, s, vd, b, bl, rep, n in rows]

    def with_checks(self, record: AuditRecord) -> AuditRecord:
        """`record` with its checks and category scores read in (the listings of audits leave them out)."""
        rows = self._read(lambda: self._db.execute(
            "SELECT check_id, title, status, score FROM check_results WHERE audit_id = ?", (record.id,)).fetchall())
        record.checks = {i: CheckState(status, score, title) for i, title, status, score in rows}
        record.categories = self.categories([record.id or 0])[record.id or 0]
        return record

    # ------------------------------------------------------------ plumbing

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction, taken at once (BEGIN IMMEDIATE), so two writers never deadlock on an upgrade."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _read(self, query: Callable[[], T]) -> T:
        return self._retry(query)

    def _retry(self, action: Callable[[], T]) -> T:
        """Run `action`, again after a pause while the file is busy; anything else is a HistoryError at once."""
        for attempt in range(self._retries + 1):
            try:
                return action()
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy or attempt == self._retries:
                    state = "busy (another process held it too long)" if busy else _reason(exc)
                    raise HistoryError(f"the history {self.path} is {state}" if busy
                                       else f"cannot use the history {self.path}: {state}") from None
                time.sleep(self._backoff * 2 ** attempt)
            except sqlite3.DatabaseError as exc:
                raise HistoryError(f"cannot use the history {self.path}: {_reason(exc)}") from None
        raise AssertionError("unreachable")


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    if "not a database" in text:
        return "it is not a listing-audit history (not an SQLite file)"
    if "readonly" in text or "read-only" in text:
        return "it is read-only"
    return text


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
