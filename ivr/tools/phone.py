"""A stand-in for Twilio: drives the line's own webhooks in-process, as Twilio would.

Used by `flask text`, `flask call` and the /try page, so what they show is exactly
what a phone would get. Requests are signed when TWILIO_AUTH_TOKEN is set.
"""
import secrets
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin

from flask import Flask

from ivr.line import line_of
from ivr.web.decision import STAND_IN
from ivr.web.session import LANGUAGE_COOKIE
from ivr.core.sms_encoding import encoding, segments

TEST_NUMBER = "+15555550100"  # the 555-01xx range is reserved for fiction and tests
LINE_NUMBER = "+15555550199"
MAX_CALL_STEPS = 200  # a call that goes on longer than this is a bug, not a caller


@dataclass(frozen=True)
class SmsReply:
    text: str | None  # None: the line sent no reply (opt-out, rate limit)
    language: str  # the conversation's language after this message

    @property
    def encoding(self) -> str:
        return encoding(self.text or "")

    @property
    def segments(self) -> int:
        return segments(self.text or "")


def _written(say: ET.Element) -> str:
    """What a <Say> says, as written: a word said by an alias (<sub>) is read as its words."""
    return "".join(say.itertext())


class CallStep:
    """One TwiML document a caller gets, read as they would hear it: what is said, and where
    their next key, speech or silence goes."""

    def __init__(self, path: str, document: ET.Element):
        self.document = document
        self.verbs = list(document)
        self.spoken = [(say.get("language", ""), _written(say)) for say in document.iter("Say")]  # (language, text)
        self.gather = document.find("Gather")  # where a key or speech goes, if the caller may answer
        self.action = urljoin(path, self.gather.get("action")) if self.gather is not None else None
        self.speech_language = self.gather.get("language") if self.gather is not None else None
        redirect = document.find("Redirect")
        self.redirect = urljoin(path, redirect.text) if redirect is not None else None  # where silence goes
        self.dial = document.find("Dial")  # the line puts the caller through to a helpline
        self.put_through_to = "".join(self.dial.itertext()).strip() if self.dial is not None else None
        self.after_call = urljoin(path, self.dial.get("action")) if self.dial is not None else None
        self.hangs_up = document.find("Hangup") is not None
        self.ended = self.hangs_up or (self.action is None and self.redirect is None and self.dial is None)

    @property
    def said(self) -> list[str]:
        return [text for _, text in self.spoken]

    @property
    def gather_said(self) -> list[str]:
        return [_written(say) for say in self.gather.iter("Say")] if self.gather is not None else []

    @property
    def text(self) -> str:
        return " ".join(self.said)


class Phone:
    def __init__(self, app: Flask, number: str = TEST_NUMBER):
        self.app = app
        self.client = app.test_client()
        self.number = number
        self.validator = line_of(app).validator
        self.base = (app.config["PUBLIC_BASE_URL"] or "http://localhost").rstrip("/")

    def post(self, path: str, form: dict):
        form = {"From": self.number, "To": LINE_NUMBER, **form}
        headers = {}
        if self.validator:  # sign it as Twilio would, for the URL the app will check
            headers["X-Twilio-Signature"] = self.validator.compute_signature(self.base + path, form)
        # Marked as the stand-in's, so the usage counts (ivr/stores/insight.py) leave it out.
        response = self.client.post(path, data=form, headers=headers, environ_base={STAND_IN: True})
        response.close()
        return response

    # SMS
    def text(self, body: str, language: str | None = None) -> SmsReply:
        """Send one text; `language` sets the conversation's language first."""
        if language:
            self.client.set_cookie(LANGUAGE_COOKIE, language)
        response = self.post("/sms", {"Body": body, "MessageSid": "SM" + secrets.token_hex(16)})  # each text its own
        message = ET.fromstring(response.data).find("Message")
        cookie = self.client.get_cookie(LANGUAGE_COOKIE)
        current = cookie.value if cookie else line_of(self.app).pack.default_language
        return SmsReply(message.text if message is not None else None, current)

    # Voice
    def dial(self) -> CallStep:
        return self.step("/voice", {})

    def press(self, step: CallStep, key: str) -> CallStep:
        return self.step(step.action, {"Digits": key})

    def say(self, step: CallStep, words: str) -> CallStep:
        return self.step(step.action, {"SpeechResult": words, "Confidence": "0.9"})

    def wait(self, step: CallStep) -> CallStep:
        return self.step(step.redirect, {})

    def call_ends(self, step: CallStep, status: str) -> CallStep:
        """How the call the line put through ended, as Twilio reports it (DialCallStatus:
        completed, busy, no-answer, failed, canceled); nothing is dialled."""
        return self.call_ended(step.after_call, status)

    def call_ended(self, after_call: str, status: str) -> CallStep:
        duration = "120" if status == "completed" else "0"
        return self.step(after_call, DialCallStatus=status, DialCallDuration=duration)

    def step(self, path: str, form: dict | None = None, **fields) -> CallStep:
        """Post one voice webhook request as Twilio would; the TwiML must come back."""
        if not path or not path.startswith("/voice"):
            raise ValueError("a call step must be a /voice URL")
        response = self.post(path, {"CallSid": "CA" + "0" * 32, **(form or {}), **fields})
        if response.status_code != 200 or response.mimetype != "text/xml":
            raise ValueError(f"{path}: HTTP {response.status_code} {response.mimetype}, not TwiML")
        document = ET.fromstring(response.data)
        if document.tag != "Response":
            raise ValueError(f"{path}: TwiML without <Response>")
        return CallStep(path, document)
