"""Spanish everywhere: a conversation that stays Spanish, and a Spanish call (replies: test_sms.py)."""
import pytest

from conftest import SPANISH_SMS_LINE as SPANISH_LINE

SPANISH_MENU_START = "Naltrexona. Envie un numero o palabra:\n1 DOSIS - dosis y como tomarla\n"


def test_a_spanish_conversation_stays_spanish_until_english(text):
    assert text("hola").startswith(SPANISH_MENU_START)
    dose = text("1")
    assert dose.startswith("La naltrexona se empieza después de 5 a 7 dias sin opioides.")
    assert dose.endswith("\n" + SPANISH_LINE)
    assert text("2").startswith("Puede tener menos ansias de consumir")
    assert text("xyz").startswith("Perdon, no entendimos.\n" + SPANISH_MENU_START)
    assert text("ENGLISH").startswith("Naltrexone info. Text a number or word:")
    assert text("1").startswith("Naltrexone is started after 5 to 7 days")


@pytest.mark.parametrize("switch", ["español", "ESPANOL", "Spanish"])
def test_espanol_switches_to_spanish(text, switch):
    assert text(switch).startswith(SPANISH_MENU_START)
    assert text("dose").startswith("Naltrexone is started")  # an English keyword is English again
    assert text("inglés").startswith("Naltrexone info.")


def test_ayuda_gets_the_spanish_help(text):
    reply = text("ayuda")
    assert reply.startswith("Linea de info sobre naltrexona")
    assert "Responda STOP" in reply and reply.endswith(SPANISH_LINE)


def test_a_spanish_question_is_answered_in_spanish(text):
    assert text("¿Quién me la puede recetar?").startswith("Cualquier profesional de salud")


def test_a_spanish_call_is_spanish_at_every_step(phone):
    menu = phone.press(phone.dial(), "8")
    assert menu.said[:2] == [
        "Bienvenido a la línea de información sobre la naltrexona. Damos datos generales, no consejos médicos.",
        "Si es una emergencia, cuelgue y llame al 9 1 1.",
    ]
    assert menu.said[2] == "For English, press 8."
    assert menu.said[3].startswith("Para dosis y cómo tomarla, oprima 1.")
    assert menu.gather.get("language") == "es-US"
    answer = phone.press(menu, "1")
    assert answer.said[0].startswith("La naltrexona se empieza después de cinco a siete días sin opioides.")
    assert answer.said[1:] == ["Si es una emergencia, cuelgue y llame al 9 1 1.",
                               "Para oír esto otra vez, oprima asterisco. Para el menú principal, oprima 0. "
                               "Para terminar la llamada, oprima numeral."]
    assert {say.get("voice") for say in answer.document.iter("Say")} == {"Polly.Lupe-Neural"}
    end = phone.press(answer, "#")
    assert end.said == ["Gracias por llamar. Adiós.",
                        "Si usted o alguien que conoce tiene una emergencia médica, cuelgue ahora y llame al 9 1 1 de inmediato."]
    assert end.hangs_up
    assert phone.press(menu, "8").said[0].startswith("Welcome to the naltrexone information line.")
