"""The content pack loads, and a broken one stops start-up with a message naming the problem."""
import subprocess
import sys
from pathlib import Path

import pytest

from ivr import create_app
from conftest import write_pack
from ivr.config import DEFAULT_CONTENT_PATH
from ivr.core.content import ContentError, load_pack

PACK_TEXT = DEFAULT_CONTENT_PATH.read_text(encoding="utf-8")
ROOT = Path(__file__).resolve().parent.parent


def broken_pack(tmp_path, old, new, count=1):
    assert PACK_TEXT.count(old) >= count, f"test is out of date: {old!r} not in the pack"
    return write_pack(tmp_path, PACK_TEXT.replace(old, new, count), "broken.toml")


def problems_of(path):
    with pytest.raises(ContentError) as caught:
        load_pack(path, "911")
    assert str(path) in str(caught.value)
    return caught.value.problems


def test_the_pack_loads_with_six_topics_keyed_1_to_6_the_safety_topics_first():
    pack = load_pack(DEFAULT_CONTENT_PATH, "911")
    english = pack.languages["en"]
    assert [(t.key, t.id) for t in english.topics] == [
        ("1", "dose"), ("2", "too_soon"), ("3", "overdose_risk"), ("4", "working"), ("5", "how_long"), ("6", "prescribe")]
    assert pack.name == "naltrexone"


def test_a_topic_must_name_the_part_of_the_fact_sheet_it_comes_from(tmp_path):
    path = broken_pack(tmp_path, 'source = "What is the typical dose of naltrexone and how is it taken?"\n', "")
    assert problems_of(path) == ["topic dose: missing field 'source'"]


def test_missing_field_is_named(tmp_path):
    path = broken_pack(tmp_path, 'title = "who can prescribe it"\n', "")
    assert problems_of(path) == ["topic prescribe [en]: missing field 'title'"]


def test_duplicate_keyword_is_named(tmp_path):
    path = broken_pack(tmp_path, 'keywords = ["long",', 'keywords = ["long", "Dosage",')
    assert problems_of(path) == ["topic how_long [en]: keyword 'Dosage' is also used by topic dose [en]"]


def test_carrier_keyword_as_topic_keyword_is_named(tmp_path):
    path = broken_pack(tmp_path, '"relapse"]', '"relapse", "STOP"]')
    assert problems_of(path) == ["topic overdose_risk [en]: keyword 'STOP' is a carrier keyword (Twilio may act on it alone)"]


def test_menu_key_used_twice_is_named(tmp_path):
    path = broken_pack(tmp_path, 'key = "4"', 'key = "2"')
    assert "topic working: menu key '2' is also the key of topic too_soon" in problems_of(path)


@pytest.mark.parametrize("topic_id", ["crisis", "suicide", "extra_dose"])
def test_a_topic_may_not_take_a_crisis_kind_as_its_id(tmp_path, topic_id):
    # The crisis phrases share the topics' word tree with these as their values (understand.py).
    path = broken_pack(tmp_path, 'id = "prescribe"', f'id = "{topic_id}"')
    assert problems_of(path)[0] == f"topic {topic_id}: topic id '{topic_id}' is kept for the crisis phrases"


@pytest.mark.parametrize("name", ["helpline", "emergency"])
def test_a_topic_or_subject_may_not_take_the_name_of_a_voice_step(tmp_path, name):
    path = broken_pack(tmp_path, 'id = "prescribe"', f'id = "{name}"')
    assert problems_of(path)[0] == f"topic {name}: topic id '{name}' is kept for the voice menu's own steps"
    path = broken_pack(tmp_path, 'id = "cost"', f'id = "{name}"')
    assert f"not_covered {name}: id '{name}' is kept for the voice menu's own steps" in problems_of(path)


@pytest.mark.parametrize("key", ["8", "9", "0", "*", "12"])
def test_reserved_or_bad_menu_key_is_named(tmp_path, key):
    path = broken_pack(tmp_path, 'key = "6"', f'key = "{key}"')
    assert problems_of(path)[0].startswith(f"topic prescribe: menu key '{key}' must be one of 1, 2,")


def test_unknown_placeholder_is_named(tmp_path):
    path = broken_pack(tmp_path, "Reply STOP to opt out.", "Reply STOP to opt out, or call {emergncy_number}.")
    assert problems_of(path) == ["[en.sms] help: placeholder {emergncy_number} does not exist (known: {emergency_number}, {helpline}, {operator}, {poison_control})"]


