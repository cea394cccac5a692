"""The fitted intent model is kept in instance/model-cache, so a start after the first is quick.

The cache is derived: a new training set (or new code or library versions) gets a file of
its own, an unreadable file is fitted again, and a folder that cannot be written costs a
fit at every start and one log line, never the line.
"""
import logging

import numpy as np
import pytest

from ivr.intent_model import CACHE_FILES_KEPT, IntentModel
from ivr.line import line_of
from ivr.understand import training_set

MESSAGES = ["how much do i take", "can i drink on it", "my friend is not breathing", "hola"]


@pytest.fixture(scope="module")
def pairs(line_as_it_starts):
    """A tenth of the line's training set: a quick fit."""
    return list(zip(*training_set(line_of(line_as_it_starts).pack, {})[::10]))


def answers(model):
    return [model.probabilities(message).tolist() for message in MESSAGES]


def fitted(caplog) -> int:
    return caplog.text.count("fitting the intent model")


def test_a_second_start_reads_the_weights_instead_of_fitting(pairs, tmp_path, caplog):
    with caplog.at_level(logging.INFO):
        first = IntentModel(*pairs, cache_folder=tmp_path)
        second = IntentModel(*pairs, cache_folder=tmp_path)
    assert fitted(caplog) == 1
    assert answers(second) == answers(first)
    [kept] = tmp_path.iterdir()
    assert kept.name.startswith("intent-model-") and kept.suffix == ".npz"
    with np.load(kept, allow_pickle=False) as stored:  # plain arrays: no pickle is ever loaded
        assert sorted(stored.files) == ["bias", "coefficients"]


def test_other_examples_get_a_file_of_their_own(pairs, tmp_path, caplog):
    texts, labels = pairs
    with caplog.at_level(logging.INFO):
        IntentModel(texts, labels, cache_folder=tmp_path)
        IntentModel([*texts, "how many pills a day"], [*labels, "dose"], cache_folder=tmp_path)
    assert fitted(caplog) == 2 and len(list(tmp_path.iterdir())) == 2


def test_an_unreadable_cache_file_is_fitted_again(pairs, tmp_path, caplog):
    expected = answers(IntentModel(*pairs, cache_folder=tmp_path))
    [kept] = tmp_path.iterdir()
    kept.write_bytes(b"not an npz file")
    caplog.clear()
    with caplog.at_level(logging.INFO):
        assert answers(IntentModel(*pairs, cache_folder=tmp_path)) == expected
    assert fitted(caplog) == 1
    with np.load(kept, allow_pickle=False) as stored:  # written afresh
        assert stored["coefficients"].shape[1] == len(set(pairs[1]))


def test_a_cache_that_cannot_be_written_costs_a_fit_and_one_log_line(pairs, tmp_path, caplog):
    not_a_folder = tmp_path / "model-cache"
    not_a_folder.write_text("a file where the folder should be")
    with caplog.at_level(logging.INFO):
        models = [IntentModel(*pairs, cache_folder=not_a_folder) for _ in range(2)]
    assert fitted(caplog) == 2
    assert caplog.text.count("the model cache cannot be written") == 1
    assert answers(models[0]) == answers(models[1])
    assert list(tmp_path.iterdir()) == [not_a_folder]  # nothing half-written left behind


def test_the_line_starts_and_answers_when_its_cache_cannot_be_written(make_app, tmp_path, caplog):
    not_a_folder = tmp_path / "model-cache"
    not_a_folder.write_text("")
    with caplog.at_level(logging.WARNING):
        app = make_app({"TESTING": True, "MODEL_CACHE": not_a_folder})
    assert caplog.text.count("the model cache cannot be written") == 1
    reply = app.test_client().post("/sms", data={"Body": "how much should i take"}).data.decode()
    assert "Naltrexone is started after 5 to 7 days" in reply


def test_only_the_most_recently_used_files_are_kept(pairs, tmp_path):
    texts, labels = pairs[0][::4], pairs[1][::4]
    made = []  # the file each training set got, oldest first
    for number in range(CACHE_FILES_KEPT + 1):
        before = set(tmp_path.iterdir())
        IntentModel(texts[number:], labels[number:], cache_folder=tmp_path)
        made += set(tmp_path.iterdir()) - before
    assert made[0] not in set(tmp_path.iterdir())  # the oldest went
    IntentModel(texts[1:], labels[1:], cache_folder=tmp_path)  # made[1] is read: now the most recently used
    IntentModel(texts[:-1], labels[:-1], cache_folder=tmp_path)  # a new training set: one file more
    kept = set(tmp_path.iterdir())
    assert len(kept) == CACHE_FILES_KEPT
    assert made[1] in kept and made[2] not in kept  # the one read stays; the least recently used goes
