"""What people ask, without who asked: counts by hour, channel, language, kind, topic and outcome.

Nothing else is stored: no number, no sender hash, no words. A webhook that reaches a
decision adds one to its count in memory (a dictionary, microseconds); every
FLUSH_SECONDS a background thread of each worker adds its counts to the database (SQLite in instance/ by default, or DATABASE_URL), and once more when the
worker stops. A crash loses at most those seconds of counts; a slow or failing database
never delays, changes or loses a reply (it logs a warning once a minute, keeps the counts
for the next try, and forgets the oldest past MAX_PENDING).
"""
from __future__ import annotations

import atexit
import csv
import logging
import os
import sys
import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import click
import sqlalchemy as sa
from flask import Flask, Request, current_app
from flask.cli import with_appcontext
from sqlalchemy.dialects import postgresql, sqlite

from ivr.line import line_of

log = logging.getLogger(__name__)

FLUSH_SECONDS = 5  # counts of a crash's last seconds are lost, at most this many
RETRY_SECONDS = 60  # after a failed write, the next try waits this long
CONNECT_SECONDS = 1  # a PostgreSQL server that does not answer holds a worker at most this long a minute
MAX_PENDING = 10_000  # distinct counts kept while the database is away; past it the oldest hours go
STAND_IN = "ivr.stand_in"  # set by ivr.phone (flask text, flask call, /try): not a person, not counted
OUTCOMES = ("answered", "not_understood", "not_covered", "crisis", "suicide", "handoff", "handoff_ended",
            "handoff_busy", "handoff_no_answer", "handoff_failed", "rate_limited", "opted_out", "fallback")

# What an intent comes to, when it is not "answered".
_OUTCOME_OF_KIND = {"crisis": "crisis", "suicide": "suicide", "not_covered": "not_covered",
                    "not_understood": "not_understood", "opt_out": "opted_out"}


def outcome_of(kind: str) -> str:
    """The outcome counted for a message understood as `kind` and answered as such."""
    return _OUTCOME_OF_KIND.get(kind, "answered")


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
KEY_COLUMNS = ("hour", "channel", "language", "kind", "topic", "outcome")


def database_url(config, instance_path: str) -> str:
    return config["DATABASE_URL"] or f"sqlite:///{instance_path}/insight.db"


class Insight:
    """The counts of one process: in memory until flushed to the database."""

    def __init__(self, url: str):
        postgres = sa.engine.make_url(url).get_backend_name() == "postgresql"
        self.engine = sa.create_engine(url, pool_pre_ping=True,
                                       connect_args={"connect_timeout": CONNECT_SECONDS} if postgres else {})
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_settings)
        self.pending: Counter = Counter()
        self.lock = threading.Lock()
        self.flusher_pid = None  # the process whose flushing thread runs (a forked worker starts its own)
        self.retry_at = 0.0  # after a failure, the flushing thread waits until then

    def create_schema(self) -> None:
        metadata.create_all(self.engine)

    def add(self, key: tuple) -> None:
        with self.lock:
            self.pending[key] += 1
            if len(self.pending) > MAX_PENDING:  # the database has been away a long time
                del self.pending[min(self.pending)]
        if self.flusher_pid != os.getpid():
            self.flusher_pid = os.getpid()
            threading.Thread(target=self._flush_every_few_seconds, name="insight", daemon=True).start()
            atexit.register(self.flush)

    def _flush_every_few_seconds(self) -> None:
        while True:
            time.sleep(FLUSH_SECONDS)
            if time.monotonic() >= self.retry_at:
                self.flush()

    def flush(self) -> bool:
        """Add the pending counts to the database; on failure keep them and say so once a minute."""
        with self.lock:
            batch, self.pending = self.pending, Counter()
        if not batch:
            return True
        try:
            with self.engine.begin() as connection:
                for key, number in batch.items():
                    connection.execute(_add_statement(self.engine.dialect.name, key, number))
            return True
        except sa.exc.SQLAlchemyError as error:
            with self.lock:
                self.pending.update(batch)
            if time.monotonic() >= self.retry_at:  # one warning per failed try, a try a minute at most
                log.warning("insight database failed (%s): %d counts kept for the next try",
                            type(error).__name__, len(self.pending))
            self.retry_at = time.monotonic() + RETRY_SECONDS
            return False

    def prune(self, days: int) -> int:
        """Delete the counts of hours older than `days`; how many rows went."""
        cutoff = _hour(datetime.now(timezone.utc) - timedelta(days=days))
        with self.engine.begin() as connection:
            return connection.execute(sa.delete(counts).where(counts.c.hour < cutoff)).rowcount

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


def _hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0, tzinfo=None)


def _add_statement(dialect: str, key: tuple, number: int):
    values = dict(zip(KEY_COLUMNS, key), count=number)
    insert = (postgresql if dialect == "postgresql" else sqlite).insert(counts).values(**values)
    return insert.on_conflict_do_update(index_elements=list(KEY_COLUMNS),
                                        set_={"count": counts.c["count"] + insert.excluded["count"]})


def _sqlite_settings(connection, _record) -> None:
    """Write-ahead logging, so several gunicorn workers can write; wait briefly for a lock."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=200")
    cursor.close()


def init_insight(app: Flask) -> None:
    insight = Insight(database_url(app.config, app.instance_path))
    line_of(app).insight = insight
    try:
        if insight.engine.dialect.name == "sqlite":
            _make_folder(insight.engine.url.database)
        insight.create_schema()
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
    """Delete counts older than INSIGHT_RETENTION_DAYS."""
    days = current_app.config["INSIGHT_RETENTION_DAYS"]
    removed = line_of(current_app).insight.prune(days)
    click.echo(f"deleted {removed} count row(s) older than {days} days")


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
    click.echo(f"crisis: {outcomes['crisis']}, suicide (988 named): {outcomes['suicide']}")
