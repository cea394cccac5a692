"""Usage counts without who asked: what a conversation leaves in the database, and nothing else.

Each test runs on SQLite and on a real PostgreSQL server: .ci/run starts Debian's and sets
TEST_POSTGRES_URL; without it the PostgreSQL runs are skipped here and fail in CI.
"""
import html
import logging
import os
import re
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from twilio.request_validator import RequestValidator

from ivr import create_app
from ivr.config import SettingsError
from ivr.stores.insight_store import OUTCOMES, counts, metadata, unanswered
from ivr.line import line_of
from ivr.tools.phone import Phone

NUMBER = "+15555550123"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/insight.db"
    url = os.environ.get("TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("TEST_POSTGRES_URL is not set in CI: .ci/run starts PostgreSQL and sets it")
        pytest.skip("no TEST_POSTGRES_URL (a PostgreSQL server; .ci/run starts one) for the PostgreSQL run")
    metadata.drop_all(engine := sa.create_engine(url))  # every test starts from an empty database
    engine.dispose()
    return url


@pytest.fixture
def app(database_url, make_app):
    return make_app({"TESTING": True, "DATABASE_URL": database_url, "SMS_RATE_LIMIT": "4 per hour"})


@pytest.fixture
def keeping_app(database_url, make_app):
    """The line with the texts it did not understand kept a week."""
    return make_app({"TESTING": True, "DATABASE_URL": database_url, "SMS_RATE_LIMIT": "4 per hour",
                       "KEEP_UNANSWERED_DAYS": "7"})


def text(client, body, number=NUMBER):
    with client.post("/sms", data={"From": number, "To": "+15555550199", "Body": body}) as response:
        assert response.status_code == 200
        return response.data.decode()


def call(client, path, **form):
    with client.post(path, data={"From": NUMBER, "To": "+15555550199", "CallSid": "CA" + "0" * 32, **form}) as response:
        assert response.status_code == 200
        return response.data.decode()


def url_in(twiml: str, attribute: str) -> str:
    """The first URL of that attribute in a TwiML document (a Gather's or a Dial's action)."""
    return html.unescape(re.search(f'{attribute}="([^"]+)"', twiml).group(1))


def conversation(client):
    """Texts and a call as people would make them; every reply as the line sends it."""
    replies = [text(client, body) for body in ("how much do I take", "can i drink beer on vivitrol",
                                               "my friend is not breathing", "zzqv", "dose", "dose")]
    replies.append(text(client, "STOP", number="whatsapp:+15555550124"))
    # A call, each step posted to the URL the line gave (they say, after its first help, that it had some).
    menu = call(client, "/voice")
    handoff = call(client, url_in(menu, "action"), Digits="7")  # the call's first help: put through
    busy = call(client, url_in(handoff, "action"), DialCallStatus="busy", DialCallDuration="0")
    call(client, url_in(busy, "action"), SpeechResult="quiero morir", Confidence="0.4")
    return replies


def rows(app):
    with line_of(app).insight.store.engine.connect() as connection:
        return sorted(tuple(row)[1:] for row in connection.execute(sa.select(counts)))


def kept(app):
    with line_of(app).insight.store.engine.connect() as connection:
        return sorted(tuple(row) for row in connection.execute(sa.select(unanswered)))


def everything_stored(app, tmp_path) -> bytes:
    """Every row of every table, and for SQLite the file itself with its write-ahead log."""
    insight = line_of(app).insight
    with insight.store.engine.connect() as connection:
        tables = sa.inspect(connection).get_table_names()
        stored = " ".join(str(tuple(row)) for table in tables
                          for row in connection.execute(sa.text(f"SELECT * FROM {table}"))).encode()
    if insight.store.engine.dialect.name == "sqlite":
        insight.store.engine.dispose()
        stored += b"".join(path.read_bytes() for path in tmp_path.glob("insight.db*"))
        assert b"CREATE TABLE counts" in stored
    return stored


SECRETS = ("5555550123", "555-0123", "drink", "beer", "breathing", "morir", "STOP")


def test_each_decision_adds_one_to_its_count_and_nothing_else_is_kept(app):
    replies = conversation(app.test_client())
    assert replies[4].count("Naltrexone is started") == 1 and replies[5] == '<?xml version="1.0" encoding="UTF-8"?><Response />'
    assert line_of(app).insight.flush()
    assert rows(app) == [
        # One conversation (one sender's texts, the conversation cookie), which had help.
        ("sms", "en", "conversation", "", "helped", 1),
        ("sms", "en", "conversation", "", "started", 1),
        ("sms", "en", "crisis", "", "crisis", 1),
        ("sms", "en", "not_covered", "alcohol", "not_covered", 1),
        ("sms", "en", "not_understood", "", "not_understood", 1),
        ("sms", "en", "topic", "dose", "answered", 2),
        ("sms", "en", "topic", "dose", "rate_limited", 1),  # the fifth reply in the hour: 4 per hour
        ("voice", "en", "call", "", "helped", 1),  # one call, which had help
        ("voice", "en", "call", "", "started", 1),
        ("voice", "en", "menu", "", "answered", 1),
        ("voice", "en", "person", "", "handoff", 1),
        ("voice", "en", "person", "", "handoff_busy", 1),
        ("voice", "en", "suicide", "", "suicide", 1),
        ("whatsapp", "en", "opt_out", "", "opted_out", 1),
    ]
    assert {row[4] for row in rows(app)} <= set(OUTCOMES)  # the outcomes the README and report name
    with line_of(app).insight.store.engine.connect() as connection:
        hours = {row.hour for row in connection.execute(sa.select(counts.c.hour))}
    assert hours == {datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0, tzinfo=None)}


