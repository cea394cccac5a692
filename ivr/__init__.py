"""The information line: a Flask app answering Twilio's SMS and voice webhooks."""
import logging
from pathlib import Path

from flask import Flask

from ivr.cli import init_cli
from ivr.config import check_settings, settings_from_environment
from ivr.content import load_pack
from ivr.handoff import init_handoff
from ivr.insight import init_insight
from ivr.line import EXTENSION, Line
from ivr.outcome import init_outcome_log
from ivr.ratelimit import init_rate_limit
from ivr.safety import init_safety
from ivr.session import NoSessions
from ivr.signature import init_signatures
from ivr.understand import Understander

log = logging.getLogger(__name__)


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: settings, content pack and matchers (once, here), safety nets, blueprints."""
    app = Flask(__name__)
    app.config.from_mapping(settings_from_environment())
    if test_config:
        app.config.from_mapping(test_config)
    check_settings(app.config)
    # The fitted intent model, kept between starts (derived: safe to delete).
    app.config.setdefault("MODEL_CACHE", Path(app.instance_path) / "model-cache")
    app.session_interface = NoSessions()
    # app.logger is the "ivr" logger, so the modules' loggers (ivr.sms, ...) use its handler.
    app.logger.setLevel(app.config["LOG_LEVEL"])

    pack = load_pack(app.config["CONTENT_PATH"], app.config["EMERGENCY_NUMBER"])
    app.extensions[EXTENSION] = Line(pack, Understander(pack, Path(app.config["MODEL_CACHE"])))

    init_handoff(app)
    init_signatures(app)
    init_safety(app)
    init_rate_limit(app)
    init_outcome_log(app)
    init_insight(app)
    init_cli(app)
    from ivr import health, report_page, sms, try_page, voice

    app.register_blueprint(health.bp)
    app.register_blueprint(sms.bp)
    app.register_blueprint(voice.bp)
    app.register_blueprint(try_page.bp)
    app.register_blueprint(report_page.bp)

    log.info("content pack %s version %s loaded", pack.name, pack.version)
    for language in pack.languages.values():
        if language.translation_status:
            log.warning("content language %s: %s", language.code, language.translation_status)
    return app
