"""A message that asks nothing (news, a milestone, thanks) gets a short thanks that points to
MENU: no topic's answer, no alarm, no "not understood"."""
import pytest

from conftest import PACK
from ivr.core import danger
from ivr.line import line_of
from ivr.stores.insight_store import headline
from ivr.tools.phone import Phone

EN, ES = PACK.languages["en"], PACK.languages["es"]


@pytest.fixture
def phone(app):
    return Phone(app)


@pytest.mark.parametrize("message", ["5 months clean on the shot today!!",
                                     "ok thank u", "my case worker gave me this number",
                                     "got my 2nd vivitrol shot yesterday"])
def test_news_and_thanks_get_the_acknowledgement(phone, message):
    reply = phone.text(message).text
    assert reply == EN.sms.statement_reply
    assert reply == ("Thank you for telling us. To talk with someone, text PERSON. Text MENU for the topics.\n"
                     "Emergency? Call 911 now.")


@pytest.mark.parametrize("message", ["hoy me pusieron mi segunda inyeccion", "muchas gracias, ya entendi"])
def test_news_and_thanks_in_spanish_get_it_in_spanish(phone, message):
    assert phone.text(message).text == ES.sms.statement_reply


def test_a_question_mark_is_never_a_statement(phone):
    assert phone.text("got my first shot today!!").text == EN.sms.statement_reply
    assert phone.text("got my first shot today??").text in {topic.sms_reply for topic in EN.topics}


def test_the_pointer_as_written_reaches_its_topic(phone):
    assert phone.text("4 WORKING").text == EN.by_id["working"].sms_reply


def test_an_answer_surer_than_the_statement_is_given(phone):
    assert phone.text("I got my shot today but I still have cravings").text == EN.by_id["working"].sms_reply


def test_a_statement_that_shows_danger_is_still_danger(phone):
    assert phone.text("got my shot today and i want to kill myself").text == EN.sms.suicide_reply


def test_a_caller_who_asks_nothing_hears_thanks_then_the_menu(phone):
    call = phone.say(phone.dial(), "I just wanted to say I got my shot today")
    assert call.said[0] == EN.voice.statement
    assert call.said[-1].endswith("Or say your question.")


def test_the_report_counts_them(tmp_path, make_app):
    app = make_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/insight.db"})
    with app.test_client().post("/sms", data={"From": "+15555550140", "Body": "got my first shot today"}):
        pass  # a real webhook request (the Phone stand-in is never counted)
    line_of(app).insight.flush()
    figures = headline(line_of(app).insight.store.totals(1))
    assert figures["thanks and news, acknowledged"] == 1


def test_news_the_model_alone_hears_danger_in_gets_the_alarm_sentence_then_thanks(phone, monkeypatch):
    monkeypatch.setattr(danger, "DANGER_PROBABILITY", 0.0)  # the model's alarm sentence for any words it knows
    reply = phone.text("got my first shot today!!").text
    assert reply in {EN.sms.after_alarm[alarm, "statement"] for alarm in ("crisis", "suicide")}
    assert reply.startswith(("Call 911 now", "In danger? Call 911.")) and "Thank you for telling us." in reply
    call = phone.say(phone.dial(), "I just wanted to say I got my shot today")
    assert call.said[:2] in ([EN.voice.emergency_short, EN.voice.statement], [EN.voice.suicide_short, EN.voice.statement])
