"""Replies cost money: at most SMS_RATE_LIMIT replies per sender; crisis replies are never limited.

The limit is applied after the message is understood, since crisis replies are exempt.
Fixed windows: "30 per hour" is 30 replies in an hour's window. RATELIMIT_STORAGE_URI
memory:// counts in this process: under gunicorn each worker counts on its own, so a
sender may get up to WEB_CONCURRENCY times the limit. redis://... counts in one place
for every worker and machine, through `limits` (the engine of Flask-Limiter). The
memory counter is a plain dictionary rather than `limits`' own: that one cost a tenth
of an SMS reply and starts a thread every 10 ms to expire counts (see bench/).
The key is a keyed hash of the number, so no store ever holds a phone number.
"""
import hashlib
import time

from flask import Flask
from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

MAX_SENDERS = 100_000  # past this many counts in memory, the finished windows are dropped


def init_rate_limit(app: Flask) -> None:
    limit = parse(app.config["SMS_RATE_LIMIT"])
    uri = app.config["RATELIMIT_STORAGE_URI"]
    counter = ProcessCounter(limit) if uri == "memory://" else SharedCounter(uri, limit)
    app.extensions["ivr.sms_rate_limit"] = counter
    # BLAKE2's own keyed mode is a MAC in one call (HMAC-SHA256 cost a twentieth of a reply);
    # its key is at most 64 bytes, so the secret of any length is hashed down to one, once.
    secret = app.config["SECRET_KEY"].encode()
    app.extensions["ivr.sender_hash_key"] = hashlib.blake2b(secret, digest_size=32, person=b"ivr sender").digest()


def sender_key(app: Flask, number: str) -> str:
    """A keyed hash of a phone number: stable for counting, useless for finding the person."""
    key = app.extensions["ivr.sender_hash_key"]
    return hashlib.blake2b(number.encode("utf-8", "replace"), key=key, digest_size=8).hexdigest()


def allow_reply(app: Flask, sender: str) -> bool:
    """Count one reply for this sender (a sender_key); False when over the limit."""
    return app.extensions["ivr.sms_rate_limit"].hit(sender)


class ProcessCounter:
    """memory://: this process's counts, {sender: (window, replies)}."""

    def __init__(self, limit: RateLimitItem):
        self.amount, self.seconds = limit.amount, limit.get_expiry()
        self.counts: dict[str, tuple[int, int]] = {}

    def hit(self, sender: str) -> bool:
        window = int(time.time() // self.seconds)
        counted_window, replies = self.counts.get(sender, (window, 0))
        replies = replies + 1 if counted_window == window else 1
        if len(self.counts) >= MAX_SENDERS and sender not in self.counts:
            self.counts = {key: value for key, value in self.counts.items() if value[0] == window}
        self.counts[sender] = (window, replies)
        return replies <= self.amount


class SharedCounter:
    """redis:// and the other `limits` storages: one count for every worker and machine."""

    def __init__(self, uri: str, limit: RateLimitItem):
        self.limiter, self.limit = FixedWindowRateLimiter(storage_from_string(uri)), limit

    def hit(self, sender: str) -> bool:
        return self.limiter.hit(self.limit, "sms-reply", sender)
