"""The on-disk cache: HTTP responses kept with their validators, and derived values kept by content.

Two rules keep it honest:

* a response is only ever reused after the server confirmed it unchanged (a conditional GET answered
  304 Not Modified); a page with no ETag or Last-Modified is fetched whole every time;
* a derived value (a page's links, its extracted DocPage) is keyed by a hash of everything it was
  computed from, plus the tool's version, so a changed page or a new release never reads an old one.

One SQLite file in WAL mode, so concurrent audits (a batch's workers) can share a cache directory.
Writes are batched and committed by a background thread on its own connection: a cold crawl stores
~40 KB a page, and committing that in the crawl's event loop took a fifth of its time.
Bodies and values are stored uncompressed: a warm re-audit reads every page back, and zlib made that
read seven times slower (0.23 against 0.035 ms a page) to save about 30 KB a page of disk.
Anything wrong with the file (corrupt, locked too long, read-only) makes the cache a no-op with a warning:
a cache can make an audit faster, never make it fail.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.model import html_digest

CACHE_FILE = "cache.sqlite"
#: entries unused for this long are dropped when a cache is closed
EVICT_AFTER_DAYS = 30
#: an entry's last use is written down at most this often: a warm re-audit then writes almost nothing
TOUCH_EVERY = 86_400.0
#: pending writes that are committed together
FLUSH_EVERY = 500
#: bump when the tables or their encoding change: a cache file of another version is emptied on open
#: (4: indexes on used_at; without them eviction read every row, through each body stored after it, at every close)
SCHEMA_VERSION = 4
_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    url TEXT PRIMARY KEY, final_url TEXT NOT NULL, status INTEGER NOT NULL, content_type TEXT,
    etag TEXT, last_modified TEXT, body BLOB NOT NULL, used_at REAL NOT NULL, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS derived (
    namespace TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, used_at REAL NOT NULL,
    PRIMARY KEY (namespace, key));
CREATE INDEX IF NOT EXISTS responses_used_at ON responses (used_at);
CREATE INDEX IF NOT EXISTS derived_used_at ON derived (used_at);
"""

#: what a close deletes: the entries last used before a cutoff (found through the used_at indexes)
EVICTIONS = ("DELETE FROM responses WHERE used_at < ?", "DELETE FROM derived WHERE used_at < ?")


def default_cache_dir() -> Path:
    """Where the cache lives unless configured: the platform's user cache folder."""
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "listing-audit"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "listing-audit"


