"""The container image as a team would run it: podman with a token, a published port and
instance/ on a volume. Run by `make image-test`, which builds the image first."""
import os
import secrets
import sqlite3
import subprocess
import urllib.request
from urllib.parse import urlencode

import pytest
from twilio.request_validator import RequestValidator

from conftest import free_port, wait_until_healthy
from ivr.stores.insight_store import NOT_STEPS

IMAGE = os.environ.get("IMAGE", "naltrexone-line")
TOKEN = "image-test-token-not-a-real-one"


def podman(*arguments: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(["podman", *arguments], capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def container(tmp_path):
    """The image running as the line: its name, its port on loopback, and the host folder that is its instance/."""
    port = free_port()
    instance = tmp_path / "instance"
    instance.mkdir()
    name = f"line-image-test-{port}"
    started = podman("run", "--detach", "--name", name, "--publish", f"127.0.0.1:{port}:8000",
                     "--volume", f"{instance}:/app/instance:U", "--env", f"TWILIO_AUTH_TOKEN={TOKEN}",
                     "--env", "SECRET_KEY=" + "s" * 32, "--env", f"PUBLIC_BASE_URL=http://127.0.0.1:{port}",
                     "--env", "WEB_CONCURRENCY=2", IMAGE)
    assert started.returncode == 0, started.stderr
    try:
        if not wait_until_healthy(f"http://127.0.0.1:{port}", seconds=180):
            pytest.fail("the container did not answer /healthz:\n" + podman("logs", name).stderr[-3000:])
        yield name, port, instance
    finally:
        podman("rm", "--force", name)


def text(port: int, body: str) -> str:
    url = f"http://127.0.0.1:{port}/sms"
    form = {"From": "+15555550160", "To": "+15555550199", "Body": body, "MessageSid": "SM" + secrets.token_hex(16)}
    signature = RequestValidator(TOKEN).compute_signature(url, form)
    request = urllib.request.Request(url, data=urlencode(form).encode(), headers={"X-Twilio-Signature": signature})
    with urllib.request.urlopen(request, timeout=20) as response:
        return response.read().decode()


def test_the_image_answers_as_the_line_and_keeps_its_counts(container):
    name, port, instance = container
    assert "<Message>Naltrexone is started after 5 to 7 days" in text(port, "how much do I take")
    assert "<Message>Call 911 now if someone may be overdosing" in text(port, "my friend is not breathing")
    unsigned = urllib.request.Request(f"http://127.0.0.1:{port}/sms", data=b"Body=dose")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(unsigned, timeout=20)
    assert refused.value.code == 403
    health = podman("healthcheck", "run", name)
    assert health.returncode == 0, health.stdout + health.stderr
    users = podman("top", name, "user", "args").stdout.splitlines()[1:]
    assert users and all(line.split()[0] in ("line", "10001") for line in users), users
    # A graceful stop writes the counts into the volume.
    stopped = podman("stop", "--time", "35", name, timeout=60)
    assert stopped.returncode == 0, stopped.stderr
    with sqlite3.connect(instance / "insight.db") as database:
        steps = f"SELECT sum(count) FROM counts WHERE kind NOT IN ({','.join('?' * len(NOT_STEPS))})"
        assert database.execute(steps, NOT_STEPS).fetchone()[0] == 2  # the two texts
