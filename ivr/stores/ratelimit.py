"""Replies cost money: at most SMS_RATE_LIMIT replies per sender; crisis replies are never limited.

The limit is applied after the message is understood, since crisis replies are exempt
and never touch the store. Fixed windows: "30 per hour" is 30 replies in an hour's window.
RATELIMIT_STORAGE_URI memory:// counts in this process: under gunicorn each worker counts
on its own, so a sender may get up to WEB_CONCURRENCY times the limit. redis://... counts
in one place for every worker and machine, through `limits` (the engine of Flask-Limiter).
The key is a keyed hash of the number, so no store ever holds a phone number. The same
store counts wrong passwords on the team's pages, by a keyed hash of the client address.

The limit fails open: when the store is slow or down the reply is sent, since a limit
only saves money and the reply may be the answer someone needed. The same store remembers
which messages were answered (a keyed hash of the MessageSid, for 10 minutes), so a
replayed request gets no second reply.
"""
import hashlib
import logging
import time
from collections import OrderedDict

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from redis.backoff import NoBackoff
from redis.retry import Retry

from ivr.once_a_minute import OnceAMinute


log = logging.getLogger(__name__)

MAX_SENDERS = 10_000  # senders counted in memory per worker; past it, the longest silent is forgotten
STORE_TIMEOUT = 0.3  # seconds a store may take to connect or answer before the reply goes without it
REPLAY_SECONDS = 600  # a text whose MessageSid was answered this recently is a replay: no second reply
WRONG_PASSWORDS = "5 per minute"  # per client address, on /try and /report; then 429 (a right one always passes)


class Limits:
    """The line's counts in one store: SMS replies per sender, wrong passwords per client
    address, and the messages answered lately; every key a keyed hash."""

    def __init__(self, config):
        uri = config["RATELIMIT_STORAGE_URI"]
        self.replies = _counter(uri, parse(config["SMS_RATE_LIMIT"]), "sms-reply")
        self.wrong_passwords = _counter(uri, parse(WRONG_PASSWORDS), "wrong-password")
        self.answered = ProcessRecent() if uri == "memory://" else SharedRecent(self.replies.storage)
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

    def times_answered(self, message_sid: str) -> int:
        """How many times this MessageSid was answered in the last REPLAY_SECONDS (more than 0: a replay)."""
        return self.answered.times(self.sender_key(f"message {message_sid}"))

    def mark_answered(self, message_sid: str) -> None:
        """Remember that this MessageSid got its reply (once the reply is built, not when it came)."""
        self.answered.mark(self.sender_key(f"message {message_sid}"))

    def reachable(self) -> bool:
        return self.replies.reachable()


def make_limits(config) -> Limits:
    limits = Limits(config)
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
        # No retries: a retry with backoff would hold the reply for seconds.
        storage = storage_from_string(uri, socket_timeout=STORE_TIMEOUT, socket_connect_timeout=STORE_TIMEOUT,
                                      retry=Retry(NoBackoff(), 0))
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


class ProcessRecent:
    """memory://: the message ids this process answered in the last REPLAY_SECONDS, oldest first."""

    def __init__(self):
        self.answered: OrderedDict[str, tuple[float, int]] = OrderedDict()  # key -> (first answered, times)

    def times(self, key: str) -> int:
        now = time.monotonic()
        while self.answered and next(iter(self.answered.values()))[0] < now - REPLAY_SECONDS:
            self.answered.popitem(last=False)
        return self.answered.get(key, (0, 0))[1]

    def mark(self, key: str) -> None:
        first, times = self.answered.get(key, (time.monotonic(), 0))
        self.answered[key] = (first, times + 1)
        if len(self.answered) > MAX_SENDERS:
            self.answered.popitem(last=False)


class SharedRecent:
    """redis://: the same, for every worker and machine; a store that fails lets the text be answered."""

    def __init__(self, storage):
        self.storage = storage

    def times(self, key: str) -> int:
        try:
            return self.storage.get(f"answered/{key}")
        except Exception:  # noqa: BLE001 - the SMS counter says once a minute that the store fails
            return 0

    def mark(self, key: str) -> None:
        try:
            self.storage.incr(f"answered/{key}", REPLAY_SECONDS)
        except Exception:  # noqa: BLE001 - as above: the text was answered, which is what counts
            pass
