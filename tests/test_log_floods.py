"""Logs that a flood cannot fill: refused requests are summed up once a minute, answered ones keep their line."""
import http.client
import re
import secrets
import socket
import time
from base64 import b64encode
from collections import Counter
from urllib.parse import urlencode

from twilio.request_validator import RequestValidator

from conftest import SERVED_TOKEN
from ivr.once_a_minute import Tally

SUMMARY = re.compile(r"([\d,]+) refused requests in the last minute, not logged one by one: (.*)")


def test_a_tally_says_the_first_at_once_and_the_rest_as_one_line_a_minute_later():
    said = []
    tally = Tally(said.append, "refused requests", seconds=0.2)  # a minute, shortened
    assert tally.add("403") is True  # the caller logs this one in full
    counted_at = time.monotonic()
    assert [tally.add(kind) for kind in ["403"] * 1500 + ["404"] * 2] == [False] * 1502
    while not said and time.monotonic() < counted_at + 10:
        time.sleep(0.01)
    assert time.monotonic() - counted_at >= 0.2  # not before the time is up
    assert said == ["1,502 refused requests in the last minute, not logged one by one: 1,500 403; 2 404"]
    tally.flush()
    assert len(said) == 1  # nothing new, nothing said


def summed_up(output: str) -> dict[str, int]:
    """The refused requests a log sums up, by kind, over every summary line in it."""
    counts = Counter()
    for total, kinds in SUMMARY.findall(output):
        line = Counter()
        for part in kinds.split("; "):
            count, kind = part.split(" ", 1)
            line[kind] += int(count.replace(",", ""))
        assert line.total() == int(total.replace(",", ""))  # a line's total is the sum of its kinds
        counts += line
    return dict(counts)


def test_make_serve_sums_up_refused_requests_and_keeps_a_line_for_each_answered_one(serve_line):
    served = serve_line(WEB_CONCURRENCY="1", SMS_RATE_LIMIT="1 per hour", REPORT_PASSWORD="the-right-one")

    def send(method, path, form=None, **headers):
        connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, form and urlencode(form), headers)
        status = connection.getresponse().status
        connection.close()
        return status

    def signed(path, form):
        signature = RequestValidator(SERVED_TOKEN).compute_signature(served.url + path, form)
        return send("POST", path, form, **{"X-Twilio-Signature": signature})

    # A served line remembers the texts it answered in the checkout's instance/answered.db for 10
    # minutes: each run's texts are new ones.
    text = {"From": "+15555550112", "Body": "how much do i take", "MessageSid": "SM" + secrets.token_hex(16)}
    wrong_password = {"Authorization": "Basic " + b64encode(b":a-guess").decode()}
    assert [send("POST", "/sms", text) for _ in range(100)] == [403] * 100
    assert [send("POST", "/sms", text, **{"X-Twilio-Signature": "forged"}) for _ in range(60)] == [403] * 60
    assert [send("POST", "/fallback/sms", text) for _ in range(60)] == [200] * 60
    assert [send("GET", "/nothing-here/5555550112") for _ in range(20)] == [404] * 20
    assert [send("GET", "/report", **wrong_password) for _ in range(6)] == [401] * 5 + [429]
    assert signed("/sms", text) == 200  # answered
    assert signed("/sms", text) == 200  # the same text again: a replay, answered empty
    assert signed("/sms", {**text, "MessageSid": "SM" + secrets.token_hex(16)}) == 200  # past the limit of 1 an hour
    with socket.create_connection(("127.0.0.1", served.port)) as raw:
        raw.sendall(b"NOT HTTP AT ALL\r\n\r\n")  # refused by gunicorn itself (400)
        raw.recv(1000)
    output = served.stop()  # the worker says what it counted as it exits

    # The first refusal has its line, so a broken set-up shows at once; the others are summed up.
    assert re.search(r'^"POST /sms" 403 \d+ \d+ms refused: missing signature$', output, re.M)
    assert summed_up(output) == {'"POST /sms" 403 missing signature': 99, '"POST /sms" 403 bad signature': 60,
                                 '"POST /fallback/sms" 200 missing signature': 60, "404 Not Found": 20,
                                 "401 Unauthorized": 5, "429 Too Many Requests": 1, '"POST /sms" 200 replay': 1,
                                 '"POST /sms" 200 rate limited': 1}
    access_lines = [line for line in output.splitlines() if line.startswith('"')]
    assert len(access_lines) == 3, access_lines  # /healthz (the fixture's), the first refusal, the answer
    assert re.search(r'^"POST /sms" 200 \d+ \d+ms sms intent=topic topic=dose lang=en$', output, re.M)
    assert output.count("not valid HTTP was refused") == 1 and "ip=" not in output
    assert "5555550112" not in output and "how much" not in output and "a-guess" not in output
