"""Words a clinician would sign: what every reply may and may not say, by text and by voice,
in both languages, read from the pack the line serves (docs/content.md, "Writing the answers")."""
import re

import pytest

from conftest import ENGLISH, PACK, SPANISH
from ivr.core.content import ContentError, load_pack
from ivr.core.sms_encoding import to_gsm7
from ivr.tools.lint import replies, voice_problems
from test_content import broken_pack

# Said flatly, each tells a person they cannot overdose on naltrexone: trying to use past the
# block is one of the deadliest mistakes on it.
NO_EFFECT = ["do not act", "don't act", "dont act", "no effect", "can't overdose", "cannot overdose",
             "can not overdose", "no actúan", "no actuan", "no hacen efecto", "no les hace efecto",
             "no le hacen efecto", "no puede tener una sobredosis"]


@pytest.mark.parametrize("language", [ENGLISH, SPANISH], ids=["en", "es"])
def test_no_reply_says_opioids_have_no_effect_on_naltrexone(language):
    said = {name: text.lower() for name, text in replies(language)}
    assert [(name, words) for name, text in said.items() for words in NO_EFFECT if words in text] == []
    # While on it the brain gets more sensitive to opioids; it blocks them, but any use can kill.
    risk = language.by_id["overdose_risk"]
    assert risk.voice.startswith(
        "While you take naltrexone, your brain gets more sensitive to opioids. Naltrexone blocks them, but all drug "
        "use can cause death." if language is ENGLISH else "Mientras toma naltrexona, su cerebro se vuelve más "
        "sensible a los opioides. La naltrexona los bloquea, pero todo consumo de drogas tiene riesgos, hasta la muerte.")


def test_the_dose_is_the_usual_one_and_the_doctor_sets_it():
    dose, dosis = ENGLISH.by_id["dose"], SPANISH.by_id["dose"]
    assert "the usual dose is" in dose.sms_reply and "Your doctor sets your dose." in dose.sms_reply
    assert "the usual dose is" in dose.voice and "Your doctor decides your own dose." in dose.voice
    assert "Dosis usual" in dosis.sms_reply and "Su medico decide su dosis." in dosis.sms_reply  # sent folded
    assert "la dosis usual es" in dosis.voice and "Su médico decide cuál es su dosis." in dosis.voice


def test_buprenorphine_and_methadone_cut_cravings_more_said_plainly():
    working = ENGLISH.by_id["working"]
    assert "Buprenorphine or methadone cut cravings more." in working.sms_reply
    assert "buprenorphine and methadone most often cut cravings more than naltrexone does" in working.voice
    assert "less so than" not in working.sms_reply + working.voice


def test_how_long_in_spanish_says_it_is_most_doctors_view_in_fewer_words():
    how_long = SPANISH.by_id["how_long"]
    own = "Depende de la persona: úsela mientras le ayude. La mayoría de médicos dice: más tiempo, mejor."
    assert how_long.sms_written.startswith(own)  # then the overdose risk


def test_taking_it_too_soon_begins_with_what_to_do():
    assert ENGLISH.by_id["too_soon"].sms_reply.startswith("Wait 5 to 7 days with no opioids before you start.")
    assert ENGLISH.by_id["too_soon"].voice.startswith("Wait five to seven days with no opioids before you start")
    too_soon = SPANISH.by_id["too_soon"]
    assert too_soon.sms_reply.startswith("Espere de 5 a 7 dias sin usar opioides antes de empezar.")
    # What it knocks off is the opioids, said so (never "los saca", which reads as the receptors).
    assert not re.search(r"Se pega|saca a los opioides|de una vez|los saca", too_soon.sms_written + too_soon.voice)
    assert "saca de golpe a los opioides" in too_soon.sms_written


@pytest.mark.parametrize("language, missed, using, naloxone", [
    (ENGLISH, "If you miss doses and use opioids, your overdose risk is higher.",
     "All drug use can cause death. If you stop naltrexone and use opioids, your overdose risk is higher. Using, or "
     "may use? Ask about other medicines.",
     "If someone may be overdosing, call 911. If you have naloxone, give it, and stay with them."),
    (SPANISH, "Si deja de tomar sus dosis y consume opioides, corre más riesgo de sobredosis.",
     "Consumir drogas puede matar. Si la deja y consume, corre más riesgo de sobredosis. ¿Consume o teme hacerlo? Hay "
     "otros medicamentos.",
     "¿Una posible sobredosis? Llame al 911. Si tiene naloxona, désela y quédese con la persona."),
], ids=["en", "es"])
def test_a_subject_the_sheet_touches_carries_what_the_sheet_says(language, missed, using, naloxone):
    for subject, fact in (("missed_dose", missed), ("using_on_it", using), ("naloxone", naloxone)):
        texts = language.not_covered[subject]
        assert to_gsm7(fact) in texts.sms_reply and fact in texts.sms_short  # folded to GSM-7 when sent
    assert "9 1 1" in language.not_covered["naloxone"].voice  # said digit by digit
    # By voice, the subject's own sentence comes before the helpline, so a caller hears it first.
    missed_dose = language.not_covered["missed_dose"].voice
    assert missed_dose.index(missed) < missed_dose.index("SAMHSA")


