"""GET /healthz: for load balancers. The content pack's name and version, and no secrets."""
from flask import Blueprint, current_app, jsonify

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    pack = current_app.extensions["ivr.pack"]
    return jsonify(status="ok", content_pack=pack.name, content_version=pack.version,
                   languages=list(pack.languages))
