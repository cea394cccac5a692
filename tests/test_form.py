"""Twilio's forms are read by the line's own parser and signed by its own HMAC: both must
agree exactly with the standard ones, or a real Twilio request would be refused."""
import hmac
from urllib.parse import parse_qsl, urlencode

from flask import request
from hypothesis import given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict

from ivr import create_app
from ivr.form import FAST_FORM_BYTES, MAX_FIELDS, FormDict, TwilioBody, parse_form
from ivr.signature import HmacSha1, signed_text

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


def read_as_the_standard_library_does(body: TwilioBody, pairs: list[tuple[str, str]]) -> None:
    form = MultiDict(pairs)
    assert body.form() == form
    for name in [*form, "Missing"]:
        assert body.get(name, "none") == form.get(name, "none")
    if len(set(pairs)) == len(pairs):  # a pair sent twice is left to Twilio's validator
        assert body.signed_parameters() == signed_text(pairs)


@settings(max_examples=1000, deadline=None)
@given(FORM_TEXT)
def test_a_body_read_whole_is_read_as_the_standard_library_reads_it(text):
    body = TwilioBody.read(text.encode())
    if body is not None:  # None: a body not shaped as Twilio's, read field by field instead
        read_as_the_standard_library_does(body, parse_qsl(text, keep_blank_values=True, errors="replace"))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Body", "From", "To", "ToCity", "City", "Digits", "A1", "A", "é"]),
                          st.text(alphabet=st.characters(codec="utf-8", exclude_characters="&=\0"), max_size=30)),
                min_size=1, max_size=10))
def test_a_form_as_twilio_sends_it_is_read_whole(pairs):
    body = TwilioBody.read(urlencode(pairs).encode())
    assert body is not None
    read_as_the_standard_library_does(body, pairs)


def test_bodies_not_shaped_as_twilios_are_left_to_the_field_by_field_reader():
    for body in [b"", b"Body=a%26b", b"Body=a%3db", b"Body", b"Body=a=b", b"a=1&&b=2", b"Body=%00", b"Body=\xc3\xa9",
                 "&".join(f"f{n}=1" for n in range(MAX_FIELDS + 1)).encode()]:
        assert TwilioBody.read(body) is None, body


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=100), st.binary(max_size=300))
def test_the_hmac_is_the_standard_one(key, message):
    assert HmacSha1(key).digest(message) == hmac.digest(key, message, "sha1")


def test_a_form_gives_a_names_first_value_or_the_default():
    form = FormDict([("Digits", "1"), ("Digits", "2"), ("Body", "")])
    assert (form.get("Digits"), form.get("Body"), form.get("From"), form.get("From", "none")) == ("1", "", None, "none")
    assert (form.get("Digits", type=int), form.get("Body", -1, type=int), form.get("From", type=int)) == (1, -1, None)


def test_fields_past_the_limit_are_not_read():
    assert len(parse_form("&".join(f"f{n}=1" for n in range(MAX_FIELDS + 50)))) == MAX_FIELDS


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Body", "From", "To", "Digits", "a", "B", "é"]), VALUES), max_size=8,
                unique=True),
       st.sampled_from(["https://line.example.org/sms", "http://localhost:5000/voice/key?lang=es&at=menu&misses=1"]))
def test_the_signature_is_the_one_twilio_computes(pairs, url):
    expected = RequestValidator("token").compute_signature(url, MultiDict(pairs))
    assert HmacSha1(b"token").signature(url, signed_text(pairs)) == expected


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


def test_a_text_with_an_escaped_separator_is_checked_field_by_field():
    app = create_app({"TESTING": True, "TWILIO_AUTH_TOKEN": "token"})
    form = {"From": "+15555550101", "Body": "dose & more = better?"}
    signature = RequestValidator("token").compute_signature("http://localhost/sms", form)
    client = app.test_client()
    ok = client.post("/sms", data=form, headers={"X-Twilio-Signature": signature})
    assert ok.status_code == 200 and b"<Message>Naltrexone is started" in ok.data
    assert client.post("/sms", data={**form, "Body": "dose & more"},
                       headers={"X-Twilio-Signature": signature}).status_code == 403


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
