"""Only Twilio may drive the line: check X-Twilio-Signature on every webhook.

Twilio signs the exact public URL it called plus every POST parameter. Behind a
TLS-terminating proxy or tunnel the app sees another URL (http, an inner host), so
either trust the proxy's X-Forwarded-* headers (TRUSTED_PROXY_HOPS, via werkzeug's
ProxyFix) or say the public URL outright (PUBLIC_BASE_URL).
"""
import hmac
import logging

from flask import Flask, Response, current_app, request
from twilio.request_validator import SIGNATURE_HEADER, RequestValidator, get_signature_algorithm
from werkzeug.middleware.proxy_fix import ProxyFix

log = logging.getLogger(__name__)
SIGNED_BLUEPRINTS = {"sms", "voice"}


def init_signatures(app: Flask) -> None:
    hops = app.config["TRUSTED_PROXY_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops)
    token = app.config["TWILIO_AUTH_TOKEN"]
    if token:
        app.extensions["ivr.validator"] = RequestValidator(token)
        app.before_request(check_signature)
        app.logger.info("Twilio signatures are checked on every webhook.")
    else:
        app.logger.warning(
            "*** Twilio signatures are NOT checked: TWILIO_AUTH_TOKEN is not set. Anyone who can "
            "reach this port can drive the line. Fine on your own machine, never in production. ***"
        )


def public_url() -> str:
    """The URL Twilio called, as it signed it."""
    base = current_app.config["PUBLIC_BASE_URL"]
    root = base.rstrip("/") if base else f"{request.scheme}://{request.host}"
    query = request.query_string.decode("latin-1")
    return root + request.script_root + request.path + (f"?{query}" if query else "")


def signature_is_valid() -> bool:
    # From the environ: a missing header costs Werkzeug's Headers.get an exception.
    signature = request.environ.get("HTTP_X_TWILIO_SIGNATURE", "")
    if not signature:
        return False
    validator: RequestValidator = current_app.extensions["ivr.validator"]
    url = public_url()
    algorithm = get_signature_algorithm(request.environ.get("HTTP_X_TWILIO_SIGNATURE_SETTINGS"))
    # The common case costs one HMAC; the validator's full check (the URL with and
    # without its port, bodySHA256) runs only when that does not match.
    expected = validator.compute_signature(url, request.form, algorithm)
    return hmac.compare_digest(expected, signature) or validator.validate(url, request.form, signature, algorithm)


def check_signature():
    """Before every sms and voice request: 403 and no TwiML unless Twilio signed it."""
    if request.blueprint not in SIGNED_BLUEPRINTS:
        return None
    if signature_is_valid():
        return None
    reason = "bad" if request.headers.get(SIGNATURE_HEADER) else "missing"
    log.warning("rejected request: %s signature path=%s", reason, request.path)
    return Response("Forbidden: this webhook only answers requests signed by Twilio.\n", 403, mimetype="text/plain")
