"""The /try page in a real headless browser (Playwright driving Debian's Chromium), and its access rules."""
import threading

import pytest
from werkzeug.serving import make_server

from conftest import ENGLISH


def spoken(shown: str) -> str:
    """What the page shows as it was said: it keeps "9 1 1" on one line with no-break spaces."""
    return shown.replace("\u00a0", " ")


def test_try_page_is_open_in_development(client):
    response = client.get("/try")
    assert response.status_code == 200
    assert b"Try the naltrexone line" in response.data
    assert b"http" not in response.data.replace(b"http-equiv", b"")  # nothing from another site: works offline


def test_try_page_is_hidden_in_production_without_a_password(make_app):
    app = make_app({"PRODUCTION": True, "TWILIO_AUTH_TOKEN": "t", "SECRET_KEY": "k" * 32})
    assert app.test_client().get("/try").status_code == 404
    assert app.test_client().post("/try/sms", json={"body": "dose"}).status_code == 404


def test_try_page_asks_for_the_password_when_set(make_app):
    app = make_app({"PRODUCTION": True, "TWILIO_AUTH_TOKEN": "t", "SECRET_KEY": "k" * 32, "TRY_PAGE_PASSWORD": "pw"})
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


@pytest.mark.parametrize("endpoint, data", [
    ("/try/sms", {"body": "dose", "tab": "9" * 5000}), ("/try/sms", {"body": "dose", "tab": -1}),
    ("/try/sms", {"body": "dose", "tab": True}), ("/try/sms", {"body": "dose", "lang": ["es"]}),
    ("/try/sms", {"body": "dose", "lang": "fr"}), ("/try/voice", {"url": "/voice/../sms"}),
    ("/try/voice", {"url": "/voice\x00"}), ("/try/voice", {"url": "/voice/nowhere"}), ("/try/voice", {"url": 5}),
    ("/try/voice", {"url": "https://example.org/voice"}), ("/try/voice", {"url": "//[x"}),
])
def test_bad_parameters_get_400_not_a_crash(client, endpoint, data):
    assert client.post(endpoint, json=data).status_code == 400


def test_try_voice_puts_through_and_reports_the_chosen_ending(client):
    menu = client.post("/try/voice", json={"url": "/voice"}).get_json()
    handoff = client.post("/try/voice", json={"url": menu["action"], "digits": "7"}).get_json()
    assert handoff["put_through_to"] == "+1 800 662 4357" and handoff["after_call"] == "/voice/handoff?lang=en&helped=1"
    assert handoff["ended"] is False and handoff["action"] is None
    busy = client.post("/try/voice", json={"url": handoff["after_call"], "dial_status": "busy"}).get_json()
    assert busy["said"][0]["text"] == ENGLISH.voice.handoff_busy and busy["action"]
    assert busy["said"][1]["text"] == ENGLISH.voice.handoff_again
    odd = client.post("/try/voice", json={"url": handoff["after_call"], "dial_status": {"x": 1}}).get_json()
    assert odd["said"][0]["text"] == ENGLISH.voice.handoff_no_answer


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_in_a_browser_text_dose_and_press_1(live_server, browser):
    page = browser.new_page()
    page.goto(f"{live_server}/try")
    page.fill("#sms-body", "dose")
    page.click("#sms-send")
    reply = page.locator(".bubble.received").first
    reply.wait_for(timeout=10_000)
    assert reply.inner_text() == ENGLISH.by_id["dose"].sms_reply
    assert page.locator("#thread .meta").first.inner_text() == "GSM-7 · 267 characters · 2 SMS segment(s)"

    page.uncheck("#speak")
    page.click("#call")
    page.locator(".heard", has_text=ENGLISH.voice.menu_with_handoff[:40]).wait_for(timeout=10_000)
    page.click(".key[data-key='1']")
    answer = page.locator(".heard", has_text=ENGLISH.by_id["dose"].voice[:40])
    answer.wait_for(timeout=10_000)
    assert "fifty milligram pill" in answer.inner_text()
    page.click(".key[data-key='#']")
    page.locator(".hint", has_text="The line hung up.").wait_for(timeout=10_000)
    assert spoken(page.locator(".heard").last.inner_text()).startswith("In an emergency, hang up now and call 9 1 1.")


def test_in_a_browser_press_7_see_the_hand_off_and_choose_busy_then_answered(live_server, browser):
    page = browser.new_page()
    page.goto(f"{live_server}/try")
    assert page.locator("#put-through").is_hidden()
    page.uncheck("#speak")
    page.click("#call")
    page.locator(".heard", has_text=ENGLISH.voice.handoff_option).wait_for(
        timeout=10_000)
    page.click(".key[data-key='7']")
    page.locator(".hint", has_text="(the line connects you to +1 800 662 4357)").wait_for(timeout=10_000)
    assert page.locator(".heard").last.inner_text().startswith("We are putting you through to SAMHSA's")
    assert page.locator("#put-through").is_visible() and page.locator(".key[data-key='1']").is_disabled()

    page.click(".call-ends[data-status='busy']")
    page.locator(".heard", has_text=ENGLISH.voice.handoff_busy).wait_for(timeout=10_000)
    assert page.locator("#put-through").is_hidden() and page.locator(".key[data-key='1']").is_enabled()
    page.click(".key[data-key='7']")
    page.locator(".hint", has_text="(the line connects you to +1 800 662 4357)").nth(1).wait_for(timeout=10_000)
    page.click(".call-ends[data-status='completed']")
    page.locator(".hint", has_text="The line hung up.").wait_for(timeout=10_000)
    heard = [spoken(text) for text in page.locator(".heard").all_inner_texts()]
    assert heard[-3:] == [ENGLISH.voice.handoff_ended, ENGLISH.voice.goodbye,
                          "In an emergency, hang up now and call 9 1 1. If someone may be overdosing and you have "
                          "naloxone, also called Narcan, give it, and stay with them. "
                          "If you are thinking about suicide, call or text 9 8 8."]


def test_try_with_a_slash_goes_to_the_page_and_its_icon_is_served(client):
    response = client.get("/try/")
    assert response.status_code == 302 and response.headers["Location"] == "/try"
    assert client.get("/static/favicon.svg").status_code == 200
    assert b'rel="icon"' in client.get("/try").data


def test_in_a_browser_the_text_pane_hints_shows_its_language_and_starts_over(live_server, browser):
    page = browser.new_page()
    page.goto(f"{live_server}/try")
    assert "Text a number, a word like DOSE or MENU" in page.locator("#thread .hint").inner_text()
    assert page.locator("#sms-language").inner_text() == "en"
    page.fill("#sms-body", "hola")
    page.click("#sms-send")
    page.locator(".bubble.received").first.wait_for(timeout=10_000)
    assert page.locator("#sms-language").inner_text() == "es"
    page.click("#new-conversation")
    assert page.locator("#sms-language").inner_text() == "en" and page.locator(".bubble").count() == 0
    assert page.locator("#thread .hint").is_visible()
    # Numbers said digit by digit stay on one line.
    page.uncheck("#speak")
    page.click("#call")
    emergency = page.locator(".heard", has_text="hang up and call")
    emergency.first.wait_for(timeout=10_000)
    assert "9\u00a01\u00a01" in emergency.first.inner_text()
    disabled = page.locator("#silence")
    page.click("#hangup")
    assert disabled.is_disabled() and disabled.evaluate("b => getComputedStyle(b).color") == "rgb(229, 231, 235)"
