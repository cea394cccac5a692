"""gunicorn's log (gunicorn.conf.py's logger_class): one access line per answered request,
and refused ones summed up once a minute, so that a flood of them cannot fill the disk.

Refused: any 4xx (a bad or missing signature, a wrong password, a path that does not
exist, a body too large), and what the app marked refused while answering 200 (an
unsigned fallback, a rate-limited or replayed text: ivr/web/outcome.py). The first refused
request of a minute keeps its access line, so a broken set-up shows at once; the others
are counted by kind, and each worker says them in one access line a minute, and when it
exits:

    1,233 refused requests in the last minute, not logged one by one: 1,200 "POST /sms" 403
    missing signature; 30 "POST /fallback/sms" 200 missing signature; 3 404 Not Found

A kind names the path only when the app marked it, so it is one of the line's own routes:
the path of a 404 is whatever a stranger sent, and is not kept.
"""
from http import HTTPStatus

from gunicorn.glogging import Logger

from ivr.once_a_minute import OnceAMinute, Tally
from ivr.web.outcome import REFUSED_KEY

# gunicorn's warning for a request it cannot parse (400): the client's address and a line each.
MALFORMED = "Invalid request from ip="


class AccessLog(Logger):
    def __init__(self, cfg):
        super().__init__(cfg)
        self.refused = Tally(self.access_log.info, "refused requests")
        self.malformed = OnceAMinute()

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        kind = refusal(getattr(resp, "status_code", None), environ)  # set once the response has started
        if kind is None or self.refused.add(kind):
            super().access(resp, req, environ, request_time)

    def warning(self, msg, *args, **kwargs):
        if isinstance(msg, str) and msg.startswith(MALFORMED):  # its 400 is summed up with the others
            if self.malformed.due():
                super().warning("a request that is not valid HTTP was refused (400); said once a minute, "
                                "without the client's address")
            return
        super().warning(msg, *args, **kwargs)


def refusal(code: int | None, environ: dict) -> str | None:
    """The kind of refusal a response is (gunicorn's status code; None when it could not read
    one), as the summary counts it; None when it was answered."""
    if code is None:
        return None
    reason = environ.get(REFUSED_KEY)
    if reason:
        return f'"{environ.get("REQUEST_METHOD")} {environ.get("PATH_INFO")}" {code} {reason}'
    if 400 <= code < 500:
        try:
            return f"{code} {HTTPStatus(code).phrase}"
        except ValueError:
            return str(code)
    return None