def test_an_extra_dose_counts_as_such_and_an_alarm_before_an_answer_as_answered(app):
    client = app.test_client()
    client.post("/sms", data={"From": NUMBER, "Body": "I took two pills by accident"})
    client.post("/sms", data={"From": NUMBER, "Body": "i cant do this, is it working"})  # 988 sentence, then the answer
    assert line_of(app).insight.flush()
    assert rows(app) == [("sms", "en", "alarm", "suicide", "alarm_shown", 1),  # the 988 sentence, counted apart
                         ("sms", "en", "conversation", "", "helped", 1), ("sms", "en", "conversation", "", "started", 1),
                         ("sms", "en", "extra_dose", "", "extra_dose", 1), ("sms", "en", "topic", "working", "answered", 1)]


def test_the_database_holds_no_number_no_sender_hash_and_no_words(app, tmp_path):
    conversation(app.test_client())
    insight = line_of(app).insight
    insight.flush()
    with insight.store.engine.connect() as connection:
        tables = sorted(sa.inspect(connection).get_table_names())
        columns = [column["name"] for column in sa.inspect(connection).get_columns("counts")]
    assert tables == ["counts", "unanswered"]
    assert columns == ["hour", "channel", "language", "kind", "topic", "outcome", "count"]
    assert kept(app) == []  # KEEP_UNANSWERED_DAYS is off by default
    stored = everything_stored(app, tmp_path)
    assert b"not_covered" in stored  # what was read is the real data
    for secret in SECRETS + (line_of(app).limits.sender_key(NUMBER), "zzqv"):
        assert secret.encode() not in stored, secret


