"""GET /healthz: for load balancers and uptime checks. The content pack's name and version,
whether the rate-limit store answers, and no secrets.

Always HTTP 200 while the app runs: without its store the line still answers every text
(with no limit), so it says "degraded" rather than take itself out of a load balancer.
"""
from flask import Blueprint, current_app, jsonify

from ivr.line import line_of

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    pack = line_of(current_app).pack
    store = "ok" if line_of(current_app).limits.reachable() else "unreachable"
    return jsonify(status="ok" if store == "ok" else "degraded", rate_limit_store=store,
                   content_pack=pack.name, content_version=pack.version, languages=list(pack.languages))
