"""Replies cost money: at most SMS_RATE_LIMIT replies per sender; crisis replies are never limited.

Counted with Flask-Limiter's storage (RATELIMIT_STORAGE_URI: memory:// for one machine,
redis://... when several serve the line), keyed by a keyed hash of the sender's number,
so the store never holds a phone number.
"""
import hashlib
import hmac

from flask import Flask, current_app
from flask_limiter import Limiter
from limits import parse


def init_rate_limit(app: Flask) -> None:
    # No default limits: the limiter only provides the configured storage and strategy.
    limiter = Limiter(key_func=lambda: "", app=app, default_limits=[])
    app.extensions["ivr.sms_rate_limit"] = (limiter, parse(app.config["SMS_RATE_LIMIT"]))


def sender_key(number: str) -> str:
    """A keyed hash of a phone number: stable for counting, useless for finding the person."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"sender:" + number.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:16]


def allow_reply(sender: str) -> bool:
    """Count one reply for this sender (a sender_key); False when over the limit."""
    limiter, limit = current_app.extensions["ivr.sms_rate_limit"]
    return limiter.limiter.hit(limit, "sms-reply", sender)
