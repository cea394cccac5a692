"""Understanding people as they really write and speak, measured on tests/data/messages.tsv."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ivr.config import DEFAULT_CONTENT_PATH
from ivr.content import load_pack
from ivr.understand import Understander, normalise, words_of

CASES = [
    line.rstrip("\n").split("\t")
    for line in (Path(__file__).parent / "data" / "messages.tsv").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
CRISIS_CASES = [case for case in CASES if case[0] in ("crisis", "suicide")]
TOPIC_CASES = [case for case in CASES if case[0] not in ("crisis", "suicide")]
TARGET = 0.95

CRISIS_FIRST = {"en": "Call 911 now if someone may be overdosing", "es": "Llame al 911 ya si alguien"}
SUICIDE_FIRST = {"en": "If you are in danger now, call 911.", "es": "Si esta en peligro ahora, llame al 911."}


def test_the_test_set_is_big_enough():
    assert len(CASES) >= 150
    assert {case[1] for case in CASES} == {"en", "es"}


def outcome(intent):
    if intent.kind == "topic":
        return intent.topic
    return "menu" if intent.kind in ("menu", "not_understood") else intent.kind


@pytest.mark.parametrize("language", ["en", "es"])
def test_topic_accuracy(app, language, capsys):
    understander = app.extensions["ivr.understander"]
    cases = [case for case in TOPIC_CASES if case[1] == language]
    wrong = []
    for expected, expected_language, message in cases:
        intent = understander.sms(message, "en")  # a new conversation starts in English
        if (outcome(intent), intent.language) != (expected, expected_language):
            wrong.append(f"{message!r}: wanted {expected}/{expected_language}, got {outcome(intent)}/{intent.language}")
    accuracy = 1 - len(wrong) / len(cases)
    with capsys.disabled():
        print(f"\n{language}: {len(cases) - len(wrong)}/{len(cases)} right ({accuracy:.1%})")
        for miss in wrong:  # shown even when the target is met, so a new miss is seen
            print(f"  {miss}")
    assert accuracy >= TARGET, "\n".join(wrong)


@pytest.mark.parametrize("expected, language, message", CRISIS_CASES, ids=[c[2] for c in CRISIS_CASES])
def test_crisis_message_gets_the_emergency_message_first(text, expected, language, message):
    reply = text(message)
    first = (SUICIDE_FIRST if expected == "suicide" else CRISIS_FIRST)[language]
    assert reply.startswith(first)
    if expected == "suicide":
        assert "988" in reply


@pytest.mark.parametrize("message", [
    "what is the overdose risk if I stop?", "can i overdose if i stop it", "risk of od after stopping",
    "riesgo de sobredosis",
])
def test_a_question_about_overdose_risk_is_not_a_crisis(app, message):
    intent = app.extensions["ivr.understander"].sms(message, "en")
    assert (intent.kind, intent.topic) == ("topic", "overdose_risk")


@pytest.mark.parametrize("message", ["overdose", "OD", "sobredosis", "my friend overdose", "help overdose"])
def test_overdose_alone_is_treated_as_a_crisis(app, message):
    assert app.extensions["ivr.understander"].sms(message, "en").kind == "crisis"


@pytest.mark.parametrize("message, topic", [
    ("can i stop taking it", "how_long"), ("what if i stop and use again", "overdose_risk"),
])
def test_stop_inside_a_question_is_a_question(text, app, message, topic):
    assert app.extensions["ivr.understander"].sms(message, "en").topic == topic
    assert text(message) == text(app.extensions["ivr.pack"].languages["en"].by_id[topic].key)


def test_a_menu_rather_than_a_guess_when_two_topics_tie(app):
    # "shot" points to the dose, "cravings" to whether it works: no clear winner.
    assert app.extensions["ivr.understander"].sms("shot cravings", "en").kind == "not_understood"


@pytest.mark.parametrize("raw, expected", [
    ("Dósis?", "dosis"), ("WHAT’S the DOSE", "whats the dose"), ("¿Cuánto?", "cuanto"),
    ("  many   spaces\t", "many spaces"), ("OD'd", "odd"), ("\u202eevil\u202c text", "evil text"),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_plain_ascii_text_is_normalised_as_any_other_text(text):
    # ASCII text takes a short cut; with an accented word added it takes the general path.
    assert normalise(text + " \u00c9") == (normalise(text) + " e").strip()


def test_texting_shortcuts_and_repeated_letters():
    assert words_of("how much do u take pleeease") == ["how", "much", "do", "you", "take", "pleease"]
    assert words_of("plz r u open") == ["please", "are", "you", "open"]


@pytest.mark.parametrize("typo, word", [("perscribe", "prescribe"), ("breating", "breathing"),
                                        ("emergancy", "emergency"), ("withdrawl", "withdrawal")])
def test_typos_are_corrected_against_the_vocabulary(app, typo, word):
    assert app.extensions["ivr.understander"].correct(typo) == word


@pytest.mark.parametrize("word", ["doing", "close", "make", "word"])
def test_ordinary_words_are_not_corrected_into_other_words(app, word):
    assert app.extensions["ivr.understander"].correct(word) == word


def test_a_crisis_phrase_wins_even_when_a_topic_uses_it_too(tmp_path):
    # Topic and crisis phrases share one word tree (understand.py): the crisis kind must win.
    text = DEFAULT_CONTENT_PATH.read_text(encoding="utf-8")
    assert text.count("phrases = [\n") >= 1, "test is out of date"
    path = tmp_path / "pack.toml"
    path.write_text(text.replace("phrases = [\n", 'phrases = [\n    "turning blue", "want to die",\n', 1), encoding="utf-8")
    understander = Understander(load_pack(path, "911"))
    assert understander.sms("turning blue", "en").kind == "crisis"
    assert understander.sms("I want to die", "en").kind == "suicide"
    assert understander.speech("he is turning blue", "en").kind == "crisis"
