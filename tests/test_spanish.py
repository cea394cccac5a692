"""Spanish everywhere: a conversation that stays Spanish, and a Spanish call (replies: test_sms.py)."""
import pytest

from conftest import ENGLISH, SPANISH
from conftest import SPANISH_SMS_LINE as SPANISH_LINE

SPANISH_MENU = ("Naltrexona. Envie un numero o palabra:\n1 DOSIS - dosis y como empezar\n"
                "2 PRONTO - tomarla antes de tiempo\n3 RIESGO - riesgo de sobredosis al dejarla\n"
                "4 FUNCIONA - como saber si funciona\n5 TIEMPO - cuanto tiempo tomarla\n"
                "6 RECETA - quien puede recetarla\n¿Emergencia? Llame al 911 ya.")
SPANISH_MENU_START = SPANISH_MENU.split("\n2 ")[0]


def test_a_spanish_conversation_stays_spanish_until_english(text):
    assert text("hola") == SPANISH_MENU
    dose = text("1")
    assert dose == SPANISH.by_id["dose"].sms_reply and "tras 5 a 7 dias sin opioides" in dose  # no accent, not even é
    assert dose.endswith("\n" + SPANISH_LINE)
    assert text("4") == SPANISH.by_id["working"].sms_reply
    assert text("xyz") == SPANISH.sms.not_understood_reply
    assert text("ENGLISH") == ENGLISH.sms.menu_reply
    assert text("1") == ENGLISH.by_id["dose"].sms_reply


@pytest.mark.parametrize("switch", ["español", "ESPANOL", "Spanish"])
def test_espanol_switches_to_spanish(text, switch):
    assert text(switch).startswith(SPANISH_MENU_START)
    assert text("dose") == ENGLISH.by_id["dose"].sms_reply  # an English keyword is English again
    assert text("inglés") == ENGLISH.sms.menu_reply


def test_ayuda_gets_the_spanish_help(text):
    reply = text("ayuda")
    assert reply == SPANISH.sms.help_reply
    assert "Responda STOP" in reply and reply.endswith(SPANISH_LINE)


def test_a_spanish_question_is_answered_in_spanish(text):
    assert text("¿Quién me la puede recetar?") == SPANISH.by_id["prescribe"].sms_reply


def test_old_and_new_spanish_words_lead_to_the_same_answer(text):
    text("hola")
    working = text("4")
    assert text("antojos") == text("ansias") == text("funciona") == working  # "antojos" is kept: people type it
    too_soon = text("2")
    assert text("abstinencia") == text("síntomas de abstinencia") == too_soon


def test_the_spanish_emergency_words(text):
    text("hola")
    assert text("mi amigo no respira") == (
        "Llame al 911 ya si alguien parece tener una sobredosis, no respira o no despierta. Si usted tiene "
        "naloxona (Narcan), desela y quedese con la persona. Esta linea de texto no puede enviar ayuda.\n" + SPANISH_LINE)
    assert text("quiero morir") == (
        "¿Corre peligro ahora? Llame al 911. ¿Piensa en suicidarse o hacerse daño? Llame al 988 y oprima 2, o envie "
        "AYUDA al 988. Es gratis, de dia o de noche.\n" + SPANISH_LINE)


def test_a_spanish_call_is_spanish_at_every_step(phone):
    menu = phone.press(phone.dial(), "8")
    assert menu.said[:2] == [
        SPANISH.voice.greeting, "Si es una emergencia, cuelgue y llame al 9 1 1.",
    ]
    assert menu.said[2] == "For English, press 8."
    assert menu.said[3] == SPANISH.voice.menu_with_handoff
    assert menu.gather.get("language") == "es-US"
    answer = phone.press(menu, "1")
    assert answer.said == [SPANISH.by_id["dose"].voice, "Si es una emergencia, cuelgue y llame al 9 1 1.",
                           SPANISH.voice.after_answer]
    assert {say.get("voice") for say in answer.document.iter("Say")} == {"Polly.Lupe-Neural"}
    end = phone.press(answer, "#")
    assert end.said == [SPANISH.voice.goodbye,
                        "En una emergencia, cuelgue ahora y llame al 9 1 1. Si alguien parece tener una sobredosis y "
                        "usted tiene naloxona, también llamada Narcan, désela y quédese con la persona. "
                        "Si piensa en suicidarse, llame al 9 8 8 y oprima 2."]
    assert end.hangs_up
    assert phone.press(menu, "8").said[0] == ENGLISH.voice.greeting
