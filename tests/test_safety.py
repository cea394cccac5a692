"""When something breaks, the caller or texter still gets the emergency message."""
import dataclasses
import logging
import xml.etree.ElementTree as ET

import pytest

import ivr.web.sms
import ivr.web.safety
import ivr.web.voice

from ivr.line import EXTENSION, line_of

NUMBER = "+15555550142"
BODY = "secret words 7731"
SMS_FALLBACK = ("Emergency? Call 911 now. If someone may be overdosing and you have naloxone (Narcan), give it, and "
                "stay with them. This line has a problem; try again later.\n"
                "¿Emergencia? Llame al 911 ya. Si alguien parece tener una sobredosis y usted tiene naloxona (Narcan), "
                "desela y quedese con la persona.")
VOICE_FALLBACK = ["Sorry, this line has a problem right now. In an emergency, hang up and call 9 1 1. If someone may "
                  "be overdosing and you have naloxone, also called Narcan, give it, and stay with them.",
                  "Lo sentimos, la línea tiene un problema. En una emergencia, cuelgue y llame al 9 1 1. Si alguien "
                  "parece tener una sobredosis y usted tiene naloxona, también llamada Narcan, désela y quédese con la persona."]


def sms_reply(response):
    assert response.status_code == 200 and response.mimetype == "text/xml"
    return ET.fromstring(response.data).find("Message").text


def voice_said(response):
    assert response.status_code == 200 and response.mimetype == "text/xml"
    root = ET.fromstring(response.data)
    assert root[-1].tag == "Hangup"
    return [say.text for say in root.iter("Say")]


class Broken:
    """A content pack that failed: any use of it raises."""

    def __getattr__(self, name):
        raise RuntimeError(f"content pack unavailable ({name})")


def test_a_content_lookup_that_raises_still_gets_the_emergency_sms(client, monkeypatch, caplog):
    def explode(intent, language):
        raise ValueError(f"lookup failed for {NUMBER}: {BODY}")

    monkeypatch.setattr(ivr.web.sms, "reply_for", explode)
    with caplog.at_level(logging.INFO):
        response = client.post("/sms", data={"From": NUMBER, "Body": BODY})
    assert sms_reply(response) == SMS_FALLBACK
    assert "unhandled ValueError in POST /sms" in caplog.text and "explode" in caplog.text  # the traceback
    assert NUMBER[2:] not in caplog.text and BODY not in caplog.text


def test_a_broken_voice_template_still_gets_the_emergency_message_then_hangs_up(client, monkeypatch, caplog):
    def broken_say(verb, language, text):
        raise KeyError("{emergency_numbr}")

    monkeypatch.setattr(ivr.web.voice, "_say", broken_say)
    for url in ["/voice", "/voice/key?at=menu&misses=0", "/voice/silence?at=dose&misses=2"]:
        assert voice_said(client.post(url, data={"Digits": "1", "From": NUMBER})) == VOICE_FALLBACK
    assert "unhandled KeyError" in caplog.text


def test_a_pack_that_failed_to_load_still_gets_the_emergency_message(make_app):
    app = make_app({"TESTING": True})
    client = app.test_client()
    app.extensions[EXTENSION] = dataclasses.replace(line_of(app), pack=Broken(), understander=Broken())
    assert sms_reply(client.post("/sms", data={"Body": "dose"})) == SMS_FALLBACK
    assert voice_said(client.post("/voice")) == VOICE_FALLBACK
    assert sms_reply(client.post("/fallback/sms", data={"Body": "dose"})) == SMS_FALLBACK
    assert voice_said(client.post("/fallback/voice")) == VOICE_FALLBACK


def test_fallbacks_use_the_configured_emergency_number(make_app):
    client = make_app({"TESTING": True, "EMERGENCY_NUMBER": "112"}).test_client()
    assert sms_reply(client.post("/fallback/sms")).startswith("Emergency? Call 112 now.")
    assert "In an emergency, hang up and call 1 1 2." in voice_said(client.post("/fallback/voice"))[0]


def test_fallback_sms_is_gsm7_in_two_segments():
    from ivr.core.sms_encoding import encoding, segments

    assert encoding(SMS_FALLBACK) == "GSM-7" and segments(SMS_FALLBACK) == 2


@pytest.mark.parametrize("method, url, status", [("GET", "/sms", 405), ("GET", "/voice", 405), ("PUT", "/sms", 405),
                                                 ("GET", "/nowhere", 404), ("GET", "/fallback/voice", 405)])
def test_wrong_method_or_path_is_a_4xx_not_a_500(client, method, url, status):
    assert client.open(url, method=method).status_code == status


def test_the_fallback_answers_when_counting_it_fails(make_app, monkeypatch, caplog):
    client = make_app({"TESTING": True}).test_client()

    def broken(*args, **kwargs):
        raise RuntimeError("the counts are broken")

    monkeypatch.setattr(ivr.web.safety, "decision", broken)
    with caplog.at_level(logging.ERROR):
        assert sms_reply(client.post("/fallback/sms", data={"Body": "dose"})) == SMS_FALLBACK
        assert voice_said(client.post("/fallback/voice")) == VOICE_FALLBACK
    assert caplog.text.count("the request could not be checked or counted") == 2  # answered by the fallback itself
    assert "unhandled" not in caplog.text
