"""What a request came to: one call that logs it and counts it.

The log line is the request's outcome line (ivr/web/outcome.py: never a number or the words
sent); the count goes to the usage counts (ivr/stores/insight.py), except for the stand-in phone's
requests (flask text, flask call, /try), which are not a person.
"""
from flask import Flask, Request

from ivr.line import line_of
from ivr.web.outcome import record

STAND_IN = "ivr.stand_in"  # set by ivr.tools.phone on its requests' environ: not a person, not counted


def decision(app: Flask, req: Request, log_text: str, channel: str, language: str, kind: str, outcome: str,
             topic: str | None = None) -> None:
    record(req.environ, log_text)
    if not req.environ.get(STAND_IN):
        line_of(app).insight.add(channel, language, kind, topic, outcome)


def keep_unanswered(app: Flask, req: Request, language: str, text: str) -> None:
    """Keep a text the line did not understand (only with KEEP_UNANSWERED_DAYS; never the stand-in's)."""
    if not req.environ.get(STAND_IN):
        line_of(app).insight.keep_text(language, text)
