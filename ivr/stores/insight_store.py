"""The usage counts' database: its two tables, and every read and write of them.

SQLite in instance/ by default, or DATABASE_URL (PostgreSQL). Writes to SQLite run off
gevent's event loop (see Store.off_the_event_loop), so a locked or slow file holds up no reply.
"""
from __future__ import annotations

import importlib
import sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo
from pathlib import Path

import sqlalchemy as sa

from ivr.core.scrub import MAX_KEPT

CONNECT_SECONDS = 1  # a new connection to a PostgreSQL server that does not answer fails after this, and is tried later
SQLITE_LOCK_WAIT_MS = 10_000  # how long a write waits for another connection's lock before it is tried later
OUTCOMES = ("answered", "statement", "not_understood", "not_covered", "crisis", "suicide", "extra_dose", "handoff",
            "handoff_ended", "handoff_busy", "handoff_no_answer", "handoff_failed", "rate_limited", "opted_out",
            "fallback",
            # Not steps but people: a text conversation or a call that began, and that got help
            # (kind "conversation" or "call"); and an emergency (or 988) sentence shown before an answer.
            "started", "helped", "alarm_shown")

metadata = sa.MetaData()
counts = sa.Table(
    "counts", metadata,
    sa.Column("hour", sa.DateTime, primary_key=True),  # UTC, the start of the hour
    sa.Column("channel", sa.String(10), primary_key=True),  # sms, voice, whatsapp
    sa.Column("language", sa.String(8), primary_key=True),
    sa.Column("kind", sa.String(20), primary_key=True),  # a key of kinds.KINDS, or the voice step
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



# Counts that are not steps: conversations and calls (begun, helped), and alarm sentences shown.
NOT_STEPS = ("conversation", "call", "alarm")


def steps(rows: list[dict]) -> list[dict]:
    """The rows that count steps: each text, key press, silence or spoken question."""
    return [row for row in rows if row["kind"] not in NOT_STEPS]


def headline(rows: list[dict]) -> dict[str, int]:
    """The figures a funder asks for, from totals() rows."""
    def total(test) -> int:
        return sum(row["count"] for row in rows if test(row))
    return {
        "people helped": total(lambda r: r["kind"] in ("conversation", "call") and r["outcome"] == "helped"),
        "text conversations": total(lambda r: r["kind"] == "conversation" and r["outcome"] == "started"),
        "calls": total(lambda r: r["kind"] == "call" and r["outcome"] == "started"),
        "answered from the fact sheet": total(lambda r: r["kind"] == "topic" and r["outcome"] == "answered"),
        "referred (not covered)": total(lambda r: r["outcome"] == "not_covered"),
        "emergency and 988 replies": total(lambda r: r["outcome"] in ("crisis", "suicide")),
        "Poison Control (extra dose)": total(lambda r: r["outcome"] == "extra_dose"),
        "emergency sentences before an answer": total(lambda r: r["outcome"] == "alarm_shown"),
        "put through to the helpline": total(lambda r: r["outcome"] == "handoff"),
        "helpline calls answered": total(lambda r: r["outcome"] == "handoff_ended"),
        "helpline busy, not answered or failed": total(lambda r: r["outcome"] in ("handoff_busy", "handoff_no_answer",
                                                                                  "handoff_failed")),
        "thanks and news, acknowledged": total(lambda r: r["outcome"] == "statement"),
        "not understood (texts and spoken questions)": total(lambda r: r["outcome"] == "not_understood"
                                                             and r["kind"] not in ("silence", "wrong_key")),
        "silences and wrong keys": total(lambda r: r["kind"] in ("silence", "wrong_key")),
        "opted out": total(lambda r: r["outcome"] == "opted_out"),
    }


def database_url(config, instance_path: str) -> str:
    return config["DATABASE_URL"] or f"sqlite:///{instance_path}/insight.db"


class Store:
    """The counts and kept texts in the database."""

    def __init__(self, url: str):
        postgres = sa.engine.make_url(url).get_backend_name() == "postgresql"
        connect_args = {"connect_timeout": CONNECT_SECONDS} if postgres else {}
        self.engine = sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)
        # answers() opens a connection of its own each time: a hung server then fails it within
        # CONNECT_SECONDS, where a pooled connection's ping would wait on it for ever.
        self.checking_engine = sa.create_engine(url, poolclass=sa.pool.NullPool, connect_args=connect_args)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_settings)

    def create_schema(self) -> None:
        if self.engine.dialect.name == "sqlite":
            _make_folder(self.engine.url.database)
        metadata.create_all(self.engine)

    def add(self, table: sa.Table, items: list) -> None:
        """Add each (key, number) to `table` in one transaction, off the event loop."""
        self.off_the_event_loop(self._add, table, items)

    def _add(self, table: sa.Table, items: list) -> None:
        with self.engine.begin() as connection:
            for key, number in items:
                connection.execute(_add_statement(self.engine.dialect.name, table, key, number))

    def off_the_event_loop(self, work, *args):
        """Run `work`, which writes to the database, where it cannot hold up a reply. Under gevent
        (`make serve`) a thread is a greenlet, and SQLite's C code would stop every request of the
        worker while it writes: there it runs in gevent's pool of native threads. (PostgreSQL's
        driver waits on its socket through gevent, so it runs here.)"""
        monkey = sys.modules.get("gevent.monkey")
        if self.engine.dialect.name == "sqlite" and monkey and monkey.is_module_patched("threading"):
            from gevent import get_hub
            return get_hub().threadpool.apply(work, args)
        return work(*args)

    def answers(self) -> bool:
        """Whether the database answers a query now (for /healthz), off the event loop."""
        try:
            return self.off_the_event_loop(self._select_one) == 1
        except sa.exc.SQLAlchemyError:
            return False

    def _select_one(self) -> int:
        with self.checking_engine.connect() as connection:
            return connection.execute(sa.text("SELECT 1")).scalar()

    def prune(self, days: int) -> int:
        """Delete the counts of hours older than `days`; how many rows went."""
        cutoff = hour_of(datetime.now(timezone.utc) - timedelta(days=days))
        with self.engine.begin() as connection:
            return connection.execute(sa.delete(counts).where(counts.c.hour < cutoff)).rowcount

    def forget_old_texts(self, everything: bool = False) -> int:
        """Delete the kept texts past their last day (or all of them); how many went."""
        delete = sa.delete(unanswered)
        if not everything:
            delete = delete.where(unanswered.c.keep_until < today())
        return self.off_the_event_loop(self._delete_texts, delete)

    def _delete_texts(self, delete) -> int:
        with self.engine.begin() as connection:
            deleted = connection.execute(delete).rowcount
        if deleted and self.engine.dialect.name == "sqlite":  # out of the write-ahead log too, not just the table
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return deleted

    def kept_count(self) -> int:
        """How many distinct texts are kept (read off the event loop: /report asks while texts come in)."""
        return self.off_the_event_loop(self._kept_count)

    def _kept_count(self) -> int:
        query = sa.select(sa.func.count()).select_from(unanswered).where(unanswered.c.keep_until >= today())
        with self.engine.connect() as connection:
            return connection.execute(query).scalar()

    def kept_texts(self) -> list:
        """The texts kept, newest day first, the most often sent first within a day."""
        query = (sa.select(unanswered).where(unanswered.c.keep_until >= today())
                 .order_by(unanswered.c.day.desc(), unanswered.c["count"].desc(), unanswered.c.language,
                           unanswered.c.text))
        with self.engine.connect() as connection:
            return list(connection.execute(query))

    def totals(self, days: int, zone: ZoneInfo = ZoneInfo("UTC")) -> list[dict]:
        """Every count of the last `days` days in `zone` (today included), summed per day of that
        zone: rows of day, channel, language, kind, topic, outcome, count. Read off the event loop."""
        return self.off_the_event_loop(self._totals, days, zone)

    def _totals(self, days: int, zone: ZoneInfo) -> list[dict]:
        first_day = datetime.now(zone).date() - timedelta(days=days - 1)
        since = datetime.combine(first_day, datetime.min.time(), zone).astimezone(timezone.utc).replace(tzinfo=None)
        columns = (counts.c.channel, counts.c.language, counts.c.kind, counts.c.topic, counts.c.outcome)
        query = (sa.select(counts.c.hour, *columns, counts.c["count"]).where(counts.c.hour >= since))
        summed: dict[tuple, int] = {}
        with self.engine.connect() as connection:
            for row in connection.execute(query):
                day = row.hour.replace(tzinfo=timezone.utc).astimezone(zone).date().isoformat()
                key = (day, row.channel, row.language, row.kind, row.topic, row.outcome)
                summed[key] = summed.get(key, 0) + row.count
        names = ("day", "channel", "language", "kind", "topic", "outcome")
        return [dict(zip(names, key), count=number) for key, number in sorted(summed.items())]



def disk_full(error: sa.exc.SQLAlchemyError) -> bool:
    """SQLite's "database or disk is full", or PostgreSQL's disk_full (SQLSTATE 53100)."""
    original = getattr(error, "orig", None)
    return (getattr(original, "sqlite_errorname", "") == "SQLITE_FULL"
            or getattr(original, "sqlstate", getattr(original, "pgcode", "")) == "53100")


def hour_of(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0, tzinfo=None)


def today() -> date:
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


def _make_folder(path: str | None) -> None:
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