def test_with_keeping_on_only_the_texts_not_understood_are_kept_scrubbed_by_day(keeping_app, tmp_path):
    client = keeping_app.test_client()
    conversation(client)
    sorry = text(client, "zzqv call me at 555-0123 or (555) 555 0199, jo.doe@example.org, https://t.example.com/x?id=98765 "
                         "@jodoe99\x1b[2J " + "blah " * 60, number="+15555550125")
    assert sorry.startswith('<?xml version="1.0" encoding="UTF-8"?><Response><Message>Sorry, we did not get that.')
    assert line_of(keeping_app).insight.flush()
    today = datetime.now(timezone.utc).date()
    scrubbed = "▯ call me at ▯ or ▯" + " blah" * 28  # 159 characters: the next " blah" would pass 160
    last_day = today + timedelta(days=6)  # kept 7 days: today and 6 more
    assert kept(keeping_app) == [(today, "en", scrubbed, 1, last_day)]  # "zzqv" alone: not one known word to keep
    stored = everything_stored(keeping_app, tmp_path)
    assert "▯ call me at ▯ or ▯ blah".encode() in stored
    for secret in SECRETS + (line_of(keeping_app).limits.sender_key(NUMBER), "0199", "jo.doe", "example", "98765", "jodoe99",
                             "zzqv"):
        assert secret.encode() not in stored, secret


def test_hostile_texts_not_understood_are_answered_and_kept_scrubbed(keeping_app):
    client = keeping_app.test_client()
    for body in ("why\x00\x00blorp", "\x1b]0;pwned\x07what zzqv", "why zzqv " * 200, "\u202ewhat is zzqv"):  # 4: the hourly limit
        assert "Emergency? Call 911 now." in text(client, body, number="+15555550127")
    assert line_of(keeping_app).insight.flush()  # PostgreSQL refuses a NUL in text: none reaches it
    assert sorted(row[2] for row in kept(keeping_app)) == ["what is ▯", "why ▯", ("why ▯ " * 40)[:160].rstrip(), "▯ what ▯"]


def test_flask_unanswered_lists_the_kept_texts_as_example_lines_to_label(keeping_app):
    client = keeping_app.test_client()
    for body in ("what is zzqv", "whats the weather tmrw", "what is blorp", "quiero saber qué es blorp", "zzqv"):
        text(client, body, number="+15555550126")
    text(client, "dose")  # understood: not kept
    line_of(keeping_app).insight.flush()
    today = datetime.now(timezone.utc).date()
    output = keeping_app.test_cli_runner().invoke(args=["unanswered"]).output
    assert output.splitlines()[2:] == [
        f"# {today}, kept until {today + timedelta(days=6)}",
        "# sent 2 times:",
        "?\ten\twhat is ▯",  # two texts, one once scrubbed; "zzqv" alone was not kept
        "?\ten\twhats the weather tmrw",
        "?\tes\tquiero saber qué es ▯",
    ]
    assert output.startswith("# 4 text(s) not understood, scrubbed, each kept until the day shown (UTC).")


def test_flask_unanswered_says_when_keeping_is_off(app):
    text(app.test_client(), "zzqv")
    line_of(app).insight.flush()
    output = app.test_cli_runner().invoke(args=["unanswered"]).output
    assert output == 'No texts are kept (KEEP_UNANSWERED_DAYS here: 0 (off)). See docs/privacy.md, "Texts not understood".\n'
    assert kept(app) == []


def test_each_kept_text_goes_after_its_last_day_and_all_go_on_request(database_url, tmp_path, make_app):
    settings = {"TESTING": True, "DATABASE_URL": database_url, "KEEP_UNANSWERED_DAYS": "7"}
    app = make_app(settings)
    today = datetime.now(timezone.utc).date()
    with line_of(app).insight.store.engine.begin() as connection:  # texts that came 0, 6, 7 and 30 days ago
        connection.execute(sa.insert(unanswered), [
            {"day": today - timedelta(days=days), "language": "en", "text": f"blorp{days}", "count": 1,
             "keep_until": today - timedelta(days=days - 6)} for days in (0, 6, 7, 30)])
    result = app.test_cli_runner().invoke(args=["insight", "prune"])
    assert result.output.splitlines()[1] == "deleted 2 kept text(s) past their last day"
    assert [row[2] for row in kept(app)] == ["blorp6", "blorp0"]  # today and six days back: seven days
    stored = everything_stored(app, tmp_path)  # overwritten in the file, not left in its free space
    assert b"blorp6" in stored and b"blorp7" not in stored and b"blorp30" not in stored
    # A shell without the setting (or keeping turned off) neither deletes them early nor hides them.
    runner = make_app(settings | {"KEEP_UNANSWERED_DAYS": "0"}).test_cli_runner()
    assert "?\ten\tblorp6" in runner.invoke(args=["unanswered"]).output
    assert runner.invoke(args=["unanswered", "--delete-all"]).output == "deleted 2 kept text(s)\n"
    assert kept(app) == []
    assert b"blorp" not in everything_stored(app, tmp_path)


