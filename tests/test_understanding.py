"""Understanding messages the examples were not written next to: the frozen test set.

tests/data/understanding_test.tsv was written before any training example and before
any tuning, and is never trained on (a test below checks no example repeats one of its
messages). Its figures are printed per class and language, with the most confused
pairs, and the test fails when any target of ivr/model_check.py is missed.
"""
from pathlib import Path

from ivr.line import line_of
from ivr.model_check import missed, report, scores
from ivr.normalise import normalise

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


def test_the_frozen_set_meets_every_target(app, capsys):
    pack = line_of(app).pack
    understander = line_of(app).understander
    # A new conversation starts in the pack's default language, as a first text does.
    results = [(label, language, understander.sms(message, pack.default_language).label)
               for label, language, message in CASES]
    with capsys.disabled():
        print("\nfrozen test set:\n" + "\n".join(report(results, pack)))
    assert missed(scores(results, pack)) == []
