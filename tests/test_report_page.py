"""GET /report: the usage counts as charts, behind REPORT_PASSWORD, and nothing about who asked."""
import base64
import os
import tempfile
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
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
    assert "6 steps (each text, key press, silence or spoken question is one); 1 got the emergency reply" in page
    assert "No new words are kept (KEEP_UNANSWERED_DAYS is 0)." in page and "unanswered" not in page
    assert "What you try on /try or with <code>flask text</code> and <code>flask call</code> is not counted." in page
    for title in ("Steps per day, by channel", "Topics asked", "Not understood and not covered",
                  "Questions the fact sheet does not answer", "Languages"):
        assert f"<h2>{title}" in page
    assert page.count("<svg") == 5 and "<script" not in page and "http" not in page.split("<body>")[1]
    # Topics and subjects apart, under the pack's own words; every chart with a text alternative.
    assert ">how long to take it</text>" in page and ">Alcohol</text>" in page and ">es</text>" in page
    assert page.count("<title>") - page.count("</rect>") == 5 + 1 and page.count("<desc>") == 5
    assert page.count("<summary>Figures</summary>") == 5
    # People, not steps: the five texts came as one conversation (one cookie), which had help; one call began.
    for name, number in (("people helped", 1), ("text conversations", 1), ("calls", 1),
                         ("answered from the fact sheet", 2), ("emergency and 988 replies", 1)):
        assert f"<tr><td>{name}</td><td>{number}</td></tr>" in page
    for secret in ("555555013", "beer", "vivitrol", "zzqv", "breathing", "hola"):  # what people sent
        assert secret not in page


def test_in_a_browser_the_report_draws_its_charts(app, browser):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context(http_credentials={"username": "team", "password": PASSWORD},
                                      viewport={"width": 800, "height": 1400})
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}/report")
        assert page.locator("svg").count() == 5 and page.locator("svg rect").count() > 8
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
    for body in ("what is zzqv", "what is blorp", "whats the weather tmrw"):  # kept as "what is ▯" twice, and as sent
        with app.test_client().post("/sms", data={"From": "+15555550136", "Body": body}):
            pass
    line_of(app).insight.flush()
    page = app.test_client().get("/report", headers=auth()).data.decode()
    assert "The texts the line did not understand are kept, scrubbed, for 7 day(s)." in page
    assert "2 different text(s) not understood are kept now: <code>flask --app app unanswered</code>" in page
    assert "zzqv" not in page and "weather" not in page and "▯" not in page and "No new words" not in page


SCREENSHOTS = Path(os.environ.get("REPORT_SCREENSHOTS", tempfile.gettempdir()))


def scripted_week(app):
    """Counts written into the store for the last seven days, the third of them with none: day -> steps."""
    from ivr.stores.insight_store import counts

    store = line_of(app).insight.store
    now = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0, tzinfo=None)
    week = {}
    with store.engine.begin() as connection:
        connection.execute(sa.delete(counts))
        for back in range(7):
            if back == 3:
                week[(now - timedelta(days=back)).date().isoformat()] = 0
                continue
            hour = now - timedelta(days=back)
            rows = [("sms", "en", "topic", "dose", "answered", 3 + back), ("voice", "en", "topic", "too_soon",
                    "answered", 2), ("sms", "es", "not_covered", "alcohol", "not_covered", 1),
                    ("sms", "en", "not_understood", "", "not_understood", back % 2)]
            people = [("sms", "en", "conversation", "", "started", 2), ("sms", "en", "conversation", "", "helped", 1),
                      ("voice", "en", "call", "", "started", 1), ("voice", "en", "call", "", "helped", 1)]
            for channel, language, kind, topic, outcome, number in rows + people:
                connection.execute(sa.insert(counts).values(hour=hour, channel=channel, language=language, kind=kind,
                                                            topic=topic, outcome=outcome, count=number))
            week[hour.date().isoformat()] = sum(row[-1] for row in rows)  # steps: people are counted apart
    return week


def test_in_a_browser_a_scripted_week_every_day_shown_at_1280_and_360_px(tmp_path, make_app, browser):
    app = make_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/insight.db", "REPORT_PASSWORD": PASSWORD})
    week = scripted_week(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for width in (1280, 360):
            context = browser.new_context(http_credentials={"username": "team", "password": PASSWORD},
                                          viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{server.server_port}/report")
            page.screenshot(path=str(SCREENSHOTS / f"report-{width}.png"), full_page=True)
            # The steps chart's figures, day by day, are the database's: the day with none too.
            chart = page.locator("section", has=page.locator("h2", has_text="Steps per day"))
            chart.locator("details").evaluate("details => details.open = true")
            rows = chart.locator("tr").all_inner_texts()[1:]
            shown = {cells.split("\t")[0]: sum(int(cell) for cell in cells.split("\t")[1:]) for cells in rows}
            assert len(shown) == 30 and all(shown[day] == steps for day, steps in week.items()), shown
            assert list(shown.values()).count(0) >= 23 + 1  # days before the week, and the empty day
            people = dict(row.split("\t") for row in page.locator("section").first.locator("tr").all_inner_texts())
            assert (people["people helped"], people["text conversations"], people["calls"]) == ("12", "12", "6")
            for chart in page.locator("svg").all():  # each chart has a title and a description
                assert chart.locator("title").first.text_content() and chart.locator("desc").text_content()
            sizes = page.locator("svg text").evaluate_all(
                "texts => texts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement"
                ".getBoundingClientRect().width / t.ownerSVGElement.viewBox.baseVal.width)")
            assert min(sizes) >= 11, min(sizes)  # readable on a 360 px phone
            context.close()
    finally:
        server.shutdown()
    csv_lines = make_client_csv(app)
    assert csv_lines[0] == "day,channel,language,kind,topic,outcome,count" and len(csv_lines) == 1 + 6 * 8  # 6 days, 8 rows each


def make_client_csv(app):
    response = app.test_client().get("/report/figures.csv", headers=auth())
    assert response.mimetype == "text/csv"
    return response.data.decode().splitlines()
