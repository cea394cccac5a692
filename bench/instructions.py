"""`make bench-instructions`: CPU instructions per request in a gunicorn worker, line and bare app.

Requests per second on a shared machine vary by 10 to 15 points from run to run; counted
instructions vary by about 1%, so this is the figure to compare a change by. Each app
runs under gunicorn (gunicorn.conf.py, one worker) inside valgrind's callgrind; after a
warm-up, the worker's counts are zeroed, N signed requests are sent one at a time, and
the counts are read. bare / line is what the requests-per-second ratio would be if the
CPU work of the worker were the only cost; it leaves out the kernel's share and the load
generator's, which both apps pay alike. Needs valgrind (apt-get install valgrind).
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.bench import ROUTES, TOKEN, port_is_taken, server_environment  # noqa: E402
from ivr.health import wait_until_healthy  # noqa: E402
from twilio.request_validator import RequestValidator  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))
WARM_UP = 30


def counted(spec: str, port: int, out: Path) -> dict[str, float]:
    """Instructions per request on each route for one app."""
    if port_is_taken(port):
        raise SystemExit(f"port {port} is taken: stop what runs there and try again")
    env = {**server_environment(port), "WEB_CONCURRENCY": "1", "PYTHONHASHSEED": "0"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        ["valgrind", "--tool=callgrind", "--trace-children=yes", f"--callgrind-out-file={out}/cg.%p",
         sys.executable, str(gunicorn), "--config", "gunicorn.conf.py", spec],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        if not wait_until_healthy(f"http://127.0.0.1:{port}", server, seconds=600):  # valgrind is slow
            raise SystemExit(f"{spec} did not start under valgrind")
        worker = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()[0]
        figures = {}
        for path, form in ROUTES.items():
            send(port, path, form, WARM_UP)
            subprocess.run(["callgrind_control", "--zero", worker], check=True, capture_output=True)
            send(port, path, form, REQUESTS)
            before = set(out.glob(f"cg.{worker}.*"))
            subprocess.run(["callgrind_control", "--dump", worker], check=True, capture_output=True)
            (dump,) = set(out.glob(f"cg.{worker}.*")) - before
            total = int(re.search(r"^(?:totals|summary): (\d+)", dump.read_text(), re.M).group(1))
            figures[path] = total / REQUESTS
        return figures
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def send(port: int, path: str, form: dict, count: int) -> None:
    url = f"http://127.0.0.1:{port}{path}"
    headers = {"X-Twilio-Signature": RequestValidator(TOKEN).compute_signature(url, form)}
    for _ in range(count):
        request = urllib.request.Request(url, data=urlencode(form).encode(), headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200 and b"<Response>" in response.read()


def main() -> int:
    if not shutil.which("valgrind"):
        print("make bench-instructions needs valgrind: apt-get install valgrind")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        line = counted("app:app", 5393, Path(folder))
        bare = counted("bench.bare_app:app", 5394, Path(folder))
    print(f"instructions per request in one gunicorn worker (callgrind, {REQUESTS} signed requests each)")
    print(f"{'route':<8}{'line':>12}{'bare':>12}  bare / line")
    for path in ROUTES:
        print(f"{path:<8}{line[path]:>12,.0f}{bare[path]:>12,.0f}  {bare[path] / line[path]:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
