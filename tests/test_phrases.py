"""Finding known phrases in a message's words: every one, each counted at its true length."""
from ivr.core.phrases import PhraseIndex

INDEX = PhraseIndex({("shot",): "dose", ("shot", "wears", "off"): "overdose_risk", ("still", "craving"): "working",
                     ("craving",): "working"})


def test_every_phrase_is_found_longest_first_at_each_start():
    words = "still craving after the shot wears off".split()
    assert INDEX.matches(words) == [(0, 2, "working"), (1, 1, "working"), (4, 3, "overdose_risk"), (4, 1, "dose")]


def test_a_phrase_at_the_end_counts_for_its_own_length_only():
    assert INDEX.matches("still craving after the shot".split()) == [(0, 2, "working"), (1, 1, "working"),
                                                                     (4, 1, "dose")]
    assert INDEX.matches(["shot", "wears"]) == [(0, 1, "dose")]


def test_no_words_no_phrases():
    assert INDEX.matches([]) == [] and INDEX.matches(["hello"]) == []
