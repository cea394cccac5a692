"""What people ask, without who asked: the counts of one process, kept in memory until written.

Nothing else is stored: no number, no sender hash, no words. Only with KEEP_UNANSWERED_DAYS
set are the texts the line did not understand kept, scrubbed (ivr/core/scrub.py), by day.
A decision (ivr/web/decision.py) adds one to its count here, in a dictionary, so the reply never
waits for the database; every FLUSH_SECONDS a background thread of each worker adds the
counts to the database (ivr/stores/insight_store.py), then the kept texts, each in transactions
of BATCH_ROWS, and once more when the worker stops. A crash loses at most those seconds of
counts; a slow or failing database never delays, changes or loses a reply (it logs a
warning once a minute, keeps the counts for the next try, and forgets the oldest past
MAX_PENDING); a full disk loses the kept texts, never the counts that fit.
"""
from __future__ import annotations

import atexit
import logging
import os
import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from ivr.stores.insight_store import Store, counts, database_url, disk_full, hour_of, today, unanswered
from ivr.core.scrub import Scrubber

log = logging.getLogger(__name__)

FLUSH_SECONDS = 5  # counts of a crash's last seconds are lost, at most this many
RETRY_SECONDS = 60  # after a failed write, the next try waits this long
FORGET_SECONDS = 3600  # how often each worker deletes the kept texts past their last day
MAX_PENDING = 10_000  # distinct counts kept while the database is away; past it the oldest hours go
BATCH_ROWS = 500  # rows a transaction: each write holds the database (SQLite: its one write lock) briefly


class Insight:
    """The counts of one process: in memory until flushed to the store."""

    def __init__(self, store: Store, keep_days: int = 0, scrubber: Scrubber | None = None):
        self.store = store
        self.keep_days = keep_days  # KEEP_UNANSWERED_DAYS; 0: no text is kept
        self.scrubber = scrubber  # what makes a text safe to keep; create_app makes one when texts are kept
        self.pending: Counter = Counter()  # counts by key
        self.pending_texts: Counter = Counter()  # (day, language, scrubbed text, keep_until): how many times
        self.lock = threading.Lock()
        self.flusher: threading.Thread | None = None  # started by the first count of each process
        self.flusher_pid = None  # the process whose flushing thread runs (a forked worker starts its own)
        self.stopping = threading.Event()
        self.retry_at = 0.0  # after a failure, the flushing thread waits until then
        self.last_write_failed = False  # for /healthz

    def add(self, channel: str, language: str, kind: str, topic: str | None, outcome: str) -> None:
        """One more of this decision, this hour."""
        self._add_to(self.pending, (hour_of(datetime.now(timezone.utc)), channel, language, kind, topic or "", outcome))

    def keep_text(self, language: str, text: str) -> None:
        """Keep a text the line did not understand, scrubbed, with its day: only with KEEP_UNANSWERED_DAYS."""
        if self.keep_days and self.scrubber and (kept := self.scrubber.scrub(text)):
            day = today()  # kept today and KEEP_UNANSWERED_DAYS - 1 more days: N days at most
            self._add_to(self.pending_texts, (day, language, kept, day + timedelta(days=self.keep_days - 1)))

    def _add_to(self, pending: Counter, key: tuple) -> None:
        with self.lock:
            pending[key] += 1
            if len(pending) > MAX_PENDING:  # the database has been away a long time
                del pending[min(pending)]
            start = self.flusher_pid != os.getpid()  # the first count of this process (a forked worker's own)
            if start:
                self.flusher_pid = os.getpid()
        if start:
            self.flusher = threading.Thread(target=self._flush_every_few_seconds, name="insight", daemon=True)
            self.flusher.start()
            atexit.register(self.flush)

    def database_state(self) -> str:
        """For /healthz: "unreachable" when the database does not answer now; "failing" when it answers but
        this process's last write failed (a full disk, a lock held too long, a table gone); else "ok"."""
        if not self.store.answers():
            return "unreachable"
        return "failing" if self.last_write_failed else "ok"

    def stop(self) -> None:
        """Stop the flushing thread, write what is pending, and close the database's connections."""
        self.stopping.set()
        if self.flusher and self.flusher_pid == os.getpid():
            self.flusher.join(timeout=FLUSH_SECONDS * 2)  # a write stuck on a hung database is left to itself
            atexit.unregister(self.flush)
        self.flush()
        self.store.engine.dispose()

    def _flush_every_few_seconds(self) -> None:
        forget_at = 0.0
        while not self.stopping.wait(FLUSH_SECONDS):
            if time.monotonic() >= self.retry_at and self.flush() and time.monotonic() >= forget_at:
                forget_at = time.monotonic() + FORGET_SECONDS
                try:
                    self.store.forget_old_texts()
                except sa.exc.SQLAlchemyError:
                    pass  # the next flush that fails says so

    def flush(self) -> bool:
        """Add the pending counts, then the pending texts, to the database, in transactions of
        BATCH_ROWS rows; what a failure leaves unwritten waits for the next try, which is a
        minute later, said once. A full disk loses the kept texts, never the counts that fit."""
        with self.lock:
            batch, self.pending = self.pending, Counter()
            texts, self.pending_texts = self.pending_texts, Counter()
        if not batch and not texts:
            return True
        error = self._write(counts, batch, self.pending)
        if error is None:
            error = self._write(unanswered, texts, self.pending_texts)
        else:
            self._put_back(self.pending_texts, list(texts.items()))
        self.last_write_failed = error is not None
        if error is None:
            return True
        full = disk_full(error)
        if full:
            with self.lock:
                self.pending_texts.clear()
        if time.monotonic() >= self.retry_at:  # one warning per failed try, a try a minute at most
            log.warning("insight database failed (%s%s): %d counts%s kept for the next try", type(error).__name__,
                        ", disk full" if full else "", len(self.pending),
                        "; the texts not yet kept are dropped" if full else f" and {len(self.pending_texts)} texts")
        self.retry_at = time.monotonic() + RETRY_SECONDS
        return False

    def _write(self, table: sa.Table, rows: Counter, pending: Counter) -> sa.exc.SQLAlchemyError | None:
        """Add `rows` to `table`, BATCH_ROWS to a transaction; on failure the rows not written go back
        to `pending`, and the error is returned."""
        items = list(rows.items())
        for start in range(0, len(items), BATCH_ROWS):
            try:
                self.store.add(table, items[start:start + BATCH_ROWS])
            except sa.exc.SQLAlchemyError as error:
                self._put_back(pending, items[start:])
                return error
        return None

    def _put_back(self, pending: Counter, items: list) -> None:
        with self.lock:
            pending.update(dict(items))


def make_insight(config, instance_path: str, log_to: logging.Logger, scrubber: Scrubber | None) -> Insight:
    """The counts' buffer and store, the tables made and old texts deleted when the database answers;
    with KEEP_UNANSWERED_DAYS, the scrubber the texts kept go through."""
    store = Store(database_url(config, instance_path))
    try:
        store.create_schema()
        store.forget_old_texts()
        store.engine.dispose()  # no connection crosses gunicorn's fork: each worker opens its own
    except (sa.exc.SQLAlchemyError, OSError) as error:
        log_to.warning("insight database cannot be reached (%s): the line answers, and counts wait in memory",
                       type(error).__name__)
    return Insight(store, config["KEEP_UNANSWERED_DAYS"], scrubber)
