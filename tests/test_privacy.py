"""Logs name the channel, the step and the topic: never a phone number or what was sent."""
import logging

import pytest

from ivr.line import line_of

NUMBER = "+15555550177"
BODIES = ["how much do I take zq81", "hola zq82", "can my nurse perscribe it zq83", "my friend is not breathing zq84",
          "STOP", "zq85 nonsense", "ENGLISH"]
SPEECH = "how much naltrexone zq86"


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def assert_no_personal_data(text):
    for leak in ("5555550177", "555-0177", "zq8", "nurse", "breathing", "naltrexone zq"):
        assert leak not in text, leak


def test_a_whole_sms_conversation_logs_no_number_and_no_words(client, logs):
    for body in BODIES:
        client.post("/sms", data={"From": NUMBER, "To": "+15555550199", "Body": body})
    assert "sms intent=topic topic=dose lang=en" in logs.text
    assert "sms intent=crisis" in logs.text
    assert_no_personal_data(logs.text)


def test_a_whole_call_logs_no_number_and_no_speech(client, logs):
    form = {"From": NUMBER, "Caller": NUMBER, "CallSid": "CA" + "1" * 32}
    client.post("/voice", data=form)
    client.post("/voice/key?lang=en&at=menu&misses=0", data={**form, "Digits": "1"})
    client.post("/voice/key?lang=en&at=dose&misses=0", data={**form, "SpeechResult": SPEECH, "Confidence": "0.9"})
    client.post("/voice/key?lang=en&at=menu&misses=0", data={**form, "SpeechResult": "zq87 blah", "Confidence": "0.9"})
    client.post("/voice/silence?lang=en&at=menu&misses=2", data=form)
    assert "voice step=topic topic=dose" in logs.text and "voice step=silence misses=3 end=misses" in logs.text
    assert_no_personal_data(logs.text)


def test_error_logs_carry_no_number_and_no_words(app, client, logs, monkeypatch):
    import ivr.core.understand

    def explode(self, text, language=None):
        raise RuntimeError(f"cannot understand {text!r} from {NUMBER}")

    monkeypatch.setattr(ivr.core.understand.Understander, "sms", explode)
    client.post("/sms", data={"From": NUMBER, "Body": BODIES[0]})
    assert "unhandled RuntimeError in POST /sms" in logs.text
    assert_no_personal_data(logs.text)


def test_rate_limit_logs_neither_the_number_nor_its_hash(logs, make_app):
    app = make_app({"TESTING": True, "SMS_RATE_LIMIT": "1 per hour", "SECRET_KEY": "k" * 32})
    client = app.test_client()
    for _ in range(2):
        client.post("/sms", data={"From": NUMBER, "Body": "dose"})
    [line] = [r.getMessage() for r in logs.records if "rate limited" in r.getMessage()]
    assert line == "refused: rate limited; sms intent=topic topic=dose lang=en"  # a hash would link their texts
    assert line_of(app).limits.sender_key(NUMBER) not in logs.text
    assert_no_personal_data(logs.text)