def _migrate(db: sqlite3.Connection) -> None:
    """Create the tables, emptying a cache file written by another schema version (it is only a cache)."""
    with db:
        db.execute("BEGIN IMMEDIATE")  # two audits opening one new cache at once: one migrates, one waits
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            db.execute("DROP TABLE IF EXISTS responses")
            db.execute("DROP TABLE IF EXISTS derived")
            for statement in filter(str.strip, _SCHEMA.split(";")):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def content_key(*parts: str) -> str:
    """A key for a value derived from `parts` (and this version of the tool)."""
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        digest.update(b"\x00" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@dataclass(frozen=True)
class CachedResponse:
    """A stored 200 response and the validators to revalidate it with."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    text: str
    etag: str | None
    last_modified: str | None
    #: when the entry was last stored or confirmed (seconds since the epoch)
    used_at: float = 0.0
    #: the SHA-256 of `text` (`html_digest`), kept with it so a warm re-audit does not hash every page again;
    #: "" when not known yet (store_response computes it)
    digest: str = field(default="", compare=False)
    #: the body's size in bytes (set by store_response and when read back from the file)
    size: int = field(default=0, compare=False)

    def conditional_headers(self) -> dict[str, str]:
        """The headers that ask the server "has this changed?"."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class Cache:
    """An open cache file; every method is safe to call after a failure (it then does nothing)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.warning: str | None = None
        self._db: sqlite3.Connection | None = None
        #: writes wait here and go to disk together: one transaction instead of one per page
        self._pending: list[tuple[str, tuple[Any, ...]]] = []
        #: what is stored but not yet readable from the file: pending, then being written
        self._unwritten_responses: dict[str, CachedResponse] = {}
        self._unwritten_derived: dict[tuple[str, str], Any] = {}
        self._writing_responses: dict[str, CachedResponse] = {}
        self._writing_derived: dict[tuple[str, str], Any] = {}
        #: the background writer: one thread, its own connection, at most one transaction in flight
        self._writer: ThreadPoolExecutor | None = None
        self._writer_db: sqlite3.Connection | None = None
        self._writing: Future[None] | None = None
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._db = _connect(directory)
            _migrate(self._db)
        except (OSError, sqlite3.Error) as exc:
            self._fail("open", exc)

    def response(self, url: str) -> CachedResponse | None:
        """The stored response for `url`, if any."""
        unwritten = self._unwritten_responses.get(url) or self._writing_responses.get(url)
        if unwritten is not None:
            return unwritten
        row = self._query("SELECT url, final_url, status, content_type, etag, last_modified, body, used_at, digest "
                          "FROM responses WHERE url = ?", (url,))
        if row is None:
            return None
        try:
            text = row[6].decode("utf-8")
        except (AttributeError, UnicodeDecodeError):
            return None
        return CachedResponse(row[0], row[1], row[2], row[3], text, row[4], row[5], row[7], row[8], len(row[6]))

    def store_response(self, response: CachedResponse) -> None:
        """Keep a response that carries a validator (one without could never be reused safely)."""
        if self._db is None or not (response.etag or response.last_modified):
            return
        body = response.text.encode("utf-8")
        response = replace(response, digest=response.digest or html_digest(response.text), size=len(body))
        self._unwritten_responses[response.url] = response
        self._write("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (response.url, response.final_url, response.status, response.content_type, response.etag,
                     response.last_modified, body, time.time(), response.digest))

    def reused(self, response: CachedResponse) -> None:
        """Note that the server confirmed `response` unchanged (keeps it from eviction)."""
        self._touch(response.used_at, "UPDATE responses SET used_at = ? WHERE url = ?", response.url)

    def derived(self, namespace: str, key: str) -> Any | None:
        """A value stored under `content_key(...)`, or None."""
        for unwritten in (self._unwritten_derived, self._writing_derived):
            if (namespace, key) in unwritten:
                return unwritten[namespace, key]
        row = self._query("SELECT value, used_at FROM derived WHERE namespace = ? AND key = ?", (namespace, key))
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except (TypeError, ValueError):
            return None
        self._touch(row[1], "UPDATE derived SET used_at = ? WHERE namespace = ? AND key = ?", namespace, key)
        return value

    def store_derived(self, namespace: str, key: str, value: Any) -> None:
        """Keep a JSON-ready `value` under its content key."""
        if self._db is None:
            return
        self._unwritten_derived[namespace, key] = value
        data = json.dumps(value, separators=(",", ":")).encode("utf-8")
        self._write("INSERT OR REPLACE INTO derived VALUES (?, ?, ?, ?)", (namespace, key, data, time.time()))

    def close(self) -> None:
        """Write what is pending, drop entries unused for EVICT_AFTER_DAYS and close the file."""
        if self._db is None:
            return
        cutoff = time.time() - EVICT_AFTER_DAYS * 86_400
        for evict in EVICTIONS:
            self._write(evict, (cutoff,))
        self._flush()
        self._wait_for_writer()
        self._stop_writer()
        if self._db is not None:
            self._db.close()
            self._db = None

    def _touch(self, used_at: float, update: str, *where: Any) -> None:
        """Write down that an entry was used now, unless that was already written within TOUCH_EVERY."""
        now = time.time()
        if now - used_at >= TOUCH_EVERY:
            self._write(update, (now, *where))

    def _query(self, sql: str, args: tuple[Any, ...]) -> tuple[Any, ...] | None:
        if self._db is None:
            return None
        try:
            return self._db.execute(sql, args).fetchone()
        except sqlite3.Error as exc:
            self._fail("read", exc)
            return None

    def _write(self, sql: str, args: tuple[Any, ...]) -> None:
        if self._db is None:
            return
        self._pending.append((sql, args))
        if len(self._pending) >= FLUSH_EVERY:
            self._flush()

    def _flush(self) -> None:
        """Hand the pending writes to the background writer (after the previous batch is committed)."""
        if self._db is None or not self._pending:
            return
        self._wait_for_writer()
        if self._db is None:  # that batch failed: the cache is off
            return
        pending, self._pending = self._pending, []
        self._writing_responses, self._unwritten_responses = self._unwritten_responses, {}
        self._writing_derived, self._unwritten_derived = self._unwritten_derived, {}
        try:
            if self._writer is None:
                self._writer = ThreadPoolExecutor(1, thread_name_prefix="cache-writer")
            self._writing = self._writer.submit(self._commit, pending)
        except RuntimeError as exc:  # no thread to be had (the interpreter is shutting down): the cache is off
            self._fail("write", exc)

    def _commit(self, pending: list[tuple[str, tuple[Any, ...]]]) -> None:
        """Write a batch in one transaction (in the writer thread; other processes sharing the file wait
        for it, up to 5 s)."""
        if self._writer_db is None:
            self._writer_db = _connect(self.directory)
        with self._writer_db:
            self._writer_db.execute("BEGIN IMMEDIATE")
            for sql, args in pending:
                self._writer_db.execute(sql, args)

    def _wait_for_writer(self) -> None:
        """Block until the batch in flight is committed; a failed one turns the cache off."""
        writing, self._writing = self._writing, None
        if writing is None:
            return
        try:
            writing.result()
        except (OSError, sqlite3.Error) as exc:
            self._fail("write", exc)
        self._writing_responses, self._writing_derived = {}, {}

    def _stop_writer(self) -> None:
        """Let the writer thread finish what it holds, then close its connection (no thread uses it any more)."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.shutdown()
        if self._writer_db is not None:
            self._writer_db.close()
            self._writer_db = None

    def _fail(self, action: str, exc: Exception) -> None:
        self.warning = f"the cache at {self.directory} could not {action} ({exc}); continuing without it"
        if self._db is not None:
            self._db.close()
        self._db = None
        self._pending.clear()
        self._stop_writer()


def _connect(directory: Path) -> sqlite3.Connection:
    db = sqlite3.connect(directory / CACHE_FILE, timeout=5.0, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db
