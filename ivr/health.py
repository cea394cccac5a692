"""GET /healthz: for load balancers and uptime checks. The content pack's name and version,
whether the rate-limit store answers, and no secrets.

Always HTTP 200 while the app runs: without its store the line still answers every text
(with no limit), so it says "degraded" rather than take itself out of a load balancer.
"""
import subprocess
import time
import urllib.request

from flask import Blueprint, current_app, jsonify

from ivr.line import line_of
from ivr.ratelimit import store_reachable

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    pack = line_of(current_app).pack
    store = "ok" if store_reachable(current_app) else "unreachable"
    return jsonify(status="ok" if store == "ok" else "degraded", rate_limit_store=store,
                   content_pack=pack.name, content_version=pack.version, languages=list(pack.languages))


def wait_until_healthy(base_url: str, server: subprocess.Popen | None = None, seconds: float = 60) -> bool:
    """Poll GET /healthz until it answers (for the tests and benchmarks that start the line
    under gunicorn); False if the server exits first or the time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            return False
        try:
            urllib.request.urlopen(f"{base_url}/healthz", timeout=2).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False
