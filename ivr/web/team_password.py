"""The team's pages (/try, /report) behind a password: HTTP basic auth, any user name.

Wrong passwords are limited per client address (the real one behind TRUSTED_PROXY_HOPS
proxies): past ratelimit.WRONG_PASSWORDS, 429. The right password is never refused.
"""
import hmac

from flask import Response, current_app, request

from ivr.line import line_of
from ivr.stores.ratelimit import WRONG_PASSWORDS


def unless_password_given(password: str, realm: str) -> Response | None:
    """None when the request carries the password; otherwise a 401 that asks for it, or 429."""
    auth = request.authorization
    if auth is not None and hmac.compare_digest((auth.password or "").encode(), password.encode()):
        return None
    if auth is not None and not line_of(current_app).limits.allow_password_try(request.remote_addr or "-"):
        return Response(f"Too many wrong passwords from this address (at most {WRONG_PASSWORDS}): wait a minute.\n",
                        429, {"Retry-After": "60"})
    return Response(f"Password needed: {realm}.\n", 401, {"WWW-Authenticate": f'Basic realm="{realm}"'})
