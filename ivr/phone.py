"""A stand-in for Twilio: drives the line's own webhooks in-process, as Twilio would.

Used by `flask text`, `flask call` and the /try page, so what they show is exactly
what a phone would get. Requests are signed when TWILIO_AUTH_TOKEN is set.
"""
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import urljoin

from flask import Flask

from ivr.line import line_of
from ivr.session import LANGUAGE_COOKIE
from ivr.sms_encoding import encoding, segments

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


@dataclass
class CallStep:
    """What the caller hears at one step, and where their next key or silence goes."""

    said: list[tuple[str, str]] = field(default_factory=list)  # (language, text)
    action: str | None = None  # the Gather action: where a key or speech goes
    redirect: str | None = None  # where silence goes
    ended: bool = False
    speech_language: str | None = None
    put_through_to: str | None = None  # the number of a <Dial>: the line is putting the caller through
    after_call: str | None = None  # the Dial's action: where Twilio reports how that call ended


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
        return self.client.post(path, data=form, headers=headers)

    # SMS
    def text(self, body: str, language: str | None = None) -> SmsReply:
        """Send one text; `language` sets the conversation's language first."""
        if language:
            self.client.set_cookie(LANGUAGE_COOKIE, language)
        response = self.post("/sms", {"Body": body, "MessageSid": "SM" + "0" * 32})
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
        duration = "120" if status == "completed" else "0"
        return self.step(step.after_call, {"DialCallStatus": status, "DialCallDuration": duration})

    def step(self, path: str, form: dict) -> CallStep:
        if not path or not path.startswith("/voice"):
            raise ValueError("a call step must be a /voice URL")
        response = self.post(path, {"CallSid": "CA" + "0" * 32, **form})
        root = ET.fromstring(response.data)
        step = CallStep()
        for say in root.iter("Say"):
            step.said.append((say.get("language", ""), say.text or ""))
        gather = root.find("Gather")
        if gather is not None:
            step.action = urljoin(path, gather.get("action"))
            step.speech_language = gather.get("language")
        redirect = root.find("Redirect")
        if redirect is not None:
            step.redirect = urljoin(path, redirect.text)
        dial = root.find("Dial")
        if dial is not None:
            step.put_through_to = "".join(dial.itertext()).strip()
            step.after_call = urljoin(path, dial.get("action"))
        step.ended = root.find("Hangup") is not None or (step.action is None and step.redirect is None and dial is None)
        return step
