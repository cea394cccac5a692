"""What a caller hears, and where each key leads."""
import pytest

from conftest import EMERGENCY_VOICE, EMERGENCY_VOICE_SHORT, ENGLISH, SPANISH

GREETING = ENGLISH.voice.greeting
SPANISH_OFFER = SPANISH.voice.offer
AFTER_ANSWER = ENGLISH.voice.after_answer
SORRY = ENGLISH.voice.not_an_option
GOODBYE = ENGLISH.voice.goodbye
NO_CHOICE = ENGLISH.voice.no_choice
MENU_END = "For the emergency message, press 9. To hear this again, press star. Or say your question."
ANSWERS = {key: topic.voice for key, topic in ENGLISH.voice_keys.items()}  # what each key of the main menu says


def assert_main_menu(step, before=(), handoff=True):
    """The main menu: everything inside one single-key Gather, the emergency sentence before
    the options, and a person offered (key 7) unless callers cannot be put through."""
    assert step.gather is not None and step.gather.get("numDigits") == "1"
    assert step.said == step.gather_said, "all of the menu is inside the Gather"
    said = step.gather_said
    assert said[: len(before)] == list(before)
    assert said[-3:-1] == [EMERGENCY_VOICE_SHORT, SPANISH_OFFER]
    assert said[-1] == (ENGLISH.voice.menu_with_handoff if handoff else ENGLISH.voice.menu)
    assert step.redirect is not None and not step.hangs_up


def assert_call_ends(step, before=()):
    assert step.hangs_up and step.verbs[-1].tag == "Hangup"
    assert step.gather is None and step.redirect is None
    assert step.said == [*before, GOODBYE, EMERGENCY_VOICE]


def test_the_menu_offers_the_safety_topics_first_each_on_its_key():
    # How to start, taking it too soon and the overdose risk after stopping come first.
    assert [(key, topic.id) for key, topic in ENGLISH.voice_keys.items()] == [
        ("1", "dose"), ("2", "too_soon"), ("3", "overdose_risk"), ("4", "working"), ("5", "how_long"), ("6", "prescribe")]
    options = " ".join(f"For {topic.title}, press {key}." for key, topic in ENGLISH.voice_keys.items())
    assert ENGLISH.voice.menu_with_handoff == f"{options} {ENGLISH.voice.handoff_option} {MENU_END}"
    assert ENGLISH.voice.handoff_option.endswith("press 7.") and MENU_END.startswith(
        "For the emergency message, press 9.")


def test_call_starts_with_greeting_emergency_then_menu(phone):
    step = phone.dial()
    assert_main_menu(step, before=[GREETING])
    assert step.said[:3] == [GREETING, EMERGENCY_VOICE_SHORT, SPANISH_OFFER]
    assert "press 6" in step.said[3]
    voices = [(say.get("voice"), say.get("language")) for say in step.gather.iter("Say")]
    assert voices == [("Polly.Joanna-Neural", "en-US")] * 2 + [("Polly.Lupe-Neural", "es-US")] + [("Polly.Joanna-Neural", "en-US")]


@pytest.mark.parametrize("key", sorted(ANSWERS))
def test_topic_key_gives_answer_then_emergency_then_short_menu(phone, key):
    step = phone.press(phone.dial(), key)
    assert step.said[0] == ANSWERS[key]
    assert step.said[1:] == [EMERGENCY_VOICE_SHORT, AFTER_ANSWER]
    assert step.gather_said == [AFTER_ANSWER]


def test_answers_are_written_to_be_heard(phone):
    dose = phone.press(phone.dial(), "1").said[0]
    assert "fifty milligram pill" in dose and "three hundred eighty milligrams" in dose
    for key in ANSWERS:
        answer = phone.press(phone.dial(), key).said[0]
        assert " mg" not in answer and "5-7" not in answer


def test_9_gives_the_emergency_message(phone):
    step = phone.press(phone.dial(), "9")
    assert step.said == [EMERGENCY_VOICE, AFTER_ANSWER]


