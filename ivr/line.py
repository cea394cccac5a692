"""What the app builds once for the line, kept under one extension key as Flask extensions do.

create_app assembles it from parts built by plain functions; nothing changes it afterwards.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from twilio.request_validator import RequestValidator

from ivr.core.content import Pack
from ivr.stores.insight import Insight
from ivr.stores.ratelimit import Limits
from ivr.core.understand import Understander

EXTENSION = "ivr"


@dataclass(frozen=True, eq=False)
class Line:
    pack: Pack
    understander: Understander
    validator: RequestValidator | None  # None: signatures are not checked (no TWILIO_AUTH_TOKEN)
    handoff: str | None  # where a caller who asks for a person is put through; None: nowhere
    limits: Limits  # SMS replies per sender, wrong passwords, messages answered
    insight: Insight  # the usage counts


def line_of(app: Flask) -> Line:
    return app.extensions[EXTENSION]