@pytest.mark.parametrize("value", ["-1", "91", "seven", "", "7.5"])
def test_keep_unanswered_days_must_be_a_number_of_days_up_to_90(value, make_app):
    with pytest.raises(SettingsError, match=rf"KEEP_UNANSWERED_DAYS must be a number of days from 0 \(keep no text, "
                                            rf"the default\) to 90; got '{value}'"):
        make_app({"TESTING": True, "KEEP_UNANSWERED_DAYS": value})


def test_the_try_page_and_the_terminal_phone_are_not_counted_and_their_texts_not_kept(keeping_app):
    phone = Phone(keeping_app)
    assert phone.text("zzqv").text.startswith("Sorry, we did not get that.")
    phone.text("dose")
    phone.press(phone.dial(), "1")
    line_of(keeping_app).insight.flush()
    assert rows(keeping_app) == [] and kept(keeping_app) == []


def test_when_the_database_fails_every_text_is_answered_and_the_counts_wait(app, caplog):
    client = app.test_client()
    insight = line_of(app).insight
    with insight.store.engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE counts"))  # the store goes away mid-conversation
    with caplog.at_level(logging.WARNING, logger="ivr.stores.insight"):
        assert all("Emergency? Call 911 now." in text(client, body) for body in ["dose", "1", "hi"])
        assert insight.flush() is False and insight.flush() is False
    health = client.get("/healthz")  # the database answers, but the counts cannot be written
    assert (health.status_code, health.json["status"], health.json["database"]) == (200, "degraded", "failing")
    warnings = [record.message for record in caplog.records if record.name == "ivr.stores.insight"]
    assert len(warnings) == 1 and warnings[0].startswith("insight database failed (")  # once a minute at most
    assert warnings[0].endswith("): 4 counts and 0 texts kept for the next try")  # 2 steps' and 2 of the conversation
    insight.store.create_schema()  # back
    assert insight.flush() is True
    assert client.get("/healthz").json["status"] == "ok"
    assert [row[2:] for row in rows(app)] == [("conversation", "", "helped", 1), ("conversation", "", "started", 1),
                                              ("menu", "", "answered", 1), ("topic", "dose", "answered", 2)]


def test_when_the_database_server_stops_every_text_is_answered_and_the_counts_wait(postgres_server, caplog, make_app):
    app = make_app({"TESTING": True, "DATABASE_URL": postgres_server.url, "KEEP_UNANSWERED_DAYS": "7"})
    client, insight = app.test_client(), line_of(app).insight
    assert "Naltrexone is started" in text(client, "dose")
    assert insight.flush()
    postgres_server.stop()
    with caplog.at_level(logging.WARNING, logger="ivr.stores.insight"):
        replies = [text(client, body) for body in ("my friend is not breathing", "what is zzqv", "dose")]
        assert insight.flush() is False
    health = client.get("/healthz")
    assert (health.status_code, health.json["status"], health.json["database"]) == (200, "degraded", "unreachable")
    assert "<Message>Call 911 now" in replies[0]
    assert "<Message>Sorry, we did not get that." in replies[1] and "<Message>Naltrexone is started" in replies[2]
    assert [record.message for record in caplog.records if record.name == "ivr.stores.insight"] == [
        "insight database failed (OperationalError): 3 counts and 1 texts kept for the next try"]
    postgres_server.start()
    assert insight.flush()
    assert client.get("/healthz").json["status"] == "ok"
    assert [row[1:] for row in rows(app)] == [
        ("en", "conversation", "", "helped", 1), ("en", "conversation", "", "started", 1),  # the first text's
        ("en", "crisis", "", "crisis", 1), ("en", "not_understood", "", "not_understood", 1),
        ("en", "topic", "dose", "answered", 2)]
    assert [row[1:4] for row in kept(app)] == [("en", "what is ▯", 1)]


