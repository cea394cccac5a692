"""What people ask, without who asked: counts by hour, channel, language, kind, topic and outcome.

Nothing else is stored: no number, no sender hash, no words. Only with KEEP_UNANSWERED_DAYS
set are the texts the line did not understand kept, scrubbed (ivr/scrub.py), by day.
A webhook that reaches a decision adds one to its count in memory (a dictionary, so the
reply never waits for the database); every FLUSH_SECONDS a background thread of each worker adds the counts to
the database (SQLite in instance/ by default, or DATABASE_URL), then the kept texts, each in
transactions of BATCH_ROWS, and once more when the worker stops. A crash loses at most those
seconds of counts; a slow or failing database never delays, changes or loses a reply (it
logs a warning once a minute, keeps the counts for the next try, and forgets the oldest past
MAX_PENDING); a full disk loses the kept texts, never the counts that fit.
"""
from __future__ import annotations

import atexit
import csv
import importlib
import logging
import os
import sys
import threading
import time
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import click
import sqlalchemy as sa
from flask import Flask, Request, current_app
from flask.cli import with_appcontext

from ivr.line import line_of
from ivr.scrub import MAX_KEPT, scrub

log = logging.getLogger(__name__)

FLUSH_SECONDS = 5  # counts of a crash's last seconds are lost, at most this many
RETRY_SECONDS = 60  # after a failed write, the next try waits this long
FORGET_SECONDS = 3600  # how often each worker deletes the kept texts past their last day
CONNECT_SECONDS = 1  # a new connection to a PostgreSQL server that does not answer fails after this, and is tried later
MAX_PENDING = 10_000  # distinct counts kept while the database is away; past it the oldest hours go
SQLITE_LOCK_WAIT_MS = 10_000  # how long a write waits for another connection's lock before it is tried later
BATCH_ROWS = 500  # rows a transaction: each write holds the database (SQLite: its one write lock) briefly
STAND_IN = "ivr.stand_in"  # set by ivr.phone (flask text, flask call, /try): not a person, not counted
OUTCOMES = ("answered", "not_understood", "not_covered", "crisis", "suicide", "extra_dose", "handoff",
            "handoff_ended", "handoff_busy", "handoff_no_answer", "handoff_failed", "rate_limited", "opted_out",
            "fallback")

metadata = sa.MetaData()
counts = sa.Table(
    "counts", metadata,
    sa.Column("hour", sa.DateTime, primary_key=True),  # UTC, the start of the hour
    sa.Column("channel", sa.String(10), primary_key=True),  # sms, voice, whatsapp
    sa.Column("language", sa.String(8), primary_key=True),
    sa.Column("kind", sa.String(20), primary_key=True),  # understand.Kind, or the voice step
    sa.Column("topic", sa.String(40), primary_key=True),  # a topic or not-covered subject; "" for none
    sa.Column("outcome", sa.String(20), primary_key=True),  # one of OUTCOMES
    sa.Column("count", sa.Integer, nullable=False),
)
unanswered = sa.Table(
    "unanswered", metadata,
    sa.Column("day", sa.Date, primary_key=True),  # UTC; never a finer time
    sa.Column("language", sa.String(8), primary_key=True),
    sa.Column("text", sa.String(MAX_KEPT), primary_key=True),  # scrubbed
    sa.Column("count", sa.Integer, nullable=False),
    # The last UTC day it is kept, fixed when it came: a later setting (or a shell without
    # it) neither keeps it longer nor deletes it early.
    sa.Column("keep_until", sa.Date, nullable=False),
    sqlite_with_rowid=False,  # SQLite stores the rows in the order of their key, not the order they came
)


def database_url(config, instance_path: str) -> str:
    return config["DATABASE_URL"] or f"sqlite:///{instance_path}/insight.db"