@pytest.mark.parametrize("placeholder, problem", [
    ("{0}", "placeholder {0} does not exist"), ("{}", "placeholder {} does not exist"),
    ("{emergency_number.real}", "placeholder {emergency_number.real} does not exist"), ("{emergency_number:>99x}", "placeholder cannot be filled"),
    ("{", "bad braces"),
])
def test_odd_placeholders_are_named_not_crashed_on(tmp_path, placeholder, problem):
    path = broken_pack(tmp_path, "Reply STOP to opt out.", f"Reply STOP to opt out {placeholder}.")
    assert problem in problems_of(path)[0]


def test_an_emergency_text_without_the_number_is_named(tmp_path):
    path = broken_pack(tmp_path, 'emergency_short = "If this is an emergency, hang up and call {emergency_number}."',
                       'emergency_short = "If this is an emergency, hang up."')
    assert problems_of(path) == ["[en.voice] emergency_short: missing the emergency line: it must name {emergency_number}"]


def test_sms_text_with_no_gsm7_form_is_named_with_the_characters(tmp_path):
    path = broken_pack(tmp_path, "Naltrexone is started after 5 to 7 days with no opioids.", "Naltrexone is started after 5 to 7 days with no opioids 🙂✔.")
    assert problems_of(path) == ["topic dose [en] sms: not GSM-7 and no GSM-7 form, "
                                 "would be billed as UCS-2 because of '🙂' (U+1F642) '✔' (U+2714)"]


def test_typography_and_accents_are_folded_to_gsm7(tmp_path):
    path = broken_pack(tmp_path, "Naltrexone is started after", "Start “it” — after")
    dose = load_pack(path, "911").languages["en"].by_id["dose"]
    assert dose.sms_reply.startswith('Start "it" - after 5 to 7 days with no opioids.')
    dosis = load_pack(path, "911").languages["es"].by_id["dose"]  # every accent goes, ñ stays
    assert dosis.sms_reply.startswith("Se empieza tras 5 a 7 dias sin opioides, casi siempre con pastillas unos dias")


def test_sms_text_over_two_segments_with_the_emergency_line_is_named(tmp_path):
    path = broken_pack(tmp_path, "Naltrexone is started after 5 to 7 days with no opioids.", "Naltrexone is started after 5 to 7 days with no opioids. " * 3)
    [problem] = problems_of(path)
    assert problem.startswith("topic dose [en] sms: 382 characters with the emergency line, 3 SMS segments")


def test_every_problem_is_listed_at_once(tmp_path):
    text = PACK_TEXT.replace('key = "4"', 'key = "2"').replace("Emergency? Call {emergency_number}", "Call {number}")
    path = write_pack(tmp_path, text, "three.toml")
    assert problems_of(path) == [
        "topic working: menu key '2' is also the key of topic too_soon",
        "[en.sms] emergency: placeholder {number} does not exist (known: {emergency_number}, {helpline}, {operator}, {poison_control})",
        "[en.sms] emergency: missing the emergency line: it must name {emergency_number}",
    ]