@pytest.mark.parametrize("url", ["sqlite:////proc/no-such-place/insight.db",
                                 "postgresql://nobody:secret@127.0.0.1:1/nothing"])
def test_a_database_that_cannot_be_reached_at_start_up_leaves_the_line_answering(caplog, url, make_app):
    with caplog.at_level(logging.WARNING):
        app = make_app({"TESTING": True, "DATABASE_URL": url})
    assert "insight database cannot be reached" in caplog.text
    assert "Naltrexone is started" in text(app.test_client(), "dose")
    health = app.test_client().get("/healthz")
    assert (health.status_code, health.json["status"], health.json["database"]) == (200, "degraded", "unreachable")


@pytest.mark.parametrize("url, problem", [("not a url", "DATABASE_URL is not a database URL"),
                                          ("mysql://user:hunter2@db/line", "must be a SQLite or PostgreSQL URL")])
def test_a_malformed_database_url_stops_start_up_naming_the_setting_not_the_password(url, problem):
    with pytest.raises(SettingsError, match=problem) as caught:
        create_app({"TESTING": True, "DATABASE_URL": url})
    assert "hunter2" not in str(caught.value)


def test_prune_deletes_counts_older_than_the_retention(app):
    old = datetime.now(timezone.utc).replace(tzinfo=None, minute=0, second=0, microsecond=0) - timedelta(days=401)
    with line_of(app).insight.store.engine.begin() as connection:
        connection.execute(sa.insert(counts), [
            {"hour": old, "channel": "sms", "language": "en", "kind": "topic", "topic": "dose", "outcome": "answered",
             "count": 4},
            {"hour": old + timedelta(days=2), "channel": "sms", "language": "es", "kind": "topic", "topic": "dose",
             "outcome": "answered", "count": 5}])
    result = app.test_cli_runner().invoke(args=["insight", "prune"])
    assert result.output == ("deleted 1 count row(s) older than 400 days\n"
                             "deleted 0 kept text(s) past their last day\n")
    assert [row[1] for row in rows(app)] == ["es"]


def test_report_prints_totals_the_not_understood_rate_and_crises(app):
    conversation(app.test_client())
    line_of(app).insight.flush()
    day = datetime.now(timezone.utc).date().isoformat()
    output = app.test_cli_runner().invoke(args=["report", "--days", "7"]).output
    assert output.splitlines() == [
        "Usage, last 7 days (UTC): 11 steps",
        f"by day: {day} 11",
        "by channel: sms 6, voice 4, whatsapp 1",
        "by language: en 11",
        "by topic: - 7, alcohol 1, dose 3",
        "by outcome: answered 3, crisis 1, handoff 1, handoff_busy 1, not_covered 1, not_understood 1, "
        "opted_out 1, rate_limited 1, suicide 1",
        "not understood: 1 (9.1%)",
        "crisis: 1, suicide (988 named): 1, extra dose (Poison Control): 0",
        # People, not steps: one conversation and one call, both helped.
        "people: people helped 2, text conversations 1, calls 1, answered from the fact sheet 2, referred (not "
        "covered) 1, emergency and 988 replies 2, Poison Control (extra dose) 0, emergency sentences before an "
        "answer 0, put through to the helpline 1, helpline calls answered 0, helpline busy, not answered or failed 1, "
        "thanks and news, acknowledged 0, not understood (texts and spoken questions) 1, silences and wrong keys 0, "
        "opted out 1",
    ]
    lines = app.test_cli_runner().invoke(args=["report", "--csv"]).output.splitlines()
    assert lines[0] == "day,channel,language,kind,topic,outcome,count"
    assert f"{day},sms,en,topic,dose,answered,2" in lines and len(lines) == 15  # the 10 steps' rows and 4 of people


