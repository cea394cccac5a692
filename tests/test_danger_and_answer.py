"""Answer the person, not only the alarm: a message that may mean danger gets the emergency
(or 988) sentence first and still the answer to what was asked; stopping the medicine is a
question, not a crisis; an extra or accidental dose gets Poison Control.

The replies' words are read from the content pack, so an edit to the answers changes no test."""
import pytest

from ivr.line import line_of
from ivr.web.sms import reply_for
from ivr.core.sms_encoding import encoding, segments, to_gsm7
from ivr.core.understand import Intent
from test_speech import say

POISON_CONTROL = "1-800-222-1222"


@pytest.fixture
def languages(app):
    return line_of(app).pack.languages


def stopping_answer(language):
    """What a question about stopping gets: how long to take it, then the overdose risk after stopping."""
    return to_gsm7(language.by_id["how_long"].sms_written)


@pytest.mark.parametrize("message, code", [
    ("I want to stop taking it", "en"), ("thinking of quitting the shot", "en"), ("can I stop taking it?", "en"),
    ("im gonna quit my naltrexone", "en"), ("how do i get off vivitrol", "en"), ("I want to stop the shot", "en"),
    ("is it ok to stop the pills now", "en"),
    ("ya no quiero tomarla", "es"), ("quiero dejar la inyeccion", "es"), ("puedo dejar las pastillas ya", "es"),
])
def test_stopping_the_medicine_gets_how_long_and_the_overdose_risk(text, languages, message, code):
    language = languages[code]
    reply = text(message)
    assert stopping_answer(language) in reply
    assert to_gsm7(language.by_id["overdose_risk"].sms_written) in reply  # the risk after stopping, whole
    assert "988" not in reply  # a question, not a crisis


def test_the_how_long_answer_always_carries_the_overdose_risk(text, languages):
    english = languages["en"]
    assert text("5") == stopping_answer(english) + "\n" + english.sms.crisis_reply.splitlines()[-1]
    assert english.by_id["how_long"].sms_written.endswith(english.by_id["overdose_risk"].sms_written)


@pytest.mark.parametrize("message", ["I want to stop living", "quiero dejar de vivir", "i wanna stop being alive"])
def test_self_harm_worded_like_stopping_gets_the_suicide_reply(text, languages, message):
    assert text(message) in {language.sms.suicide_reply for language in languages.values()}


@pytest.mark.parametrize("message", ["i want it all to stop forever", "I can't go on anymore", "i cant take it anymore",
                                     "ya no puedo mas"])
def test_signs_of_self_harm_that_may_be_said_of_the_medicine_get_988_first(text, languages, message):
    reply = text(message)
    firsts = {to_gsm7(language.sms.suicide_first) for language in languages.values()}
    replies = {language.sms.suicide_reply for language in languages.values()}
    assert reply in replies or reply.split("\n")[0] in firsts, reply  # then the answer, if the model is sure of one


def test_after_a_sign_that_may_mean_self_harm_the_988_sentence_comes_first_then_the_answer(text, languages):
    english = languages["en"]
    reply = text("i cant do this, is it working")  # the medicine, or life?
    assert reply == to_gsm7(f"{english.sms.suicide_first}\n{english.by_id['working'].sms_written}")
    assert encoding(reply) == "GSM-7" and segments(reply) <= 2


def test_when_the_model_is_fairly_sure_of_suicide_the_overdose_fact_gives_way_to_a_person(text, languages):
    english = languages["en"]
    reply = text("i dont want to do this anymore")  # life, or the medicine? how long carries the overdose risk
    assert reply == english.sms.after_alarm["suicide", "person"]
    assert to_gsm7(english.by_id["overdose_risk"].sms_written) not in reply


@pytest.mark.parametrize("message, code", [
    ("I took two pills by accident", "en"), ("I took double my dose", "en"), ("my kid swallowed one of my pills", "en"),
    ("grandma took my naltrexone by mistake", "en"), ("me tomé dos pastillas sin querer", "es"),
])
def test_an_extra_or_accidental_dose_gets_poison_control_then_when_to_call_911(text, languages, message, code):
    reply = text(message)
    assert reply == languages[code].sms.extra_dose_reply
    assert reply.index(POISON_CONTROL) < reply.index("911")


@pytest.mark.parametrize("message, code", [("my friend took too many pills", "en"), ("i took the whole bottle", "en"),
                                           ("mi hermano se tomó demasiadas pastillas", "es")])
def test_many_pills_get_911_and_988_then_poison_control(text, languages, message, code):
    language = languages[code]
    poison_control = language.sms.extra_dose_reply.rsplit("\n", 1)[0]  # without the emergency line
    assert text(message) == to_gsm7(language.sms.suicide_first) + "\n" + poison_control


@pytest.mark.parametrize("message, code", [("my toddler got into the bottle and took a bunch of pills", "en"),
                                           ("mi perro se comió muchas pastillas", "es")])
def test_a_childs_or_a_pets_many_pills_get_the_emergency_sentence_then_poison_control(text, languages, message, code):
    language = languages[code]
    poison_control = language.sms.extra_dose_reply.rsplit("\n", 1)[0]
    assert text(message) == to_gsm7(language.sms.crisis_first) + "\n" + poison_control