def test_not_toml_and_missing_file(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[pack\nname = ", encoding="utf-8")
    assert problems_of(path)[0].startswith("not valid TOML")
    assert problems_of(tmp_path / "nowhere.toml")[0].startswith("cannot read the file")


def test_create_app_refuses_a_broken_pack(tmp_path):
    path = broken_pack(tmp_path, 'key = "4"', 'key = "2"')
    with pytest.raises(ContentError):
        create_app({"TESTING": True, "CONTENT_PATH": str(path)})


@pytest.mark.slow
def test_the_line_does_not_start_with_a_broken_pack_and_says_why(tmp_path):
    path = broken_pack(tmp_path, 'key = "4"', 'key = "2"')
    result = subprocess.run([sys.executable, "app.py"], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={"CONTENT_PATH": str(path), "PATH": ""})
    assert result.returncode != 0
    assert "The line cannot start." in result.stderr
    assert "topic working: menu key '2' is also the key of topic too_soon" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_emergency_number_stops_start_up():
    from ivr.config import SettingsError

    with pytest.raises(SettingsError, match="EMERGENCY_NUMBER"):
        create_app({"TESTING": True, "EMERGENCY_NUMBER": "call 911"})


def test_a_language_the_engine_has_no_crisis_words_for_is_refused(tmp_path):
    path = broken_pack(tmp_path, 'languages = ["en", "es"]', 'languages = ["en", "es", "fr"]')
    assert problems_of(path)[0] == ("[fr]: the engine has no crisis words or fallback message in this language "
                                    "(ivr/core/crisis.py has en, es): add them before the line speaks it")


def test_examples_with_an_unknown_label_or_too_few_for_a_class_are_named(tmp_path):
    path = broken_pack(tmp_path, 'examples = "naltrexone-examples.tsv"', 'examples = "few.tsv"')
    (tmp_path / "few.tsv").write_text("dose\ten\thow much\nweather\ten\tis it sunny\nperson\ten\n", encoding="utf-8")
    problems = problems_of(path)
    assert "few.tsv:2: unknown label 'weather'" in problems
    assert "few.tsv:3: must be label, language and message, separated by tabs" in problems
    assert "few.tsv: label 'dose' has 1 examples in 'en'; at least 10 are needed" in problems
    assert "few.tsv: label 'suicide' has 0 examples in 'es'; at least 10 are needed" in problems


def test_a_not_covered_subject_says_so_and_where_to_ask_in_two_segments(english):
    alcohol = english.not_covered["alcohol"]
    assert alcohol.sms_reply == (
        "Sorry, this line does not cover alcohol or drinking. Ask your doctor or pharmacist. Or call SAMHSA's "
        "National Helpline: 1-800-662-4357. It is free and private, 24 hours a day, every day. They speak English "
        "and Spanish.\nEmergency? Call 911 now.")
    # A subject with a sentence of its own: the sentence takes the helpline's place, so that it fits.
    assert english.not_covered["where_to_get"].sms_reply == (
        "We do not cover where to get naltrexone near you. Ask your doctor or pharmacist. To find treatment near "
        "you, go to FindTreatment.gov.\nEmergency? Call 911 now.")
    # By voice the helpline is said digit by digit, a pause between the groups.
    assert "at 1, 8 0 0, 6 6 2, 4 3 5 7." in alcohol.voice


def test_a_problem_in_the_shared_not_covered_text_is_named_once(tmp_path):
    path = broken_pack(tmp_path, 'not_covered = "Sorry, this line does not cover {subject}.',
                       'not_covered = "Sorry, this line does not cover {topic}.')
    assert problems_of(path) == ["[en.sms] not_covered: placeholder {topic} does not exist "
                                 "(known: {emergency_number}, {helpline}, {operator}, {poison_control}, {subject})"]


@pytest.mark.parametrize("then", ["nowhere", "how_long"])
def test_a_topic_followed_by_what_is_not_another_plain_topic_is_named(tmp_path, then):
    path = broken_pack(tmp_path, 'followed_by = "overdose_risk"', f'followed_by = "{then}"')
    assert problems_of(path) == [f"topic how_long: followed_by '{then}' must be the id of another topic that is "
                                 "not followed by one itself"]


def test_an_answer_too_long_after_the_emergency_sentence_is_named(tmp_path):
    longer = "Call {emergency_number} now if someone may be overdosing, is not breathing or will not wake up."
    path = broken_pack(tmp_path, 'crisis_first = "Call {emergency_number} now if someone may be overdosing."',
                       f'crisis_first = "{longer}"')
    problems = problems_of(path)
    assert "topic dose [en] sms after [en.sms] crisis_first: 323 characters, 3 SMS segments; at most 2 (306 " \
           "characters): write the answer shorter" in problems
    assert all("after [en.sms] crisis_first" in problem for problem in problems)


@pytest.mark.parametrize("field", ["crisis_first", "suicide_first", "extra_dose"])
def test_a_sentence_that_replaces_the_emergency_line_must_name_the_number(tmp_path, field):
    text = PACK_TEXT.split("[en.sms]", 1)[1]
    line = next(line for line in text.splitlines() if line.startswith(f"{field} = "))
    path = broken_pack(tmp_path, line, line.replace("{emergency_number}", "911"))
    assert problems_of(path) == [f"[en.sms] {field}: missing the emergency line: it must name {{emergency_number}}"]


def test_a_sentence_before_the_answer_with_no_gsm7_form_is_named(tmp_path):
    path = broken_pack(tmp_path, 'crisis_first = "Call {emergency_number} now', 'crisis_first = "🚨 Call {emergency_number} now')
    assert problems_of(path) == ["[en.sms] crisis_first: not GSM-7 and no GSM-7 form, would be billed as UCS-2 "
                                 "because of '🚨' (U+1F6A8)"]


def test_a_topic_marked_after_988_whose_answer_another_always_follows_is_named(tmp_path):
    path = broken_pack(tmp_path, 'followed_by = "overdose_risk"', 'followed_by = "overdose_risk"\nafter_988 = true')
    assert "topic how_long: after_988: its answer is always followed by topic 'overdose_risk's, which may carry " \
           "what must never follow the 988 sentence" in problems_of(path)


@pytest.mark.parametrize("mark, problem", [
    ("true", "topic dose: after_988: an answer with a number (a dose, a count, a timing) may never follow the 988 "
             "sentence"),
    ('"yes"', "topic dose: after_988 must be true or false"),
])
def test_a_dose_cannot_be_marked_to_follow_988(tmp_path, mark, problem):
    path = broken_pack(tmp_path, 'id = "dose"\n', f'id = "dose"\nafter_988 = {mark}\n')
    assert problems_of(path) == [problem]
