"""What a caller hears, and where each key leads."""
import pytest

from conftest import EMERGENCY_VOICE, EMERGENCY_VOICE_SHORT

GREETING = "Hi. This is the naltrexone info line. We give facts, not medical advice."
# The safety topics first: how to start, taking it too soon, the overdose risk after stopping.
MENU_OPTIONS = ("For dose and how to start, press 1. For taking it too soon, press 2. For overdose risk if you stop, "
                "press 3. For how to know it is working, press 4. For how long to take it, press 5. For who can "
                "prescribe it, press 6.")
SPANISH_OFFER = "Para español, oprima 8. Si es una emergencia, cuelgue y llame al 9 1 1."
AFTER_ANSWER = "To hear that again, press star. For the main menu, press 0. To end the call, press pound."
SORRY = "Sorry, that is not an option."
GOODBYE = "Thank you for calling. Goodbye."
NO_CHOICE = "We did not get a choice, so we will end the call."
ANSWER_STARTS = {
    "1": "Naltrexone is started after five to seven days with no opioids.",
    "2": "If you take naltrexone too soon",
    "3": "While you take naltrexone",
    "4": "You may have fewer cravings",
    "5": "How long you take naltrexone is different for each person.",
    "6": "Anyone who can prescribe medicine can prescribe naltrexone.",
}


HANDOFF_OPTION = "To talk with someone at SAMHSA's free helpline, press 7."
MENU_END = "For the emergency message, press 9. To hear this again, press star. Or say your question."


def assert_main_menu(step, before=(), handoff=True):
    """The main menu: everything inside one single-key Gather, the emergency sentence before
    the options, and a person offered (key 7) unless callers cannot be put through."""
    assert step.gather is not None and step.gather.get("numDigits") == "1"
    assert step.said == step.gather_said, "all of the menu is inside the Gather"
    said = step.gather_said
    assert said[: len(before)] == list(before)
    assert said[-3:-1] == [EMERGENCY_VOICE_SHORT, SPANISH_OFFER]
    assert said[-1] == (f"{MENU_OPTIONS} {HANDOFF_OPTION} {MENU_END}" if handoff else f"{MENU_OPTIONS} {MENU_END}")
    assert step.redirect is not None and not step.hangs_up


def assert_call_ends(step, before=()):
    assert step.hangs_up and step.verbs[-1].tag == "Hangup"
    assert step.gather is None and step.redirect is None
    assert step.said == [*before, GOODBYE, EMERGENCY_VOICE]


def test_call_starts_with_greeting_emergency_then_menu(phone):
    step = phone.dial()
    assert_main_menu(step, before=[GREETING])
    assert step.said[:3] == [GREETING, EMERGENCY_VOICE_SHORT, SPANISH_OFFER]
    assert "press 6" in step.said[3]
    voices = [(say.get("voice"), say.get("language")) for say in step.gather.iter("Say")]
    assert voices == [("Polly.Joanna-Neural", "en-US")] * 2 + [("Polly.Lupe-Neural", "es-US")] + [("Polly.Joanna-Neural", "en-US")]


@pytest.mark.parametrize("key", sorted(ANSWER_STARTS))
def test_topic_key_gives_answer_then_emergency_then_short_menu(phone, key):
    step = phone.press(phone.dial(), key)
    assert step.said[0].startswith(ANSWER_STARTS[key])
    assert step.said[1:] == [EMERGENCY_VOICE_SHORT, AFTER_ANSWER]
    assert step.gather_said == [AFTER_ANSWER]


def test_answers_are_written_to_be_heard(phone):
    dose = phone.press(phone.dial(), "1").said[0]
    assert "fifty milligram pill" in dose and "three hundred eighty milligrams" in dose
    for key in ANSWER_STARTS:
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
        assert step.said[0].startswith(ANSWER_STARTS["5"])
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