class Insight:
    """The counts of one process: in memory until flushed to the database."""

    def __init__(self, url: str, keep_days: int = 0):
        postgres = sa.engine.make_url(url).get_backend_name() == "postgresql"
        self.engine = sa.create_engine(url, pool_pre_ping=True,
                                       connect_args={"connect_timeout": CONNECT_SECONDS} if postgres else {})
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_settings)
        self.keep_days = keep_days  # KEEP_UNANSWERED_DAYS; 0: no text is kept
        self.pending: Counter = Counter()  # counts by key
        self.pending_texts: Counter = Counter()  # (day, language, scrubbed text, keep_until): how many times
        self.lock = threading.Lock()
        self.flusher: threading.Thread | None = None  # started by the first count of each process
        self.flusher_pid = None  # the process whose flushing thread runs (a forked worker starts its own)
        self.stopping = threading.Event()
        self.retry_at = 0.0  # after a failure, the flushing thread waits until then

    def create_schema(self) -> None:
        metadata.create_all(self.engine)

    def add(self, key: tuple) -> None:
        self._add_to(self.pending, key)

    def keep_text(self, key: tuple) -> None:
        self._add_to(self.pending_texts, key)

    def _add_to(self, pending: Counter, key: tuple) -> None:
        with self.lock:
            pending[key] += 1
            if len(pending) > MAX_PENDING:  # the database has been away a long time
                del pending[min(pending)]
        if self.flusher_pid != os.getpid():
            self.flusher_pid = os.getpid()
            self.flusher = threading.Thread(target=self._flush_every_few_seconds, name="insight", daemon=True)
            self.flusher.start()
            atexit.register(self.flush)

    def stop(self) -> None:
        """Stop the flushing thread, write what is pending, and close the database's connections."""
        self.stopping.set()
        if self.flusher and self.flusher_pid == os.getpid():
            self.flusher.join(timeout=FLUSH_SECONDS * 2)  # a write stuck on a hung database is left to itself
            atexit.unregister(self.flush)
        self.flush()
        self.engine.dispose()

    def _flush_every_few_seconds(self) -> None:
        forget_at = 0.0
        while not self.stopping.wait(FLUSH_SECONDS):
            if time.monotonic() >= self.retry_at and self.flush() and time.monotonic() >= forget_at:
                forget_at = time.monotonic() + FORGET_SECONDS
                try:
                    self.forget_old_texts()
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
        if error is None:
            return True
        full = _disk_full(error)
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
                self._off_the_event_loop(self._write_batch, table, items[start:start + BATCH_ROWS])
            except sa.exc.SQLAlchemyError as error:
                self._put_back(pending, items[start:])
                return error
        return None

    def _write_batch(self, table: sa.Table, items: list) -> None:
        with self.engine.begin() as connection:
            for key, number in items:
                connection.execute(_add_statement(self.engine.dialect.name, table, key, number))

    def _put_back(self, pending: Counter, items: list) -> None:
        with self.lock:
            pending.update(dict(items))

    def _off_the_event_loop(self, work, *args):
        """Run `work`, which writes to the database, where it cannot hold up a reply. Under gevent
        (`make serve`) a thread is a greenlet, and SQLite's C code would stop every request of the
        worker while it writes: there it runs in gevent's pool of native threads. (PostgreSQL's
        driver waits on its socket through gevent, so it runs here.)"""
        monkey = sys.modules.get("gevent.monkey")
        if self.engine.dialect.name == "sqlite" and monkey and monkey.is_module_patched("threading"):
            from gevent import get_hub
            return get_hub().threadpool.apply(work, args)
        return work(*args)

    def prune(self, days: int) -> int:
        """Delete the counts of hours older than `days`; how many rows went."""
        cutoff = _hour(datetime.now(timezone.utc) - timedelta(days=days))
        with self.engine.begin() as connection:
            return connection.execute(sa.delete(counts).where(counts.c.hour < cutoff)).rowcount

    def forget_old_texts(self, everything: bool = False) -> int:
        """Delete the kept texts past their last day (or all of them); how many went."""
        delete = sa.delete(unanswered)
        if not everything:
            delete = delete.where(unanswered.c.keep_until < _today())
        return self._off_the_event_loop(self._delete_texts, delete)

    def _delete_texts(self, delete) -> int:
        with self.engine.begin() as connection:
            deleted = connection.execute(delete).rowcount
        if deleted and self.engine.dialect.name == "sqlite":  # out of the write-ahead log too, not just the table
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return deleted

    def kept_count(self) -> int:
        """How many distinct texts are kept."""
        query = sa.select(sa.func.count()).select_from(unanswered).where(unanswered.c.keep_until >= _today())
        with self.engine.connect() as connection:
            return connection.execute(query).scalar()

    def kept_texts(self) -> list:
        """The texts kept, newest day first, the most often sent first within a day."""
        query = (sa.select(unanswered).where(unanswered.c.keep_until >= _today())
                 .order_by(unanswered.c.day.desc(), unanswered.c["count"].desc(), unanswered.c.language,
                           unanswered.c.text))
        with self.engine.connect() as connection:
            return list(connection.execute(query))

    def totals(self, days: int) -> list[dict]:
        """Every count of the last `days` days, summed per day (rows of day, channel, language,
        kind, topic, outcome, count)."""
        since = _hour(datetime.now(timezone.utc) - timedelta(days=days))
        day = sa.func.date(counts.c.hour).label("day")
        query = (sa.select(day, counts.c.channel, counts.c.language, counts.c.kind, counts.c.topic, counts.c.outcome,
                           sa.func.sum(counts.c["count"]).label("count"))
                 .where(counts.c.hour >= since)
                 .group_by(day, counts.c.channel, counts.c.language, counts.c.kind, counts.c.topic, counts.c.outcome)
                 .order_by(day))
        with self.engine.connect() as connection:
            return [dict(row._mapping) | {"day": str(row.day)} for row in connection.execute(query)]


