"""One reading of a form: the line accepts exactly the requests that Twilio's validator,
over Werkzeug's reading of the body, accepts, and its views read the same parameters.

The reference is a webhook written the way Twilio's docs show it: RequestValidator over
`request.url` and `request.form` of a plain Flask app.
"""
from urllib.parse import parse_qsl, urlencode

import pytest
from flask import Flask, abort, request
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict


TOKEN = "test-auth-token-not-a-real-one"
URLENCODED = "application/x-www-form-urlencoded"
VALIDATOR = RequestValidator(TOKEN)

# The pieces a hostile body is made of: escapes that are not UTF-8 or not escapes at all,
# escaped separators, NUL, raw non-ASCII and raw bytes that are not UTF-8.
PIECES = [b"Body", b"From", b"Digits", b"dose", b"1", b"=", b"&", b"+", b";", b"%", b"%FF", b"%G1", b"%2", b"%26",
          b"%3D", b"%3d", b"%00", b"\x00", b"%C3%A9", b"\xc3\xa9", b"\xff", b"%E2%9C", b"\xe2\x9c\x93", b" "]
FIELD = st.lists(st.sampled_from(PIECES), max_size=6).map(b"".join)


@st.composite
def bodies(draw) -> bytes:
    fields = draw(st.lists(st.one_of(FIELD, st.sampled_from([b"Body=dose", b"Body=1", b"Digits=1", b"Digits=9"])),
                           max_size=8))
    filler = draw(st.sampled_from([0, 0, 0, 199, 250]))  # more than 200 fields, Body last
    fields = [f"f{n}=x".encode() for n in range(filler)] + fields
    return b"&".join(fields)


def reference_app() -> Flask:
    app = Flask("reference")

    @app.post("/<path:route>")
    def webhook(route):
        if not VALIDATOR.validate(request.url, request.form, request.headers.get("X-Twilio-Signature", "")):
            abort(403)
        return "ok"

    return app


def werkzeug_reads(body: bytes) -> MultiDict:
    with Flask("reader").test_request_context("/", method="POST", data=body, content_type=URLENCODED):
        return request.form.copy()


@pytest.fixture
def signed_line(make_app):
    return make_app({"TESTING": True, "TWILIO_AUTH_TOKEN": TOKEN, "SMS_RATE_LIMIT": "1000000 per hour"}).test_client()


REFERENCE = reference_app().test_client()
ROUTES = ["/sms", "/voice/key?lang=en&at=menu&misses=0"]


def post(client, route, body, signature):
    return client.post(route, data=body, content_type=URLENCODED, headers={"X-Twilio-Signature": signature})


# One line for every example: the property holds of any state it is in.
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bodies(), st.sampled_from(ROUTES))
def test_the_line_accepts_what_twilios_validator_accepts_and_reads_what_werkzeug_reads(signed_line, body, route):
    url = "http://localhost" + route
    form = werkzeug_reads(body)
    # Signatures over other readings of the same body: the standard library's with
    # replacement characters, and the first 200 fields only.
    other_readings = [MultiDict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True, errors="replace")),
                      MultiDict(list(form.items(multi=True))[:200])]
    for name, reading in zip(["replacement characters", "200 fields"], other_readings):
        signature = VALIDATOR.compute_signature(url, reading)
        expected = post(REFERENCE, route, body, signature).status_code
        assert post(signed_line, route, body, signature).status_code == expected, (body, reading)
        event(f"signed over {name}: {expected}")  # counts, with --hypothesis-show-statistics
    # Twilio's own reading is accepted by both, signed with the URL's port or without it.
    with_port = VALIDATOR.compute_signature("http://localhost:80" + route, form)
    assert post(REFERENCE, route, body, with_port).status_code == 200
    assert post(signed_line, route, body, with_port).status_code == 200, body
    signature = VALIDATOR.compute_signature(url, form)
    assert post(REFERENCE, route, body, signature).status_code == 200
    response = post(signed_line, route, body, signature)
    assert response.status_code == 200, body

    # What the view read: the same reply as to a clean body of the parameters Werkzeug read.
    clean = urlencode(list(form.items(multi=True))).encode()
    same = post(signed_line, route, clean, VALIDATOR.compute_signature(url, werkzeug_reads(clean)))
    assert same.status_code == 200 and response.data == same.data, body


def test_a_body_that_is_not_utf8_is_an_empty_form_and_gets_the_menu(signed_line):
    body = b"Body=\xff\xfe"
    signature = VALIDATOR.compute_signature("http://localhost/sms", {})
    response = post(signed_line, "/sms", body, signature)
    assert response.status_code == 200 and b"Text a number or word" in response.data


def test_a_pair_sent_twice_is_checked_as_twilios_validator_checks_it(signed_line):
    form = MultiDict([("Body", "dose"), ("From", "+15555550101"), ("Body", "dose")])
    signature = VALIDATOR.compute_signature("http://localhost/sms", form)
    assert signed_line.post("/sms", data=form, headers={"X-Twilio-Signature": signature}).status_code == 200
    assert signed_line.post("/sms", data=form, headers={"X-Twilio-Signature": signature[:-2] + "x="}).status_code == 403


def test_a_text_with_an_escaped_separator_is_read_and_checked_whole(signed_line):
    form = {"From": "+15555550101", "Body": "how much & how often = dose?"}
    signature = VALIDATOR.compute_signature("http://localhost/sms", form)
    ok = signed_line.post("/sms", data=form, headers={"X-Twilio-Signature": signature})
    assert ok.status_code == 200 and b"<Message>Naltrexone is started" in ok.data
    assert signed_line.post("/sms", data={**form, "Body": "dose & more"},
                     headers={"X-Twilio-Signature": signature}).status_code == 403


def test_the_longest_text_twilio_delivers_is_read_and_checked(signed_line):
    form = {"From": "+15555550101", "Body": "\U0001F642" * 1600}  # 1,600 emoji: about 19 KB encoded
    signature = VALIDATOR.compute_signature("http://localhost/sms", form)
    ok = signed_line.post("/sms", data=form, headers={"X-Twilio-Signature": signature})
    assert ok.status_code == 200 and b"Text a number or word" in ok.data
    assert signed_line.post("/sms", data={**form, "Body": "dose"}, headers={"X-Twilio-Signature": signature}).status_code == 403
