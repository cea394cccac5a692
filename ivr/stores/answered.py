"""A text is answered once: its MessageSid claimed in one atomic step, before the reply is built.

Twilio sends a text's request again when a try failed, and whoever captured a signed
request can send it again, as often and as fast as they like: each copy answered would be
an SMS, billed, to the real person. So ivr/web/sms.py claims the message first. A claim
counts the copy and returns the count in the same step (Redis's INCR), so of 20 copies sent
at once exactly one sees 1. The count lasts REPLAY_SECONDS from the first copy, however
many texts come meanwhile.

Every worker shares the counts: in Redis when RATELIMIT_STORAGE_URI names one (then every
machine does), otherwise in SQLite in instance/answered.db (every worker of this machine;
gunicorn's workers are processes, and in memory each would count apart). Only a keyed
hash of the MessageSid is stored.

Fails open: a store that is down, locked or slow lets the reply go after about CLAIM_SECONDS,
and the log says so once a minute.
"""
from __future__ import annotations

import itertools
import logging
import os
import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

from limits.storage import storage_from_string
from redis.backoff import NoBackoff
from redis.retry import Retry

from ivr.once_a_minute import OnceAMinute

log = logging.getLogger(__name__)

REPLAY_SECONDS = 600  # a copy of a text this long after the first is answered as a new text
CLAIM_SECONDS = 0.05  # how long a reply may wait for the store before it goes without the check
LOCKED_WAIT = 0.001  # SQLite: a claim that finds the file locked tries again this much later,
LOCKED_TRIES = 10  # and at least this often before it gives up
SWEEP_ROWS = 10  # SQLite: counts past their window deleted with each claim, at most (a claim adds one)


class Answered:
    """The counts of the copies of each message, in one store, never in the way of a reply."""

    def __init__(self, store: SQLiteClaims | RedisClaims):
        self.store = store
        self.failing = OnceAMinute()  # a failing store is said once a minute, not once a text

    def claim(self, key: str) -> int | None:
        """Count one more copy of a message (by a keyed hash): how many came in its window, this one
        included (1: the first). None when the store failed or was late: answer it."""
        try:
            return self.store.claim(key)
        except Exception as error:  # noqa: BLE001 - whatever the store did, the reply goes
            self._failed(error)
            return None

    def release(self, key: str) -> None:
        """Take back a copy whose reply was not built, so that a later copy of the text is answered."""
        try:
            self.store.release(key)
        except Exception as error:  # noqa: BLE001 - as above
            self._failed(error)

    def _failed(self, error: Exception) -> None:
        if self.failing.due():
            log.warning("the store of answered texts failed or was slow (%s): texts are answered without the "
                        "replay check (said once a minute while it lasts)", type(error).__name__)


def redis_storage(uri: str, seconds: float):
    """A `limits` Redis storage with no retries and `seconds` to connect or answer: a slow Redis
    never holds a reply (a retry with backoff would hold it for seconds)."""
    return storage_from_string(uri, socket_timeout=seconds, socket_connect_timeout=seconds, retry=Retry(NoBackoff(), 0))


class RedisClaims:
    """The rate limit's Redis, for every worker and machine: an INCR that sets the key's expiry
    on the first copy, in one script (the `limits` storage's)."""

    def __init__(self, uri: str):
        self.storage = redis_storage(uri, CLAIM_SECONDS)

    def claim(self, key: str) -> int:
        return self.storage.incr(f"answered/{key}", REPLAY_SECONDS)

    def release(self, key: str) -> None:
        self.storage.incr(f"answered/{key}", REPLAY_SECONDS, amount=-1)


# One statement, so one atomic step: count the copy, or start a new window for a count past
# its own, and return the count.
CLAIM = ("INSERT INTO answers (key, times, expires) VALUES (?1, 1, ?2 + ?3) ON CONFLICT (key) DO UPDATE SET "
         "times = CASE WHEN expires > ?2 THEN times + 1 ELSE 1 END, "
         "expires = CASE WHEN expires > ?2 THEN expires ELSE excluded.expires END RETURNING times")
