"""The information line: a Flask app answering Twilio's SMS and voice webhooks."""
import logging
from pathlib import Path

from flask import Flask

from ivr.tools.cli import init_cli
from ivr.config import check_settings, settings_from_environment
from ivr.core.content import SAMPLE_OPERATOR, load_pack
from ivr.web.handoff import handoff_number
from ivr.stores.insight import make_insight
from ivr.line import EXTENSION, Line
from ivr.web.outcome import init_outcome_log
from ivr.stores.ratelimit import make_limits
from ivr.web.safety import init_safety
from ivr.web.session import NoSessions
from ivr.web.signature import init_proxies, make_validator
from ivr.core.scrub import Scrubber
from ivr.core.understand import Understander

log = logging.getLogger(__name__)


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: settings; the line, assembled once from its parts; safety nets, blueprints."""
    app = Flask(__name__)
    app.config.from_mapping(settings_from_environment())
    if test_config:
        app.config.from_mapping(test_config)
    check_settings(app.config)
    # The fitted intent model, kept between starts (derived: safe to delete).
    app.config.setdefault("MODEL_CACHE", Path(app.instance_path) / "model-cache")
    # Where the workers claim the texts they answer, without Redis (short-lived keyed hashes).
    app.config.setdefault("ANSWERED_DB", Path(app.instance_path) / "answered.db")
    app.session_interface = NoSessions()
    # app.logger is the "ivr" logger, so the modules' loggers (ivr.web.sms, ...) use its handler.
    app.logger.setLevel(app.config["LOG_LEVEL"])

    config = app.config
    pack = load_pack(config["CONTENT_PATH"], config["EMERGENCY_NUMBER"])
    understander = Understander(pack, Path(config["MODEL_CACHE"]))
    # Faker's names and street words are read only when texts are kept (a tenth of a second at start-up).
    scrubber = Scrubber(understander, tuple(pack.languages)) if config["KEEP_UNANSWERED_DAYS"] else None
    app.extensions[EXTENSION] = Line(
        pack=pack,
        understander=understander,
        validator=make_validator(config, app.logger),
        handoff=handoff_number(config, pack, app.logger),
        limits=make_limits(config, Path(config["ANSWERED_DB"])),
        insight=make_insight(config, app.instance_path, app.logger, scrubber),
    )

    init_proxies(app)
    init_safety(app)
    init_outcome_log(app)
    init_cli(app)
    from ivr.web import health, report_page, sms, try_page, voice

    app.register_blueprint(health.bp)
    app.register_blueprint(sms.bp)
    app.register_blueprint(voice.bp)
    app.register_blueprint(try_page.bp)
    app.register_blueprint(report_page.bp)

    log.info("content pack %s version %s loaded", pack.name, pack.version)
    if config["PRODUCTION"] and config["TRY_PAGE_PASSWORD"]:
        log.info("The /try page is on, behind TRY_PAGE_PASSWORD: %s/try", config["PUBLIC_BASE_URL"] or "")
    if pack.operator == SAMPLE_OPERATOR:
        log.warning("The content pack's [pack] operator is still the sample: the HELP reply does not say who runs "
                    "this line. Set it to your organisation's name and a phone number or e-mail.")
    for language in pack.languages.values():
        if language.translation_status:
            log.warning("content language %s: %s", language.code, language.translation_status)
    return app
