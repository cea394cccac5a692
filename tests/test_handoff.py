"""A way to a person: key 7 or "I want to talk to someone" puts a caller through to the
helpline with <Dial>, and every way that call ends leads to the emergency message."""
import pytest
from twilio.request_validator import RequestValidator

from conftest import EMERGENCY_VOICE, EMERGENCY_VOICE_SHORT, ENGLISH, SPANISH, write_pack
from test_voice import AFTER_ANSWER
from ivr.config import DEFAULT_CONTENT_PATH, SettingsError
from ivr.core.content import ContentError, load_pack
from ivr.tools.phone import Phone

# The hand-off sentences name the emergency number: they stay literal (safety sentences).
HANDOFF = "We are putting you through to SAMHSA's free, private helpline. In an emergency, hang up and call 9 1 1."
HANDOFF_ES = ("Le estamos comunicando con la Línea Nacional de Ayuda de SAMHSA, una llamada gratis y "
              "confidencial. En una emergencia, cuelgue y llame al 9 1 1.")
OFFER, OFFER_ES = ENGLISH.voice.handoff_option, SPANISH.voice.handoff_option
PERSON_VOICE = ENGLISH.voice.person
TRY_AGAIN = ENGLISH.voice.handoff_again
GOODBYE = ENGLISH.voice.goodbye
SAMHSA = "+18006624357"
LINE = "+15555550199"  # the number the caller rang (To): the helpline sees this one, not the caller's


@pytest.fixture
def phone_for(make_app):
    """A phone calling the line built with the given settings."""
    return lambda **settings: Phone(make_app({"TESTING": True, **settings}))


def assert_put_through(step, number=SAMHSA, said=HANDOFF, lang="en"):
    assert [verb.tag for verb in step.verbs] == ["Say", "Dial"]
    assert step.said == [said]
    dial = step.dial
    assert dial.text == number
    assert dial.get("callerId") == LINE
    assert dial.get("record") == "do-not-record"
    assert dial.get("timeout") == "30" and dial.get("method") == "POST"
    assert step.after_call == f"/voice/handoff?lang={lang}&helped=1"  # putting through is help: counted once


def test_the_main_menu_offers_a_person_on_key_7_in_both_languages(phone):
    assert OFFER in phone.dial().said[-1]
    spanish = phone.press(phone.dial(), "8")
    assert OFFER_ES in spanish.said[-1] and OFFER not in spanish.said[-1]


@pytest.mark.parametrize("way", ["key", "speech"])
def test_key_7_or_asking_for_someone_puts_the_caller_through(phone, way):
    menu = phone.dial()
    step = phone.press(menu, "7") if way == "key" else phone.step(menu.action, SpeechResult="I want to talk to someone",
                                                                  Confidence="0.8")
    assert_put_through(step)


def test_a_spanish_caller_is_put_through_in_spanish(phone):
    spanish = phone.press(phone.dial(), "8")
    assert_put_through(phone.step(spanish.action, SpeechResult="quiero hablar con una persona", Confidence="0.8"),
                       said=HANDOFF_ES, lang="es")
    assert_put_through(phone.press(spanish, "7"), said=HANDOFF_ES, lang="es")


def test_key_7_after_an_answer_puts_the_caller_through_too(phone):
    assert_put_through(phone.press(phone.press(phone.dial(), "2"), "7"))


@pytest.mark.parametrize("status, said", [("busy", "The helpline is busy right now."),
                                          ("no-answer", "The helpline did not answer."),
                                          ("failed", "We could not reach the helpline."),
                                          ("canceled", "The helpline did not answer.")])
def test_a_call_not_answered_says_so_the_number_and_how_to_try_again_then_the_short_menu(phone, status, said):
    handoff = phone.press(phone.dial(), "7")
    step = phone.step(handoff.after_call, DialCallStatus=status, DialCallDuration="0")
    assert step.said == [said, TRY_AGAIN, EMERGENCY_VOICE_SHORT, AFTER_ANSWER]
    assert "1, 8 0 0, 6 6 2, 4 3 5 7" in TRY_AGAIN and TRY_AGAIN.endswith("press 7.")  # the number once, and the key
    assert step.gather_said == [AFTER_ANSWER]
    assert phone.press(step, "7").dial is not None  # trying again puts the call through again
    assert phone.press(step, "*").said == [TRY_AGAIN, EMERGENCY_VOICE_SHORT, AFTER_ANSWER]
    assert phone.press(step, "0").said[-1].startswith("For dose and how to start, press 1.")


@pytest.mark.parametrize("status", ["completed", "answered"])
def test_after_the_helpline_call_the_line_says_goodbye_and_the_emergency_message_last(phone, status):
    handoff = phone.press(phone.dial(), "7")
    step = phone.step(handoff.after_call, DialCallStatus=status, DialCallDuration="312")
    assert step.said == ["Your call with the helpline has ended.", GOODBYE, EMERGENCY_VOICE]
    assert step.hangs_up and step.verbs[-1].tag == "Hangup"