@pytest.mark.parametrize("message", ["can it be swallowed with food", "can I double my dose if I missed one",
                                     "I took an extra week off before starting", "¿puedo tomar dosis doble?",
                                     "me tomé dos semanas sin usar, ¿ya puedo empezar?"])
def test_questions_about_taking_or_doubling_are_not_an_extra_dose(text, message):
    assert POISON_CONTROL not in text(message)


@pytest.mark.parametrize("message", ["my son swallowed my pills and he won't wake up",
                                     "my toddler ate a pill and is not breathing"])
def test_an_extra_dose_with_an_emergency_happening_gets_the_emergency_reply(text, languages, message):
    assert text(message) == languages["en"].sms.crisis_reply


@pytest.mark.parametrize("message", ["my name is Maria Gonzalez and my husband is Juan", "I live at twelve Oak Street",
                                     "my cat ate a sock", "my brother works at the bakery"])
def test_plain_statements_get_no_alarm(text, languages, message):
    assert text(message) == languages["en"].sms.not_understood_reply


@pytest.mark.parametrize("alarm", ["crisis", "suicide"])
def test_every_answer_after_an_alarm_is_one_gsm7_reply_of_two_segments_that_starts_with_the_emergency_number(
        languages, alarm):
    for code, language in languages.items():
        first = language.sms.crisis_first if alarm == "crisis" else language.sms.suicide_first
        intents = [Intent("topic", code, topic.id, alarm) for topic in language.topics]
        intents += [Intent("person", code, alarm=alarm), Intent("extra_dose", code, alarm=alarm)]
        for intent in intents:
            reply = reply_for(intent, language)
            assert reply.startswith(to_gsm7(first) + "\n") and "911" in reply.splitlines()[0], intent
            assert encoding(reply) == "GSM-7" and segments(reply) <= 2, (intent, len(reply))
            assert not reply.endswith(language.sms.crisis_reply.splitlines()[-1])  # the first line stands for it


def test_a_reply_with_an_alarm_is_never_held_back_by_the_rate_limit(make_app):
    client = make_app({"TESTING": True, "SMS_RATE_LIMIT": "1 per hour"}).test_client()

    def reply(body):
        return client.post("/sms", data={"From": "+15555550107", "Body": body}).data.decode()

    assert "<Message>" in reply("dose")
    assert "<Message>" not in reply("dose")  # the limit is reached
    assert "988" in reply("I want to quit")
    assert POISON_CONTROL in reply("I took two pills by accident")


def test_a_caller_who_wants_to_stop_hears_how_long_and_the_overdose_risk(phone, languages):
    english = languages["en"]
    step = say(phone, phone.dial(), "I want to stop the shot")
    assert step.said == [english.by_id["how_long"].voice, english.voice.emergency_short, english.voice.after_answer]
    assert step.said[0].endswith(english.by_id["overdose_risk"].voice)


def test_by_voice_the_988_sentence_then_the_answer_then_the_short_menu(phone, languages):
    english = languages["en"]
    step = say(phone, phone.dial(), "i cant do this, is it working")
    assert step.said == [english.voice.suicide_short, english.by_id["working"].voice, english.voice.emergency_short,
                         english.voice.after_answer]
    assert step.gather is not None


def test_by_voice_the_988_sentence_then_a_person_in_place_of_the_overdose_fact(phone, languages):
    english = languages["en"]
    step = say(phone, phone.dial(), "i dont want to do this anymore")
    assert step.said == [english.voice.suicide_short, english.voice.handoff]
    assert step.put_through_to == "+18006624357"


def test_a_caller_who_took_an_extra_dose_hears_poison_control_whatever_the_confidence(phone, languages):
    english = languages["en"]
    step = say(phone, phone.dial(), "I took two pills by accident", confidence="0.1")
    assert step.said == [english.voice.extra_dose, english.voice.emergency_short, english.voice.after_answer]
    assert "1, 8 0 0, 2 2 2, 1 2 2 2" in step.said[0] and step.said[0].endswith("hang up and call 9 1 1.")
    assert phone.press(step, "*").said == step.said  # star repeats it


def test_the_spanish_call_has_poison_control_in_spanish(phone, languages):
    spanish = phone.press(phone.dial(), "8")
    step = say(phone, spanish, "mi hijo se tragó una de mis pastillas")
    spanish_voice = languages["es"].voice
    assert step.said == [spanish_voice.extra_dose, spanish_voice.emergency_short, spanish_voice.after_answer]


@pytest.mark.parametrize("message, code", [("i wanna stop", "en"), ("thinking about quitting the shot", "en"),
                                           ("ya no la quiero", "es")])
def test_short_or_upset_wordings_of_stopping_still_get_the_overdose_risk(text, languages, message, code):
    # A 988 sentence may come first; the answer may not go missing.
    assert to_gsm7(languages[code].by_id["overdose_risk"].sms_written) in text(message)


def test_heard_too_poorly_to_answer_words_that_may_mean_self_harm_get_the_whole_988_message(phone, languages):
    step = say(phone, phone.dial(), "i dont want to do this anymore", confidence="0.1")
    assert step.said == [languages["en"].voice.suicide, languages["en"].voice.after_answer]


def test_star_repeats_the_988_sentence_with_the_answer(phone, languages):
    answer = say(phone, phone.dial(), "i cant do this, is it working")
    assert answer.said[0] == languages["en"].voice.suicide_short
    assert phone.press(answer, "*").said == answer.said
