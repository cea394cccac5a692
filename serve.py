"""Production start (`make serve`, the container image): check the server's settings, then run
gunicorn with gunicorn.conf.py in this process.

gunicorn reads WEB_CONCURRENCY as it is imported, before any settings file, and stops with a
traceback when it is not a number; a port out of range fails the same way once the line has
loaded. So the settings the server itself reads (WEB_CONCURRENCY, PORT, BIND) are checked
here first, with the standard library only: the line's own modules take seconds to import,
and gevent must patch before they do (gunicorn.conf.py). gunicorn.conf.py reads them through
the same function, so running gunicorn directly checks them too, bar a WEB_CONCURRENCY that is
not a number. Every wrong setting stops the line the same way: cannot_start().
"""
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAX_WORKERS = 64


class ServerSettingError(ValueError):
    """WEB_CONCURRENCY, PORT or BIND is wrong; the message says which and how to fix it."""


def cannot_start(problem) -> None:
    """Stop the line at start-up with the problem to fix, and no traceback to scroll past."""
    print(f"The line cannot start.\n{problem}", file=sys.stderr, flush=True)
    # 4 is gunicorn's "the app cannot load": its master then stops rather than start the worker again.
    sys.exit(4)


def default_workers() -> int:
    """gunicorn's worker processes unless WEB_CONCURRENCY says: 2 a core and one more, at most MAX_WORKERS."""
    return min((os.cpu_count() or 1) * 2 + 1, MAX_WORKERS)


def server_settings(environ=os.environ) -> tuple[str, int]:
    """gunicorn's address (BIND, else 0.0.0.0:PORT, else port 8000) and worker processes (WEB_CONCURRENCY)."""
    if "BIND" in environ:
        bind = environ["BIND"]
        # host:port, [IPv6]:port, or a socket: the forms gunicorn takes, with the port it would fail on checked.
        address = re.fullmatch(r"(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})|unix:\S+|fd://[0-9]+", bind)
        if not address or (address[1] and not 1 <= int(address[1]) <= 65535):
            raise ServerSettingError(f"BIND must be an address and port, such as 127.0.0.1:8000 or [::1]:8000, or "
                                     f"unix:/run/line.sock; got {bind!r}")
    else:
        bind = f"0.0.0.0:{_number(environ, 'PORT', '8000', 1, 65535, 'a port number from 1 to 65535')}"
    workers = _number(environ, "WEB_CONCURRENCY", str(default_workers()), 1, MAX_WORKERS,
                      f"a number of worker processes from 1 to {MAX_WORKERS}")
    return bind, workers


def _number(environ, name: str, default: str, low: int, high: int, what: str) -> int:
    """A setting of digits only (a space or a '²' would be read otherwise, or not at all, by gunicorn)."""
    value = environ.get(name, default)
    if not re.fullmatch(r"[0-9]{1,6}", value) or not low <= int(value) <= high:
        raise ServerSettingError(f"{name} must be {what}; got {value!r}")
    return int(value)


def checked_server_settings() -> tuple[str, int]:
    """server_settings(), or the line stops with how to fix the one that is wrong."""
    try:
        return server_settings()
    except ServerSettingError as problem:
        cannot_start(problem)


if __name__ == "__main__":
    checked_server_settings()
    from gunicorn.app.wsgiapp import run  # only now: gunicorn reads WEB_CONCURRENCY as it is imported

    sys.argv = ["gunicorn", "--config", str(HERE / "gunicorn.conf.py"), "--chdir", str(HERE), "app:app",
                *sys.argv[1:]]
    run()
