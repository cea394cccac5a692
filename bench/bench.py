"""`make bench`: how long a reply takes under a real line's heaviest load, and what a worker costs.

The line runs as `make serve` runs it (gunicorn with gunicorn.conf.py, its default
workers). An open-loop load sends BENCH_RATE requests a second (100: Twilio's most for
one short code) for BENCH_SECONDS (60) from the MIX below, signed as Twilio signs them,
each on a new connection. Open loop: a request goes at its time whether or not earlier
ones have been answered, and its latency counts from that time, so a stalled server
shows up as latency instead of as fewer requests. Then, for the same code in-process:
one SMS decided through Flask's test client, and the start-up time.

Criterion: p99 at most 50 ms with no errors; an SMS in-process at most 2 ms at the
median; each worker at most 200 MB resident. Figures and how to read them: bench/README.md.
"""
import http.client
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from twilio.request_validator import RequestValidator  # noqa: E402

from conftest import SERVED_TOKEN as TOKEN  # noqa: E402 - the tests' tooling, shared
from conftest import Served, wait_until_healthy  # noqa: E402

RATE = float(os.environ.get("BENCH_RATE", "100"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
TIMEOUT = 15  # Twilio's own: past it, Twilio gives up and uses the Fallback URL
# The bench's usage counts, not the line's own in instance/.
SCRATCH_DATABASE = f"sqlite:///{Path(tempfile.gettempdir()) / 'line-bench-insight.db'}"
# Every parameter Twilio sends with an incoming text and a call step (its webhook reference
# pages), numbers from the 555-01xx test range: the line reads and signs all of them.
SMS_FORM = {
    "ToCountry": "US", "ToState": "CA", "SmsMessageSid": "SM" + "0" * 32, "NumMedia": "0", "ToCity": "",
    "FromZip": "", "SmsSid": "SM" + "0" * 32, "FromState": "CA", "SmsStatus": "received", "FromCity": "",
    "FromCountry": "US", "To": "+15555550199", "MessagingServiceSid": "MG" + "0" * 32, "ToZip": "",
    "NumSegments": "1", "MessageSid": "SM" + "0" * 32, "AccountSid": "AC" + "0" * 32, "From": "+15555550100",
    "ApiVersion": "2010-04-01",
}
VOICE_FORM = {
    "AccountSid": "AC" + "0" * 32, "ApiVersion": "2010-04-01", "CallSid": "CA" + "0" * 32,
    "CallStatus": "in-progress", "Called": "+15555550199", "CalledCountry": "US", "CalledState": "CA",
    "Caller": "+15555550100", "CallerCountry": "US", "CallerState": "CA", "Direction": "inbound",
    "From": "+15555550100", "FromCountry": "US", "FromState": "CA", "To": "+15555550199", "ToCountry": "US",
    "ToState": "CA",
}
MENU_STEP = "/voice/key?lang=en&at=menu&misses=0"
# kind: (share of the load, [(path, the form's own fields, what the reply must hold)]).
# The mix leans on free text, the model's work, as people's own words do. What a reply
# must hold is only its shape (and the emergency numbers, which are the engine's, not the pack's).
MESSAGE, SAY = "<Message>", "<Say"
MIX = {
    "keyword": (0.15, [("/sms", {"Body": "DOSE"}, MESSAGE), ("/sms", {"Body": "1"}, MESSAGE),
                       ("/sms", {"Body": "menu"}, MESSAGE)]),
    "question": (0.25, [("/sms", {"Body": "how much do I take"}, MESSAGE),
                        ("/sms", {"Body": "can my nurse perscribe it"}, MESSAGE),
                        ("/sms", {"Body": "i used yesterday can i start today"}, MESSAGE)]),
    "spanish": (0.10, [("/sms", {"Body": "cuanto tiempo la tengo que tomar"}, MESSAGE),
                       ("/sms", {"Body": "hola"}, MESSAGE)]),
    "crisis": (0.10, [("/sms", {"Body": "my friend is not breathing"}, "911"),
                      ("/sms", {"Body": "I want to die"}, "988"),
                      ("/sms", {"Body": "mi amigo no respira"}, "911")]),
    "not covered": (0.10, [("/sms", {"Body": "can I drink beer on it"}, MESSAGE),
                           ("/sms", {"Body": "is it safe when pregnant"}, MESSAGE)]),
    "voice key": (0.20, [("/voice", {}, "<Gather"), (MENU_STEP, {"Digits": "1"}, SAY),
                         (MENU_STEP, {"Digits": "9"}, "9 1 1"), (MENU_STEP, {"Digits": "#"}, "<Hangup")]),
    "voice speech": (0.10, [(MENU_STEP, {"SpeechResult": "can my nurse prescribe it", "Confidence": "0.9"}, SAY),
                            (MENU_STEP, {"SpeechResult": "he is not breathing", "Confidence": "0.8"}, "9 1 1")]),
}


def schedule(count: int) -> list[tuple[str, str, dict, str]]:
    """`count` requests (kind, path, form, expected), the kinds spread evenly by their shares."""
    plan, owed, sent = [], {kind: 0.0 for kind in MIX}, {kind: 0 for kind in MIX}
    for _ in range(count):
        for kind, (share, _) in MIX.items():
            owed[kind] += share
        kind = max(owed, key=owed.get)
        owed[kind] -= 1
        requests = MIX[kind][1]
        path, fields, expected = requests[sent[kind] % len(requests)]
        sent[kind] += 1
        form = {**(SMS_FORM if path == "/sms" else VOICE_FORM), **fields}
        plan.append((kind, path, form, expected))
    return plan


def send(port: int, path: str, form: dict, expected: str) -> str | None:
    """One signed request on a new connection; None when it got the reply it should, else what went wrong."""
    if "MessageSid" in form:  # each text its own id, as Twilio gives it: the line answers a replayed one with nothing
        sid = "SM" + secrets.token_hex(16)
        form = {**form, "MessageSid": sid, "SmsMessageSid": sid, "SmsSid": sid}
    body = urlencode(form)
    signature = RequestValidator(TOKEN).compute_signature(f"http://127.0.0.1:{port}{path}", form)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request("POST", path, body, {"X-Twilio-Signature": signature,
                                                "Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        reply = response.read().decode()
    except OSError as error:
        return type(error).__name__
    finally:
        connection.close()
    if response.status != 200:
        return f"HTTP {response.status}"
    return None if expected in reply else "unexpected reply"


def open_loop(port: int) -> dict[str, list]:
    """Latencies (seconds, from each request's planned time) and errors, per kind."""
    plan = schedule(int(RATE * SECONDS))
    results = {kind: {"latencies": [], "errors": []} for kind in MIX}
    lock = threading.Lock()

    def run(due: float, kind: str, path: str, form: dict, expected: str) -> None:
        error = send(port, path, form, expected)
        latency = time.perf_counter() - due
        with lock:
            results[kind]["latencies"].append(latency)
            if error:
                results[kind]["errors"].append(error)

    start = time.perf_counter() + 0.5
    # Enough threads that a slow reply never delays the next request's departure.
    with ThreadPoolExecutor(max_workers=int(RATE * 2) + 16) as pool:
        for number, (kind, path, form, expected) in enumerate(plan):
            due = start + number / RATE
            time.sleep(max(0.0, due - time.perf_counter()))
            pool.submit(run, due, kind, path, form, expected)
    return results


def memory_mb(pid: int) -> tuple[float, float]:
    """(resident, private) memory of a process in MB: RSS counts pages shared with the master,
    USS only the worker's own."""
    fields = dict(re.findall(r"^(\w+):\s+(\d+) kB", Path(f"/proc/{pid}/smaps_rollup").read_text(), re.M))
    return int(fields["Rss"]) / 1024, (int(fields["Private_Clean"]) + int(fields["Private_Dirty"])) / 1024


def serve() -> Served:
    """The line as `make serve` starts it (the tests' Served), on a free port, with a scratch database."""
    settings = {"SMS_RATE_LIMIT": "1000000 per hour",  # one sender sends it all
                "DATABASE_URL": SCRATCH_DATABASE, "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY")}
    served = Served(settings)
    if not wait_until_healthy(served.url, served.process):
        served.stop()
        raise SystemExit("the line did not start under gunicorn: try `make serve` to see why")
    return served


def in_process_sms_ms() -> tuple[float, float]:
    """Median and p99 milliseconds to decide one SMS through Flask's test client, over the pack's examples."""
    from ivr import create_app

    app = create_app({"TESTING": True, "SMS_RATE_LIMIT": "1000000 per hour", "LOG_LEVEL": "ERROR",
                      "DATABASE_URL": SCRATCH_DATABASE})
    client = app.test_client()
    lines = (ROOT / "content" / "naltrexone-examples.tsv").read_text(encoding="utf-8").splitlines()
    bodies = [line.split("\t")[2] for line in lines if line.strip() and not line.startswith("#")]
    times = []
    for body in bodies * 2:
        started = time.perf_counter()
        client.post("/sms", data={**SMS_FORM, "Body": body})
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99)]


def start_up_seconds() -> float:
    """Median wall time of `import app` (settings, content pack, the model from its cache) over 5 starts."""
    code = "import time; t = time.perf_counter(); import app; print(time.perf_counter() - t)"
    env = {**os.environ, "LOG_LEVEL": "ERROR"}
    return statistics.median(float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                                                  capture_output=True, text=True).stdout) for _ in range(5))


