"""A pack past six topics: every topic is reached by its SMS keyword and number, by speech,
and by keys: the first five on the main voice menu, the rest on a second page (key 6)."""
import pytest

from conftest import EMERGENCY_SMS_LINE, EMERGENCY_VOICE_SHORT, eight_topic_pack
from ivr.line import line_of
from ivr.tools.phone import Phone
from test_voice import AFTER_ANSWER, MENU_END
from test_voice_walk import check_walk

PAGE_ONE = ("For dose and how to start, press 1. For taking it too soon, press 2. For overdose risk if you stop, "
            "press 3. For how to know it is working, press 4. For how long to take it, press 5. For more topics, "
            "press 6. To talk with someone at SAMHSA's free helpline, press 7. " + MENU_END)
PAGE_TWO = ("For who can prescribe it, press 1. For alcohol and drinking, press 2. For cost and insurance, press 3. "
            "To talk with someone at SAMHSA's free helpline, press 7. " + MENU_END)


@pytest.fixture(scope="module")
def eight(tmp_path_factory):
    from ivr import create_app
    app = create_app({"TESTING": True, "CONTENT_PATH": str(eight_topic_pack(tmp_path_factory.mktemp("eight")))})
    yield app
    line_of(app).insight.stop()


def test_by_sms_every_topic_has_its_number_and_keyword(eight):
    phone = Phone(eight)
    menu = phone.text("menu").text
    # Eight titled lines would not fit 2 segments: the number and keyword alone.
    assert menu.splitlines()[1:] == ["1 DOSE", "2 WITHDRAWAL", "3 RISK", "4 WORKING", "5 LONG", "6 PRESCRIBE",
                                     "7 ALCOHOL", "8 COST", EMERGENCY_SMS_LINE]
    assert phone.text("7").text == phone.text("ALCOHOL").text == "The answer about alcohol and drinking.\n" + EMERGENCY_SMS_LINE
    assert phone.text("8").text == phone.text("insurance").text == "The answer about cost and insurance.\n" + EMERGENCY_SMS_LINE
    assert phone.text("6").text.startswith("Anyone who can prescribe medicine can prescribe it.")


def test_by_voice_the_first_five_then_a_second_page_on_key_6(eight):
    phone = Phone(eight)
    menu = phone.dial()
    assert menu.said[-1] == PAGE_ONE
    more = phone.press(menu, "6")
    assert more.said[-1] == PAGE_TWO and more.said[0] == EMERGENCY_VOICE_SHORT
    alcohol = phone.press(more, "2")
    assert alcohol.said == ["The spoken answer about alcohol and drinking.", EMERGENCY_VOICE_SHORT, AFTER_ANSWER]
    assert phone.press(more, "1").said[0].startswith("Anyone who can prescribe medicine can prescribe naltrexone.")
    assert phone.press(more, "3").said[0] == "The spoken answer about cost and insurance."
    assert phone.press(more, "*").said[-1] == PAGE_TWO  # star repeats the page
    assert phone.press(more, "0").said[-1] == PAGE_ONE  # 0 is the main menu
    assert phone.press(more, "4").said[0] == "Sorry, that is not an option."  # no fourth topic on page two
    assert phone.press(more, "7").dial.text == "+18006624357"  # 7 is still the person
    assert phone.press(alcohol, "6").said[-1] == PAGE_TWO  # keys mean the same after an answer
    assert phone.press(alcohol, "2").said[0].startswith("Wait five to seven days with no opioids")


def test_by_speech_every_topic(eight):
    phone = Phone(eight)
    step = phone.step(phone.dial().action, {"SpeechResult": "can i drink beer on it", "Confidence": "0.9"})
    assert step.said[0] == "The spoken answer about alcohol and drinking."


def test_the_whole_voice_walk_holds_on_it(eight, show):
    states = check_walk(Phone(eight), eight, show)
    assert {"menu", "more", "alcohol", "cost"} <= states
