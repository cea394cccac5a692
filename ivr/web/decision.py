"""What a request came to: one call that logs it and counts it.

The log line is the request's outcome line (ivr/web/outcome.py: never a number or the words
sent); the count goes to the usage counts (ivr/stores/insight.py), except for the stand-in
phone's requests (flask text, flask call, /try), which are not a person.

Beside the steps, people are counted without knowing who: a text conversation (the
conversation cookie, which Twilio keeps for 4 hours) or a call that began, and the first
step of each that helped (kinds.KINDS says which do); and each emergency (or 988)
sentence shown before an answer.
"""
from flask import Flask, Request

from ivr.core.kinds import KINDS
from ivr.line import line_of
from ivr.web.outcome import record

STAND_IN = "ivr.stand_in"  # set by ivr.tools.phone on its requests' environ: not a person, not counted


def decision(app: Flask, req: Request, log_text: str, channel: str, language: str, kind: str, outcome: str,
             topic: str | None = None, alarm: str | None = None, helped_before: bool = True) -> bool:
    """Log and count a step; True when it helped (the caller keeps that for the conversation or call)."""
    record(req.environ, log_text)
    helps = kind in KINDS and KINDS[kind].helps and outcome not in ("rate_limited", "not_understood")
    if req.environ.get(STAND_IN):
        return helps
    insight = line_of(app).insight
    insight.add(channel, language, kind, topic, outcome)
    if alarm:
        insight.add(channel, language, "alarm", alarm, "alarm_shown")
    if helps and not helped_before:
        insight.add(channel, language, _people(channel), None, "helped")
    return helps


def began(app: Flask, req: Request, channel: str, language: str) -> None:
    """A text conversation or a call began."""
    if not req.environ.get(STAND_IN):
        line_of(app).insight.add(channel, language, _people(channel), None, "started")


def _people(channel: str) -> str:
    """What one person's contact is called on a channel: a call, or a text conversation."""
    return "call" if channel == "voice" else "conversation"


def keep_unanswered(app: Flask, req: Request, language: str, text: str) -> None:
    """Keep a text the line did not understand (only with KEEP_UNANSWERED_DAYS; never the stand-in's)."""
    if not req.environ.get(STAND_IN):
        line_of(app).insight.keep_text(language, text)
