"""A warning said at most once a minute, however often its cause happens (a failing store, a flood)."""
import time


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
