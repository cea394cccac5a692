"""The terminal phone (`flask text`, `flask call`) and the content checker (`flask lint-content`)."""
import pytest

from conftest import ENGLISH, SPANISH, write_pack
from ivr.config import DEFAULT_CONTENT_PATH

TOKEN = "cli-test-token"


@pytest.fixture
def runner(make_app, tmp_path):
    app = make_app({"TESTING": True})
    app.instance_path = str(tmp_path)  # where `flask text --continue` keeps the conversation's language
    return app.test_cli_runner()


def test_text_prints_the_reply_then_encoding_and_segments(runner):
    result = runner.invoke(args=["text", "how much do I take"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    reply = ENGLISH.by_id["dose"].sms_reply
    assert "\n".join(lines[:-1]) == reply and lines[-2] == "Emergency? Call 911 now."
    assert lines[-1] == f"--- GSM-7, {len(reply)} characters, 2 SMS segment(s), language en"


def test_text_several_messages_are_one_conversation(runner):
    result = runner.invoke(args=["text", "hola", "1"])
    reply = SPANISH.by_id["dose"].sms_reply
    assert f"{reply}\n--- GSM-7, {len(reply)} characters, 2 SMS segment(s), language es" in result.output


def test_text_language_option_and_continue(runner):
    spanish, english = SPANISH.by_id["dose"].sms_reply, ENGLISH.by_id["dose"].sms_reply
    assert spanish in runner.invoke(args=["text", "--lang", "es", "1"]).output
    assert spanish in runner.invoke(args=["text", "--continue", "1"]).output
    assert english in runner.invoke(args=["text", "1"]).output  # a new conversation
    assert runner.invoke(args=["text", "--lang", "fr", "1"]).exit_code == 2


def test_text_stop_says_there_is_no_reply(runner):
    assert runner.invoke(args=["text", "STOP"]).output == "(no reply: the line sends nothing to this message)\n"


def test_call_with_piped_keys_follows_the_line_until_it_hangs_up(runner):
    result = runner.invoke(args=["call"], input="1\n*\n0\n#\n")
    assert result.exit_code == 0
    out = result.output
    assert f"  {ENGLISH.voice.greeting}\n" in out
    assert f"  (es-US) {SPANISH.voice.offer}\n" in out
    assert out.count(f"  {ENGLISH.by_id['dose'].voice}\n") == 2  # the answer, then * repeats it
    assert f"> #\n  {ENGLISH.voice.goodbye}\n  In an emergency, hang up now and call 9 1 1." in out
    assert out.endswith("The line hung up.\n")


def test_call_silence_and_speech(runner):
    out = runner.invoke(args=["call"], input="say: my friend is not breathing\n\n\n\n").output
    assert "> say: my friend is not breathing\n  In an emergency, hang up now and call 9 1 1." in out
    assert out.count("> (silence)") == 3 and out.endswith("The line hung up.\n")


def test_call_shows_the_hand_off_and_lets_you_choose_how_the_helpline_call_goes(runner):
    out = runner.invoke(args=["call"], input="7\nb\n7\nx\nn\n7\na\n").output
    assert out.count("  (the line connects you to +1 800 662 4357)") == 3
    voice = ENGLISH.voice
    assert (f"> b\n  {voice.handoff_busy}\n  {voice.handoff_again}\n"
            "  If this is an emergency, hang up and call 9 1 1.") in out
    assert "> x\n  (type one of a, b, n)\n" in out
    assert f"> n\n  {voice.handoff_no_answer}\n" in out
    assert out.endswith(f"> a\n  {voice.handoff_ended}\n  {voice.goodbye}\n"
                        "  In an emergency, hang up now and call 9 1 1. If someone may be overdosing and you have "
                        "naloxone, also called Narcan, give it, and stay with them. "
                        "If you are thinking about suicide, call or text 9 8 8.\nThe line hung up.\n")


def test_call_ends_when_input_ends(runner):
    assert runner.invoke(args=["call"], input="1\n").output.endswith("(you hung up)\n")


def test_the_terminal_phone_signs_its_requests_when_a_token_is_set(tmp_path, make_app):
    app = make_app({"TESTING": True, "TWILIO_AUTH_TOKEN": TOKEN})
    app.instance_path = str(tmp_path)
    runner = app.test_cli_runner()
    assert ENGLISH.by_id["dose"].sms_reply in runner.invoke(args=["text", "dose"]).output
    assert ENGLISH.voice.menu_with_handoff in runner.invoke(args=["call"], input="#\n").output
    assert app.test_client().post("/sms", data={"Body": "dose"}).status_code == 403  # unsigned is still refused


def test_lint_content_prints_a_table_and_passes(runner, show):
    result = runner.invoke(args=["lint-content"])
    show("\nflask lint-content:\n" + result.output)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith("naltrexone.toml: naltrexone version 2026-12-01, languages en, es")
    row = next(line for line in lines if line.split()[:2] == ["dose", "en"]).split()
    assert row[2:5] == ["267", "GSM-7", "2"] and 0 < float(row[5]) <= 6 and row[6] == "25"
    assert any(line.split()[:2] == ["dose", "es"] and "UCS-2 because of í á ó (folded" in line for line in lines)
    assert "awaits review by a qualified medical translator" in result.output
    assert "  0 error(s), 2 warning(s)" in lines
    assert "warning: [pack] operator is still the sample" in result.output
    # Then the understanding, cross-validated over the pack's examples, against its targets.
    assert any(line.split()[:2] == ["crisis", "recall"] and ">= 97%" in line for line in lines)
    assert "  understanding: every target met" in lines
    # Then the danger corpus, both halves: the dev half at every target, the sealed half reported.
    assert [line.split(" (")[0] for line in lines if line.startswith("  danger corpus")] == [
        "  danger corpus, dev half", "  danger corpus, sealed half"]
    assert not any("error: danger policy" in line for line in lines)
    # Then the long-text set, both halves, reported with warnings while below target.
    assert [line.split(" (")[0] for line in lines if line.startswith("  long-text set")] == [
        "  long-text set, dev half", "  long-text set, sealed half"]


def edited_pack(tmp_path, old, new):
    text = DEFAULT_CONTENT_PATH.read_text(encoding="utf-8")
    assert old in text
    return write_pack(tmp_path, text.replace(old, new), "edited.toml")


@pytest.mark.parametrize("old, new, error", [
    ('keywords = ["long",', 'keywords = ["long", "dose",', "keyword 'dose' is also used by topic dose [en]"),
    ('"relapse"]', '"relapse", "HELP"]', "keyword 'HELP' is a carrier keyword"),
    ('[topics.es]\ntitle = "quién puede recetarla"', '[topics.fr]\ntitle = "quién puede recetarla"',
     "topic prescribe [es]: missing section"),
    ('emergency = "Emergency? Call {emergency_number} now."', 'emergency = "Stay safe."',
     "[en.sms] emergency: missing the emergency line"),
    ('key = "5"', 'key = "1"', "menu key '1' is also the key of topic dose"),
    ("Reply STOP to opt out.", "Reply STOP {to} opt out.", "placeholder {to} does not exist"),
])
def test_lint_content_names_each_problem_and_exits_1(runner, tmp_path, old, new, error):
    result = runner.invoke(args=["lint-content", str(edited_pack(tmp_path, old, new))])
    assert result.exit_code == 1
    assert error in result.output


def test_lint_content_fails_a_reply_above_grade_6_and_names_it(runner, tmp_path):
    hard = "Pharmacological antagonism necessitates individualized evaluation."
    path = edited_pack(tmp_path, "Each person is different. Take it while it helps you reach your goals", hard)
    result = runner.invoke(args=["lint-content", str(path)])
    assert result.exit_code == 1
    assert "error: [en] topic how_long sms: reading grade" in result.output
    assert "error: [en] sms suicide_first, then how_long: reading grade" in result.output
    assert "is above 6; use shorter sentences and shorter words" in result.output
    assert "  3 error(s), 2 warning(s)" in result.output  # and after the emergency sentence; not the voice answer


def test_lint_content_fails_a_spanish_sms_word_that_folds_into_another(runner, tmp_path):
    # Sent without accents, "está en peligro" reads "esta en peligro" (this in danger).
    path = edited_pack(tmp_path, 'suicide = "¿Corre peligro ahora?', 'suicide = "¿Está en peligro ahora?')
    result = runner.invoke(args=["lint-content", str(path)])
    assert result.exit_code == 1
    assert ("error: [es.sms] suicide: 'Está' is sent without its accent and reads as another word; write the "
            "sentence another way") in result.output
