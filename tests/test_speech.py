"""Speaking to the phone menu instead of pressing keys."""
import pytest

from conftest import EMERGENCY_VOICE, EMERGENCY_VOICE_SHORT, ENGLISH, SPANISH
from ivr.core.danger import ModelDanger
from ivr.core.spoken_names import SpokenNames
from ivr.line import line_of
from test_voice import AFTER_ANSWER, ANSWERS, NO_CHOICE, assert_call_ends, assert_main_menu

NOT_UNDERSTOOD = ENGLISH.voice.not_understood
SUICIDE_VOICE = ("If you are in danger now, hang up and call 9 1 1. If you are thinking about suicide or hurting "
                 "yourself, you can call or text 9 8 8, any time, day or night.")


def say(phone, step, words, confidence="0.9"):
    return phone.step(step.action, SpeechResult=words, Confidence=confidence)


def test_every_menu_takes_speech_in_the_callers_language(phone):
    step = phone.dial()
    gather = step.gather
    assert gather.get("input") == "dtmf speech"
    assert gather.get("language") == "en-US"
    assert "dose" in gather.get("hints").split(", ") and "vivitrol" in gather.get("hints").split(", ")
    assert step.said[-1].endswith("Or say your question.")
    spanish = phone.press(step, "8").gather
    assert spanish.get("language") == "es-US" and "dosis" in spanish.get("hints").split(", ")


@pytest.mark.parametrize("words, key", [("how much do I take", "1"), ("can my nurse prescribe it", "6"),
                                        ("what is the overdose risk if I stop", "3")])
def test_a_spoken_question_gets_its_answer(phone, words, key):
    step = say(phone, phone.dial(), words)
    assert step.said[0] == ANSWERS[key]
    assert step.said[-1] == AFTER_ANSWER


@pytest.mark.parametrize("words", ["my friend is not breathing", "he won't wake up", "overdose",
                                   "her lips are blue"])
def test_spoken_crisis_words_get_the_emergency_message(phone, words):
    assert say(phone, phone.dial(), words).said == [EMERGENCY_VOICE, AFTER_ANSWER]


def test_spoken_crisis_words_count_even_with_low_confidence(phone):
    assert say(phone, phone.dial(), "not breathing", confidence="0.05").said[0] == EMERGENCY_VOICE


def test_spoken_suicide_words_get_the_emergency_message_and_988(phone):
    assert say(phone, phone.dial(), "I want to kill myself").said == [SUICIDE_VOICE, AFTER_ANSWER]


def test_spanish_crisis_speech_on_a_spanish_call(phone):
    spanish = phone.press(phone.dial(), "8")
    assert say(phone, spanish, "mi amigo no respira").said[0] == (
        "En una emergencia, cuelgue ahora y llame al 9 1 1. Si alguien parece tener una sobredosis y usted tiene "
        "naloxona, también llamada Narcan, désela y quédese con la persona. "
        "Si piensa en suicidarse, llame al 9 8 8 y oprima 2.")


@pytest.mark.parametrize("confidence", ["0.05", "abc", "nan", "", "-1"])
def test_low_or_broken_confidence_gets_sorry_then_the_menu(phone, confidence):
    step = say(phone, phone.dial(), "how much do I take", confidence=confidence)
    assert_main_menu(step, before=[NOT_UNDERSTOOD])


def test_speech_not_understood_three_times_ends_the_call(phone):
    step = phone.dial()
    for _ in range(2):
        step = say(phone, step, "purple monkey dishwasher")
        assert_main_menu(step, before=[NOT_UNDERSTOOD])
    assert_call_ends(say(phone, step, "purple monkey dishwasher"), before=[NOT_UNDERSTOOD, NO_CHOICE])


def test_saying_espanol_switches_the_call_to_spanish(phone):
    step = say(phone, phone.dial(), "español")
    assert step.said[0].startswith("Gracias por llamar") and step.gather.get("language") == "es-US"


def test_saying_menu_gives_the_menu(phone):
    assert_main_menu(say(phone, phone.dial(), "menu"))


