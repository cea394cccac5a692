"""Hostile and broken input: a defined answer every time, never a 500, never an echo."""
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EMERGENCY_SMS_LINE
from conftest import SPANISH_SMS_LINE as SPANISH_LINE

from ivr.line import line_of
from ivr.core.sms_encoding import to_gsm7
INJECTION = "</Message><Redirect>https://evil.example/x</Redirect><Message>"

HOSTILE_BODIES = [
    "", " ", "a" * 1601, "dose " * 2000, "\x00\x01\x02dose\x7f", "\u202edose\u202c", "\u200f\u200edose",
    INJECTION, "<script>alert(1)</script>", "]]><!--", "&amp;&lt;&#0;", "🙂" * 400, "ｄｏｓｅ",
    "%00%ff", "{emergency_number}", "{0}{1}", "\r\n\r\nHTTP/1.1 200 OK", "DROP TABLE messages;--",
]


def sms_outcome(response):
    """The reply text, or None for an empty <Response/>; checks the TwiML on the way."""
    assert response.status_code == 200, response.status_code
    root = ET.fromstring(response.data)
    assert root.tag == "Response" and all(child.tag == "Message" for child in root)
    assert len(root) <= 1
    return root[0].text if len(root) else None


def carries_the_emergency_number(reply: str, pack) -> bool:
    """Every reply ends with the emergency line, or starts with a sentence that stands for it."""
    firsts = {to_gsm7(text) for language in pack.languages.values()
              for text in (language.sms.crisis_first, language.sms.suicide_first)}
    return reply.endswith(EMERGENCY_SMS_LINE) or reply.endswith(SPANISH_LINE) or reply.split("\n")[0] in firsts


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_hostile_sms_bodies_get_a_safe_reply(client, app, body):
    reply = sms_outcome(client.post("/sms", data={"Body": body, "From": "+15555550100"}))
    assert carries_the_emergency_number(reply, line_of(app).pack)
    assert "Redirect" not in reply and "script" not in reply and "evil" not in reply


def test_what_was_sent_is_never_echoed(client):
    response = client.post("/sms", data={"Body": INJECTION})
    assert b"evil.example" not in response.data and b"<Redirect" not in response.data


def test_invalid_utf8_and_form_garbage(client):
    for raw in [b"Body=\xff\xfe\xfd", b"Body=%ff%fe", b"\x00\x00=\x00", b"Body", b"&&&==&", b"Body=" + b"%" * 100]:
        response = client.post("/sms", data=raw, content_type="application/x-www-form-urlencoded")
        assert sms_outcome(response).endswith(EMERGENCY_SMS_LINE)


def test_a_huge_request_gets_413_not_500(client):
    response = client.post("/sms", data={"Body": "x" * 200_000})
    assert response.status_code == 413
    response = client.post("/voice/key", data={"Digits": "1", "Pad": "y" * 200_000})
    assert response.status_code == 413


@pytest.mark.parametrize("digits", ["12", "abc", "#", "", "*#*", "0" * 1000, "\x00", "١", "9; DROP"])
def test_odd_digits_get_a_menu_or_a_defined_step(client, digits):
    response = client.post("/voice/key?lang=en&at=menu&misses=0", data={"Digits": digits})
    assert response.status_code == 200
    root = ET.fromstring(response.data)
    assert root.find("Gather") is not None or root[-1].tag == "Hangup"


@pytest.mark.parametrize("query", ["lang=xx&at=../../etc&misses=1", "lang=es&lang=en", "misses=%00", "at=<x>",
                                   "lang=" + "e" * 5000, "misses=99999999999999999999999", "at=emergency&misses=-1"])
def test_tampered_voice_urls_get_a_defined_step(client, query):
    for path in ["/voice/key", "/voice/silence"]:
        response = client.post(f"{path}?{query}", data={"Digits": "*"})
        assert response.status_code == 200
        assert b"../" not in response.data and b"<x>" not in response.data


# Property-based: thousands of random inputs at every webhook.
texts = st.text(max_size=300)
queries = st.dictionaries(st.sampled_from(["lang", "at", "misses", "x"]), st.text(max_size=20), max_size=4)


def voice_is_safe(response, pack):
    assert response.status_code == 200
    root = ET.fromstring(response.data)
    assert root.tag == "Response"
    said = [say.text for say in root.iter("Say")]
    emergency = {t for l in pack.languages.values() for t in (l.voice.emergency, l.voice.emergency_short, l.voice.suicide)}
    if root.find("Gather") is not None:
        # Key 9 from any Gather leads to the emergency message; and the menu itself says it.
        assert emergency & set(said)
        assert root[-1].tag == "Redirect"
    else:
        assert root[-1].tag == "Hangup" and said[-1] in emergency | {
            "Lo sentimos, la línea tiene un problema. En una emergencia, cuelgue y llame al 9 1 1. Si alguien parece "
            "tener una sobredosis y usted tiene naloxona, también llamada Narcan, désela y quédese con la persona."}


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=texts, sender=st.text(max_size=30))
def test_random_sms_bodies(client, app, body, sender):
    reply = sms_outcome(client.post("/sms", data={"Body": body, "From": sender}))
    assert reply is None or carries_the_emergency_number(reply, line_of(app).pack)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(["/voice", "/voice/key", "/voice/silence"]), query=queries,
       digits=st.one_of(st.none(), st.text(max_size=5)), speech=st.one_of(st.none(), texts),
       confidence=st.one_of(st.none(), st.text(max_size=6), st.floats().map(str)))
def test_random_voice_steps(client, app, path, query, digits, speech, confidence):
    form = {key: value for key, value in (("Digits", digits), ("SpeechResult", speech), ("Confidence", confidence))
            if value is not None}
    voice_is_safe(client.post(f"{path}?{urlencode(query)}", data=form), line_of(app).pack)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=400), path=st.sampled_from(["/sms", "/voice", "/voice/key", "/fallback/sms", "/fallback/voice"]))
def test_random_raw_bodies(client, raw, path):
    response = client.post(path, data=raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    ET.fromstring(response.data)
