"""Fail closed: in production (gunicorn) the line refuses to start without its secrets."""
import logging
import os
import re
import subprocess
import sys
import urllib.request
from urllib.parse import urlencode

import pytest
from twilio.request_validator import RequestValidator

from conftest import ROOT, SERVED_TOKEN, Served, write_pack
from ivr import create_app
from ivr.config import SettingsError
from serve import ServerSettingError, default_workers, server_settings


def test_production_without_a_token_refuses_to_start():
    with pytest.raises(SettingsError, match="TWILIO_AUTH_TOKEN is not set.*ALLOW_UNSIGNED_REQUESTS=1"):
        create_app({"PRODUCTION": True, "SECRET_KEY": "x" * 32})


def test_production_without_a_secret_key_refuses_to_start():
    with pytest.raises(SettingsError, match="SECRET_KEY is not set"):
        create_app({"PRODUCTION": True, "TWILIO_AUTH_TOKEN": "token"})


def test_production_unsigned_only_on_purpose(make_app):
    app = make_app({"PRODUCTION": True, "ALLOW_UNSIGNED_REQUESTS": True, "SECRET_KEY": "x" * 32})
    assert app.test_client().post("/sms", data={"Body": "1"}).status_code == 200


def test_development_with_a_token_checks_signatures_like_production(make_app):
    client = make_app({"TESTING": True, "TWILIO_AUTH_TOKEN": "token"}).test_client()
    assert client.post("/sms", data={"Body": "1"}).status_code == 403


@pytest.mark.parametrize("setting, value", [("TRUSTED_PROXY_HOPS", "two"), ("TRUSTED_PROXY_HOPS", "6"),
                                            ("PUBLIC_BASE_URL", "line.example.org"),
                                            ("SMS_RATE_LIMIT", "lots"), ("EMERGENCY_NUMBER", "9-1-1"),
                                            ("INSIGHT_RETENTION_DAYS", "0"), ("INSIGHT_RETENTION_DAYS", "ten"),
                                            ("REPORT_TIMEZONE", "Mars/Olympus"), ("REPORT_TIMEZONE", ""),
                                            ("DATABASE_URL", "sqlite:///:memory:"), ("DATABASE_URL", "sqlite://")])
def test_a_wrong_setting_stops_start_up_and_names_it(setting, value):
    with pytest.raises(SettingsError, match=setting):
        create_app({"TESTING": True, setting: value})


@pytest.mark.parametrize("uri", ["redis://:hunter2@127.0.0.1:notaport", "redis://:hunter2@[::1",
                                 "redis://:hunter2@127.0.0.1:70000", "rediss://:hunter2@redis?socket_timeout=soon",
                                 "redis+unix://:hunter2@/run/redis.sock?db=first"])
def test_a_redis_url_its_client_cannot_read_stops_start_up_without_the_password(uri):
    with pytest.raises(SettingsError) as raised:
        create_app({"TESTING": True, "RATELIMIT_STORAGE_URI": uri})
    assert str(raised.value) == ("RATELIMIT_STORAGE_URI is not a Redis URL its client can read: check its port, host "
                                 "and options; it must look like redis://:password@redis.internal:6379/0")


def test_the_server_settings_and_their_defaults():
    assert server_settings({}) == ("0.0.0.0:8000", default_workers())
    assert server_settings({"PORT": "5000", "WEB_CONCURRENCY": "64"}) == ("0.0.0.0:5000", 64)
    for bind in ("127.0.0.1:8000", "[::1]:8000", "line.internal:65535", "unix:/run/line.sock", "fd://3"):
        assert server_settings({"BIND": bind, "PORT": "not used"}) == (bind, default_workers())


@pytest.mark.parametrize("setting, value", [
    ("WEB_CONCURRENCY", "abc"), ("WEB_CONCURRENCY", "²"), ("WEB_CONCURRENCY", "2 "), ("WEB_CONCURRENCY", ""),
    ("WEB_CONCURRENCY", "0"), ("WEB_CONCURRENCY", "65"), ("WEB_CONCURRENCY", "1e3"),
    ("PORT", "99999"), ("PORT", "-1"), ("PORT", "0"), ("PORT", " 8000"), ("PORT", "٨٠٠٠"),
    ("BIND", "127.0.0.1:99999"), ("BIND", "127.0.0.1:http"), ("BIND", "127.0.0.1: 8000"), ("BIND", "127.0.0.1"),
    ("BIND", "")])
def test_a_wrong_server_setting_is_refused_with_its_name_and_value(setting, value):
    with pytest.raises(ServerSettingError, match=f"^{setting} must be .*; got {re.escape(repr(value))}$"):
        server_settings({setting: value})


@pytest.mark.parametrize("setting, value, says", [
    ("WEB_CONCURRENCY", "abc", "WEB_CONCURRENCY must be a number of worker processes from 1 to 64; got 'abc'"),
    ("WEB_CONCURRENCY", "²", "WEB_CONCURRENCY must be a number of worker processes from 1 to 64; got '²'"),
    ("WEB_CONCURRENCY", "2 ", "WEB_CONCURRENCY must be a number of worker processes from 1 to 64; got '2 '"),
    ("WEB_CONCURRENCY", "0", "WEB_CONCURRENCY must be a number of worker processes from 1 to 64; got '0'"),
    ("PORT", "99999", "PORT must be a port number from 1 to 65535; got '99999'"),
    ("PORT", "-1", "PORT must be a port number from 1 to 65535; got '-1'"),
])
def test_a_wrong_server_setting_stops_make_serve_before_gunicorn_reads_it(setting, value, says):
    # gunicorn itself would stop with a traceback (WEB_CONCURRENCY as it is imported, a port once the line has
    # loaded) or, for "2 ", start its default number of workers: serve.py says what to fix, in a tenth of a second.
    served = Served({"BIND": None, setting: value})
    output = served.exited()
    assert served.process.returncode == 4
    assert output.splitlines() == ["The line cannot start.", says]


