"""The /try page in a real headless browser (Playwright driving Debian's Chromium), and its access rules."""
import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from ivr import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def test_try_page_is_open_in_development(client):
    response = client.get("/try")
    assert response.status_code == 200
    assert b"Try the naltrexone line" in response.data
    assert b"http" not in response.data.replace(b"http-equiv", b"")  # nothing from another site: works offline


def test_try_page_is_hidden_in_production_without_a_password():
    app = create_app({"PRODUCTION": True, "TWILIO_AUTH_TOKEN": "t", "SECRET_KEY": "k" * 32})
    assert app.test_client().get("/try").status_code == 404
    assert app.test_client().post("/try/sms", json={"body": "dose"}).status_code == 404


def test_try_page_asks_for_the_password_when_set():
    app = create_app({"PRODUCTION": True, "TWILIO_AUTH_TOKEN": "t", "SECRET_KEY": "k" * 32, "TRY_PAGE_PASSWORD": "pw"})
    client = app.test_client()
    assert client.get("/try").status_code == 401
    assert client.get("/try").headers["WWW-Authenticate"] == 'Basic realm="try the line"'
    assert client.get("/try", auth=("team", "wrong")).status_code == 401
    assert client.get("/try", auth=("team", "pw")).status_code == 200
    # Its requests are signed in-process, so they pass the production signature check.
    reply = client.post("/try/sms", json={"body": "dose"}, auth=("team", "pw")).json
    assert reply["reply"].startswith("Naltrexone is started") and reply["segments"] == 2


def test_try_endpoints_take_json_and_voice_urls_only(client):
    assert client.post("/try/sms", data={"body": "dose"}).status_code == 415
    assert client.post("/try/voice", json={"url": "/sms"}).status_code == 400
    assert client.post("/try/voice", json={"url": "https://example.org/voice"}).status_code == 400


@pytest.fixture
def live_server():
    app = create_app({"TESTING": True})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing in CI: .ci/run installs Debian's chromium package")
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium) for the browser test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


def test_in_a_browser_text_dose_and_press_1(live_server, browser):
    page = browser.new_page()
    page.goto(f"{live_server}/try")
    page.fill("#sms-body", "dose")
    page.click("#sms-send")
    reply = page.locator(".bubble.received").first
    reply.wait_for(timeout=10_000)
    assert reply.inner_text().startswith("Naltrexone is started after 5 to 7 days with no opioids.")
    assert page.locator("#thread .meta").first.inner_text() == "GSM-7 · 257 characters · 2 SMS segment(s)"

    page.uncheck("#speak")
    page.click("#call")
    page.locator(".heard", has_text="For dose and how to take it, press 1.").wait_for(timeout=10_000)
    page.click(".key[data-key='1']")
    answer = page.locator(".heard", has_text="Naltrexone is started after five to seven days")
    answer.wait_for(timeout=10_000)
    assert "fifty milligrams" in answer.inner_text()
    page.click(".key[data-key='#']")
    page.locator(".hint", has_text="The line hung up.").wait_for(timeout=10_000)
    assert page.locator(".heard").last.inner_text().startswith("If you or someone you know is having a medical emergency")
