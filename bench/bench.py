"""`make bench`: the line against an app written the way Twilio's docs show it, plus in-process figures.

The line, the docs-style peer (bench/docs_app.py) and a bare Flask app (for information
only) run under gunicorn with gunicorn.conf.py at the same time, and wrk (Debian's
package) drives POST /sms and POST /voice of each in turn, with the signed requests Twilio
sends (every parameter of its SMS and voice webhooks; the text is a question the intent
model answers). Targets: the line serves at least 1.0x the peer's requests per second on
both routes, with no errors; one SMS in-process at most 2 ms at the median; start-up at
most 10 s; one worker at most 200 MB resident.

The figures, and how far they can be trusted on a shared machine, are in bench/README.md.
"""
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from twilio.request_validator import RequestValidator  # noqa: E402

from ivr.health import wait_until_healthy  # noqa: E402

TOKEN = "bench-token-not-a-real-one"
DURATION = os.environ.get("BENCH_SECONDS", "4")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
# Every parameter Twilio sends with an incoming text and an incoming call (its webhook
# reference pages), with numbers from the 555-01xx test range: the line parses and checks
# the signature of all of them, so a shorter form would flatter it.
SMS_FORM = {
    "ToCountry": "US", "ToState": "CA", "SmsMessageSid": "SM" + "0" * 32, "NumMedia": "0", "ToCity": "",
    "FromZip": "", "SmsSid": "SM" + "0" * 32, "FromState": "CA", "SmsStatus": "received", "FromCity": "",
    "Body": "how much do I take", "FromCountry": "US", "To": "+15555550199",
    "MessagingServiceSid": "MG" + "0" * 32, "ToZip": "", "NumSegments": "1", "MessageSid": "SM" + "0" * 32,
    "AccountSid": "AC" + "0" * 32, "From": "+15555550100", "ApiVersion": "2010-04-01",
}
VOICE_FORM = {
    "AccountSid": "AC" + "0" * 32, "ApiVersion": "2010-04-01", "CallSid": "CA" + "0" * 32,
    "CallStatus": "ringing", "CallToken": "", "Called": "+15555550199", "CalledCity": "", "CalledCountry": "US",
    "CalledState": "CA", "CalledZip": "", "Caller": "+15555550100", "CallerCity": "", "CallerCountry": "US",
    "CallerState": "CA", "CallerZip": "", "Direction": "inbound", "From": "+15555550100", "FromCity": "",
    "FromCountry": "US", "FromState": "CA", "FromZip": "", "StirVerstat": "TN-Validation-Passed-A",
    "To": "+15555550199", "ToCity": "", "ToCountry": "US", "ToState": "CA", "ToZip": "",
}
ROUTES = {"/sms": SMS_FORM, "/voice": VOICE_FORM}

def start(spec: str, port: int, log) -> subprocess.Popen:
    # A server left on the port (an interrupted run) would answer in this one's place, and
    # the figures would be its own.
    if port_is_taken(port):
        raise SystemExit(f"port {port} is taken: stop what runs there (an earlier make bench?) and try again")
    server = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "--config", "gunicorn.conf.py", spec],
                              cwd=ROOT, env=server_environment(port), stdout=log, stderr=log, start_new_session=True)
    if wait_until_healthy(f"http://127.0.0.1:{port}", server):
        return server
    stop(server)
    raise SystemExit(f"{spec} did not start on port {port}")


def server_environment(port: int) -> dict:
    """What either app is started with, here and in bench/instructions.py."""
    return {**os.environ, "PORT": str(port), "TWILIO_AUTH_TOKEN": TOKEN, "SECRET_KEY": "bench-" + "k" * 32,
            "SMS_RATE_LIMIT": "100000000 per hour",  # one sender sends everything here
            # The bench's own usage counts: not the line's instance/ database.
            "DATABASE_URL": f"sqlite:///{Path(tempfile.gettempdir()) / 'line-bench-insight.db'}"}


def port_is_taken(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def worker_rss_mb(server: subprocess.Popen) -> float:
    """The largest resident memory among the master's workers, in MB."""
    pids = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
    sizes = []
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return max(sizes)


def wrk(port: int, path: str, form: dict) -> dict:
    url = f"http://127.0.0.1:{port}{path}"
    body = urlencode(form)
    signature = RequestValidator(TOKEN).compute_signature(url, form)
    check = urllib.request.Request(url, data=body.encode(), headers={"X-Twilio-Signature": signature})
    with urllib.request.urlopen(check, timeout=5) as response:  # one real request first: it must succeed
        assert response.status == 200 and b"<Response>" in response.read()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(f'wrk.method = "POST"\nwrk.body = "{body}"\n'
                     f'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
                     f'wrk.headers["X-Twilio-Signature"] = "{signature}"\n')
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", "-s", script.name, url],
                         capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)

    def ms(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": ms("50"), "p99": ms("99"),
            "errors": (int(errors.group(1)) if errors else 0) + (sum(map(int, sockets.groups())) if sockets else 0)}


