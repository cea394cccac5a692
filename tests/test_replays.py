"""A replayed text is answered once, a danger text twice at most: by default and with Redis,
when the copies come one after another and when they race to several workers; and the
check is never in the way of a reply (a claim whose reply failed is released, and a
locked or slow store lets the reply go)."""
import http.client
import logging
import secrets
import sqlite3
import statistics
import threading
import time
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa
from twilio.request_validator import RequestValidator

import ivr.web.sms
from conftest import ROOT, SERVED_TOKEN
from ivr.line import line_of
from ivr.stores import answered
from ivr.stores.answered import REPLAY_SECONDS, RedisClaims, SQLiteClaims

EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response />'
STORE_WARNING = "the store of answered texts failed or was slow"


def post(client, body, sid, path="/sms", sender="+15555550101"):
    response = client.post(path, data={"From": sender, "Body": body, "MessageSid": sid})
    assert response.status_code == 200
    return response.data.decode()


SID = "SM" + "1" * 32


def test_a_replayed_text_gets_no_second_reply_no_count_and_takes_nothing_from_the_senders_limit(make_app, tmp_path):
    app = make_app({"TESTING": True, "SMS_RATE_LIMIT": "2 per hour", "DATABASE_URL": f"sqlite:///{tmp_path}/i.db"})
    client = app.test_client()
    assert "<Message>Naltrexone is started" in post(client, "dose", SID)
    replays = {post(client, "dose", SID) for _ in range(35)}
    assert replays == {EMPTY}  # no second SMS to the real sender
    assert "<Message>Naltrexone is started" in post(client, "dose", "SM" + "2" * 32)  # their own next text: the 2nd
    assert post(client, "dose", "SM" + "3" * 32).endswith("<Response />")  # the 3rd: over 2 an hour
    insight = line_of(app).insight
    assert insight.flush()
    with insight.store.engine.connect() as connection:
        outcomes = sorted(connection.execute(sa.text("SELECT outcome, count FROM counts WHERE kind = 'topic'")))
    assert outcomes == [("answered", 2), ("rate_limited", 1)]  # the 35 replays counted nowhere


def test_a_crisis_text_is_always_answered_a_retry_too_and_the_fallback_answers_a_replay(make_app):
    # Twilio sends a text's request again when the first try failed: someone in danger gets the reply then too.
    client = make_app({"TESTING": True}).test_client()
    assert "<Message>Call 911 now" in post(client, "my friend is not breathing", SID)
    assert "<Message>Call 911 now" in post(client, "my friend is not breathing", SID)
    # Twice at most: a replayed crisis request cannot make the line text someone again and again.
    assert post(client, "my friend is not breathing", SID).endswith("<Response />")
    # Twilio's fallback request carries the failed request's MessageSid: it is always answered.
    assert "<Message>Emergency? Call 911 now." in post(client, "my friend is not breathing", SID, "/fallback/sms")


def test_workers_of_one_machine_share_what_they_answered_without_redis(make_app, tmp_path):
    """Two apps are two gunicorn workers: without Redis they share instance/answered.db."""
    settings = {"TESTING": True, "SECRET_KEY": "same-on-every-worker", "ANSWERED_DB": tmp_path / "answered.db"}
    first, second = make_app(settings).test_client(), make_app(settings).test_client()
    assert "<Message>Naltrexone is started" in post(first, "dose", SID)
    assert post(second, "dose", SID) == EMPTY
    assert "<Message>Naltrexone is started" in post(second, "dose", "SM" + "2" * 32)
    with sqlite3.connect(tmp_path / "answered.db") as database:  # only keyed hashes are kept
        keys = [key for key, in database.execute("SELECT key FROM answers")]
    assert len(keys) == 2 and not any("1111" in key for key in keys)


def test_a_replay_to_another_worker_is_known_through_redis(redis_server, make_app):
    settings = {"TESTING": True, "SECRET_KEY": "same-on-every-worker", "RATELIMIT_STORAGE_URI": redis_server.uri}
    first, second = make_app(settings).test_client(), make_app(settings).test_client()
    assert "<Message>Naltrexone is started" in post(first, "dose", SID)
    assert post(second, "dose", SID) == EMPTY
    assert "<Message>Naltrexone is started" in post(second, "dose", "SM" + "2" * 32)