def _disk_full(error: sa.exc.SQLAlchemyError) -> bool:
    """SQLite's "database or disk is full", or PostgreSQL's disk_full (SQLSTATE 53100)."""
    original = getattr(error, "orig", None)
    return (getattr(original, "sqlite_errorname", "") == "SQLITE_FULL"
            or getattr(original, "sqlstate", getattr(original, "pgcode", "")) == "53100")


def _hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0, tzinfo=None)


def _today() -> date:
    return datetime.now(timezone.utc).date()


def _add_statement(dialect: str, table: sa.Table, key: tuple, number: int):
    """Add `number` to the row of `key` (the table's primary key, then the other columns set
    once), creating it if it is new."""
    key_columns = [column.name for column in table.primary_key]
    other_columns = [column.name for column in table.columns if column.name not in key_columns and column.name != "count"]
    values = dict(zip(key_columns + other_columns, key), count=number)
    # The dialect in use only: SQLAlchemy has loaded it already; the other would cost memory in every worker.
    insert = importlib.import_module(f"sqlalchemy.dialects.{dialect}").insert(table).values(**values)
    return insert.on_conflict_do_update(index_elements=key_columns,
                                        set_={"count": table.c["count"] + insert.excluded["count"]})


def _sqlite_settings(connection, _record) -> None:
    """Write-ahead logging, so several gunicorn workers can write; wait for another writer's
    lock (the write runs off the event loop, so waiting holds up no reply); deleted texts
    overwritten in the file, not left in its free pages (Debian's SQLite does that by
    default; other builds do not)."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_LOCK_WAIT_MS}")
    cursor.close()


def init_insight(app: Flask) -> None:
    insight = Insight(database_url(app.config, app.instance_path), app.config["KEEP_UNANSWERED_DAYS"])
    line_of(app).insight = insight
    try:
        if insight.engine.dialect.name == "sqlite":
            _make_folder(insight.engine.url.database)
        insight.create_schema()
        insight.forget_old_texts()
        insight.engine.dispose()  # no connection crosses gunicorn's fork: each worker opens its own
    except (sa.exc.SQLAlchemyError, OSError) as error:
        app.logger.warning("insight database cannot be reached (%s): the line answers, and counts wait in memory",
                           type(error).__name__)


def _make_folder(path: str | None) -> None:
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def note(app: Flask, req: Request, channel: str, language: str, kind: str, outcome: str,
         topic: str | None = None) -> None:
    """Count what this request came to (not the stand-in's requests: flask call, /try)."""
    if req.environ.get(STAND_IN):
        return
    if channel == "sms" and req.form.get("From", "").startswith("whatsapp:"):
        channel = "whatsapp"
    line_of(app).insight.add((_hour(datetime.now(timezone.utc)), channel, language, kind, topic or "", outcome))


def keep_unanswered(app: Flask, req: Request, language: str, text: str) -> None:
    """Keep a text the line did not understand, scrubbed, with its day: only with KEEP_UNANSWERED_DAYS."""
    insight = line_of(app).insight
    if not insight.keep_days or req.environ.get(STAND_IN):
        return
    if kept := scrub(text):
        today = _today()  # kept today and KEEP_UNANSWERED_DAYS - 1 more days: N days at most
        insight.keep_text((today, language, kept, today + timedelta(days=insight.keep_days - 1)))


@click.group("insight")
def insight_command():
    """The usage counts (ivr/insight.py): create the tables, or prune old counts."""


@insight_command.command("init")
@with_appcontext
def init_command():
    """Create the counts table in DATABASE_URL (the line also does it when it starts)."""
    insight = line_of(current_app).insight
    insight.create_schema()
    click.echo(f"counts table ready in the {insight.engine.dialect.name} database")


@insight_command.command("prune")
@with_appcontext
def prune_command():
    """Delete counts older than INSIGHT_RETENTION_DAYS, and kept texts past their last day."""
    insight = line_of(current_app).insight
    days = current_app.config["INSIGHT_RETENTION_DAYS"]
    click.echo(f"deleted {insight.prune(days)} count row(s) older than {days} days")
    click.echo(f"deleted {insight.forget_old_texts()} kept text(s) past their last day")


@click.command("unanswered")
@click.option("--delete-all", is_flag=True, help="Delete every kept text now, whatever its last day.")
@with_appcontext
def unanswered_command(delete_all):
    """The texts the line did not understand (kept with KEEP_UNANSWERED_DAYS), as example lines to label."""
    insight = line_of(current_app).insight
    if delete_all:
        click.echo(f"deleted {insight.forget_old_texts(everything=True)} kept text(s)")
        return
    rows = insight.kept_texts()
    if not rows:
        setting = f"{insight.keep_days} days" if insight.keep_days else "0 (off)"
        click.echo(f"No texts are kept (KEEP_UNANSWERED_DAYS here: {setting}). See the README, \"Texts not understood\".")
        return
    click.echo(f"# {sum(row.count for row in rows)} text(s) not understood, scrubbed, each kept until the day shown "
               "(UTC). To teach the line one, replace ? with its label")
    click.echo("# (a topic id, a not_covered id, person, crisis, suicide, extra_dose, menu or gibberish) and add the "
               "line to the pack's examples file.")
    day = None
    for row in rows:
        if row.day != day:
            day = row.day
            click.echo(f"# {day}, kept until {row.keep_until}")
        if row.count > 1:
            click.echo(f"# sent {row.count} times:")
        click.echo(f"?\t{row.language}\t{row.text}")


@click.command("report")
@click.option("--days", default=30, show_default=True, type=click.IntRange(1, 3650), help="How many days back.")
@click.option("--csv", "as_csv", is_flag=True, help="Every count per day as CSV, for a spreadsheet.")
@with_appcontext
def report_command(days, as_csv):
    """Totals per day, topic, language, channel and outcome; the not-understood rate and crises."""
    rows = line_of(current_app).insight.totals(days)
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=["day", "channel", "language", "kind", "topic", "outcome", "count"])
        writer.writeheader()
        writer.writerows(rows)
        return
    total = sum(row["count"] for row in rows)
    click.echo(f"Usage, last {days} days (UTC): {total} webhook decisions")
    for title, field in (("day", "day"), ("channel", "channel"), ("language", "language"), ("topic", "topic"),
                         ("outcome", "outcome")):
        sums = Counter()
        for row in rows:
            sums[row[field] or "-"] += row["count"]
        click.echo(f"by {title}: " + (", ".join(f"{name} {number}" for name, number in sorted(sums.items())) or "none"))
    outcomes = Counter()
    for row in rows:
        outcomes[row["outcome"]] += row["count"]
    share = outcomes["not_understood"] / total if total else 0.0
    click.echo(f"not understood: {outcomes['not_understood']} ({share:.1%})")
    click.echo(f"crisis: {outcomes['crisis']}, suicide (988 named): {outcomes['suicide']}, "
               f"extra dose (Poison Control): {outcomes['extra_dose']}")
