"""Every Twilio webhook view: signed by Twilio or refused, then given the app and request.

@twilio_webhook wraps a view as the tutorial's login_required does: with TWILIO_AUTH_TOKEN
set, a request without a valid X-Twilio-Signature gets 403 and no TwiML. The view then
gets the app and the request as arguments, and passes them on to what it calls: `req` is
that request object; `request` is Flask's proxy, where none is passed.
"""
from functools import wraps

from flask import Flask, Request, current_app, request

from ivr.line import line_of
from ivr.web.signature import refuse, signature_is_valid


def app_and_request() -> tuple[Flask, Request]:
    return current_app._get_current_object(), request._get_current_object()


def twilio_webhook(view):
    @wraps(view)
    def signed_view(**kwargs):
        app, req = app_and_request()
        if line_of(app).validator and not signature_is_valid(req, app):
            return refuse(req)
        return view(app, req, **kwargs)

    return signed_view
