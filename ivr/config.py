"""Settings from the environment, checked once at start-up with clear errors."""
import os
import secrets
import re
from pathlib import Path

DEFAULT_CONTENT_PATH = Path(__file__).resolve().parent.parent / "content" / "naltrexone.toml"


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
        # Signs the SMS session cookie (the conversation's language). Without it, a random
        # key per process: the language choice then does not survive a restart.
        "SECRET_KEY": environ.get("SECRET_KEY") or secrets.token_hex(32),
    }


def check_settings(config) -> None:
    if config["LOG_LEVEL"] not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise SettingsError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR; got {config['LOG_LEVEL']!r}")
    number = config["EMERGENCY_NUMBER"]
    if not re.fullmatch(r"[0-9]{2,6}", number):
        raise SettingsError(
            f"EMERGENCY_NUMBER must be a short emergency number of 2 to 6 digits, such as 911, 112 or 999; got {number!r}"
        )
