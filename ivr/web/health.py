"""GET /healthz: for load balancers and uptime checks. The content pack's name and version,
whether the rate-limit store (Redis) and the usage counts' database answer, and no secrets.

Always HTTP 200 while the app runs: without either store the line still answers every text
(with no limit; the counts wait in memory), so it says "degraded" rather than take itself out
of a load balancer.
"""
from flask import Blueprint, current_app, jsonify

from ivr.line import line_of

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    line = line_of(current_app)
    store = "ok" if line.limits.reachable() else "unreachable"
    database = line.insight.database_state()
    return jsonify(status="ok" if store == database == "ok" else "degraded", rate_limit_store=store,
                   database=database, content_pack=line.pack.name, content_version=line.pack.version,
                   languages=list(line.pack.languages))
