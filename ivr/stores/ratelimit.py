"""Replies cost money: at most SMS_RATE_LIMIT replies per sender; crisis replies are never limited.

The limit is applied after the message is understood, since crisis replies are exempt
and never touch the store. Fixed windows: "30 per hour" is 30 replies in an hour's window.
RATELIMIT_STORAGE_URI memory:// counts in this process: under gunicorn each worker counts
on its own, so a sender may get up to WEB_CONCURRENCY times the limit. redis://... counts
in one place for every worker and machine, through `limits` (the engine of Flask-Limiter).
The key is a keyed hash of the number, so no store ever holds a phone number. The same
store counts wrong passwords on the team's pages, by a keyed hash of the client address.

The limit fails open: when the store is slow or down the reply is sent, since a limit
only saves money and the reply may be the answer someone needed. The messages answered
lately, so that a replayed request gets no second reply, are claimed in ivr/stores/answered.py:
in the same Redis, or without one in SQLite, which every worker of the machine shares.
"""
import hashlib
import logging
import time
from collections import OrderedDict
from pathlib import Path

from limits import RateLimitItem, parse
from limits.strategies import FixedWindowRateLimiter

from ivr.once_a_minute import OnceAMinute
from ivr.stores.answered import make_answered, redis_storage


log = logging.getLogger(__name__)

MAX_SENDERS = 10_000  # senders counted in memory per worker; past it, the longest silent is forgotten
STORE_TIMEOUT = 0.3  # seconds a store may take to connect or answer before the reply goes without it
WRONG_PASSWORDS = "5 per minute"  # per client address, on /try and /report; then 429 (a right one always passes)


class Limits:
    """The line's counts: SMS replies per sender and wrong passwords per client address in one
    store, and the messages answered lately (ivr/stores/answered.py); every key a keyed hash."""

    def __init__(self, config, answered_path: Path):
        uri = config["RATELIMIT_STORAGE_URI"]
        self.replies = _counter(uri, parse(config["SMS_RATE_LIMIT"]), "sms-reply")
        self.wrong_passwords = _counter(uri, parse(WRONG_PASSWORDS), "wrong-password")
        self.answered = make_answered(uri, answered_path)
        # BLAKE2's own keyed mode is a MAC in one call; its key is at most 64 bytes, so the
        # secret of any length is hashed down to one, once.
        self.hash_key = hashlib.blake2b(config["SECRET_KEY"].encode(), digest_size=32, person=b"ivr sender").digest()

    def sender_key(self, number: str) -> str:
        """A keyed hash of a phone number: stable for counting, useless for finding the person."""
        return hashlib.blake2b(number.encode("utf-8", "replace"), key=self.hash_key, digest_size=8).hexdigest()

    def allow_reply(self, sender: str) -> bool:
        """Count one reply for this sender (a sender_key); False when over the limit."""
        return self.replies.hit(sender)

    def allow_password_try(self, address: str) -> bool:
        """Count one wrong password from this client address; False past WRONG_PASSWORDS."""
        return self.wrong_passwords.hit(self.sender_key(address))

    def claim_message(self, message_sid: str) -> int | None:
        """Count one more copy of this text, in one atomic step: how many came in the last 10 minutes,
        this one included (1: the first). None when the store could not say in time."""
        return self.answered.claim(self.sender_key(f"message {message_sid}"))

    def release_message(self, message_sid: str) -> None:
        """Take back this copy: its reply did not go."""
        self.answered.release(self.sender_key(f"message {message_sid}"))

    def reachable(self) -> bool:
        return self.replies.reachable()


def make_limits(config, answered_path: Path) -> Limits:
    """The counts; answered_path is where the messages answered are claimed without Redis."""
    limits = Limits(config, answered_path)
    if not limits.reachable():
        log.warning("The rate-limit store (RATELIMIT_STORAGE_URI) cannot be reached: the line answers every "
                    "text without a limit until it can. /healthz says 'degraded' meanwhile.")
    return limits


def _counter(uri: str, limit: RateLimitItem, name: str):
    return ProcessCounter(limit) if uri == "memory://" else SharedCounter(uri, limit, name)


class ProcessCounter:
    """memory://: this process's counts, {sender: (window, replies)}, the most recent last."""

    def __init__(self, limit: RateLimitItem):
        self.amount, self.seconds = limit.amount, limit.get_expiry()
        self.counts: OrderedDict[str, tuple[int, int]] = OrderedDict()

    def hit(self, sender: str) -> bool:
        window = int(time.time() // self.seconds)
        counted_window, replies = self.counts.pop(sender, (window, 0))
        replies = replies + 1 if counted_window == window else 1
        self.counts[sender] = (window, replies)
        if len(self.counts) > MAX_SENDERS:
            self.counts.popitem(last=False)
        return replies <= self.amount

    def reachable(self) -> bool:
        return True


class SharedCounter:
    """redis://: one count for every worker and machine; a store that fails allows the reply."""

    def __init__(self, uri: str, limit: RateLimitItem, name: str):
        storage = redis_storage(uri, STORE_TIMEOUT)
        self.limiter, self.storage, self.limit, self.name = FixedWindowRateLimiter(storage), storage, limit, name
        self.failing = OnceAMinute()  # a failing store is logged once a minute, not once a text

    def hit(self, sender: str) -> bool:
        try:
            return self.limiter.hit(self.limit, self.name, sender)
        except Exception as error:  # noqa: BLE001 - whatever the store did, the reply goes
            if self.failing.due():
                log.warning("rate-limit store failed (%s): texts are answered without a limit "
                            "(said once a minute while it lasts)", type(error).__name__)
            return True

    def reachable(self) -> bool:
        return self.storage.check()
