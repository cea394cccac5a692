"""Two questions in one text: one answer (taking it too soon first, then the overdose risk, else the
first asked), and where to ask the other, as the menu lists it."""
import pytest

from conftest import PACK
from ivr.tools.phone import Phone

EN, ES = PACK.languages["en"], PACK.languages["es"]


@pytest.fixture
def phone(app):
    return Phone(app)


def test_the_first_asked_is_answered_and_the_second_gets_a_pointer(phone):
    reply = phone.text("who is allowed to prescribe it? and does it work for everybody?").text
    assert reply == EN.sms.also_asked["prescribe", "working"]
    assert reply.startswith(EN.by_id["prescribe"].sms_written[:40])
    assert "\nOther question? Text 4 WORKING.\nEmergency? Call 911 now." in reply


@pytest.mark.parametrize("message, answered, other", [
    ("does it help with cravings? and how many days do i wait after using?", "too_soon", "working"),
    ("who can prescribe it? is it true the overdose risk goes up if i stop?", "overdose_risk", "prescribe"),
])
def test_a_safety_question_is_answered_first(phone, message, answered, other):
    assert phone.text(message).text == EN.sms.also_asked[answered, other]


def test_in_spanish_too(phone):
    reply = phone.text("como se si funciona? y cuantos dias espero despues de usar?").text
    assert reply == ES.sms.also_asked["too_soon", "working"]
    assert "¿Otra pregunta? Envie 4 FUNCIONA." in reply


def test_one_question_gets_no_pointer(phone):
    assert phone.text("who can prescribe it?").text == EN.by_id["prescribe"].sms_reply


def test_danger_still_comes_first(phone):
    reply = phone.text("how much is the dose? i want to kill myself. who can prescribe it?").text
    assert "988" in reply and "Other question" not in reply and EN.by_id["dose"].sms_written[:40] not in reply
