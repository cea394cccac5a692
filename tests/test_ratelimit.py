"""Replies cost money: a limit per sender, never for someone in crisis."""
import xml.etree.ElementTree as ET

from ivr import create_app


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
