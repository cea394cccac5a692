"""The team's pages (/try, /report) behind a password: HTTP basic auth, any user name."""
import hmac

from flask import Response, request


def unless_password_given(password: str, realm: str) -> Response | None:
    """None when the request carries the password; otherwise a 401 that asks for it."""
    auth = request.authorization
    if auth is not None and hmac.compare_digest((auth.password or "").encode(), password.encode()):
        return None
    return Response(f"Password needed: {realm}.\n", 401, {"WWW-Authenticate": f'Basic realm="{realm}"'})
