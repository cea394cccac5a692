"""Understanding messages the examples were not written next to: the frozen test set.

tests/data/understanding_test.tsv was written before any training example and before
any tuning, and is never trained on (a test below checks no example repeats one of its
messages). Its figures are printed per class and language, with the most confused
pairs, and the test fails when any target of ivr/tools/model_check.py is missed.
"""
from pathlib import Path

from ivr.line import line_of
from ivr.tools.model_check import missed, report, scores
from ivr.core.normalise import normalise
from ivr.core.understand import Intent

CASES = [
    line.rstrip("\n").split("\t")
    for line in (Path(__file__).parent / "data" / "understanding_test.tsv").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def test_the_frozen_set_is_large_covers_every_class_and_is_never_trained_on(app):
    pack = line_of(app).pack
    assert len(CASES) >= 400
    labels = {example.label for example in pack.examples}
    assert {label for label, _, _ in CASES} == labels  # every class the model learns, and no other
    assert {language for _, language, _ in CASES} == set(pack.languages)
    trained = {normalise(example.text) for example in pack.examples}
    assert [message for _, _, message in CASES if normalise(message) in trained] == []


def test_the_frozen_set_meets_every_target(app, show):
    pack = line_of(app).pack
    understander = line_of(app).understander
    # A new conversation starts in the pack's default language, as a first text does.
    results = [(label, language, understander.sms(message, pack.default_language)) for label, language, message in CASES]
    show("\nfrozen test set:\n" + "\n".join(report(results, pack)))
    assert missed(scores(results, pack)) == []


def test_the_figures_follow_the_scoring_rules(app):
    """A topic question succeeds when that topic's answer is in the reply, an emergency
    sentence before it allowed; an emergency when the first sentence says to call 911; a
    suicidal text when 988 is named; any alarm on a message with no danger is a false alarm."""
    pack = line_of(app).pack
    results = [
        ("dose", "en", Intent("topic", "en", "dose")),  # answered
        ("dose", "en", Intent("topic", "en", "dose", "crisis")),  # answered, alarm added
        ("dose", "en", Intent("crisis", "en")),  # alarm instead of answer
        ("overdose_risk", "en", Intent("topic", "en", "how_long")),  # how_long's reply holds the overdose risk
        ("crisis", "en", Intent("topic", "en", "dose", "crisis")),  # the first sentence says to call 911
        ("suicide", "en", Intent("topic", "en", "how_long", "suicide")),  # 988 named
        ("suicide", "en", Intent("crisis", "en")),  # no 988
        ("alcohol", "en", Intent("crisis", "en")),  # an alarm on a question with no danger
        ("gibberish", "en", Intent("not_understood", "en")),
        ("extra_dose", "en", Intent("extra_dose", "en")),
    ]
    figures = {name: value for name, (value, _) in scores(results, pack).items()}
    assert figures["topic"] == 3 / 4
    # Of the five questions with no danger (four topics' and alcohol, a subject the sheet does not
    # answer), two got an alarm and no answer, one an alarm before its answer.
    assert (figures["alarm instead of answer"], figures["alarm added"]) == (2 / 5, 1 / 5)
    assert (figures["crisis recall"], figures["suicide 988"], figures["extra dose"]) == (1.0, 0.5, 1.0)
    assert figures["false alarm"] == 3 / 6  # of the six messages with no danger
    assert (figures["not covered as a topic"], figures["not covered"], figures["menu shown"]) == (0.0, 0.0, 1.0)