def percentile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, int(len(values) * share))]


def main() -> int:
    served = serve()
    try:
        results = open_loop(served.port)
        workers = [int(pid) for pid in subprocess.run(["pgrep", "-P", str(served.process.pid)], capture_output=True,
                                                       text=True).stdout.split()]
        memory = {pid: memory_mb(pid) for pid in workers}
    finally:
        served.stop()
    load = os.getloadavg()[0]
    print(f"open loop: {RATE:.0f} requests a second for {SECONDS:.0f} s, each on a new connection; "
          f"{len(workers)} gunicorn workers; {os.cpu_count()} cores shared with the load; load average {load:.2f}")
    print(f"{'kind':<14}{'requests':>9}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}")
    every, errors = [], []
    for kind, result in results.items():
        latencies = sorted(result["latencies"])
        every += latencies
        errors += result["errors"]
        print(f"{kind:<14}{len(latencies):>9}{statistics.median(latencies) * 1000:>9.1f}"
              f"{percentile(latencies, 0.99) * 1000:>9.1f}{latencies[-1] * 1000:>9.1f}{len(result['errors']):>8}"
              + (f"  {sorted(set(result['errors']))}" if result["errors"] else ""))
    every.sort()
    p99 = percentile(every, 0.99) * 1000
    print(f"{'all':<14}{len(every):>9}{statistics.median(every) * 1000:>9.1f}{p99:>9.1f}{every[-1] * 1000:>9.1f}"
          f"{len(errors):>8}")
    for pid, (rss, uss) in memory.items():
        print(f"worker {pid}: {rss:.1f} MB resident (RSS), {uss:.1f} MB its own (USS)")
    sms_p50, sms_p99 = in_process_sms_ms()
    start_up = start_up_seconds()
    print(f"in-process SMS: median {sms_p50:.2f} ms, p99 {sms_p99:.2f} ms")
    print(f"start-up (import app, the model from its cache): {start_up:.2f} s")
    largest = max(rss for rss, _ in memory.values())
    checks = [(f"p99 {p99:.1f} ms, at most 50", p99 <= 50), (f"{len(errors)} errors, none", not errors),
              (f"in-process SMS median {sms_p50:.2f} ms, at most 2", sms_p50 <= 2),
              (f"largest worker {largest:.1f} MB resident, at most 200", largest <= 200)]
    for text, met in checks:
        print(f"{'ok    ' if met else 'MISSED'} {text}")
    return 0 if all(met for _, met in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
