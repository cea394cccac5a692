"""Only Twilio may drive the line: check X-Twilio-Signature on every webhook.

Twilio signs the exact public URL it called plus every POST parameter. Behind a
TLS-terminating proxy or tunnel the app sees another URL (http, an inner host), so
either trust the proxy's X-Forwarded-* headers (TRUSTED_PROXY_HOPS, via werkzeug's
ProxyFix) or say the public URL outright (PUBLIC_BASE_URL).
"""
import base64
import hashlib
import hmac
import logging
from itertools import chain

from flask import Flask, Request, Response
from twilio.request_validator import SIGNATURE_HEADER, RequestValidator, get_signature_algorithm
from werkzeug.middleware.proxy_fix import ProxyFix

log = logging.getLogger(__name__)


def init_signatures(app: Flask) -> None:
    hops = app.config["TRUSTED_PROXY_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops)
    token = app.config["TWILIO_AUTH_TOKEN"]
    if token:
        app.extensions["ivr.validator"] = RequestValidator(token)  # ivr/webhook.py checks with it
        app.extensions["ivr.hmac_sha1"] = HmacSha1(token.encode())
        app.logger.info("Twilio signatures are checked on every webhook.")
    else:
        app.logger.warning(
            "*** Twilio signatures are NOT checked: TWILIO_AUTH_TOKEN is not set. Anyone who can "
            "reach this port can drive the line. Fine on your own machine, never in production. ***"
        )


def public_url(req: Request, config) -> str:
    """The URL Twilio called, as it signed it."""
    base = config["PUBLIC_BASE_URL"]
    root = base.rstrip("/") if base else f"{req.scheme}://{req.host}"
    query = req.environ.get("QUERY_STRING")
    return root + req.script_root + req.path + (f"?{query}" if query else "")


def signature_is_valid(req: Request, app: Flask) -> bool:
    environ = req.environ
    signature = environ.get("HTTP_X_TWILIO_SIGNATURE", "")  # Headers.get would raise and catch if missing
    if not signature:
        return False
    url = public_url(req, app.config)
    settings = environ.get("HTTP_X_TWILIO_SIGNATURE_SETTINGS")
    if settings is None:
        twilio_body = req.twilio_body()
        if twilio_body is not None:
            parameters = twilio_body.signed_parameters()
        else:
            form = req.form  # reading it parses the body, and keeps its pairs in order
            parameters = signed_text(req.form_pairs if req.form_pairs is not None else form.items(multi=True))
        if hmac.compare_digest(app.extensions["ivr.hmac_sha1"].signature(url, parameters), signature):
            return True
    # Anything else goes to Twilio's own validator: the other algorithm, the URL with and
    # without its port, bodySHA256.
    validator: RequestValidator = app.extensions["ivr.validator"]
    return validator.validate(url, req.form, signature, get_signature_algorithm(settings))


def signed_text(pairs) -> str:
    """What Twilio signs after the URL: each parameter's name and value, sorted by name (a
    name's values sorted too). The same as RequestValidator.compute_signature's (a test
    checks), except that a pair sent twice counts twice: such a form is left to the validator."""
    return "".join(chain.from_iterable(sorted(pairs)))


_INNER_PAD = bytes(byte ^ 0x36 for byte in range(256))
_OUTER_PAD = bytes(byte ^ 0x5C for byte in range(256))


class HmacSha1:
    """HMAC-SHA1 (RFC 2104, as the hmac module does it) with the key's two padded blocks
    hashed once, when the app starts: a signature then copies two hash states, where
    hmac.digest set up the whole HMAC again for each request."""

    def __init__(self, key: bytes):
        if len(key) > 64:  # SHA-1's block size
            key = hashlib.sha1(key).digest()
        key = key.ljust(64, b"\0")
        self._inner, self._outer = hashlib.sha1(key.translate(_INNER_PAD)), hashlib.sha1(key.translate(_OUTER_PAD))

    def digest(self, message: bytes) -> bytes:
        inner, outer = self._inner.copy(), self._outer.copy()
        inner.update(message)
        outer.update(inner.digest())
        return outer.digest()

    def signature(self, url: str, parameters: str) -> str:
        """Twilio's X-Twilio-Signature for a URL and its signed_text: base64 of the HMAC."""
        return base64.b64encode(self.digest((url + parameters).encode())).decode()


def refuse(req: Request) -> Response:
    """403 and no TwiML, for a webhook request that Twilio did not sign."""
    reason = "bad" if req.headers.get(SIGNATURE_HEADER) else "missing"
    log.warning("rejected request: %s signature path=%s", reason, req.path)
    return Response("Forbidden: this webhook only answers requests signed by Twilio.\n", 403, mimetype="text/plain")
