"""`make bench-senders`: a worker's memory and the time a text takes as 200,000 different
numbers text the line (memory:// rate limit, which keeps at most ratelimit.MAX_SENDERS).

Each step counts 50,000 new senders through the rate limit (a keyed hash and a count,
what a text adds to the worker's memory), then times 1,000 whole texts from new numbers
through the app in-process.
"""
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.bench import SCRATCH_DATABASE  # noqa: E402
from ivr import create_app  # noqa: E402
from ivr.line import line_of  # noqa: E402
from ivr.stores.ratelimit import MAX_SENDERS  # noqa: E402

STEP, STEPS, TIMED = 50_000, 4, 1_000


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def number(n: int) -> str:
    return f"+1555{n:07d}"  # never dialled: only hashed


def main() -> None:
    app = create_app({"TESTING": True, "SMS_RATE_LIMIT": "30 per hour", "LOG_LEVEL": "ERROR",
                      "DATABASE_URL": SCRATCH_DATABASE})
    client = app.test_client()
    limits = line_of(app).limits
    counter = limits.replies
    sent = 0
    print(f"cap: {MAX_SENDERS:,} senders per worker")
    print("senders   counted   resident MB   text median ms   text p99 ms")
    for step in range(STEPS + 1):
        times = []
        for _ in range(TIMED):
            started = time.perf_counter()
            client.post("/sms", data={"From": number(sent), "Body": "how much do I take"})
            times.append(time.perf_counter() - started)
            sent += 1
        times.sort()
        print(f"{sent:>7,}   {len(counter.counts):>7,}   {resident_mb():>11.1f}   "
              f"{statistics.median(times) * 1000:>14.3f}   {times[int(len(times) * 0.99)] * 1000:>11.3f}")
        if step < STEPS:
            for _ in range(STEP - TIMED):
                limits.allow_reply(limits.sender_key(number(sent)))
                sent += 1


if __name__ == "__main__":
    main()
