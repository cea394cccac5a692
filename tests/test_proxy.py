"""deploy/nginx.conf in front of `make serve`: one address's thousands of connections are
refused at the proxy, and crisis texts from elsewhere are answered; the line gets the
X-Forwarded-* headers nginx sets, never one a client chose.

Debian's nginx (.ci/run installs it) runs the shipped file, with a loopback port for TLS
and the line's port filled in; the attackers connect from 127.0.0.2, Twilio from 127.0.0.1.
"""
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from conftest import ROOT, free_port
from test_slow_clients import all_answered_in_time, crisis_texts_during

ATTACKER = "127.0.0.2"


@pytest.fixture
def nginx():
    """A function that starts nginx with deploy/nginx.conf in front of a port; stopped at the end."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Debian's nginx is not installed in CI: .ci/run installs it")
        pytest.skip("no nginx (apt-get install nginx-light; .ci/run does it)")
    started = []

    def start(line_port: int) -> int:
        """nginx in front of line_port; its port. start.error_log() is what it has logged since."""
        folder = Path(tempfile.mkdtemp(prefix="nginx-"))
        folder.chmod(0o777)  # its workers may run as another user
        port = free_port()
        config = (ROOT / "deploy" / "nginx.conf").read_text()
        config = config.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{line_port};")
        config = config.replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
        config = "\n".join(line for line in config.splitlines() if "ssl_certificate" not in line)
        (folder / "nginx.conf").write_text(config)
        process = subprocess.Popen(
            [binary, "-p", str(folder), "-c", str(folder / "nginx.conf"),
             "-g", f"daemon off; pid {folder}/nginx.pid; error_log {folder}/error.log warn;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        started.append((process, folder))
        start.error_log = lambda: (folder / "error.log").read_text()
        for _ in range(100):
            try:
                with socket_to(port):
                    return port
            except OSError:
                if process.poll() is not None:
                    pytest.fail("nginx did not start: " + process.stderr.read())
                time.sleep(0.05)
        pytest.fail("nginx did not start listening")

    yield start
    for process, folder in started:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def socket_to(port: int, source: str = "127.0.0.1"):
    import socket
    return socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0))


def flood(port: int, count: int, stop: threading.Event) -> list[int]:
    """From ATTACKER: `count` kept-alive connections, each sending a GET every 4 s, opened again
    when closed. Returns [the requests and connections the proxy refused (429, 503) or closed]."""
    refused = [0]

    def run():
        sockets = []
        while not stop.is_set():
            while len(sockets) < count and not stop.is_set():
                try:
                    connection = socket_to(port, ATTACKER)
                except OSError:
                    refused[0] += 1
                    break
                connection.setblocking(False)
                sockets.append(connection)
            for connection in list(sockets):
                try:
                    try:
                        answer = connection.recv(65536)  # the answer to the last round's request
                        refused[0] += answer.count(b" 503 ") + answer.count(b" 429 ") + (answer == b"")
                        if answer == b"":
                            raise ConnectionError
                    except BlockingIOError:
                        pass
                    connection.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                except OSError:
                    sockets.remove(connection)
                    connection.close()
            stop.wait(4)
        for connection in sockets:
            connection.close()

    threading.Thread(target=run, daemon=True).start()
    return refused


def test_behind_nginx_5000_connections_from_one_address_cannot_keep_a_crisis_text_waiting(serve_line, nginx, show):
    line = serve_line(TRUSTED_PROXY_HOPS="1", WEB_CONCURRENCY="2")
    port = nginx(line.port)
    results, refused = crisis_texts_during(lambda stop: flood(port, 5000, stop), port, 8, warm_up=4)
    latencies = all_answered_in_time(results)
    show(f"behind nginx, 8 crisis texts while 5,000 connections from one address send a GET every 4 s "
         f"({refused[0]} refused or closed by nginx): p50 {statistics.median(latencies) * 1000:.0f} ms, "
         f"max {latencies[-1] * 1000:.0f} ms")
    assert refused[0] > 4000  # nginx passed that address's requests on at 10 a second at most
    errors = nginx.error_log().splitlines()
    show(f"behind nginx, that flood wrote {len(errors):,} lines to nginx's error log")
    assert len(errors) < 10, errors[:10]  # refusals are not logged one by one (limit_req_log_level)


def test_nginx_passes_on_the_forwarded_headers_it_sets_and_none_the_client_chose(nginx):
    """What reaches the line through deploy/nginx.conf. The line cannot show which headers it was given,
    so a recorder stands in for it here; tests/test_signature.py shows what the line does with them."""
    received = []

    class Recorder(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(dict(self.headers))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *arguments):
            pass

    upstream = HTTPServer(("127.0.0.1", 0), Recorder)
    serving = threading.Thread(target=upstream.serve_forever)
    serving.start()
    try:
        port = nginx(upstream.server_port)
        forged = {"X-Forwarded-Prefix": "/other", "X-Forwarded-For": "192.0.2.9", "X-Forwarded-Proto": "https",
                  "X-Forwarded-Host": "other.example.org", "X-Forwarded-Port": "8443", "Host": "line.example.org"}
        request = urllib.request.Request(f"http://127.0.0.1:{port}/sms", data=b"Body=dose", headers=forged)
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 204
    finally:
        upstream.shutdown()
        serving.join()
        upstream.server_close()
    forwarded = {name: value for name, value in received[0].items() if name.startswith("X-Forwarded-")}
    assert forwarded == {"X-Forwarded-For": "127.0.0.1", "X-Forwarded-Proto": "http",
                         "X-Forwarded-Host": "line.example.org", "X-Forwarded-Port": str(port)}
