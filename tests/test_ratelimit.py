"""Replies cost money: a limit per sender, never for someone in crisis."""
import xml.etree.ElementTree as ET

from limits import parse

from ivr import create_app, ratelimit


def reply(client, body, sender="+15555550101"):
    response = client.post("/sms", data={"From": sender, "Body": body})
    assert response.status_code == 200
    message = ET.fromstring(response.data).find("Message")
    return None if message is None else message.text


def test_the_default_is_30_replies_an_hour_per_sender():
    client = create_app({"TESTING": True}).test_client()
    assert all(reply(client, "dose") for _ in range(30))
    assert reply(client, "dose") is None  # the 31st: an empty <Response/>
    assert reply(client, "dose", sender="+15555550102")  # another sender is not affected


def test_crisis_messages_are_never_limited():
    client = create_app({"TESTING": True, "SMS_RATE_LIMIT": "2 per hour"}).test_client()
    assert reply(client, "1") and reply(client, "2")
    assert reply(client, "3") is None
    assert reply(client, "my friend is not breathing").startswith("Call 911 now")
    assert reply(client, "I want to die").startswith("If you are in danger now, call 911.")
    assert reply(client, "4") is None


def test_opt_outs_do_not_count():
    client = create_app({"TESTING": True, "SMS_RATE_LIMIT": "1 per hour"}).test_client()
    assert reply(client, "STOP") is None
    assert reply(client, "dose")


def test_a_new_hour_starts_a_new_count(monkeypatch):
    client = create_app({"TESTING": True, "SMS_RATE_LIMIT": "2 per hour"}).test_client()
    now = 1_800_000_000.0  # the start of an hour
    monkeypatch.setattr(ratelimit.time, "time", lambda: now)
    assert reply(client, "1") and reply(client, "2")
    assert reply(client, "3") is None
    now += 3599
    assert reply(client, "3") is None  # still the same hour
    now += 1
    assert reply(client, "3") and reply(client, "4")
    assert reply(client, "5") is None


def test_memory_keeps_only_the_current_hour_once_it_holds_many_senders(monkeypatch):
    monkeypatch.setattr(ratelimit, "MAX_SENDERS", 3)
    now = 1_800_000_000.0
    monkeypatch.setattr(ratelimit.time, "time", lambda: now)
    counter = ratelimit.ProcessCounter(parse("1 per hour"))
    assert counter.hit("a") and counter.hit("b")
    now += 3600
    assert counter.hit("c") and not counter.hit("c")
    assert counter.hit("d")  # the fourth sender: last hour's a and b are dropped
    assert set(counter.counts) == {"c", "d"}
    assert counter.hit("a")  # a new hour for a as well


def test_the_shared_counter_limits_the_same_way():
    # redis:// goes through `limits`; its memory storage stands in for Redis here.
    counter = ratelimit.SharedCounter("memory://", parse("2 per hour"))
    assert [counter.hit("a"), counter.hit("a"), counter.hit("a"), counter.hit("b")] == [True, True, False, True]


def test_the_sender_key_is_a_keyed_hash_not_the_number():
    app = create_app({"TESTING": True, "SECRET_KEY": "one"})
    key = ratelimit.sender_key(app, "+15555550101")
    assert len(key) == 16 and "5555550101" not in key
    assert key == ratelimit.sender_key(app, "+15555550101") != ratelimit.sender_key(app, "+15555550102")
    assert ratelimit.sender_key(create_app({"TESTING": True, "SECRET_KEY": "two"}), "+15555550101") != key
    long_secret = create_app({"TESTING": True, "SECRET_KEY": "x" * 200})  # longer than BLAKE2's key
    assert len(ratelimit.sender_key(long_secret, "+15555550101")) == 16
