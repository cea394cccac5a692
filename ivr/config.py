"""Settings from the environment, checked once at start-up with clear errors."""
import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import redis
from limits import parse as parse_rate_limit
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

DEFAULT_CONTENT_PATH = Path(__file__).resolve().parent.parent / "content" / "naltrexone.toml"
MAX_KEEP_UNANSWERED_DAYS = 90  # texts people sent are for improving the answers soon, not an archive
E164 = re.compile(r"\+[1-9][0-9]{7,14}")  # a phone number as <Dial> takes it: +18006624357
MAX_REQUEST_BYTES = 64 * 1024  # Twilio's webhooks are a few kilobytes; a larger body gets 413 (gunicorn.conf.py too)


class SettingsError(Exception):
    """A setting is missing or wrong; the message says which and how to fix it."""


def settings_from_environment(environ=os.environ) -> dict:
    """Flask config values taken from the environment; unset ones get their defaults."""
    return {
        # The number every emergency message tells people to call.
        "EMERGENCY_NUMBER": environ.get("EMERGENCY_NUMBER", "911").strip(),
        # The content pack: every word the line says.
        "CONTENT_PATH": environ.get("CONTENT_PATH", str(DEFAULT_CONTENT_PATH)),
        "LOG_LEVEL": environ.get("LOG_LEVEL", "INFO").upper(),
        # Keys the hash the rate limit counts senders by. Required in production; in
        # development a random key per process.
        "SECRET_KEY": environ.get("SECRET_KEY") or None,
        # Production is gunicorn (its arbiter sets SERVER_SOFTWARE before loading the app).
        "PRODUCTION": environ.get("SERVER_SOFTWARE", "").startswith("gunicorn"),
        # With a token, every webhook must carry a valid X-Twilio-Signature.
        "TWILIO_AUTH_TOKEN": environ.get("TWILIO_AUTH_TOKEN") or None,
        "ALLOW_UNSIGNED_REQUESTS": environ.get("ALLOW_UNSIGNED_REQUESTS") == "1",
        # The URL Twilio calls, when a proxy or tunnel changes what the app sees.
        "PUBLIC_BASE_URL": environ.get("PUBLIC_BASE_URL") or None,
        "TRUSTED_PROXY_HOPS": environ.get("TRUSTED_PROXY_HOPS", "0"),
        # Replies cost money: at most this many SMS replies per sender (crisis replies are never limited).
        "SMS_RATE_LIMIT": environ.get("SMS_RATE_LIMIT", "30 per hour"),
        "RATELIMIT_STORAGE_URI": environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        # Where a caller who asks for a person is put through: the pack's number (SAMHSA's
        # National Helpline) unless set; "off" takes the option out of the voice menu.
        "HANDOFF_NUMBER": environ.get("HANDOFF_NUMBER", "").strip(),
        # Where the usage counts go (ivr/stores/insight.py): SQLite in instance/ unless set.
        "DATABASE_URL": environ.get("DATABASE_URL") or None,
        "INSIGHT_RETENTION_DAYS": environ.get("INSIGHT_RETENTION_DAYS", "400"),
        # Keep the texts the line did not understand, scrubbed, for this many days; 0: keep none.
        "KEEP_UNANSWERED_DAYS": environ.get("KEEP_UNANSWERED_DAYS", "0"),
        # The /try page (a phone in the browser): open in development; in production only with this password.
        "TRY_PAGE_PASSWORD": environ.get("TRY_PAGE_PASSWORD") or None,
        # The days of /report and `flask report` are counted in this time zone (an IANA name).
        "REPORT_TIMEZONE": environ.get("REPORT_TIMEZONE", "UTC"),
        # The /report page (usage charts): off unless set, in every environment; then HTTP basic auth.
        "REPORT_PASSWORD": environ.get("REPORT_PASSWORD") or None,
        "MAX_CONTENT_LENGTH": MAX_REQUEST_BYTES,
        # WEB_CONCURRENCY, PORT and BIND are the server's: serve.py checks them before gunicorn reads them.
    }


