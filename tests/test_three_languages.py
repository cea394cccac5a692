"""A pack with a third language works end to end: SMS, the voice choice of language, and the
report. The third language here is English written again as "fr" (a test fixture, as are its
crisis words): what is tested is that nothing assumes two languages."""
import re

import pytest

from conftest import write_pack
from ivr.config import DEFAULT_CONTENT_PATH
from ivr.core import content, crisis
from ivr.line import line_of
from ivr.tools.phone import Phone

THIRD_LINE = "Urgence ? Appelez le 911."


def third_language_pack(folder):
    text = DEFAULT_CONTENT_PATH.read_text(encoding="utf-8")
    english = text[text.index("[en]\n"):text.index("# ---------------------------------------------------------------- Spanish")]
    french = (english.replace("[en", "[fr").replace('switch_words = ["english", "inglés"]',
                                                    'switch_words = ["français", "french"]')
              .replace('emergency = "Emergency? Call {emergency_number} now."',
                       'emergency = "Urgence ? Appelez le {emergency_number}."')
              .replace('offer = "For English, press {key}."', 'offer = "Pour le français, appuyez sur {key}."')
              .replace('greeting = "Hi. This is the naltrexone info line.', 'greeting = "Bonjour. This is the line.')
              .replace('voice = "Polly.Joanna-Neural"', 'voice = "Polly.Lea-Neural"').replace('"en-US"', '"fr-FR"'))
    french = re.sub(r"\nlanguage_words = \[.*?\]\n", '\nlanguage_words = ["le", "la", "les", "est", "je", "bonjour"]\n',
                    french, flags=re.S)
    text = text.replace('languages = ["en", "es"]', 'languages = ["en", "es", "fr"]')
    text = text.replace("# ---------------------------------------------------------------- Spanish", french
                        + "# ---------------------------------------------------------------- Spanish")
    # Each topic's and subject's English table again as French.
    text = re.sub(r"\[(topics|not_covered)\.en\]\n(.*?)(?=\n\[\1\.es\])",
                  lambda m: f"[{m[1]}.en]\n{m[2]}\n[{m[1]}.fr]\n{m[2]}", text, flags=re.S)
    path = write_pack(folder, text, "three.toml")
    examples = path.with_name("naltrexone-examples.tsv")
    lines = examples.read_text(encoding="utf-8").splitlines()
    examples.write_text("\n".join(lines + [line.replace("\ten\t", "\tfr\t") for line in lines
                                           if "\ten\t" in line]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def three(tmp_path, monkeypatch, make_app):
    """The line with the three-language pack; the engine given "fr" danger signals for the test."""
    for table in crisis.SIGNALS.values():
        monkeypatch.setitem(table, "fr", table["en"])
    monkeypatch.setitem(crisis.FALLBACK_SMS, "fr", "Urgence ? Appelez le {number}.")
    monkeypatch.setitem(crisis.FALLBACK_VOICE, "fr", ("Urgence : appelez le {number}.", "fr-FR"))
    monkeypatch.setattr(content, "SAFETY_LANGUAGES", ("en", "es", "fr"))
    return make_app({"TESTING": True, "CONTENT_PATH": str(third_language_pack(tmp_path)),
                     "DATABASE_URL": f"sqlite:///{tmp_path}/insight.db"})


def test_sms_voice_and_the_report_in_three_languages(three):
    # SMS: the third language's switch word, then its answers, then back.
    phone = Phone(three)
    assert phone.text("français").text.endswith("\n" + THIRD_LINE)
    assert phone.text("1").text.endswith("\n" + THIRD_LINE)
    assert phone.text("1").language == "fr"
    assert phone.text("español").text.endswith("\n¿Emergencia? Llame al 911 ya.")
    # Voice: every other language offered on the main menu, each in its own voice; 8 opens a page
    # offering each language on its number, and the number chosen is that language's menu.
    menu = phone.dial()
    offers = [(say.get("voice"), say.text) for say in menu.gather.iter("Say")][2:4]
    assert offers == [("Polly.Lupe-Neural", "Para español, oprima 8. Si es una emergencia, cuelgue y llame al 9 1 1."),
                      ("Polly.Lea-Neural", "Pour le français, appuyez sur 8.")]
    languages = phone.press(menu, "8")
    assert languages.said == ["If this is an emergency, hang up and call 9 1 1.", "For English, press 1.",
                              "Para español, oprima 2. Si es una emergencia, cuelgue y llame al 9 1 1.",
                              "Pour le français, appuyez sur 3."]
    assert phone.press(languages, "*").said == languages.said
    french = phone.press(languages, "3")
    assert french.said[0] == "Bonjour. This is the line. We give facts, not medical advice."
    assert french.gather.get("language") == "fr-FR"
    assert phone.press(french, "1").said[0].startswith("Naltrexone is started after five to seven days")
    assert phone.press(languages, "2").gather.get("language") == "es-US"
    # The report counts each language (texts from people, not the stand-in phone's).
    client = three.test_client()
    for body in ("français", "1", "español", "1", "english", "1"):
        assert client.post("/sms", data={"From": "+15555550150", "Body": body}).status_code == 200
    assert line_of(three).insight.flush()
    report = three.test_cli_runner().invoke(args=["report"]).output
    by_language = next(line for line in report.splitlines() if line.startswith("by language:"))
    assert by_language == "by language: en 2, es 2, fr 2"


def test_the_model_reports_every_language_of_the_pack_against_the_engines_target():
    from ivr.tools.model_check import missed, target_of

    assert target_of("topic fr") == target_of("topic es") == (">=", 0.85)
    figures = {"topic": (0.95, 100), "topic en": (0.9, 50), "topic fr": (0.5, 50)}
    assert missed(figures) == ["topic fr: 50.0% of 50, target >= 85%"]