def test_when_the_reply_cannot_be_built_the_claim_is_released_so_twilios_retry_is_answered(make_app, monkeypatch):
    client = make_app({"TESTING": True}).test_client()
    real = ivr.web.sms.reply_for

    def fails_once(*args):
        monkeypatch.setattr(ivr.web.sms, "reply_for", real)
        raise RuntimeError("the content could not be read")

    monkeypatch.setattr(ivr.web.sms, "reply_for", fails_once)
    assert "<Message>Emergency? Call 911 now." in post(client, "dose", SID)  # the safety net's reply
    assert "<Message>Naltrexone is started" in post(client, "dose", SID)  # the retry gets the answer
    assert post(client, "dose", SID) == EMPTY  # once


def test_a_locked_store_lets_the_reply_go_and_says_so_once(make_app, tmp_path, caplog):
    path = tmp_path / "answered.db"
    client = make_app({"TESTING": True, "ANSWERED_DB": path}).test_client()
    holder = sqlite3.connect(path, timeout=1)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the file
    try:
        with caplog.at_level(logging.WARNING):
            started = time.monotonic()
            replies = [post(client, body, "SM" + secrets.token_hex(16)) for body in ["dose", "i want to die"] * 5]
            took = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    assert sum("<Message>Naltrexone is started" in reply for reply in replies) == 5
    assert sum("<Message>In danger now? Call 911." in reply for reply in replies) == 5
    assert took < 5  # each waits for the lock a twentieth of a second at most, not SQLite's default 5 s
    assert caplog.text.count(STORE_WARNING) == 1  # once a minute, not once a text
    assert "(OperationalError)" in caplog.text and "5555550101" not in caplog.text


def test_a_redis_that_never_answers_holds_a_claim_a_twentieth_of_a_second(hung_store, make_app, caplog, show):
    limits = line_of(make_app({"TESTING": True, "RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{hung_store}"})).limits
    with caplog.at_level(logging.WARNING):
        started = time.monotonic()
        claims = [limits.claim_message("SM" + secrets.token_hex(16)) for _ in range(5)]
        took = (time.monotonic() - started) / 5
    show(f"a claim in a Redis that never answers: {took * 1000:.0f} ms, then the reply goes")
    assert claims == [None] * 5  # not known: answered
    assert took < 0.5  # 50 ms to connect or answer, no retry (without them: until Twilio gives up)
    assert caplog.text.count(STORE_WARNING) == 1


def test_a_store_damaged_by_a_power_cut_is_made_anew_at_start(make_app, tmp_path):
    path = tmp_path / "answered.db"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)  # a header, then garbage
    client = make_app({"TESTING": True, "ANSWERED_DB": path}).test_client()
    assert "<Message>Naltrexone is started" in post(client, "dose", SID)
    assert post(client, "dose", SID) == EMPTY


def test_a_claim_lasts_ten_minutes_however_many_texts_come_meanwhile(tmp_path, monkeypatch):
    """100 texts a second for 10 minutes: the first is still known at the end (each worker's
    memory forgot it after 10,000 texts), and it is forgotten once its window ends."""
    store = SQLiteClaims(tmp_path / "answered.db")
    store.create()
    now = 1_800_000_000.0
    monkeypatch.setattr(answered.time, "time", lambda: now)
    assert store.claim("first") == 1
    for number in range(60_000):
        now += 0.01
        assert store.claim(f"{number:016x}") == 1
    now = 1_800_000_000.0 + REPLAY_SECONDS - 1
    assert store.claim("first") == 2  # a replay still, 60,000 texts later
    now += 2
    assert store.claim("first") == 1  # a new window: a copy sent now is answered
    with sqlite3.connect(tmp_path / "answered.db") as database:  # each claim deletes some past their window
        assert database.execute("SELECT count(*) FROM answers").fetchone()[0] < 60_000


