"""Fail closed: in production (gunicorn) the line refuses to start without its secrets."""
import logging
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlencode
from pathlib import Path

import pytest
from twilio.request_validator import RequestValidator

from conftest import write_pack
from ivr import create_app
from ivr.config import SettingsError
from ivr.health import wait_until_healthy

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def test_production_without_a_token_refuses_to_start():
    with pytest.raises(SettingsError, match="TWILIO_AUTH_TOKEN is not set.*ALLOW_UNSIGNED_REQUESTS=1"):
        create_app({"PRODUCTION": True, "SECRET_KEY": "x" * 32})


def test_production_without_a_secret_key_refuses_to_start():
    with pytest.raises(SettingsError, match="SECRET_KEY is not set"):
        create_app({"PRODUCTION": True, "TWILIO_AUTH_TOKEN": "token"})


def test_production_unsigned_only_on_purpose():
    app = create_app({"PRODUCTION": True, "ALLOW_UNSIGNED_REQUESTS": True, "SECRET_KEY": "x" * 32})
    assert app.test_client().post("/sms", data={"Body": "1"}).status_code == 200


def test_development_with_a_token_checks_signatures_like_production():
    client = create_app({"TESTING": True, "TWILIO_AUTH_TOKEN": "token"}).test_client()
    assert client.post("/sms", data={"Body": "1"}).status_code == 403


@pytest.mark.parametrize("setting, value", [("TRUSTED_PROXY_HOPS", "two"), ("TRUSTED_PROXY_HOPS", "6"),
                                            ("PUBLIC_BASE_URL", "line.example.org"),
                                            ("SMS_RATE_LIMIT", "lots"), ("EMERGENCY_NUMBER", "9-1-1"),
                                            ("INSIGHT_RETENTION_DAYS", "0"), ("INSIGHT_RETENTION_DAYS", "ten")])
def test_a_wrong_setting_stops_start_up_and_names_it(setting, value):
    with pytest.raises(SettingsError, match=setting):
        create_app({"TESTING": True, setting: value})


def run_gunicorn(env, port):
    env = {"PATH": os.environ.get("PATH", ""), "SERVER_SOFTWARE": "", **env}
    return subprocess.Popen([str(GUNICORN), "--bind", f"127.0.0.1:{port}", "--workers", "1", "app:app"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_gunicorn_without_a_token_exits_and_says_why():
    server = run_gunicorn({}, 5291)
    try:
        output, _ = server.communicate(timeout=60)
    finally:
        server.kill()
    assert server.returncode != 0
    assert "The line cannot start." in output
    assert "TWILIO_AUTH_TOKEN is not set" in output


def test_a_broken_pack_stops_make_serve_with_the_problem_as_its_last_lines(tmp_path):
    broken = write_pack(tmp_path, (ROOT / "content" / "naltrexone.toml").read_text().replace('key = "1"', 'key = "9"', 1),
                        "broken.toml")
    env = {"PATH": os.environ.get("PATH", ""), "TWILIO_AUTH_TOKEN": "token", "SECRET_KEY": "k" * 32,
           "CONTENT_PATH": str(broken), "BIND": "127.0.0.1:5295"}
    server = subprocess.run([str(GUNICORN), "--config", "gunicorn.conf.py", "app:app"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert server.returncode != 0
    last = server.stderr.rstrip().splitlines()[-3:]
    assert last == ["The line cannot start.", f"{broken}: 1 problem(s):",
                    "  - topic dose: menu key '9' must be one of 1, 2, 3, 4, 5, 6, 7 (0, 8, 9, * and # are kept "
                    "for the menu, the other language, the emergency message, repeat and goodbye)"]
    assert "Traceback" not in server.stderr and "Booting worker" not in server.stderr


def test_gunicorn_with_its_secrets_serves_signed_requests_only():
    server = run_gunicorn({"TWILIO_AUTH_TOKEN": "token", "SECRET_KEY": "k" * 32}, 5292)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(urllib.request.Request("http://127.0.0.1:5292/sms", data=b"Body=1"), timeout=2)
            except urllib.error.HTTPError as error:
                assert error.code == 403
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not answer")
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=30)


def test_healthz_names_the_pack_and_nothing_secret():
    app = create_app({"TESTING": True, "TWILIO_AUTH_TOKEN": "very-secret-token", "SECRET_KEY": "also-secret"})
    response = app.test_client().get("/healthz")  # load balancers do not sign their requests
    assert response.status_code == 200
    assert response.json == {"status": "ok", "rate_limit_store": "ok", "content_pack": "naltrexone", "content_version": "2026-11-26",
                             "languages": ["en", "es"]}
    assert b"secret" not in response.data


def test_make_serve_settings_log_what_each_request_came_to_and_no_number_or_words():
    env = {"PATH": os.environ.get("PATH", ""), "TWILIO_AUTH_TOKEN": "token", "SECRET_KEY": "k" * 32,
           "ALLOW_UNSIGNED_REQUESTS": "", "PORT": "5294", "WEB_CONCURRENCY": "1"}
    server = subprocess.Popen([str(GUNICORN), "--config", "gunicorn.conf.py", "app:app"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    validator = RequestValidator("token")

    def post(path, form, signed=True):
        url = "http://127.0.0.1:5294" + path
        headers = {"X-Twilio-Signature": validator.compute_signature(url, form)} if signed else {}
        request = urllib.request.Request(url, data=urlencode(form).encode(), headers=headers)
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.read().decode()

    try:
        assert wait_until_healthy("http://127.0.0.1:5294", server)
        sms = post("/sms", {"From": "+15555550111", "Body": "how much do i take"})
        assert "a 50 mg pill each day" in sms
        post("/voice/key?lang=en&at=menu&misses=0", {"From": "+15555550111", "Digits": "2"})
        with pytest.raises(urllib.error.HTTPError):  # unsigned: 403
            post("/voice/key?lang=en&at=menu&misses=0", {"From": "+15555550111", "Digits": "1"}, signed=False)
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert "Booting worker" in output and output.count("Booting worker") == 1
    assert '"GET /healthz" 200' in output
    # One line per webhook request: the access line ends with what it came to.
    assert re.search(r'"POST /sms" 200 \d+ \d+ms sms intent=topic topic=dose lang=en\n', output)
    assert re.search(r'"POST /voice/key" 200 \d+ \d+ms voice step=topic topic=working\n', output)
    assert re.search(r'"POST /voice/key" 403 \d+ \d+ms -\n', output)
    assert output.count("intent=topic") == 1  # not also a log line of its own
    assert "misses=0" not in output and "5555550111" not in output and "how much" not in output


def test_loading_the_line_leaves_the_root_logger_alone_so_no_line_is_logged_twice():
    # A library that configures the root logger on import makes every ivr log line print twice.
    code = "import logging, app; root = logging.getLogger(); print(len(root.handlers), root.level)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={"PATH": os.environ.get("PATH", ""), "LOG_LEVEL": "ERROR"})
    assert result.stdout.split() == ["0", str(logging.WARNING)]
