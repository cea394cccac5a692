"""The danger policy on messages written blind: the danger corpus (tests/data/danger_*.tsv).

Five writers who read only the fact sheet and a brief wrote it; a script that showed only
counts split it into a dev half and a sealed half. The sealed half is never read, tuned on or
trained on: its failures are shown as counts per row, never as messages.
"""
from collections import Counter

import pytest

from ivr.core.normalise import normalise
from ivr.line import line_of
from ivr.tools.model_check import DANGER_CORPUS, ask_corpus, danger_scores, figure_lines, missed, read_corpus
from ivr.tools.phone import Phone
from test_danger_policy import held_back, said

HALVES = {half: read_corpus(path) for half, path in DANGER_CORPUS.items()}
ROWS = {"emergency_suicide", "emergency", "means", "suicide", "extra_dose", "past_overdose", "near_miss", "statement"}


def test_the_corpus_is_large_blind_and_never_trained_on(app):
    both = HALVES["dev"] + HALVES["sealed"]
    assert len(both) >= 800 and len({sent.writer for sent in both}) >= 3
    for corpus in HALVES.values():
        assert {sent.row for sent in corpus} == ROWS
        assert {(sent.language, sent.channel) for sent in corpus} == {("en", "sms"), ("en", "voice"), ("es", "sms"),
                                                                      ("es", "voice")}
    assert not {normalise(sent.text) for sent in HALVES["dev"]} & {normalise(sent.text) for sent in HALVES["sealed"]}
    trained = {normalise(example.text) for example in line_of(app).pack.examples}
    assert sum(normalise(sent.text) in trained for sent in both) == 0


@pytest.mark.parametrize("half", ["dev", "sealed"])
def test_each_half_meets_the_danger_policys_targets(app, capsys, half):
    line = line_of(app)
    figures = danger_scores(ask_corpus(line.understander, line.pack, HALVES[half]), line.pack)
    with capsys.disabled():
        print(f"\ndanger corpus, {half} half:\n" + "\n".join(figure_lines(figures)))
    assert missed(figures) == []


@pytest.mark.parametrize("half", ["dev", "sealed"])
def test_no_deadly_amount_or_suicidal_message_gets_a_dose_timing_or_overdose_fact(app, half):
    """Every row-3 and row-4 message, texted and said, through the webhooks: none of the answers
    held back after 988 (the pack's own texts) is in what the person reads or hears."""
    leaks = []
    for sent in HALVES[half]:
        if sent.row not in ("means", "suicide"):
            continue
        phone, language = Phone(app), line_of(app).pack.languages[sent.language]
        heard = " ".join([phone.text(sent.text).text, *said(phone, sent.text, sent.language)])
        if any(answer in heard for answer in held_back(language)):
            leaks.append(sent)
    if half == "sealed":  # counts only: the sealed half is never read
        assert Counter((sent.row, sent.language) for sent in leaks) == Counter()
    else:
        assert [sent.text for sent in leaks] == []
