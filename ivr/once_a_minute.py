"""Said at most once a minute, however often its cause happens (a failing store, a flood).

OnceAMinute is a warning said at most once a minute. Tally is for things that happen too
often to log one by one (refused requests): the first is said in full, and the others are
counted by kind and said together, one line a minute: "1,234 refused requests in the last
minute: ...".
"""
import atexit
import threading
import time
from collections import Counter
from collections.abc import Callable


class OnceAMinute:
    def __init__(self, seconds: float = 60):
        self.seconds, self.said_at = seconds, float("-inf")

    def due(self) -> bool:
        """True at most once every `seconds`: then say it."""
        now = time.monotonic()
        if now - self.said_at < self.seconds:
            return False
        self.said_at = now
        return True


class Tally:
    """Counts by kind, said by `say` as one line a minute after the first one counted, and at exit."""

    def __init__(self, say: Callable[[str], None], things: str, seconds: float = 60):
        self.say, self.things, self.seconds = say, things, seconds
        self.first = OnceAMinute(seconds)
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()  # a gevent lock under gunicorn.conf.py's monkey-patching
        self.timer: threading.Timer | None = None
        self.at_exit = False

    def add(self, kind: str) -> bool:
        """Count one; True when the caller should say this one in full (the first in a minute)."""
        if self.first.due():
            return True
        with self.lock:
            self.counts[kind] += 1
            if self.timer is None:  # the line is said a minute after the first one counted
                self.timer = threading.Timer(self.seconds, self.flush)
                self.timer.daemon = True  # never holds up a worker's exit, which says what is left
                self.timer.start()
            if not self.at_exit:  # registered in the process that counts (a gunicorn worker)
                self.at_exit = True
                atexit.register(self.flush)
        return False

    def flush(self) -> None:
        """Say what was counted since the last line, if anything."""
        with self.lock:
            counts, self.counts, self.timer = self.counts, Counter(), None
        if counts:
            self.say(f"{counts.total():,} {self.things} in the last minute, not logged one by one: "
                     + "; ".join(f"{count:,} {kind}" for kind, count in counts.most_common()))