def in_process() -> dict:
    """Median and p99 time to handle one SMS and one voice step, through Flask's test client."""
    os.environ.setdefault("SECRET_KEY", "bench")
    from ivr import create_app

    app = create_app({"SMS_RATE_LIMIT": "100000000 per hour", "LOG_LEVEL": "ERROR"})
    client = app.test_client()
    lines = (ROOT / "content" / "naltrexone-examples.tsv").read_text(encoding="utf-8").splitlines()
    bodies = [line.split("\t")[2] for line in lines if line.strip() and not line.startswith("#")]

    def timed(call, count):
        times = []
        for number in range(count):
            start = time.perf_counter()
            call(number)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        return statistics.median(times), times[int(len(times) * 0.99)]

    first_pass = timed(lambda n: client.post("/sms", data={**SMS_FORM, "Body": bodies[n]}), len(bodies))
    sms = timed(lambda n: client.post("/sms", data={**SMS_FORM, "Body": bodies[n % len(bodies)]}), 3000)
    keys = "0123456789*#"
    voice = timed(lambda n: client.post("/voice/key?lang=en&at=menu&misses=0", data={**VOICE_FORM, "Digits": keys[n % 12]}), 3000)
    return {"sms_first": first_pass, "sms": sms, "voice": voice}


def startup_seconds() -> float:
    code = "import time; t = time.perf_counter(); import app; print(time.perf_counter() - t)"
    env = {**os.environ, "LOG_LEVEL": "ERROR"}
    runs = [float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                                 check=True).stdout) for _ in range(5)]
    return statistics.median(runs)


APPS = {"line": ("app:app", 5391), "peer": ("bench.docs_app:app", 5392), "bare": ("bench.bare_app:app", 5393)}


def measure(rounds: int) -> tuple[dict, dict, float]:
    """The three apps serve at once; on each route they take turns under wrk, `rounds`
    times. The machine is shared and noisy: the ratio line / peer is taken within each
    turn (the runs seconds apart, which app goes first alternating), and the median turn
    is reported."""
    runs, ratios = {}, {}
    with tempfile.TemporaryFile("w+") as log:
        servers = []  # stopped in the end even if a later one does not start
        try:
            for name, (spec, port) in APPS.items():
                servers.append(start(spec, port, log))
            line = servers[0]
            for round_number in range(rounds):
                order = list(APPS)[::1 if round_number % 2 == 0 else -1]
                for path, form in ROUTES.items():
                    turn = {name: wrk(APPS[name][1], path, form) for name in order}
                    for name, result in turn.items():
                        runs.setdefault((name, path), []).append(result)
                    ratios.setdefault(path, []).append(turn["line"]["rps"] / turn["peer"]["rps"])
                    ratios.setdefault((path, "bare"), []).append(turn["line"]["rps"] / turn["bare"]["rps"])
            rss = worker_rss_mb(line)
        finally:
            for server in servers:
                stop(server)
    median = {key: sorted(results, key=lambda r: r["rps"])[len(results) // 2] for key, results in runs.items()}
    for key, results in runs.items():
        median[key] = {**median[key], "errors": sum(r["errors"] for r in results), "all": [r["rps"] for r in results]}
    return median, {key: statistics.median(values) for key, values in ratios.items()}, rss


def main() -> int:
    if not shutil.which("wrk"):
        print("make bench needs wrk: apt-get install wrk")
        return 1
    rounds = int(os.environ.get("BENCH_ROUNDS", "9"))
    results, ratios, rss = measure(rounds)
    workers = os.environ.get("WEB_CONCURRENCY", f"{os.cpu_count() * 2 + 1} (2 x cores + 1)")
    print(f"gunicorn workers: {workers}; wrk: 2 threads, {CONNECTIONS} connections, {DURATION} s per run, "
          f"{rounds} turns each; {os.cpu_count()} cores shared by server and load")
    print(f"{'route':<8}{'app':<6}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}  every turn's req/s")
    ok = True
    for path in ROUTES:
        for name in APPS:
            r = results[(name, path)]
            print(f"{path:<8}{name:<6}{r['rps']:>9.0f}{r['p50']:>9.2f}{r['p99']:>9.2f}{r['errors']:>8}  "
                  + " ".join(f"{rps:.0f}" for rps in r["all"]))
        ratio = ratios[path]
        met = ratio >= 1.0 and not results[("line", path)]["errors"]
        print(f"{path:<8}line / peer, median of the turns' ratios: {ratio:.2f}x (target 1.0x, no errors) "
              f"{'ok' if met else 'MISSED'}; line / bare {ratios[(path, 'bare')]:.2f}x (for information)")
        ok &= met
    figures = in_process()
    start_up = startup_seconds()
    for label, key in (("SMS, first sight of each message", "sms_first"), ("SMS", "sms"), ("voice step", "voice")):
        median, p99 = figures[key]
        print(f"in-process {label}: median {median:.3f} ms, p99 {p99:.3f} ms")
    sms_ok, start_ok, rss_ok = figures["sms"][0] <= 2, start_up <= 10, rss <= 200
    print(f"in-process SMS median at most 2 ms: {'ok' if sms_ok else 'MISSED'}")
    print(f"start-up (import app: settings, content pack, intent model): {start_up:.1f} s (target 10 s) "
          f"{'ok' if start_ok else 'MISSED'}")
    print(f"resident memory of one line worker: {rss:.1f} MB (target 200 MB) {'ok' if rss_ok else 'MISSED'}")
    return 0 if ok and sms_ok and start_ok and rss_ok else 1


if __name__ == "__main__":
    sys.exit(main())