def check_settings(config) -> None:
    """Raise SettingsError for the first setting that is wrong; fill in development defaults."""
    if config["LOG_LEVEL"] not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise SettingsError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR; got {config['LOG_LEVEL']!r}")
    number = config["EMERGENCY_NUMBER"]
    if not re.fullmatch(r"[0-9]{2,6}", number):
        raise SettingsError(
            f"EMERGENCY_NUMBER must be a short emergency number of 2 to 6 digits, such as 911, 112 or 999; got {number!r}"
        )
    _whole_number(config, "TRUSTED_PROXY_HOPS", 0, 5, "a number of proxies from 0 to 5")
    base = config["PUBLIC_BASE_URL"]
    parts = urlsplit(base or "")
    if base and (parts.scheme not in ("http", "https") or not parts.netloc or parts.query):
        raise SettingsError(f"PUBLIC_BASE_URL must look like https://line.example.org (no query); got {base!r}")
    handoff = config["HANDOFF_NUMBER"]
    if handoff and handoff.lower() != "off" and not E164.fullmatch(handoff):
        raise SettingsError(f"HANDOFF_NUMBER must be a phone number in E.164 form (+, country code, number, no "
                            f"spaces), such as +18006624357, or off; got {handoff!r}")
    check_database_url(config["DATABASE_URL"])
    try:
        ZoneInfo(config["REPORT_TIMEZONE"])
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"REPORT_TIMEZONE must be a time zone's IANA name, such as America/Chicago or UTC; "
                            f"got {config['REPORT_TIMEZONE']!r}") from None
    _whole_number(config, "INSIGHT_RETENTION_DAYS", 1, None, "a number of days, 1 or more")
    _whole_number(config, "KEEP_UNANSWERED_DAYS", 0, MAX_KEEP_UNANSWERED_DAYS,
                  f"a number of days from 0 (keep no text, the default) to {MAX_KEEP_UNANSWERED_DAYS}")
    try:
        parse_rate_limit(config["SMS_RATE_LIMIT"])
    except ValueError:
        raise SettingsError(f"SMS_RATE_LIMIT must look like '30 per hour'; got {config['SMS_RATE_LIMIT']!r}") from None
    check_rate_limit_store(config["RATELIMIT_STORAGE_URI"])

    if config["PRODUCTION"]:
        if not config["TWILIO_AUTH_TOKEN"] and not config["ALLOW_UNSIGNED_REQUESTS"]:
            raise SettingsError(
                "TWILIO_AUTH_TOKEN is not set, so requests could not be checked as coming from Twilio. "
                "Set it to the account's Auth Token (Twilio console, Account info). To run without "
                "checking on purpose, set ALLOW_UNSIGNED_REQUESTS=1."
            )
        if not config["SECRET_KEY"]:
            raise SettingsError(
                "SECRET_KEY is not set: it keys the hash the SMS rate limit counts senders by, and must "
                "be the same on every worker and machine. Set it to a long random value, e.g. "
                "python3 -c 'import secrets; print(secrets.token_hex(32))'."
            )
    elif not config["SECRET_KEY"]:
        config["SECRET_KEY"] = secrets.token_hex(32)


def _whole_number(config, name: str, low: int, high: int | None, what: str) -> None:
    """Turn a setting into a whole number from low to high (no upper bound for None), or say what it must be."""
    try:
        number = int(config[name])
    except (TypeError, ValueError):
        number = None
    if number is None or number < low or (high is not None and number > high):
        raise SettingsError(f"{name} must be {what}; got {config[name]!r}")
    config[name] = number


def check_rate_limit_store(uri: str) -> None:
    """memory://, or a Redis URL that Redis's client can read. Only the scheme is ever named: the URL may
    hold the store's password."""
    if uri == "memory://":
        return
    try:
        scheme = urlsplit(uri).scheme
        if scheme in ("redis", "rediss", "redis+unix"):
            # Parsed as the store will parse it, without connecting (limits writes redis+unix as unix).
            redis.ConnectionPool.from_url(uri.replace("redis+unix://", "unix://", 1))
    except ValueError:  # a port that is not a number from 0 to 65535, a [ with no ], a wrong option
        raise SettingsError("RATELIMIT_STORAGE_URI is not a Redis URL its client can read: check its port, host "
                            "and options; it must look like redis://:password@redis.internal:6379/0") from None
    if scheme not in ("redis", "rediss", "redis+unix"):
        raise SettingsError(f"RATELIMIT_STORAGE_URI must be memory:// or a Redis URL such as "
                            f"redis://redis.internal:6379; got a {scheme or 'plain'!r} URL")


def check_database_url(url: str | None) -> None:
    """The URL itself is never repeated in the error: it may hold a password."""
    if not url:
        return
    try:
        parsed = make_url(url)
        backend = parsed.get_backend_name()
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise SettingsError("DATABASE_URL is not a database URL; it must look like sqlite:////var/lib/line/insight.db "
                            "or postgresql+psycopg://user:password@host/dbname") from None
    if backend not in ("sqlite", "postgresql"):
        raise SettingsError(f"DATABASE_URL must be a SQLite or PostgreSQL URL; got a {backend!r} one")
    if backend == "sqlite" and (parsed.database in (None, "", ":memory:") or parsed.query.get("mode") == "memory"):
        # Each connection would open an empty database of its own, and every count would be lost.
        raise SettingsError("DATABASE_URL names an in-memory SQLite database, which keeps nothing: name a file, such "
                            "as sqlite:////var/lib/line/insight.db, or leave it unset for instance/insight.db")
    try:
        parsed.get_dialect().import_dbapi()
    except (NoSuchModuleError, ImportError):
        raise SettingsError(f"DATABASE_URL names a database driver this line does not have "
                            f"({parsed.drivername}); write sqlite:///... or postgresql+psycopg://... "
                            "(psycopg, which the line installs)") from None
