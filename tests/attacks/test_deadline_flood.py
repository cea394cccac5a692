"""Connections that obey every deadline cannot silence the line: 5,000 kept-alive connections,
from one address or thirty, each sending a request's headers and body just inside their
deadlines (or a GET every 1.8 s), again and again, while 30 signed crisis texts come one a
second on new connections. Each crisis text is answered within Twilio's 15 s.

The attacker is one process, pinned to one core when `taskset` is there, on loopback. The
line runs as `make serve` runs it, with its default workers. Run by `make test-attacks`.
"""
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_proxy import nginx  # noqa: F401 - the fixture
from test_slow_clients import all_answered_in_time, send_texts

ATTACK = Path(__file__).with_name("deadline_flood.py")
CONNECTIONS = 5000
CRISIS_TEXTS = 30


def flooded(port: int, *options: str) -> tuple[list[tuple[float, str]], str]:
    """30 crisis texts, one a second, to `port` while the attack runs against it; the replies,
    and what the attacker saw."""
    pin = ["taskset", "-c", "1"] if shutil.which("taskset") else []
    attacker = subprocess.Popen([*pin, sys.executable, str(ATTACK), str(port), str(CONNECTIONS), *options],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        time.sleep(8)  # every connection is open and has been through its deadlines at least once
        assert attacker.poll() is None, attacker.stdout.read()
        results = send_texts(port, ["my friend is not breathing"] * CRISIS_TEXTS, every=1.0)
    finally:
        attacker.send_signal(signal.SIGTERM)
        seen = attacker.communicate(timeout=30)[0].strip()
    return results, seen


@pytest.mark.parametrize("options", [(), ("--get",), ("--sources", "30"), ("--get", "--sources", "30")],
                         ids=["posts-one-address", "gets-one-address", "posts-30-addresses", "gets-30-addresses"])
def test_5000_connections_inside_every_deadline_cannot_keep_a_crisis_text_waiting(serve_line, show, options):
    line = serve_line()
    results, seen = flooded(line.port, *options)
    latencies = all_answered_in_time(results)
    show(f"{CRISIS_TEXTS} crisis texts while {CONNECTIONS:,} connections {' '.join(options) or 'posts'} inside "
         f"every deadline ({seen}): p50 {statistics.median(latencies) * 1000:.0f} ms, "
         f"max {latencies[-1] * 1000:.0f} ms")
    assert len(results) == CRISIS_TEXTS


def test_behind_nginx_the_same(serve_line, nginx, show):  # noqa: F811
    line = serve_line(TRUSTED_PROXY_HOPS="1")
    results, seen = flooded(nginx(line.port), "--sources", "30")
    latencies = all_answered_in_time(results)
    show(f"behind nginx, {CRISIS_TEXTS} crisis texts while {CONNECTIONS:,} connections from 30 addresses post "
         f"inside every deadline ({seen}): p50 {statistics.median(latencies) * 1000:.0f} ms, "
         f"max {latencies[-1] * 1000:.0f} ms")
    assert len(results) == CRISIS_TEXTS
