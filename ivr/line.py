"""What the app builds once for the line, kept under one extension key as Flask extensions do."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import Flask

if TYPE_CHECKING:  # types only: each of these modules reads the line through line_of
    from twilio.request_validator import RequestValidator

    from ivr.content import Pack
    from ivr.insight import Insight
    from ivr.ratelimit import ProcessCounter, SharedCounter
    from ivr.understand import Understander

EXTENSION = "ivr"


@dataclass(eq=False)
class Line:
    pack: Pack
    understander: Understander
    validator: RequestValidator | None = None  # None: signatures are not checked (no TWILIO_AUTH_TOKEN)
    handoff: str | None = None  # where a caller who asks for a person is put through; None: nowhere
    sms_rate_limit: ProcessCounter | SharedCounter | None = None
    sender_hash_key: bytes = b""  # keys the hash the rate limit counts senders by
    insight: Insight | None = None  # the usage counts


def line_of(app: Flask) -> Line:
    return app.extensions[EXTENSION]