@pytest.mark.parametrize("store", ["sqlite", "redis"])
def test_a_claim_counts_in_one_step_and_a_release_takes_one_back(store, tmp_path, request):
    if store == "redis":
        claims = RedisClaims(request.getfixturevalue("redis_server").uri)
    else:
        claims = SQLiteClaims(tmp_path / "answered.db")
        claims.create()
    assert [claims.claim("a"), claims.claim("a"), claims.claim("b")] == [1, 2, 1]
    claims.release("a")
    assert claims.claim("a") == 2  # the copy whose reply failed no longer counts
    if store == "redis":  # Redis forgets the count 10 minutes after the first copy
        assert REPLAY_SECONDS - 5 < claims.storage.get_expiry("answered/a") - time.time() <= REPLAY_SECONDS


def signed_copies_at_once(port: int, body: str, copies: int = 20) -> list[str]:
    """`copies` copies of one signed text (one MessageSid), each on its own connection, all
    connected first and then sent at the same moment; the replies."""
    form = {"From": "+15555550103", "To": "+15555550199", "Body": body, "MessageSid": "SM" + secrets.token_hex(16)}
    headers = {"X-Twilio-Signature": RequestValidator(SERVED_TOKEN).compute_signature(f"http://127.0.0.1:{port}/sms", form),
               "Content-Type": "application/x-www-form-urlencoded"}
    together, replies = threading.Barrier(copies), []

    def send():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        try:
            connection.connect()
            together.wait()
            connection.request("POST", "/sms", urlencode(form), headers)
            replies.append(connection.getresponse().read().decode())
        except OSError as error:
            replies.append(f"no answer: {type(error).__name__}")
        finally:
            connection.close()

    senders = [threading.Thread(target=send) for _ in range(copies)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(timeout=30)
    return replies


@pytest.mark.parametrize("store", ["default", "redis"])
def test_twenty_copies_of_a_text_sent_at_once_to_five_workers_get_one_reply(store, serve_line, request, show):
    """A captured signed text replayed 20 times at once: one SMS, and two for a danger text.
    (Before the claim: 5 replies without Redis, one a worker, and 3 to 6 with it.)"""
    uri = request.getfixturevalue("redis_server").uri if store == "redis" else "memory://"
    port = serve_line(WEB_CONCURRENCY="5", RATELIMIT_STORAGE_URI=uri).port
    dose, danger = signed_copies_at_once(port, "dose"), signed_copies_at_once(port, "my friend is not breathing")
    show(f"20 copies of a text at once to 5 workers ({store} store): {20 - dose.count(EMPTY)} reply; "
         f"of a danger text: {20 - danger.count(EMPTY)} replies")
    assert sum("<Message>Naltrexone is started" in reply for reply in dose) == 1
    assert dose.count(EMPTY) == 19
    assert sum("<Message>Call 911 now" in reply for reply in danger) == 2
    assert danger.count(EMPTY) == 18


def test_under_gunicorn_a_locked_store_holds_no_reply(serve_line, show):
    """A claim that finds the file locked tries again for 50 ms at most while the worker's other
    requests run, then the reply goes: a file another program holds keeps no text waiting."""
    served = serve_line(WEB_CONCURRENCY="1")

    def texts() -> tuple[list[str], list[float]]:
        replies, latencies = [], []
        for body in ["my friend is not breathing", "dose"] * 5:
            started = time.monotonic()
            replies += signed_copies_at_once(served.port, body, copies=1)
            latencies.append(time.monotonic() - started)
        return replies, sorted(latencies)

    _, free = texts()
    holder = sqlite3.connect(ROOT / "instance" / "answered.db", timeout=5)  # the file the served line claims in
    holder.execute("BEGIN EXCLUSIVE")
    try:
        replies, held = texts()
    finally:
        holder.rollback()
        holder.close()
    again = signed_copies_at_once(served.port, "dose", copies=3)  # once the lock goes, replays are caught again
    log = served.stop()
    show(f"10 texts while another program holds instance/answered.db: p50 {statistics.median(held) * 1000:.0f} ms, "
         f"max {held[-1] * 1000:.0f} ms (without: p50 {statistics.median(free) * 1000:.0f} ms)")
    assert sum("<Message>Call 911 now" in reply for reply in replies) == 5
    assert sum("<Message>Naltrexone is started" in reply for reply in replies) == 5
    assert held[-1] < 2.0
    assert log.count(STORE_WARNING) == 1 and "(OperationalError)" in log
    assert again.count(EMPTY) == 2
