"""What a person texting the line gets back."""
import pytest

from conftest import EMERGENCY_SMS_LINE, ENGLISH, PACK, SPANISH_SMS_LINE
from ivr.line import line_of
from ivr.core.sms_encoding import encoding, segments
from ivr.core.carrier import HELP_WORDS, OPT_IN_WORDS, OPT_OUT_WORDS

# A fact from the fact sheet that each topic's answer must carry.
TOPIC_FACTS = {
    "dose": ["5 to 7 days", "50 mg", "380 mg", "30 days"],
    "working": ["fewer cravings", "Buprenorphine or methadone cut cravings more", "other medicines"],
    "how_long": ["Each person is different", "goals", "overdose risk is higher"],  # stopping is asked here: the risk follows
    "too_soon": ["5 to 7 days", "withdrawal", "heroin or oxycodone"],
    "prescribe": ["no special training", "nurse practitioners", "physician assistants"],
    "overdose_risk": ["more sensitive to opioids", "If you stop it", "overdose risk is higher"],
}
# The safety topics first: how to start, taking it too soon, the overdose risk after stopping.
MENU = ("Naltrexone info. Text a number or word:\n1 DOSE - dose and how to start\n2 WITHDRAWAL - taking it too soon\n"
        "3 RISK - overdose risk if you stop\n4 WORKING - how to know it is working\n5 LONG - how long to take it\n"
        "6 PRESCRIBE - who can prescribe it\nEmergency? Call 911 now.")
MENU_START = "Naltrexone info. Text a number or word:\n1 DOSE - dose and how to start\n"


@pytest.mark.parametrize("topic_id, key", [("dose", "1"), ("too_soon", "2"), ("overdose_risk", "3"),
                                           ("working", "4"), ("how_long", "5"), ("prescribe", "6")])
def test_menu_number_answers_its_topic(text, topic_id, key):
    reply = text(key)
    for fact in TOPIC_FACTS[topic_id]:
        assert fact in reply
    assert reply.endswith("\n" + EMERGENCY_SMS_LINE)


def test_every_keyword_and_title_answers_the_same_as_the_number(text, english):
    for topic in english.topics:
        by_number = text(topic.key)
        for word in (topic.title, *topic.keywords):
            for variant in (word, word.upper(), word.title() + "?", f"  {word}!! "):
                assert text(variant) == by_number, (topic.id, variant)


def test_keyword_examples_from_the_issue(text):
    dose = text("1")
    assert text("DOSE") == dose and text("dose") == dose and text("Dose?") == dose


@pytest.mark.parametrize("body", ["MENU", "menu", "Hi", "HELLO", "", "   ", "🙂", "👍🏽🙏", "?!"])
def test_greetings_empty_and_emoji_get_the_menu(text, body):
    assert text(body) == MENU


def test_missing_body_gets_the_menu(text):
    assert text(None).startswith(MENU_START)


@pytest.mark.parametrize("body", ["elephant", "asdfgh", "7", "0", "12", "what"])
def test_anything_not_understood_says_so_then_gives_the_menu(text, body):
    assert text(body) == ENGLISH.sms.not_understood_reply
    assert text(body).endswith("\n" + text("menu"))  # a sentence, then the menu


@pytest.mark.parametrize("body", sorted(OPT_OUT_WORDS) + ["Stop", "STOP", " stop. ", "OptOut"])
def test_opt_out_words_get_an_empty_response(client, body):
    response = client.post("/sms", data={"Body": body})
    assert response.status_code == 200
    assert response.data == b'<?xml version="1.0" encoding="UTF-8"?><Response />'


@pytest.mark.parametrize("body", sorted(HELP_WORDS) + ["Help", "HELP?"])
def test_help_words_get_the_help_text(text, body):
    reply = text(body)
    assert reply == ENGLISH.sms.help_reply
    # What US carriers expect of a HELP reply: who runs the line, and how to opt out.
    assert f"run by {PACK.operator}" in reply and "Reply STOP to opt out." in reply
    assert reply.endswith("\n" + EMERGENCY_SMS_LINE)


@pytest.mark.parametrize("body", sorted(OPT_IN_WORDS) + ["UNSTOP", "Start"])
def test_opt_in_words_get_the_menu(text, body):
    assert text(body) == text("menu")


