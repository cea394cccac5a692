"""The yardstick for `make bench`: a webhook app written the way Twilio's docs show it.

Its views are wrapped in the docs' `validate_twilio_request` decorator (Twilio's
`RequestValidator` over `request.url` and `request.form`), and each builds its TwiML with
`MessagingResponse` or `VoiceResponse` on every request, for one fixed reply.
"""
import os
from functools import wraps

from flask import Flask, abort, request
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse

app = Flask(__name__)


def validate_twilio_request(view):
    """Validates that incoming requests genuinely originated from Twilio."""
    @wraps(view)
    def decorated_view(*args, **kwargs):
        validator = RequestValidator(os.environ.get("TWILIO_AUTH_TOKEN"))
        if validator.validate(request.url, request.form, request.headers.get("X-Twilio-Signature", "")):
            return view(*args, **kwargs)
        return abort(403)
    return decorated_view


@app.post("/sms")
@validate_twilio_request
def sms():
    reply = MessagingResponse()
    reply.message("Thanks for your message.")
    return str(reply), 200, {"Content-Type": "text/xml"}


@app.post("/voice")
@validate_twilio_request
def voice():
    reply = VoiceResponse()
    reply.say("Thanks for calling.")
    return str(reply), 200, {"Content-Type": "text/xml"}


@app.get("/healthz")
def healthz():
    return "ok"