def test_the_crisis_text_says_why_not_to_text_rather_than_scold(text):
    assert "This text line cannot send help." in text("my friend is not breathing")
    assert "Do not text" not in ENGLISH.sms.crisis_reply and "No escriba" not in SPANISH.sms.crisis_reply


@pytest.mark.parametrize("spanish", [False, True])
def test_key_9_and_the_last_words_of_a_call_name_988(phone, spanish):
    call = phone.dial()
    if spanish:
        call = phone.press(call, "8")
    said = phone.press(call, "9").said[0]
    assert said.endswith("If you are thinking about suicide, call or text 9 8 8." if not spanish else
                         "Si piensa en suicidarse, llame al 9 8 8 y oprima 2.")
    assert phone.press(call, "#").said[-1] == said


def test_help_carries_the_carriers_rates_line_and_spanish_says_informacion(text):
    assert "Msg & data rates may apply." in text("HELP")
    assert "Pueden cobrarle mensajes y datos." in SPANISH.sms.help_reply
    assert not re.search(r"datos (breves|generales)", SPANISH.sms.help_reply + SPANISH.sms.about_reply
                         + SPANISH.voice.greeting)
    assert "free" not in ENGLISH.sms.help_reply.lower()


def test_help_texted_by_someone_in_crisis_names_988(text):
    # HELP is what a person in crisis may text; the Spanish 988 reply says to send AYUDA to 988, so it may come here.
    assert "Thinking of suicide? Call or text 988.\nEmergency? Call 911 now." in text("HELP")
    assert text("AYUDA").endswith("¿Piensa en suicidarse? Llame al 988 y oprima 2.\n¿Emergencia? Llame al 911 ya.")


def test_the_voice_says_samhsa_and_a_web_address_by_their_aliases(phone):
    menu = phone.dial()
    handoff = menu.document.find(".//Say/sub")
    assert (handoff.text, handoff.get("alias")) == ("SAMHSA", "Samsa")
    asked = phone.say(phone.press(menu, "8"), "donde consigo la naltrexona cerca de mi")
    said = {(sub.text, sub.get("alias")) for sub in asked.document.iter("sub")}
    assert ("FindTreatment.gov", "faind tritment, todo junto, punto gov") in said
    assert "Busque tratamiento en FindTreatment.gov." in asked.text  # as written, for whoever reads the TwiML
    assert voice_problems(PACK) == []


def test_a_voice_text_a_voice_would_misread_is_a_lint_error(tmp_path):
    path = broken_pack(tmp_path, "Or, most often advised, a shot of three hundred eighty milligrams",
                       "Or (most often) a 380 mg shot, see Dr. Who at example.org,")
    problems = voice_problems(load_pack(path, "911"))
    assert problems == [f"[en] topic dose voice: {found!r} is read out as written; say it in words, or give it in "
                        "[en] spoken_as" for found in ["(", ")", "mg", "Dr.", "example.org"]]


def test_a_subject_whose_own_sentence_the_voice_would_not_say_is_named(tmp_path):
    path = broken_pack(tmp_path, "pharmacist. {more} Or call SAMHSA's National Helpline at", "pharmacist. Or call "
                       "SAMHSA's National Helpline at")
    with pytest.raises(ContentError) as caught:
        load_pack(path, "911")
    assert "[en.voice] not_covered: must say {more}: subject where_to_get's own sentence would not be heard" in (
        caught.value.problems)


def test_the_spanish_voice_menu_names_each_topic_so_it_cannot_be_heard_as_advice_and_blames_no_one(phone):
    spanish = phone.press(phone.dial(), "8")
    assert ("Para saber la dosis y cómo empezar, oprima 1. Para saber qué pasa si la empieza muy pronto, oprima 2."
            in spanish.text)  # never "Para tomarla antes de tiempo, oprima 2"
    assert SPANISH.voice.no_choice == "No recibimos respuesta, así que vamos a terminar la llamada."


# Naltrexone's other uses: the two people ask about most, each its own subject, by text and by voice.
@pytest.mark.parametrize("message, code, subject", [
    ("can naltrexone help me stop drinking", "en", "alcohol_use"),
    ("what is low dose naltrexone", "en", "low_dose"),
    ("can i drink beer on naltrexone", "en", "alcohol"),
    ("la naltrexona sirve para dejar de tomar", "es", "alcohol_use"),
    ("que es la naltrexona en dosis bajas", "es", "low_dose"),
    ("puedo tomar cerveza con la naltrexona", "es", "alcohol"),
])
def test_naltrexone_for_drinking_and_low_dose_naltrexone_are_named_apart_from_drinking_on_it(text, phone, message,
                                                                                               code, subject):
    language = PACK.languages[code]
    assert text(message) == language.not_covered[subject].sms_reply
    call = phone.dial() if code == "en" else phone.press(phone.dial(), "8")
    assert phone.say(call, message).said[0] == language.not_covered[subject].voice


def test_the_other_uses_say_the_line_is_about_opioid_use_only():
    for language, words in ((ENGLISH, "This line is only about naltrexone to treat opioid use."),
                            (SPANISH, "Esta línea solo informa sobre la naltrexona para problemas con opioides.")):
        for subject in ("alcohol_use", "low_dose"):
            assert to_gsm7(words) in language.not_covered[subject].sms_reply and words in language.not_covered[subject].voice