@pytest.mark.parametrize("body", ["can I stop taking it?", "what if i stop", "help me", "is it safe to quit"])
def test_carrier_words_inside_a_longer_message_are_not_keywords(text, body):
    reply = text(body)
    assert reply is not None
    assert "Reply STOP to opt out." not in reply


def test_about(text):
    reply = text("about")
    assert reply == ENGLISH.sms.about_reply and "not medical advice" in reply
    assert reply.endswith("\n" + EMERGENCY_SMS_LINE)


@pytest.mark.parametrize("code, first, others, line", [
    ("en", "menu", ["", "nonsense words", "help", "about", "start", "not breathing", "I want to die"], EMERGENCY_SMS_LINE),
    ("es", "hola", ["ayuda", "acerca", "qwerty", "no respira", "quiero morir"], SPANISH_SMS_LINE),
])
def test_every_reply_is_gsm7_within_two_segments_and_ends_with_the_emergency_line(text, app, code, first, others, line):
    language = line_of(app).pack.languages[code]
    bodies = [first, *others, *(t.key for t in language.topics), *(k for t in language.topics for k in t.keywords)]
    for body in bodies:
        reply = text(body)
        assert encoding(reply) == "GSM-7", body
        assert segments(reply) <= 2, (body, len(reply))
        assert reply.endswith("\n" + line), body
        assert not set("áéíóúàèìòùÁÉÍÓÚ") & set(reply)  # no accents rather than some


def test_reply_is_twiml_message(client):
    response = client.post("/sms", data={"Body": "dose"})
    assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert response.data.startswith(b'<?xml version="1.0" encoding="UTF-8"?><Response><Message>Naltrexone is started after')


def test_emergency_number_comes_from_settings(make_app):
    client = make_app({"TESTING": True, "EMERGENCY_NUMBER": "112"}).test_client()
    response = client.post("/sms", data={"Body": "dose"})
    assert response.data.decode().endswith("\nEmergency? Call 112 now.</Message></Response>")


@pytest.mark.parametrize("body, subject", [
    ("can i drink beer on vivitrol", "alcohol"), ("im pregnant can i still get the shot", "pregnancy"),
    ("how much does the shot cost", "cost"), ("what if i miss my shot", "missed_dose"),
    ("puedo tomar alcohol con la inyeccion", "alcohol"),
])
def test_a_question_the_fact_sheet_does_not_answer_gets_where_to_ask_not_a_topic(text, app, body, subject):
    pack = line_of(app).pack
    language = "es" if body.startswith("puedo") else "en"
    assert text(body) == pack.languages[language].not_covered[subject].sms_reply


@pytest.mark.parametrize("body", ["can i talk to a real person", "AGENT", "I need to speak with someone"])
def test_asking_for_a_person_gets_the_helpline(text, body):
    assert text(body) == ENGLISH.sms.person_reply
    assert "call SAMHSA's National Helpline: 1-800-662-4357." in text(body)


def test_every_kind_of_intent_has_its_reply_and_an_unknown_kind_is_an_error(app):
    from ivr.core.kinds import KINDS
    from ivr.web.sms import reply_for
    from ivr.core.understand import Intent

    english = line_of(app).pack.languages["en"]
    replies = {kind: reply_for(Intent(kind, "en", {"topic": "dose", "not_covered": "alcohol"}.get(kind)), english)
               for kind in KINDS}
    assert replies["opt_out"] is None and replies["opt_in"] == replies["menu"] == english.sms.menu_reply
    assert replies["topic"] == english.by_id["dose"].sms_reply
    assert replies["not_covered"] == english.not_covered["alcohol"].sms_reply
    assert replies["crisis"].startswith("Call 911 now if someone may be overdosing")
    assert all(reply for kind, reply in replies.items() if kind != "opt_out")
    with pytest.raises(KeyError):
        reply_for(Intent("menus", "en"), english)


def test_the_emergency_words(text):
    # Call now, naloxone if you have it, stay with them; this text line cannot send help.
    assert text("my friend is not breathing") == (
        "Call 911 now if someone may be overdosing, is not breathing or will not wake up. If you have naloxone "
        "(Narcan), give it, and stay with them. This text line cannot send help.\nEmergency? Call 911 now.")
    assert text("I want to kill myself") == (
        "In danger now? Call 911. Thinking about suicide or hurting yourself? Call or text 988. It is free, day or "
        "night.\nEmergency? Call 911 now.")