@pytest.mark.slow
def test_gunicorn_without_a_token_exits_and_says_why():
    served = Served({"TWILIO_AUTH_TOKEN": None})
    output = served.exited()
    assert served.process.returncode != 0
    assert "The line cannot start." in output
    assert "TWILIO_AUTH_TOKEN is not set" in output
    assert "Booting worker" not in output


@pytest.mark.slow
@pytest.mark.parametrize("setting, value, says", [
    ("DATABASE_URL", "postgresql+psycopg2://line:secret@127.0.0.1/line", "a database driver this line does not have "
                                                                          "(postgresql+psycopg2)"),
    ("DATABASE_URL", "postgresql://line:secret@127.0.0.1:abc/line", "DATABASE_URL is not a database URL"),
    ("DATABASE_URL", "postgresql+nodriver://line:secret@127.0.0.1/line", "(postgresql+nodriver)"),
    ("RATELIMIT_STORAGE_URI", "redis://:secret@127.0.0.1:notaport", "RATELIMIT_STORAGE_URI is not a Redis URL"),
])
def test_a_wrong_setting_stops_make_serve_with_how_to_fix_it_and_exit_4(setting, value, says):
    served = Served({setting: value})
    output = served.exited()
    assert served.process.returncode == 4, output[-2000:]
    assert output.rstrip().splitlines()[-2] == "The line cannot start."
    assert says in output.rstrip().splitlines()[-1]
    assert "Traceback" not in output and "Booting worker" not in output and "secret" not in output


@pytest.mark.slow
def test_a_broken_pack_stops_make_serve_with_the_problem_as_its_last_lines(tmp_path):
    broken = write_pack(tmp_path, (ROOT / "content" / "naltrexone.toml").read_text().replace('key = "1"', 'key = "9"', 1),
                        "broken.toml")
    served = Served({"CONTENT_PATH": str(broken)})
    output = served.exited()
    assert served.process.returncode != 0
    assert output.rstrip().splitlines()[-3:] == [
        "The line cannot start.", f"{broken}: 1 problem(s):",
        "  - topic dose: menu key '9' must be one of 1, 2, 3, 4, 5, 6: the topics are numbered from 1 in the SMS "
        "menu (by voice, 0, 8, 9, * and # are kept for the menu, the other language, the emergency message, repeat "
        "and goodbye)"]
    assert "Traceback" not in output and "Booting worker" not in output


def test_healthz_names_the_pack_and_nothing_secret(make_app):
    app = make_app({"TESTING": True, "TWILIO_AUTH_TOKEN": "very-secret-token", "SECRET_KEY": "also-secret"})
    response = app.test_client().get("/healthz")  # load balancers do not sign their requests
    assert response.status_code == 200
    assert response.json == {"status": "ok", "rate_limit_store": "ok", "database": "ok", "content_pack": "naltrexone",
                             "content_version": "2026-12-01", "languages": ["en", "es"]}
    assert b"secret" not in response.data


def test_make_serve_settings_log_what_each_request_came_to_and_no_number_or_words(serve_line):
    served = serve_line(WEB_CONCURRENCY="1")
    validator = RequestValidator(SERVED_TOKEN)

    def post(path, form, signed=True):
        url = served.url + path
        headers = {"X-Twilio-Signature": validator.compute_signature(url, form)} if signed else {}
        request = urllib.request.Request(url, data=urlencode(form).encode(), headers=headers)
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.read().decode()

    assert "a 50 mg pill a day" in post("/sms", {"From": "+15555550111", "Body": "how much do i take"})
    post("/voice/key?lang=en&at=menu&misses=0", {"From": "+15555550111", "Digits": "2"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        post("/voice/key?lang=en&at=menu&misses=0", {"From": "+15555550111", "Digits": "1"}, signed=False)
    assert refused.value.code == 403
    output = served.stop()
    assert "Booting worker" in output and output.count("Booting worker") == 1
    assert '"GET /healthz" 200' in output
    # One line per webhook request: the access line ends with what it came to.
    assert re.search(r'"POST /sms" 200 \d+ \d+ms sms intent=topic topic=dose lang=en\n', output)
    assert re.search(r'"POST /voice/key" 200 \d+ \d+ms voice step=topic topic=too_soon\n', output)
    assert re.search(r'"POST /voice/key" 403 \d+ \d+ms refused: missing signature\n', output)
    assert output.count("intent=topic") == 1  # not also a log line of its own
    assert "misses=0" not in output and "5555550111" not in output and "how much" not in output


@pytest.mark.slow
def test_loading_the_line_leaves_the_root_logger_alone_so_no_line_is_logged_twice():
    # A library that configures the root logger on import makes every ivr log line print twice.
    code = "import logging, app; root = logging.getLogger(); print(len(root.handlers), root.level)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={"PATH": os.environ.get("PATH", ""), "LOG_LEVEL": "ERROR"})
    assert result.stdout.split() == ["0", str(logging.WARNING)]


def test_a_pack_with_the_sample_operator_starts_but_says_so(caplog, make_app):
    with caplog.at_level(logging.WARNING):
        make_app({"TESTING": True})
    assert "The content pack's [pack] operator is still the sample" in caplog.text