def test_a_spoken_question_the_fact_sheet_does_not_answer_says_so_then_the_short_menu(phone, english):
    step = say(phone, phone.dial(), "is it safe to drink beer on the shot")
    assert step.said == [english.not_covered["alcohol"].voice, EMERGENCY_VOICE_SHORT, AFTER_ANSWER]
    assert step.said[0] == ("Sorry, this line does not cover alcohol or drinking. Ask your doctor or pharmacist. Or "
                            "call SAMHSA's National Helpline at 1, 8 0 0, 6 6 2, 4 3 5 7. It is free and private, "
                            "24 hours a day, every day. They speak English and Spanish.")
    assert phone.press(step, "*").said == step.said  # star says it again
    assert_main_menu(phone.press(step, "0"))


def test_asking_for_a_person_by_voice_puts_the_caller_through(phone):
    step = say(phone, phone.dial(), "I want to talk to a real person")
    assert step.dial is not None and step.dial.text == "+18006624357"  # details: tests/test_handoff.py


def test_with_no_hand_off_asking_for_a_person_by_voice_gives_the_helpline_then_the_menu(phone_without_handoff):
    phone = phone_without_handoff
    step = say(phone, phone.dial(), "I want to talk to a real person")
    assert step.gather_said[0] == ("To talk with someone, call SAMHSA's National Helpline at 1, 8 0 0, 6 6 2, "
                                   "4 3 5 7. It is free and private, 24 hours a day, every day. They speak English "
                                   "and Spanish.")
    assert_main_menu(step, handoff=False)


@pytest.mark.parametrize("words, code, topic", [
    ("is the vivid roll shot once a month", "en", "dose"), ("how long do i stay on the nal trex own", "en", "how_long"),
    ("does the viva trawl help with cravings", "en", "working"), ("cuanto dura la inyeccion de bibitrol", "es", "dose"),
])
def test_a_misheard_name_of_the_medicine_is_heard_as_the_medicine(phone, words, code, topic):
    call = phone.press(phone.dial(), "8") if code == "es" else phone.dial()
    language = ENGLISH if code == "en" else SPANISH
    assert say(phone, call, words).said[0] == language.by_id[topic].voice  # the answer, and no alarm before it


def test_misheard_names_are_read_as_the_names_they_sound_like(app):
    names = SpokenNames(line_of(app).pack.spoken_names)
    assert names.heard("i was on sub ox own and now nal trex own".split()) == ["i", "was", "on", "suboxone", "and",
                                                                              "now", "naltrexone"]
    assert names.heard("a vivid dream but i really want it".split()) == "a vivid dream but i really want it".split()
    # A short name's sounds ("mtn": methadone) are in many runs of words: they stay words.
    assert names.heard("i hit my head on the wall".split()) == "i hit my head on the wall".split()
    assert names.heard("cuantas pastillas matan a alguien".split()) == "cuantas pastillas matan a alguien".split()
    assert names.heard("he maybe had one of my pills".split()) == "he maybe had one of my pills".split()
    assert names.heard("me tome la meta dona".split()) == ["me", "tome", "la", "metadona"]


@pytest.mark.parametrize("words", ["vivid roll", "sub ox own", "nal trex own bibitrol", "zorblax quintrel flimtrax"])
def test_a_misheard_name_or_a_word_never_seen_is_no_sign_of_danger(app, words):
    intent = line_of(app).understander.speech(words, "en")
    assert not intent.in_danger


def test_words_the_model_never_saw_cannot_raise_an_alarm_on_their_own(app):
    understander = line_of(app).understander
    assert understander.model_danger(["zorblax", "quintrel"]) == ModelDanger(0.0, 0.0)
    # With a word it knows, the danger is never more than that word's alone.
    alone = understander.model_danger(["naltrexone"])
    with_unknown = understander.model_danger(["naltrexone", "zorblax"])
    assert with_unknown.crisis <= alone.crisis and with_unknown.suicide <= alone.suicide
