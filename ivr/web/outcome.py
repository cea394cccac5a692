"""One line per webhook request saying what it came to, e.g. "sms intent=topic topic=dose lang=en".

Only the kind of request, the topic and the language: never the number or the words sent.
Under gunicorn the line is the end of the access log line (gunicorn.conf.py reads it from
the WSGI environ): one line per request rather than two. Anywhere else (make run, the
CLI, tests) it is an INFO line from the "ivr.web.outcome" logger.

A request the line refuses (a missing signature, a rate limit) is marked as such: gunicorn's
access log sums those up once a minute instead of a line each (ivr/web/access_log.py).
"""
import logging

from flask import Flask, Response, request

ENVIRON_KEY = "ivr.web.outcome"  # gunicorn.conf.py names it in access_log_format
REFUSED_KEY = "ivr.web.refused"  # why the request was refused; ivr/web/access_log.py reads it
log = logging.getLogger(__name__)


def record(environ: dict, text: str) -> None:
    """Add to this request's outcome line (its WSGI environ)."""
    earlier = environ.get(ENVIRON_KEY)
    environ[ENVIRON_KEY] = f"{earlier}; {text}" if earlier else text


def refused(environ: dict, reason: str) -> None:
    """This request was refused (or answered without counting it), e.g. "missing signature"."""
    environ[REFUSED_KEY] = reason
    record(environ, f"refused: {reason}")


def init_outcome_log(app: Flask) -> None:
    if not app.config["PRODUCTION"]:
        app.after_request(_log_outcome)


def _log_outcome(response: Response) -> Response:
    text = request.environ.get(ENVIRON_KEY)
    if text:
        log.info("%s", text)
    return response
