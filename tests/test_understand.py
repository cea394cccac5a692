"""Understanding people as they really write and speak: the rules that keep someone in danger safe,
and the parts of reading a message. How well the model understands is in test_understanding.py."""
import shutil

import numpy as np

import pytest

from ivr.config import DEFAULT_CONTENT_PATH
from ivr.core.content import load_pack
from ivr.core.intent_model import IntentModel, embed, embed_all
from ivr.line import line_of
from ivr.core.normalise import normalise, words_of
from ivr.core.understand import Understander, training_set

CRISIS_FIRST = {"en": "Call 911 now if someone may be overdosing", "es": "Llame al 911 ya si alguien"}
SUICIDE_FIRST = {"en": "In danger now? Call 911.", "es": "¿Corre peligro ahora? Llame al 911."}


@pytest.mark.parametrize("message, language", [
    # The indirect signs of an overdose that people describe rather than name.
    ("my bf is blue and snoring weird", "en"), ("he went limp after using", "en"), ("she is seizing", "en"),
    ("his skin is grey", "en"), ("he is gurgling", "en"), ("she took a bunch of pills and wont answer", "en"),
    ("used on top of my shot and cant breathe", "en"), ("se puso azul y esta roncando", "es"),
])
def test_the_signs_of_an_overdose_get_the_emergency_message_first(text, message, language):
    assert text(message).startswith(CRISIS_FIRST[language])


@pytest.mark.parametrize("message, language", [
    ("im gonna od on purpose tonight", "en"), ("overdose on purpose", "en"), ("I want to die", "en"),
    ("whats the point anymore i want to end it all", "en"), ("quiero acabar con todo", "es"),
    ("voy a tomar una sobredosis a proposito", "es"),
])
def test_self_harm_gets_the_emergency_message_and_988(text, message, language):
    reply = text(message)
    assert reply.startswith(SUICIDE_FIRST[language]) and "988" in reply


@pytest.mark.parametrize("message", [
    "what is the overdose risk if I stop?", "can i overdose if i stop it", "risk of od after stopping",
    "riesgo de sobredosis",
])
def test_a_question_about_overdose_risk_is_not_a_crisis(app, message):
    intent = line_of(app).understander.sms(message, "en")
    assert (intent.kind, intent.topic) == ("topic", "overdose_risk")


@pytest.mark.parametrize("message", ["overdose", "OD", "sobredosis", "my friend overdose", "help overdose"])
def test_overdose_alone_is_treated_as_a_crisis(app, message):
    assert line_of(app).understander.sms(message, "en").kind == "crisis"


@pytest.mark.parametrize("message, topic", [
    ("can i stop taking it", "how_long"), ("what if i stop and use again", "overdose_risk"),
])
def test_stop_inside_a_question_is_a_question(text, app, message, topic):
    assert line_of(app).understander.sms(message, "en").topic == topic
    assert text(message) == text(line_of(app).pack.languages["en"].by_id[topic].key)


@pytest.mark.parametrize("message", ["qwpoeiru zmxn", "blorp", "can you recommend a good pizza place"])
def test_the_line_says_it_did_not_understand_rather_than_guess(app, message):
    assert line_of(app).understander.sms(message, "en").kind == "not_understood"


@pytest.mark.parametrize("raw, expected", [
    ("Dósis?", "dosis"), ("WHAT’S the DOSE", "whats the dose"), ("¿Cuánto?", "cuanto"),
    ("  many   spaces\t", "many spaces"), ("OD'd", "odd"), ("\u202eevil\u202c text", "evil text"),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_texting_shortcuts_and_repeated_letters():
    assert words_of("how much do u take pleeease") == ["how", "much", "do", "you", "take", "pleease"]
    assert words_of("plz r u open") == ["please", "are", "you", "open"]


@pytest.mark.parametrize("typo, word", [("perscribe", "prescribe"), ("breating", "breathing"),
                                        ("emergancy", "emergency"), ("withdrawl", "withdrawal")])
def test_typos_are_corrected_against_the_vocabulary(app, typo, word):
    assert line_of(app).understander.correct(typo) == word


@pytest.mark.parametrize("word", ["doing", "close", "make", "word"])
def test_ordinary_words_are_not_corrected_into_other_words(app, word):
    assert line_of(app).understander.correct(word) == word


def test_a_crisis_phrase_wins_even_when_a_topic_lists_it(tmp_path, app):
    # The engine's rules come before the pack's keywords and the model's classes.
    text = DEFAULT_CONTENT_PATH.read_text(encoding="utf-8")
    assert text.count("phrases = [\n") >= 1, "test is out of date"
    path = tmp_path / "pack.toml"
    path.write_text(text.replace("phrases = [\n", 'phrases = [\n    "turning blue", "want to die",\n', 1), encoding="utf-8")
    shutil.copy(DEFAULT_CONTENT_PATH.with_name("naltrexone-examples.tsv"), tmp_path)
    understander = Understander(load_pack(path, "911"), danger_model=line_of(app).understander.danger_model)
    assert understander.sms("turning blue", "en").kind == "crisis"
    assert understander.sms("I want to die", "en").kind == "suicide"
    assert understander.speech("he is turning blue", "en").kind == "crisis"


def test_a_text_is_embedded_alike_alone_or_with_others_at_unit_length_and_no_words_as_zeros(app):
    # What the model embeds: normalised words joined by single spaces, English and Spanish.
    texts = [text for text, _ in training_set(line_of(app).pack, {})[::7]] + ["quiero morir", "x", ""]
    together = embed_all(texts)
    assert len(texts) > 300 and np.allclose(np.array([embed(text) for text in texts]), together, atol=1e-6)
    assert np.allclose(np.linalg.norm(together[:-1], axis=1), 1.0, atol=1e-5)
    assert not together[-1].any() and not embed("  ").any()


def test_training_is_repeatable_so_an_edit_to_the_examples_is_the_only_change(app):
    pairs = training_set(line_of(app).pack, {})[::3]  # a third of the set: a quicker fit
    first, second = IntentModel(*zip(*pairs)), IntentModel(*zip(*pairs))
    for text in ["how much do i take", "can i drink on it", "hola"]:
        assert first.probabilities(text).tolist() == second.probabilities(text).tolist()
