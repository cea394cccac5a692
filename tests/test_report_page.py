"""GET /report: the usage counts as charts, behind REPORT_PASSWORD, and nothing about who asked."""
import base64
import threading

import pytest
from werkzeug.serving import make_server

from ivr.line import line_of

PASSWORD = "report-password-for-tests"


@pytest.fixture
def app(tmp_path, make_app):
    app = make_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/insight.db", "REPORT_PASSWORD": PASSWORD})
    client = app.test_client()
    for number, body in [("+15555550130", "how much do I take"), ("+15555550131", "can i drink beer on vivitrol"),
                         ("+15555550132", "zzqv"), ("+15555550133", "hola, cuanto tiempo la tomo"),
                         ("+15555550134", "my friend is not breathing")]:
        with client.post("/sms", data={"From": number, "Body": body}):
            pass
    with client.post("/voice", data={"From": "+15555550135", "CallSid": "CA" + "0" * 32}):
        pass
    line_of(app).insight.flush()
    return app


def auth(password=PASSWORD):
    return {"Authorization": "Basic " + base64.b64encode(f"team:{password}".encode()).decode()}


def test_the_report_is_off_without_a_password_in_every_environment(make_app):
    for production in (False, True):
        app = make_app({"TESTING": True, "PRODUCTION": production, "TWILIO_AUTH_TOKEN": "t", "SECRET_KEY": "s" * 32})
        assert app.test_client().get("/report", headers=auth()).status_code == 404


def test_the_report_asks_for_the_password(app):
    client = app.test_client()
    assert client.get("/report").status_code == 401
    assert client.get("/report", headers=auth("wrong")).status_code == 401
    assert client.get("/report", headers=auth()).status_code == 200


def test_five_wrong_passwords_a_minute_per_address_then_429_and_the_right_one_always_passes(app):
    client = app.test_client()
    guesser = {"REMOTE_ADDR": "192.0.2.7"}
    assert [client.get("/report", headers=auth(f"guess{n}"), environ_base=guesser).status_code
            for n in range(7)] == [401] * 5 + [429] * 2
    refused = client.get("/report", headers=auth("guess7"), environ_base=guesser)
    assert refused.headers["Retry-After"] == "60" and b"Too many wrong passwords" in refused.data
    assert client.get("/report", headers=auth(), environ_base=guesser).status_code == 200  # never refused
    assert client.get("/report", environ_base=guesser).status_code == 401  # no password tried: asked for one
    # Another address has its own count.
    assert client.get("/report", headers=auth("guess"), environ_base={"REMOTE_ADDR": "192.0.2.8"}).status_code == 401


def test_behind_a_trusted_proxy_wrong_passwords_count_by_the_real_client_address(tmp_path, make_app):
    app = make_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/insight.db", "REPORT_PASSWORD": PASSWORD,
                    "TRUSTED_PROXY_HOPS": 1})
    client = app.test_client()
    proxy = {"REMOTE_ADDR": "10.0.0.2"}  # every request comes through the proxy
    for n in range(5):
        headers = {**auth("guess"), "X-Forwarded-For": "198.51.100.1"}
        assert client.get("/report", headers=headers, environ_base=proxy).status_code == 401
    headers = {**auth("guess"), "X-Forwarded-For": "198.51.100.1"}
    assert client.get("/report", headers=headers, environ_base=proxy).status_code == 429
    headers = {**auth("guess"), "X-Forwarded-For": "198.51.100.2"}  # another person behind the same proxy
    assert client.get("/report", headers=headers, environ_base=proxy).status_code == 401


def test_the_report_shows_the_counts_as_charts_and_nothing_about_who_asked(app):
    page = app.test_client().get("/report", headers=auth()).data.decode()
    assert "6 webhook decisions; 1 got the emergency reply" in page
    assert "No new words are kept (KEEP_UNANSWERED_DAYS is 0)." in page and "unanswered" not in page
    for title in ("Answers per day, by channel", "Topics asked", "Not understood and not covered",
                  "Languages"):
        assert f"<h2>{title}" in page
    assert page.count("<svg") == 4 and "<script" not in page and "http" not in page.split("<body>")[1]
    assert '>how_long</text>' in page and '>alcohol</text>' in page and '>es</text>' in page
    for secret in ("555555013", "drink", "beer", "zzqv", "breathing", "hola"):
        assert secret not in page


def test_in_a_browser_the_report_draws_its_charts(app, browser):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context(http_credentials={"username": "team", "password": PASSWORD},
                                      viewport={"width": 800, "height": 1400})
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}/report")
        assert page.locator("svg").count() == 4 and page.locator("svg rect").count() > 8
        drawn = page.screenshot(full_page=True)
        page.set_content("<html><body></body></html>")
        blank = page.screenshot(full_page=True)
        # A blank page compresses to almost nothing; bars, text and colours do not.
        assert len(drawn) > 5 * len(blank), (len(drawn), len(blank))
    finally:
        server.shutdown()


def test_the_report_says_when_texts_not_understood_are_kept(tmp_path, make_app):
    app = make_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/insight.db", "REPORT_PASSWORD": PASSWORD,
                      "KEEP_UNANSWERED_DAYS": "7"})
    for body in ("zzqv", "zzqv", "whats the weather tmrw"):
        with app.test_client().post("/sms", data={"From": "+15555550136", "Body": body}):
            pass
    line_of(app).insight.flush()
    page = app.test_client().get("/report", headers=auth()).data.decode()
    assert "The texts the line did not understand are kept, scrubbed, for 7 day(s)." in page
    assert "2 different text(s) not understood are kept now: <code>flask --app app unanswered</code>" in page
    assert "zzqv" not in page and "weather" not in page and "No new words" not in page