@pytest.mark.parametrize("key", ["0", "*"])
def test_0_and_star_on_the_main_menu_give_the_menu_again(phone, key):
    assert_main_menu(phone.press(phone.dial(), key))


def test_pound_says_goodbye_then_the_emergency_message_and_hangs_up(phone):
    assert_call_ends(phone.press(phone.dial(), "#"))


def test_wrong_key_says_so_then_the_menu(phone_without_handoff):
    phone = phone_without_handoff  # every key has a meaning when callers can be put through
    assert_main_menu(phone.press(phone.dial(), "7"), before=[SORRY], handoff=False)


def test_star_after_an_answer_repeats_it(phone):
    answer = phone.press(phone.dial(), "3")
    again = phone.press(answer, "*")
    assert again.said == answer.said
    assert phone.press(phone.press(phone.dial(), "9"), "*").said == [EMERGENCY_VOICE, AFTER_ANSWER]


@pytest.mark.parametrize("key, expected", [("0", "menu"), ("#", "end"), ("9", "emergency"), ("5", "topic"), ("7", "sorry")])
def test_keys_after_an_answer(phone, phone_without_handoff, key, expected):
    if key == "7":
        phone = phone_without_handoff
    step = phone.press(phone.press(phone.dial(), "1"), key)
    if expected == "menu":
        assert_main_menu(step)
    elif expected == "end":
        assert_call_ends(step)
    elif expected == "emergency":
        assert step.said == [EMERGENCY_VOICE, AFTER_ANSWER]
    elif expected == "topic":
        assert step.said[0] == ANSWERS["5"]
    else:
        assert step.said == [EMERGENCY_VOICE_SHORT, SORRY, AFTER_ANSWER]


def test_silence_gives_the_menu_again_and_the_third_ends_the_call(phone):
    step = phone.dial()
    for _ in range(2):
        step = phone.wait(step)
        assert_main_menu(step)
    assert_call_ends(phone.wait(step), before=[NO_CHOICE])


def test_three_wrong_keys_in_a_row_end_the_call(phone_without_handoff):
    phone = phone_without_handoff
    step = phone.dial()
    for _ in range(2):
        step = phone.press(step, "7")
        assert_main_menu(step, before=[SORRY], handoff=False)
    assert_call_ends(phone.press(step, "7"), before=[SORRY, NO_CHOICE])


def test_a_good_key_resets_the_count(phone_without_handoff):
    phone = phone_without_handoff
    step = phone.press(phone.press(phone.dial(), "7"), "7")
    step = phone.press(step, "0")  # back to the menu: the count starts again
    for _ in range(2):
        step = phone.press(step, "7")
        assert_main_menu(step, before=[SORRY], handoff=False)
    assert_call_ends(phone.press(step, "7"), before=[SORRY, NO_CHOICE])


def test_silence_after_an_answer_offers_the_short_menu_then_ends(phone):
    step = phone.press(phone.dial(), "2")
    for _ in range(2):
        step = phone.wait(step)
        assert step.said == [EMERGENCY_VOICE_SHORT, AFTER_ANSWER]
    assert_call_ends(phone.wait(step), before=[NO_CHOICE])


@pytest.mark.parametrize("query", ["at=nonsense&misses=1", "misses=abc", "misses=-5", "misses=99999", "at=&misses=",
                                   "at=%00&misses=1e9"])
def test_tampered_step_urls_still_get_a_menu(phone, query):
    step = phone.step(f"/voice/key?{query}", Digits="*")
    assert_main_menu(step)
    step = phone.step(f"/voice/silence?{query}")
    assert step.hangs_up or step.gather is not None


@pytest.mark.parametrize("digits", ["", "12", "abc", "#*", "١"])
def test_odd_digits_are_a_wrong_key(phone, digits):
    step = phone.step("/voice/key?at=menu&misses=0", Digits=digits)
    assert_main_menu(step, before=[SORRY])
