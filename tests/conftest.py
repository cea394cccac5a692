"""Fixtures in the style of Flask's tutorial, plus a phone that talks to the line as Twilio would."""
import shutil
import socket
import threading
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import pytest

from ivr import create_app
from ivr.config import DEFAULT_CONTENT_PATH
from ivr.line import line_of

EMERGENCY_SMS_LINE = "Emergency? Call 911 now."
SPANISH_SMS_LINE = "¿Emergencia? Llame al 911 ya."
EMERGENCY_VOICE_SHORT = "If this is an emergency, hang up and call 9 1 1."
EMERGENCY_VOICE = ("If you or someone you know is having a medical emergency, "
                   "hang up now and call 9 1 1 right away.")


@pytest.fixture
def app():
    # Tests send many texts from one number; the rate limit has tests of its own.
    return create_app({"TESTING": True, "SMS_RATE_LIMIT": "10000 per hour"})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def english(app):
    pack = line_of(app).pack
    return pack.languages["en"]


@pytest.fixture
def text(client):
    """Send one SMS; get the reply text, or None when the line sends no reply."""

    def send(body=None):
        data = {"From": "+15555550100", "To": "+15555550199"}
        if body is not None:
            data["Body"] = body
        response = client.post("/sms", data=data)
        assert response.status_code == 200
        assert response.mimetype == "text/xml"
        root = ET.fromstring(response.data)
        assert root.tag == "Response"
        messages = root.findall("Message")
        assert len(messages) <= 1
        return messages[0].text if messages else None

    return send


class TwimlHeard:
    """One TwiML document the caller gets, read as a caller would hear it."""

    def __init__(self, url, response):
        assert response.status_code == 200, (url, response.status_code)
        assert response.mimetype == "text/xml"
        self.url = url
        self.root = ET.fromstring(response.data)
        assert self.root.tag == "Response"
        self.verbs = list(self.root)
        self.said = [say.text for say in self.root.iter("Say")]
        self.gather = self.root.find("Gather")
        redirect = self.root.find("Redirect")
        self.redirect = urljoin(url, redirect.text) if redirect is not None else None
        self.hangs_up = self.root.find("Hangup") is not None
        self.dial = self.root.find("Dial")  # the line puts the caller through to a helpline

    @property
    def gather_said(self):
        return [say.text for say in self.gather.iter("Say")] if self.gather is not None else []

    @property
    def action(self):
        return urljoin(self.url, self.gather.get("action"))

    @property
    def after_call(self):
        """Where Twilio reports how the call the line put through ended."""
        return urljoin(self.url, self.dial.get("action"))

    @property
    def text(self):
        return " ".join(self.said)


class Phone:
    """Drives the voice webhooks the way Twilio does: keys to the Gather action, silence to the next verb."""

    def __init__(self, client):
        self.client = client

    def post(self, url, **form):
        form = {"CallSid": "CA" + "0" * 32, "From": "+15555550100", "To": "+15555550199", **form}
        return TwimlHeard(url, self.client.post(url, data=form))

    def dial(self):
        return self.post("/voice")

    def press(self, step, key):
        assert step.gather is not None, f"no Gather to press {key!r} in: {step.said}"
        return self.post(step.action, Digits=key)

    def wait(self, step):
        """Say nothing: Twilio runs the verb after the Gather, here always a Redirect."""
        assert step.redirect is not None, f"nothing follows silence in: {step.said}"
        return self.post(step.redirect)


@pytest.fixture
def phone(client):
    return Phone(client)


@pytest.fixture
def phone_without_handoff():
    """HANDOFF_NUMBER=off: no caller is put through, and key 7 is not an option."""
    return Phone(create_app({"TESTING": True, "HANDOFF_NUMBER": "off"}).test_client())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def hung_store():
    """The port of a server that accepts connections and never answers: a hung Redis."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=500)
    held = []

    def accept():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()
    for connection in held:
        connection.close()


def write_pack(folder, text: str, name: str = "pack.toml"):
    """A copy of a content pack with the given text, its examples file beside it."""
    shutil.copy(DEFAULT_CONTENT_PATH.with_name("naltrexone-examples.tsv"), folder)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