@pytest.mark.parametrize("status, duration", [("", ""), ("in-progress", "5"), ("COMPLETED", "-1"),
                                              ("busy\x00<Say>", "1e309"), ("x" * 5000, "NaN"),
                                              ("no-answer", "99999999999999999999999"), ("é🙂", "<Dial>")])
def test_an_unknown_or_hostile_dial_status_is_taken_as_not_answered(phone, status, duration):
    handoff = phone.press(phone.dial(), "7")
    step = phone.step(handoff.after_call, DialCallStatus=status, DialCallDuration=duration)
    assert step.said[:3] == ["The helpline did not answer.", TRY_AGAIN, EMERGENCY_VOICE_SHORT]
    assert step.gather is not None


def test_the_report_of_a_helpline_call_is_refused_unsigned_or_tampered(make_app):
    token = "test-auth-token-not-a-real-one"
    client = make_app({"TESTING": True, "TWILIO_AUTH_TOKEN": token}).test_client()
    form = {"CallSid": "CA" + "0" * 32, "From": "+15555550100", "To": LINE, "DialCallStatus": "busy"}
    signature = RequestValidator(token).compute_signature("http://localhost/voice/handoff?lang=en", form)
    headers = {"X-Twilio-Signature": signature}
    assert client.post("/voice/handoff?lang=en", data=form, headers=headers).status_code == 200
    assert client.post("/voice/handoff?lang=es", data=form, headers=headers).status_code == 403
    assert client.post("/voice/handoff?lang=en", data={**form, "DialCallStatus": "completed"},
                       headers=headers).status_code == 403
    assert client.post("/voice/handoff?lang=en", data=form).status_code == 403


def test_handoff_number_puts_callers_through_to_the_operators_own_line(caplog, phone_for):
    phone = phone_for(HANDOFF_NUMBER="+15555550142")
    assert_put_through(phone.press(phone.dial(), "7"), number="+15555550142")
    assert "put through to HANDOFF_NUMBER, not the pack's handoff_number" in caplog.text and "555" not in caplog.text


@pytest.mark.parametrize("value", ["1-800-662-4357", "18006624357", "+1 800 662 4357", "+0123456789", "of", "+1"])
def test_a_handoff_number_not_in_e164_stops_start_up_and_says_how_to_write_it(value, make_app):
    with pytest.raises(SettingsError, match=r"HANDOFF_NUMBER must be a phone number in E\.164 form .* such as "
                                            r"\+18006624357, or off; got"):
        make_app({"TESTING": True, "HANDOFF_NUMBER": value})


def test_handoff_off_takes_the_option_out_of_the_menu_and_speech_but_texts_still_get_the_helpline(make_app):
    app = make_app({"TESTING": True, "HANDOFF_NUMBER": "off"})
    phone = Phone(app)
    menu = phone.dial()
    assert OFFER not in menu.said[-1] and "press 6. For the emergency message, press 9." in menu.said[-1]
    assert phone.press(menu, "7").said[0] == "Sorry, that is not an option."
    spoken = phone.step(menu.action, SpeechResult="I want to talk to someone", Confidence="0.8")
    assert spoken.dial is None and spoken.said[:2] == [PERSON_VOICE, EMERGENCY_VOICE_SHORT]
    reply = app.test_client().post("/sms", data={"From": "+15555550100", "To": LINE, "Body": "talk to someone"})
    assert b"call SAMHSA's National Helpline: 1-800-662-4357" in reply.data


def test_with_no_hand_off_a_forged_try_again_step_is_the_main_menu(make_app):
    phone = Phone(make_app({"TESTING": True, "HANDOFF_NUMBER": "off"}))
    step = phone.step("/voice/key?lang=en&at=helpline&misses=0", Digits="*")
    assert "To try again, press 7." not in " ".join(step.said)
    assert step.said[-1].startswith("For dose and how to start, press 1.")  # star on the main menu: the menu


def test_a_call_that_did_not_come_to_a_phone_number_hears_the_helpline_number_instead(phone):
    # A SIP or browser call has no number of the line to show the helpline: it is told the number.
    menu = phone.dial()
    step = phone.step(menu.action, Digits="7", To="client:someone")
    assert step.dial is None and step.said[0] == PERSON_VOICE


def test_the_pack_refuses_a_topic_on_the_person_key_and_a_handoff_number_not_in_e164(tmp_path):
    text = DEFAULT_CONTENT_PATH.read_text(encoding="utf-8")
    assert 'key = "6"' in text and 'handoff_number = "+18006624357"' in text, "test is out of date"
    broken = text.replace('key = "6"', 'key = "7"').replace('handoff_number = "+18006624357"',
                                                            'handoff_number = "1-800-662-4357"')
    with pytest.raises(ContentError) as caught:
        load_pack(write_pack(tmp_path, broken), "911")
    assert caught.value.problems[:2] == [
        "[pack] handoff_number: must be a number in E.164 form, such as +18006624357; got '1-800-662-4357'",
        "topic prescribe: menu key '7' is the key for talking with a person ([pack] person_key)",
    ]
