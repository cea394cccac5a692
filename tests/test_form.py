"""Twilio's forms are read by the line's own parser and signed by its own HMAC: both must
agree exactly with the standard ones, or a real Twilio request would be refused."""
from urllib.parse import parse_qsl, urlencode

from flask import request
from hypothesis import given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict

from ivr import create_app
from ivr.form import FAST_FORM_BYTES, MAX_FIELDS, parse_form
from ivr.signature import sha1_signature

# Text with the characters that matter to a form: separators, escapes, plus, non-ASCII.
FORM_TEXT = st.lists(st.sampled_from(list("ab=&%+;2635DdFf9 é✓\x00") + ["%26", "%3D", "%3d", "%25", "%C3%A9", "%E2%9C"]),
                     max_size=40).map("".join)
VALUES = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)


@settings(max_examples=1000, deadline=None)
@given(FORM_TEXT)
def test_any_body_splits_as_the_standard_library_splits_it(text):
    assert parse_form(text) == parse_qsl(text, keep_blank_values=True, errors="replace")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Body", "From", "To", "Digits", "A&B", "x=y", "é"]), VALUES), max_size=8))
def test_an_encoded_form_comes_back_as_it_was_sent(pairs):
    assert parse_form(urlencode(pairs)) == pairs


def test_fields_past_the_limit_are_not_read():
    assert len(parse_form("&".join(f"f{n}=1" for n in range(MAX_FIELDS + 50)))) == MAX_FIELDS


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Body", "From", "To", "Digits", "a", "B", "é"]), VALUES), max_size=8,
                unique=True),
       st.sampled_from(["https://line.example.org/sms", "http://localhost:5000/voice/key?lang=es&at=menu&misses=1"]))
def test_the_signature_is_the_one_twilio_computes(pairs, url):
    expected = RequestValidator("token").compute_signature(url, MultiDict(pairs))
    assert sha1_signature("token", url, pairs) == expected


def test_a_body_that_is_not_utf8_is_an_empty_form():
    app = create_app({"TESTING": True})
    with app.test_request_context("/sms", method="POST", data=b"Body=\xff\xfe",
                                  content_type="application/x-www-form-urlencoded"):
        assert request.form == {} and request.form.get("Body", "none") == "none"


def test_a_pair_sent_twice_is_still_checked_by_twilios_validator():
    app = create_app({"TESTING": True, "TWILIO_AUTH_TOKEN": "token"})
    form = MultiDict([("Body", "dose"), ("From", "+15555550101"), ("Body", "dose")])
    signature = RequestValidator("token").compute_signature("http://localhost/sms", form)
    client = app.test_client()
    assert client.post("/sms", data=form, headers={"X-Twilio-Signature": signature}).status_code == 200
    assert client.post("/sms", data=form, headers={"X-Twilio-Signature": signature[:-2] + "x="}).status_code == 403


def test_a_long_signed_form_goes_through_werkzeug_and_is_still_checked():
    app = create_app({"TESTING": True, "TWILIO_AUTH_TOKEN": "token"})
    form = {"From": "+15555550101", "Body": "\U0001F642" * 1600}  # 1,600 emoji: about 19 KB encoded
    assert len(urlencode(form)) > FAST_FORM_BYTES
    signature = RequestValidator("token").compute_signature("http://localhost/sms", form)
    client = app.test_client()
    ok = client.post("/sms", data=form, headers={"X-Twilio-Signature": signature})
    assert ok.status_code == 200 and b"<Message>" in ok.data
    assert client.post("/sms", data={**form, "Body": "dose"}, headers={"X-Twilio-Signature": signature}).status_code == 403


def test_the_fast_form_path_stays_within_the_body_limit():
    assert FAST_FORM_BYTES < create_app({"TESTING": True}).config["MAX_CONTENT_LENGTH"]
