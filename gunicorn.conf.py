"""gunicorn settings for `make serve` (production). Every value can be overridden from the environment."""
import logging
import multiprocessing
import os

bind = os.environ.get("BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Sync workers: each request is short CPU work with no I/O to wait on.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Twilio gives up after 15 s; a worker stuck longer than this is restarted.
timeout = 20
graceful_timeout = 30  # on restart or deploy, finish the requests in flight
keepalive = 5
# Access log without query strings (%(U)s is the path only) and without the body, so no
# phone number or message can reach it; %(M)s is the time taken in milliseconds; last,
# what the request came to (ivr/outcome.py: "sms intent=topic topic=dose lang=en").
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms %({ivr.outcome}e)s'
errorlog = "-"


# Cheaper log records in every worker (the logging HOWTO's "Optimization" list): no caller
# lookup, no thread names (gunicorn logs process ids); each request logs a line, and these cost more than it.
logging._srcfile = None
logging.logThreads = False
logging.logMultiprocessing = False


def post_worker_init(worker):
    """The app is loaded: move its objects (content pack, matchers) out of the garbage
    collector's view, so its collections only walk what requests allocate."""
    import gc

    gc.freeze()
