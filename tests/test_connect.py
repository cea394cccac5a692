"""`flask connect-number`, against a stand-in for Twilio's REST API that checks the exact requests."""
import json
import logging

import pytest
from twilio.http import HttpClient
from twilio.http.response import Response
from twilio.rest import Client

import ivr.tools.connect

SID = "AC" + "0123456789abcdef" * 2
NUMBER = "+15555550123"
NUMBER_SID = "PN" + "f" * 32
BASE = f"https://api.twilio.com/2010-04-01/Accounts/{SID}/IncomingPhoneNumbers"


class FakeTwilio(HttpClient):
    """Answers like Twilio's REST API and records every request."""

    def __init__(self, numbers=(NUMBER,), status=200):
        super().__init__(logging.getLogger("fake-twilio"), is_async=False)
        self.numbers, self.status, self.requests = numbers, status, []

    def request(self, method, uri, params=None, data=None, headers=None, auth=None, timeout=None, allow_redirects=False):
        self.requests.append((method, uri, dict(params or {}), dict(data or {}), auth))
        if self.status != 200:
            return Response(self.status, json.dumps({"code": 20003, "message": "Authenticate", "status": self.status}))
        record = {"sid": NUMBER_SID, "account_sid": SID, "phone_number": NUMBER}
        if method == "GET":
            found = [record] if params.get("PhoneNumber") in self.numbers else []
            return Response(200, json.dumps({"incoming_phone_numbers": found, "next_page_uri": None, "page": 0,
                                             "page_size": 2, "uri": "/x", "start": 0, "end": 0}))
        return Response(200, json.dumps({**record, **{k.lower(): v for k, v in data.items()}}))


@pytest.fixture
def fake(monkeypatch):
    stand_in = FakeTwilio()
    monkeypatch.setattr(ivr.tools.connect, "make_client", lambda sid, token: Client(sid, token, http_client=stand_in))
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", SID)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "test-token")
    return stand_in


def connect(app, *args):
    return app.test_cli_runner().invoke(args=["connect-number", *args])


def test_sets_sms_voice_and_both_fallbacks(app, fake):
    result = connect(app, NUMBER, "--base-url", "https://line.example.org/")
    assert result.exit_code == 0, result.output
    assert fake.requests == [
        ("GET", f"{BASE}.json", {"PhoneNumber": NUMBER, "PageSize": 2}, {}, (SID, "test-token")),
        ("POST", f"{BASE}/{NUMBER_SID}.json", {}, {
            "SmsUrl": "https://line.example.org/sms", "SmsMethod": "POST",
            "SmsFallbackUrl": "https://line.example.org/fallback/sms", "SmsFallbackMethod": "POST",
            "VoiceUrl": "https://line.example.org/voice", "VoiceMethod": "POST",
            "VoiceFallbackUrl": "https://line.example.org/fallback/voice", "VoiceFallbackMethod": "POST",
        }, (SID, "test-token")),
    ]
    assert result.output == (f"Set {NUMBER} ({NUMBER_SID}) to:\n  sms_url: https://line.example.org/sms\n"
                             "  sms_fallback_url: https://line.example.org/fallback/sms\n"
                             "  voice_url: https://line.example.org/voice\n"
                             "  voice_fallback_url: https://line.example.org/fallback/voice\n")


def test_dry_run_prints_and_calls_nothing(app, fake):
    result = connect(app, NUMBER, "--base-url", "https://line.example.org", "--dry-run")
    assert result.exit_code == 0
    assert "voice_fallback_url: https://line.example.org/fallback/voice" in result.output
    assert "dry run: nothing was sent to Twilio" in result.output
    assert fake.requests == []


def test_a_number_not_on_the_account(app, fake):
    result = connect(app, "+15555550124", "--base-url", "https://line.example.org")
    assert result.exit_code == 1
    assert f"+15555550124 is not a number on account {SID}." in result.output
    assert [r[0] for r in fake.requests] == ["GET"]


def test_a_wrong_sid_or_token(app, fake):
    fake.status = 401
    result = connect(app, NUMBER, "--base-url", "https://line.example.org")
    assert result.exit_code == 1
    assert "Twilio refused the Account SID or Auth Token (HTTP 401)." in result.output


@pytest.mark.parametrize("base", ["http://line.example.org", "line.example.org", "https://line.example.org?x=1"])
def test_a_base_url_that_is_not_https(app, fake, base):
    result = connect(app, NUMBER, "--base-url", base)
    assert result.exit_code == 2 and "--base-url must be an https URL" in result.output
    assert fake.requests == []


def test_a_malformed_sid_or_number(app, fake, monkeypatch):
    assert "E.164" in connect(app, "555-0123", "--base-url", "https://line.example.org").output
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", "not-a-sid")
    assert "TWILIO_ACCOUNT_SID must be set" in connect(app, NUMBER, "--base-url", "https://line.example.org").output
    assert fake.requests == []
