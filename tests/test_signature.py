"""Only Twilio may drive the line: signed requests, directly and behind a proxy."""
import logging

import pytest
from twilio.request_validator import RequestValidator


TOKEN = "test-auth-token-not-a-real-one"
FORM = {"From": "+15555550100", "To": "+15555550199", "Body": "dose", "MessageSid": "SM" + "0" * 32}


@pytest.fixture
def signed_app(make_app):
    """The line built with TWILIO_AUTH_TOKEN, and the given settings."""
    return lambda **settings: make_app({"TESTING": True, "TWILIO_AUTH_TOKEN": TOKEN, **settings})


def sign(url, form=FORM):
    return RequestValidator(TOKEN).compute_signature(url, form)


def test_a_signed_text_is_answered(signed_app):
    client = signed_app().test_client()
    response = client.post("/sms", data=FORM, headers={"X-Twilio-Signature": sign("http://localhost/sms")})
    assert response.status_code == 200
    assert b"<Message>Naltrexone is started" in response.data


@pytest.mark.parametrize("headers, reason", [({}, "missing"), ({"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"}, "bad"),
                                             ({"X-Twilio-Signature": ""}, "missing")])
def test_a_missing_or_wrong_signature_gets_403_and_no_twiml(headers, reason, caplog, signed_app):
    client = signed_app().test_client()
    caplog.clear()
    with caplog.at_level(logging.INFO):
        response = client.post("/sms", data=FORM, headers=headers)
    assert response.status_code == 403
    assert b"Response" not in response.data and b"Message" not in response.data
    # Its outcome line: under gunicorn, the end of its access line, which is summed up with the other refusals.
    assert [record.getMessage() for record in caplog.records] == [f"refused: {reason} signature"]


def test_a_signature_for_other_parameters_is_refused(signed_app):
    client = signed_app().test_client()
    forged = {**FORM, "Body": "menu"}
    response = client.post("/sms", data=forged, headers={"X-Twilio-Signature": sign("http://localhost/sms")})
    assert response.status_code == 403


def test_voice_steps_are_signed_with_their_query_string(signed_app):
    client = signed_app().test_client()
    url = "http://localhost/voice/key?lang=en&at=menu&misses=0"
    form = {"CallSid": "CA" + "0" * 32, "Digits": "1"}
    ok = client.post(url, data=form, headers={"X-Twilio-Signature": sign(url, form)})
    assert ok.status_code == 200 and b"five to seven days" in ok.data
    tampered = client.post(url.replace("misses=0", "misses=2"), data=form, headers={"X-Twilio-Signature": sign(url, form)})
    assert tampered.status_code == 403


PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "line.example.org", "X-Forwarded-For": "192.0.2.1"}


def test_behind_a_tls_proxy_with_trusted_hops(signed_app):
    client = signed_app(TRUSTED_PROXY_HOPS="1").test_client()
    headers = {**PROXY_HEADERS, "X-Twilio-Signature": sign("https://line.example.org/sms")}
    assert client.post("/sms", data=FORM, headers=headers).status_code == 200


@pytest.mark.parametrize("settings", [{}, {"PUBLIC_BASE_URL": "https://line.example.org"}])
def test_a_client_cannot_choose_the_path_a_signature_is_checked_against(signed_app, settings):
    # A signature Twilio made for another path (here /other/sms), replayed to /sms with a prefix that names it.
    client = signed_app(TRUSTED_PROXY_HOPS="1", **settings).test_client()
    headers = {**PROXY_HEADERS, "X-Forwarded-Prefix": "/other"}
    signed_elsewhere = {**headers, "X-Twilio-Signature": sign("https://line.example.org/other/sms")}
    assert client.post("/sms", data=FORM, headers=signed_elsewhere).status_code == 403
    signed_here = {**headers, "X-Twilio-Signature": sign("https://line.example.org/sms")}
    assert client.post("/sms", data=FORM, headers=signed_here).status_code == 200


def test_behind_a_proxy_without_the_setting_the_signature_does_not_match(signed_app):
    client = signed_app().test_client()
    headers = {**PROXY_HEADERS, "X-Twilio-Signature": sign("https://line.example.org/sms")}
    assert client.post("/sms", data=FORM, headers=headers).status_code == 403


def test_forwarded_headers_are_not_trusted_unless_configured(signed_app):
    # Without TRUSTED_PROXY_HOPS a client cannot make the app believe another URL was called.
    client = signed_app().test_client()
    headers = {**PROXY_HEADERS, "X-Twilio-Signature": sign("http://localhost/sms")}
    assert client.post("/sms", data=FORM, headers=headers).status_code == 200


