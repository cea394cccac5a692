"""Long texts, two questions and plain statements, on messages written blind: the long-text set
(tests/data/longtext_*.tsv, brief in tests/data/longtext_brief.md).

Four writers who read only the fact sheet and a brief wrote it; a script that showed only counts
split it into a dev half and a sealed half. The sealed half is never read, tuned on or trained on.
The line does not meet the issue's targets on it yet (docs/understanding.md, "Where it falls
short"): these floors are what it scores now, and may rise, never fall.
"""
from ivr.core.normalise import normalise
from ivr.line import line_of
from ivr.tools.model_check import LONGTEXT_SET, ask_corpus, figure_lines, longtext_scores, read_longtext

HALVES = {half: read_longtext(path) for half, path in LONGTEXT_SET.items()}
FLOORS = {  # (dev, sealed): at least, or at most for "not covered as a topic"
    "long topic": (91 / 125, 76 / 106),
    "long statement acknowledged": (32 / 49, 29 / 50),
    "long not covered as a topic": (6 / 57, 9 / 71),
}


def test_the_set_is_large_blind_and_never_trained_on(app):
    both = HALVES["dev"] + HALVES["sealed"]
    assert len(both) >= 300 and len({sent.writer for sent in both}) >= 2
    for corpus in HALVES.values():
        assert {sent.shape for sent in corpus} == {"long", "two", "short", "statement"}
        assert {sent.language for sent in corpus} == {"en", "es"}
    assert not {normalise(sent.text) for sent in HALVES["dev"]} & {normalise(sent.text) for sent in HALVES["sealed"]}
    trained = {normalise(example.text) for example in line_of(app).pack.examples}
    # Only a greeting or a thanks of a word or two ("hola", "thank you") may also be an example.
    assert [sent.first for sent in both if normalise(sent.text) in trained and len(sent.text.split()) > 2] == []


def test_neither_half_falls(app, show):
    line = line_of(app)
    for index, (half, corpus) in enumerate(HALVES.items()):
        figures = longtext_scores(ask_corpus(line.understander, line.pack, corpus), line.pack)
        show(f"\nlong-text set, {half} half:\n" + "\n".join(figure_lines(figures)))
        for name, floors in FLOORS.items():
            value = figures[name][0]
            at_most = "not covered" in name
            assert value <= floors[index] + 1e-9 if at_most else value >= floors[index] - 1e-9, (half, name)