SWEEP = f"DELETE FROM answers WHERE key IN (SELECT key FROM answers WHERE expires <= ?1 LIMIT {SWEEP_ROWS})"
RELEASE = "UPDATE answers SET times = times - 1 WHERE key = ?1 AND times > 0"


class SQLiteClaims:
    """instance/answered.db, for every worker of this machine.

    Each statement commits by itself in microseconds, and never waits inside SQLite: a claim
    that finds the file locked sleeps a millisecond and tries again (under gevent the worker's
    other requests run meanwhile), for CLAIM_SECONDS at most. So it runs in the request, not
    in a native thread as the usage counts' writes do: handing it to a thread cost a busy
    worker 5 to 60 ms, and copies that waited that long went unchecked (4 to 18 replies of
    20 copies). Nothing is synced to disk, so no claim waits for the disk: a power cut can
    lose the last claims (an extra reply) or damage the file, which start-up then makes anew.
    """

    def __init__(self, path: Path):
        self.path = path
        self.connection, self.pid = None, None
        self.lock = threading.Lock()  # one statement at a time on the connection (`make run` has threads)

    def create(self) -> None:
        """Make the file and its table, at start-up (before gunicorn forks its workers). A damaged file
        is made anew: it holds ten minutes of counts."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._create()
        except sqlite3.OperationalError:  # locked, read-only, ...: not damage
            raise
        except sqlite3.DatabaseError:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self._create()

    def _create(self) -> None:
        with closing(sqlite3.connect(self.path, timeout=5, isolation_level=None)) as connection:
            if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("damaged")
            connection.execute("PRAGMA journal_mode=WAL")  # a claim never waits for a reader
            connection.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, times INTEGER NOT NULL, "
                               "expires REAL NOT NULL) WITHOUT ROWID")  # key: a keyed hash of the MessageSid
            connection.execute("CREATE INDEX IF NOT EXISTS answers_expires ON answers (expires)")
            connection.execute("DELETE FROM answers WHERE expires <= ?", (time.time(),))  # left by a quiet spell

    def claim(self, key: str) -> int:
        now = time.time()
        [(times,)] = self._execute(CLAIM, (key, now, REPLAY_SECONDS))
        try:
            self._execute(SWEEP, (now,))
        except sqlite3.OperationalError:
            pass  # the next claim sweeps
        return times

    def release(self, key: str) -> None:
        self._execute(RELEASE, (key,))

    def _execute(self, statement: str, parameters: tuple) -> list[tuple]:
        """Run one statement to its end (its rows read: it holds the lock until then), trying again
        while another connection holds the file's lock, for CLAIM_SECONDS."""
        give_up = time.monotonic() + CLAIM_SECONDS
        for tries in itertools.count(1):
            try:
                with self.lock:
                    return self._connected().execute(statement, parameters).fetchall()
            except sqlite3.OperationalError as error:
                locked = error.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
                # On a crowded machine this process may run late: the time is up only after a few tries.
                if not locked or (time.monotonic() > give_up and tries >= LOCKED_TRIES):
                    raise
            time.sleep(LOCKED_WAIT)

    def _connected(self) -> sqlite3.Connection:
        if self.pid != os.getpid():  # each process its own connection: none crosses gunicorn's fork
            self.connection = sqlite3.connect(self.path, timeout=0, isolation_level=None, check_same_thread=False)
            self.connection.execute("PRAGMA synchronous=OFF")
            self.pid = os.getpid()
        return self.connection


def make_answered(uri: str, path: Path) -> Answered:
    """Redis when RATELIMIT_STORAGE_URI names one, otherwise SQLite at `path` (instance/answered.db)."""
    if uri != "memory://":
        return Answered(RedisClaims(uri))
    store = SQLiteClaims(path)
    try:
        store.create()
    except (sqlite3.Error, OSError) as error:
        log.warning("The store of answered texts (instance/answered.db) cannot be made (%s): a replayed text is "
                    "answered again until it can. Make instance/ writable, then restart the line.",
                    type(error).__name__)
    return Answered(store)