def test_behind_a_tunnel_with_public_base_url(signed_app):
    client = signed_app(PUBLIC_BASE_URL="https://line.example.org/").test_client()
    url = "https://line.example.org/voice/silence?lang=es&at=menu&misses=1"
    response = client.post("/voice/silence?lang=es&at=menu&misses=1", data={"CallSid": "CA1"},
                           headers={"X-Twilio-Signature": sign(url, {"CallSid": "CA1"})})
    assert response.status_code == 200 and b"es-US" in response.data


def test_without_a_token_requests_are_not_checked_and_the_log_says_so(caplog, make_app):
    with caplog.at_level(logging.WARNING):
        client = make_app({"TESTING": True}).test_client()
    assert "Twilio signatures are NOT checked" in caplog.text
    assert client.post("/sms", data=FORM).status_code == 200


def test_the_fallback_answers_even_a_badly_signed_request(caplog, signed_app):
    client = signed_app().test_client()
    response = client.post("/fallback/sms", data=FORM, headers={"X-Twilio-Signature": "bad"})
    assert response.status_code == 200 and b"Call 911 now. If someone may be overdosing" in response.data
    assert "fallback sms used" not in caplog.text  # answered, not counted: unsigned requests cannot fake figures


def test_every_sms_and_voice_route_refuses_an_unsigned_request(signed_app):
    app = signed_app()
    routes = [rule for rule in app.url_map.iter_rules() if rule.endpoint.split(".")[0] in ("sms", "voice")]
    assert sorted(rule.rule for rule in routes) == ["/sms", "/voice", "/voice/handoff", "/voice/key", "/voice/silence"]
    client = app.test_client()
    for rule in routes:
        response = client.post(rule.rule, data={"Digits": "1", "Body": "dose"})
        assert response.status_code == 403 and b"<Response" not in response.data, rule.rule


@pytest.mark.parametrize("signature", ["sïgnature=", "\x7f" * 28, "a" * 5000, "=="])
def test_a_malformed_signature_gets_403_and_one_log_line(signature, caplog, signed_app):
    client = signed_app().test_client()
    caplog.clear()
    with caplog.at_level(logging.INFO):
        # The test client sends headers as latin-1, as a real HTTP request carries raw bytes.
        response = client.post("/sms", data=FORM, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 403
    assert [record.getMessage() for record in caplog.records] == ["refused: bad signature"]
    assert "Traceback" not in caplog.text


def test_a_request_signed_with_hmac_sha256_is_answered(signed_app):
    client = signed_app().test_client()
    url = "http://localhost/sms"
    settings = {"X-Twilio-Webhooks-Signature-Settings": "key=webhooks_sharedkey_test,algorithm=HMAC_SHA256"}
    signature = RequestValidator(TOKEN).compute_signature(url, FORM, "HMAC_SHA256")
    assert RequestValidator(TOKEN).validate(url, FORM, signature, "HMAC_SHA256")
    ok = client.post("/sms", data=FORM, headers={**settings, "X-Twilio-Signature": signature})
    assert ok.status_code == 200 and b"<Message>Naltrexone is started" in ok.data
    # The same signature without the settings header is checked as HMAC-SHA1, and fails.
    assert client.post("/sms", data=FORM, headers={"X-Twilio-Signature": signature}).status_code == 403
    # An SHA-1 signature under a settings header that says SHA-256 fails too.
    assert client.post("/sms", data=FORM, headers={**settings, "X-Twilio-Signature": sign(url)}).status_code == 403


def test_an_unknown_signature_algorithm_is_refused_with_one_log_line(caplog, signed_app):
    client = signed_app().test_client()
    settings = {"X-Twilio-Webhooks-Signature-Settings": "algorithm=MD5"}
    caplog.clear()
    with caplog.at_level(logging.INFO):
        response = client.post("/sms", data=FORM, headers={**settings, "X-Twilio-Signature": sign("http://localhost/sms")})
    assert response.status_code == 403
    assert [record.getMessage() for record in caplog.records] == ["refused: bad signature"]


def test_make_serve_without_public_base_url_warns_of_what_it_risks(caplog, make_app):
    with caplog.at_level(logging.WARNING):
        make_app({"PRODUCTION": True, "TWILIO_AUTH_TOKEN": TOKEN, "SECRET_KEY": "s" * 32})
    assert "PUBLIC_BASE_URL is not set: signatures are checked against the URL the request's Host header" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        make_app({"PRODUCTION": True, "TWILIO_AUTH_TOKEN": TOKEN, "SECRET_KEY": "s" * 32,
                  "PUBLIC_BASE_URL": "https://line.example.org"})
    assert "PUBLIC_BASE_URL is not set" not in caplog.text
