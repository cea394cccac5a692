"""Replies cost money: a limit per sender, never for someone in crisis; counted in a real
Redis for many workers, and never in the way of a reply when Redis stops or hangs."""
import logging
import time
import xml.etree.ElementTree as ET

import pytest
from limits import parse

from ivr.stores import ratelimit
from ivr.config import SettingsError
from ivr.line import line_of
from conftest import free_port


def reply(client, body, sender="+15555550101"):
    response = client.post("/sms", data={"From": sender, "Body": body})
    assert response.status_code == 200
    message = ET.fromstring(response.data).find("Message")
    return None if message is None else message.text


def test_the_default_is_30_replies_an_hour_per_sender(make_app):
    client = make_app({"TESTING": True}).test_client()
    assert all(reply(client, "dose") for _ in range(30))
    assert reply(client, "dose") is None  # the 31st: an empty <Response/>
    assert reply(client, "dose", sender="+15555550102")  # another sender is not affected


def test_crisis_messages_are_never_limited(make_app):
    client = make_app({"TESTING": True, "SMS_RATE_LIMIT": "2 per hour"}).test_client()
    assert reply(client, "1") and reply(client, "2")
    assert reply(client, "3") is None
    assert reply(client, "my friend is not breathing").startswith("Call 911 now")
    assert reply(client, "I want to die").startswith("In danger now? Call 911.")
    assert reply(client, "4") is None


def test_opt_outs_do_not_count(make_app):
    client = make_app({"TESTING": True, "SMS_RATE_LIMIT": "1 per hour"}).test_client()
    assert reply(client, "STOP") is None
    assert reply(client, "dose")


def test_a_new_hour_starts_a_new_count(monkeypatch, make_app):
    client = make_app({"TESTING": True, "SMS_RATE_LIMIT": "2 per hour"}).test_client()
    now = 1_800_000_000.0  # the start of an hour
    monkeypatch.setattr(ratelimit.time, "time", lambda: now)
    assert reply(client, "1") and reply(client, "2")
    assert reply(client, "3") is None
    now += 3599
    assert reply(client, "3") is None  # still the same hour
    now += 1
    assert reply(client, "3") and reply(client, "4")
    assert reply(client, "5") is None


def test_memory_forgets_the_sender_silent_longest_past_its_cap(monkeypatch):
    monkeypatch.setattr(ratelimit, "MAX_SENDERS", 3)
    counter = ratelimit.ProcessCounter(parse("1 per hour"))
    assert counter.hit("a") and counter.hit("b") and counter.hit("c")
    assert not counter.hit("a")  # a is the most recent now, b the longest silent
    assert counter.hit("d")  # the fourth sender: b is forgotten
    assert list(counter.counts) == ["c", "a", "d"]
    assert not counter.hit("a") and not counter.hit("c")
    assert counter.hit("b")  # counted afresh


def test_the_sender_key_is_a_keyed_hash_not_the_number(make_app):
    app = make_app({"TESTING": True, "SECRET_KEY": "one"})
    key = line_of(app).limits.sender_key("+15555550101")
    assert len(key) == 16 and "5555550101" not in key
    assert key == line_of(app).limits.sender_key("+15555550101") != line_of(app).limits.sender_key("+15555550102")
    assert line_of(make_app({"TESTING": True, "SECRET_KEY": "two"})).limits.sender_key("+15555550101") != key
    long_secret = make_app({"TESTING": True, "SECRET_KEY": "x" * 200})  # longer than BLAKE2's key
    assert len(line_of(long_secret).limits.sender_key("+15555550101")) == 16


STORE_WARNING = "rate-limit store failed"


@pytest.fixture
def line(make_app):
    """The line counting replies in a store; workers share a count when they share SECRET_KEY (it keys the sender hash)."""
    return lambda uri, limit="2 per hour": make_app({"TESTING": True, "SMS_RATE_LIMIT": limit,
                                                     "RATELIMIT_STORAGE_URI": uri, "SECRET_KEY": "same-on-every-worker"})


def test_every_worker_shares_one_count_in_redis(redis_server, line):
    first, second = line(redis_server.uri).test_client(), line(redis_server.uri).test_client()
    assert reply(first, "dose") and reply(second, "dose")
    assert reply(first, "dose") is None and reply(second, "dose") is None  # 2 an hour, counted once for both
    assert reply(second, "dose", sender="+15555550102")
    assert reply(first, "my friend is not breathing").startswith("Call 911 now")
    assert first.get("/healthz").json["status"] == "ok"


def test_when_redis_stops_texts_are_answered_without_a_limit_and_health_says_degraded(redis_server, caplog, line):
    client = line(redis_server.uri, limit="1 per hour").test_client()
    assert reply(client, "dose") and reply(client, "dose") is None
    redis_server.kill()
    redis_server.wait()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        answers = [reply(client, "dose") for _ in range(20)]
    assert all(answer.startswith("Naltrexone is started") for answer in answers)
    assert caplog.text.count(STORE_WARNING) == 1  # once a minute, not once a text
    assert "5555550101" not in caplog.text
    assert reply(client, "I want to die").startswith("In danger now? Call 911.")
    health = client.get("/healthz")
    assert health.status_code == 200
    assert (health.json["status"], health.json["rate_limit_store"]) == ("degraded", "unreachable")


def test_a_redis_that_never_answers_costs_a_text_a_fraction_of_a_second(hung_store, caplog, line):
    with caplog.at_level(logging.WARNING):
        client = line(f"redis://127.0.0.1:{hung_store}").test_client()
    assert "rate-limit store (RATELIMIT_STORAGE_URI) cannot be reached" in caplog.text
    started = time.monotonic()
    assert reply(client, "dose").startswith("Naltrexone is started")
    assert reply(client, "2").startswith("Wait 5 to 7 days with no opioids before you start.")
    # Without its timeout the store held each text until Twilio gave up (15 s).
    assert time.monotonic() - started < 3
    assert client.get("/healthz").json["status"] == "degraded"


def test_the_line_starts_and_says_so_when_redis_is_down_at_start_up(caplog, line):
    with caplog.at_level(logging.WARNING):
        client = line(f"redis://127.0.0.1:{free_port()}").test_client()
    assert caplog.text.count("cannot be reached: the line answers every text without a limit") == 1
    assert reply(client, "dose").startswith("Naltrexone is started")


def test_a_store_that_is_not_redis_is_refused_at_start_up_without_showing_the_url(line):
    with pytest.raises(SettingsError, match="RATELIMIT_STORAGE_URI must be memory:// or a Redis URL") as raised:
        line("memcached://user:secret@cache:11211")
    assert "secret" not in str(raised.value)
