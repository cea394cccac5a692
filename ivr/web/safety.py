"""When something breaks, the person still gets the emergency message.

Everything here is built without the content pack, the understanding or the signature
check, since any of them could be what failed: a fixed English and Spanish text, the
emergency number from the settings (or 911), the twilio builders and nothing else.
"""
import logging
import traceback

from flask import Blueprint, Flask, current_app, request
from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse
from werkzeug.exceptions import HTTPException

from ivr.core.crisis import FALLBACK_SMS, FALLBACK_VOICE
from ivr.web.decision import decision
from ivr.line import line_of
from ivr.web.outcome import refused
from ivr.web.signature import signature_is_valid, unsigned_reason
from ivr.web.twiml import twiml
from ivr.web.webhook import app_and_request

log = logging.getLogger(__name__)
bp = Blueprint("fallback", __name__, url_prefix="/fallback")


def _number() -> str:
    try:
        number = current_app.config["EMERGENCY_NUMBER"]
        return number if isinstance(number, str) and number.isdigit() else "911"
    except Exception:  # noqa: BLE001 - the fallback must not fail
        return "911"


def emergency_sms():
    document = MessagingResponse()
    document.message("\n".join(FALLBACK_SMS.values()).format(number=_number()))
    return twiml(document)


def emergency_voice():
    """Say the emergency message in English and Spanish, then hang up: the last words are the emergency."""
    spoken = " ".join(_number())
    document = VoiceResponse()
    for words, language in FALLBACK_VOICE.values():
        document.say(words.format(number=spoken), language=language)
    document.hangup()
    return twiml(document)


@bp.post("/sms")
def fallback_sms():
    _note_fallback("sms")
    return emergency_sms()


@bp.post("/voice")
def fallback_voice():
    _note_fallback("voice")
    return emergency_voice()


def _note_fallback(channel: str) -> None:
    """Twilio calls these when the main webhook failed. They answer even an unsigned request:
    a fixed emergency message leaks nothing, and a broken signature set-up must not silence it.
    Only a signed request (any request, when no token is set) is counted and logged as a
    fallback, so unsigned ones cannot fake the figures; they are marked refused, so that the
    access log sums them up once a minute and they cannot flood it."""
    try:
        app, req = app_and_request()
        if line_of(app).validator is None or signature_is_valid(req, app):
            log.error("fallback %s used: the main webhook failed or timed out", channel)
            decision(app, req, f"{channel} fallback", channel, "-", "fallback", "fallback")
        else:
            refused(req.environ, unsigned_reason(req))
    except Exception:  # noqa: BLE001 - the fallback must not fail: it answers whatever went wrong here
        log.error("fallback %s: the request could not be checked or counted", channel)


def handle_error(error: Exception):
    """Any unhandled error in a webhook: HTTP 200 with the emergency TwiML, and a log with no personal data."""
    if isinstance(error, HTTPException) and error.code < 500:
        return error  # 403, 404, 405, 413: a defined answer, not a failure
    # The traceback without the exception's message, which could quote what the person sent.
    frames = "".join(traceback.format_tb(error.__traceback__))
    log.error("unhandled %s in %s %s\n%s", type(error).__name__, request.method, request.path, frames)
    if request.path.startswith(("/voice", "/fallback/voice")):
        return emergency_voice()
    if request.path.startswith(("/sms", "/fallback/sms")):
        return emergency_sms()
    return "Internal error\n", 500, {"Content-Type": "text/plain"}


def init_safety(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_error_handler(Exception, handle_error)
