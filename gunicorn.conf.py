"""gunicorn settings for `make serve` (production). Every value can be overridden from the environment."""
# gevent replaces the standard library's blocking calls; it must do so before the app
# (loaded below, in this process) imports them.
import gevent
from gevent import monkey

monkey.patch_all()

import io  # noqa: E402
import logging  # noqa: E402
import resource  # noqa: E402

from ivr.config import MAX_REQUEST_BYTES  # noqa: E402
from ivr.once_a_minute import OnceAMinute  # noqa: E402
from serve import checked_server_settings  # noqa: E402

# BIND (or PORT) and WEB_CONCURRENCY, read and checked in serve.py: a wrong one stops the line with how to fix it.
bind, workers = checked_server_settings()
# gevent workers: a slow or stalled client (or a slow Redis) holds one greenlet, not the
# whole worker, so a few hundred slow sockets cannot keep a crisis text waiting. A sync
# worker reads one request at a time, and 40 trickling sockets silenced the line.
worker_class = "gevent"
# Open connections per worker, slow ones included. A waiting connection costs the worker a few
# kilobytes, so each holds ten thousand, more than any one client's connections that keep every
# deadline should fill (tests/attacks: 5,000). Many more than that from the world need a proxy
# in front (docs/reliability.md).
worker_connections = 10000
# Each connection is a file: let the workers open as many as the system allows them.
_files, _most_files = resource.getrlimit(resource.RLIMIT_NOFILE)
_wanted = 1 << 20 if _most_files == resource.RLIM_INFINITY else min(_most_files, 1 << 20)
if _wanted > _files:
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (_wanted, _most_files))
    except (ValueError, OSError):
        pass  # the system's limit stands: fewer connections a worker, never a failed start
# The app is loaded once, here, before the workers fork: they share its memory, and a wrong
# setting or content pack stops gunicorn with the line's own message as its last lines.
# A new content pack or code then needs a restart, not a HUP.
preload_app = True
# Twilio gives up after 15 s; a worker stuck longer than this is restarted.
timeout = 20
graceful_timeout = 30  # on restart or deploy, finish the requests in flight
# Seconds a connection may take to send a request's headers, and to stay open idle between
# requests: a socket that opens and says nothing gives its place back soon.
keepalive = 2
# Seconds a request may take to send its body (pre_request below). Twilio sends a few
# kilobytes at once; a client that announces a body and trickles it, or never sends it,
# is disconnected, so thousands of them cannot fill every connection slot.
BODY_SECONDS = 3
# Access log without the client's address, the query string (%(U)s is the path only) or
# the body, so no phone number, message or address can reach it; %(M)s is the time taken
# in milliseconds; last, what the request came to (ivr/web/outcome.py: "sms intent=topic topic=dose lang=en").
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms %({ivr.web.outcome}e)s'
# Refused requests (403, 4xx, unsigned fallbacks, rate-limited texts) are summed up in one
# line a minute, not a line each, so that a flood cannot fill the disk.
logger_class = "ivr.web.access_log.AccessLog"
errorlog = "-"


def pre_fork(server, worker):
    """Keep the loaded app's objects out of the garbage collector's view, so a worker's
    collections do not copy the memory pages it shares with the master."""
    import gc

    gc.freeze()


_body_log = logging.getLogger("gunicorn.error")
_slow_bodies = OnceAMinute()


def pre_request(worker, req):
    """Read the request's body before the app sees it, within BODY_SECONDS; a client that is
    too slow is disconnected (StopIteration closes the connection with no reply), and the
    log says so at most once a minute."""
    try:
        with gevent.Timeout(BODY_SECONDS):
            body = req.body.read(MAX_REQUEST_BYTES + 1)
    except gevent.Timeout:
        if _slow_bodies.due():
            _body_log.warning("a client took over %s s to send a request body: disconnected (said once a minute)",
                              BODY_SECONDS)
        raise StopIteration from None
    if len(body) > MAX_REQUEST_BYTES:
        req.must_close = True  # the rest of that body is still on the connection
    req.body = io.BytesIO(body)


def post_request(worker, req, environ, resp):
    """Let the worker's other connections run after each reply: gunicorn reads the next
    request on a kept-alive connection without yielding, so one busy client could keep a
    crisis text on another connection waiting (tests/test_slow_clients.py)."""
    gevent.sleep(0)