def test_the_fallback_is_counted_as_such(app):
    with app.test_client().post("/fallback/voice", data={"From": NUMBER, "CallSid": "CA" + "0" * 32}) as response:
        assert b"<Hangup />" in response.data
    assert line_of(app).insight.flush()
    assert rows(app) == [("voice", "-", "fallback", "", "fallback", 1)]


def test_an_unsigned_fallback_request_is_answered_but_not_counted_and_marked_refused(database_url, make_app, caplog):
    token = "test-auth-token-not-a-real-one"
    app = make_app({"TESTING": True, "DATABASE_URL": database_url, "TWILIO_AUTH_TOKEN": token})
    client = app.test_client()
    form = {"From": NUMBER, "CallSid": "CA" + "0" * 32}
    with caplog.at_level(logging.INFO):
        for headers in [{}] * 100 + [{"X-Twilio-Signature": "forged"}] * 100:
            with client.post("/fallback/voice", data=form, headers=headers) as response:
                assert b"<Hangup />" in response.data  # the emergency message, whoever asks
        signature = RequestValidator(token).compute_signature("http://localhost/fallback/voice", form)
        with client.post("/fallback/voice", data=form, headers={"X-Twilio-Signature": signature}) as response:
            assert b"<Hangup />" in response.data
    assert line_of(app).insight.flush()
    assert rows(app) == [("voice", "-", "fallback", "", "fallback", 1)]  # only the signed one
    assert caplog.text.count("fallback voice used") == 1
    # Marked refused: gunicorn's access log sums them up once a minute (tests/test_log_floods.py).
    assert caplog.text.count("refused: missing signature") == 100 and caplog.text.count("refused: bad signature") == 100


def test_on_a_full_disk_the_kept_texts_go_and_every_count_that_fits_is_written(tmp_path, make_app, caplog):
    app = make_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/insight.db", "KEEP_UNANSWERED_DAYS": "7",
                    "SMS_RATE_LIMIT": "1000 per hour"})
    insight, client = line_of(app).insight, app.test_client()
    insight.stopping.set()  # this test flushes by itself: a write every few seconds must not race it
    with insight.store.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    # The disk has room for a few pages more: SQLite's max_page_count, on every connection.
    sa.event.listen(insight.store.engine, "connect", lambda dbapi, _: dbapi.execute(f"PRAGMA max_page_count={pages + 3}"))
    insight.store.engine.dispose()
    words = "cat dog tree car sun book door lamp shoe cup hat box pen kite fish rock leaf coin egg bus".split()
    bodies = ["zz " + " ".join(f"{words[i % 20]} {words[i // 20 % 20]} {words[i // 400]}" for _ in range(8))
              for i in range(600)]  # 600 different texts the line does not understand, kept as about 110 characters each
    for body in bodies:
        assert "Sorry, we did not get that." in text(client, body)
    with caplog.at_level(logging.WARNING, logger="ivr.stores.insight"):
        assert insight.flush() is False
    assert "insight database failed (OperationalError, disk full): 0 counts; the texts not yet kept are dropped" \
        in caplog.text
    assert [row[2:] for row in rows(app)] == [("conversation", "", "started", 1),  # one sender, never helped
                                              ("not_understood", "", "not_understood", 600)]  # every count
    assert len(kept(app)) < 600  # the texts that did not fit went
    for body in ("dose", "dose", "my friend is not breathing"):
        text(client, body)
    assert insight.flush() is True  # later decisions are counted too
    assert sum(row[-1] for row in rows(app)) == 603 + 1 + 1  # and the conversation, now helped
