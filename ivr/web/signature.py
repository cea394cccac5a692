"""Only Twilio may drive the line: check X-Twilio-Signature on every webhook.

Twilio signs the exact public URL it called plus every POST parameter. Behind a
TLS-terminating proxy or tunnel the app sees another URL (http, an inner host), so
either trust the proxy's X-Forwarded-* headers (TRUSTED_PROXY_HOPS, via werkzeug's
ProxyFix) or say the public URL outright (PUBLIC_BASE_URL).

The check is Twilio's own RequestValidator over the form as Werkzeug reads it, so the
line accepts exactly what Twilio's reference accepts and reads the same parameters.
"""
import logging

from flask import Flask, Request, Response
from twilio.request_validator import (HMAC_SHA1, HMAC_SHA256, SIGNATURE_HEADER, SIGNATURE_SETTINGS_HEADER,
                                      RequestValidator, get_signature_algorithm)
from werkzeug.middleware.proxy_fix import ProxyFix

from ivr.line import line_of
from ivr.web.outcome import refused

ALGORITHMS = (HMAC_SHA1, HMAC_SHA256)  # what Twilio signs with; any other name is refused


def init_proxies(app: Flask) -> None:
    """Trust TRUSTED_PROXY_HOPS proxies' X-Forwarded-For, -Proto, -Host and -Port (the URL Twilio called, the
    client's address). Never X-Forwarded-Prefix: the line is served at / in every set-up of docs/deploy.md,
    and a proxy that passes a client's own prefix on would let the client choose the path a signature is
    checked against, even with PUBLIC_BASE_URL."""
    hops = app.config["TRUSTED_PROXY_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)


def make_validator(config, log: logging.Logger) -> RequestValidator | None:
    """Twilio's validator for TWILIO_AUTH_TOKEN; None (no token) turns the check off. Said in the log."""
    token = config["TWILIO_AUTH_TOKEN"]
    if not token:
        log.warning("*** Twilio signatures are NOT checked: TWILIO_AUTH_TOKEN is not set. Anyone who can reach this "
                    "port can drive the line. Fine on your own machine, never in production. ***")
        return None
    log.info("Twilio signatures are checked on every webhook.")
    if config["PRODUCTION"] and not config["PUBLIC_BASE_URL"]:
        log.warning("PUBLIC_BASE_URL is not set: signatures are checked against the URL the request's Host header "
                    "names, so a request Twilio signed for another app of the same account is accepted here when "
                    "it is sent with that app's Host. Set PUBLIC_BASE_URL to the URL Twilio calls, such as "
                    "https://line.example.org.")
    return RequestValidator(token)


def public_url(req: Request, config) -> str:
    """The URL Twilio called, as it signed it."""
    base = config["PUBLIC_BASE_URL"]
    root = base.rstrip("/") if base else f"{req.scheme}://{req.host}"
    query = req.environ.get("QUERY_STRING")
    return root + req.script_root + req.path + (f"?{query}" if query else "")


def unsigned_reason(req: Request) -> str:
    return "bad signature" if req.headers.get(SIGNATURE_HEADER) else "missing signature"


def signature_is_valid(req: Request, app: Flask) -> bool:
    signature = req.headers.get(SIGNATURE_HEADER)
    algorithm = get_signature_algorithm(req.headers.get(SIGNATURE_SETTINGS_HEADER)).upper()
    # Checked here first: the library would log an unknown algorithm's name, which the sender chose.
    if not signature or algorithm not in ALGORITHMS:
        return False
    validator: RequestValidator = line_of(app).validator
    return validator.validate(public_url(req, app.config), req.form, signature, algorithm)


def refuse(req: Request) -> Response:
    """403 and no TwiML, for a webhook request that Twilio did not sign."""
    refused(req.environ, unsigned_reason(req))
    return Response("Forbidden: this webhook only answers requests signed by Twilio.\n", 403, mimetype="text/plain")
