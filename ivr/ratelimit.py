"""Replies cost money: at most SMS_RATE_LIMIT replies per sender; crisis replies are never limited.

Counted with `limits`, the engine of Flask-Limiter, used directly: Flask-Limiter's
per-request hook cost more than the rest of an SMS reply (see bench/), and the limit
must be applied after the message is understood, since crisis replies are exempt.
RATELIMIT_STORAGE_URI takes the same values: memory:// for one machine, redis://...
when several serve the line. The key is a keyed hash of the number, so the store
never holds a phone number.
"""
import hashlib
import hmac

from flask import Flask, current_app
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter


def init_rate_limit(app: Flask) -> None:
    limiter = FixedWindowRateLimiter(storage_from_string(app.config["RATELIMIT_STORAGE_URI"]))
    app.extensions["ivr.sms_rate_limit"] = (limiter, parse(app.config["SMS_RATE_LIMIT"]))


def sender_key(number: str) -> str:
    """A keyed hash of a phone number: stable for counting, useless for finding the person."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"sender:" + number.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:16]


def allow_reply(sender: str) -> bool:
    """Count one reply for this sender (a sender_key); False when over the limit."""
    limiter, limit = current_app.extensions["ivr.sms_rate_limit"]
    return limiter.hit(limit, "sms-reply", sender)
