"""The fitted intent model is kept in instance/model-cache, so a start after the first is quick.

The cache is derived: a new training set (or new code or library versions) gets a file of
its own, an unreadable file is fitted again, and a folder that cannot be written costs a
fit at every start and one log line, never the line.
"""
import logging
import os
import time

import numpy as np
import pytest

from ivr.core import intent_model
from ivr.core.intent_model import CACHE_FILES_KEPT, IntentModel
from ivr.line import line_of
from ivr.core.understand import training_set

MESSAGES = ["how much do i take", "can i drink on it", "my friend is not breathing", "hola"]


@pytest.fixture(scope="module")
def pairs(line_as_it_starts):
    """A tenth of the line's training set: a quick fit."""
    return list(zip(*training_set(line_of(line_as_it_starts).pack, {})[::10]))


def answers(model):
    return [model.probabilities(message).tolist() for message in MESSAGES]


def fitted(caplog) -> int:
    return caplog.text.count("fitting a model")


def test_a_second_start_reads_the_weights_instead_of_fitting(pairs, tmp_path, caplog):
    with caplog.at_level(logging.INFO):
        first = IntentModel(*pairs, cache_folder=tmp_path)
        second = IntentModel(*pairs, cache_folder=tmp_path)
    assert fitted(caplog) == 1
    assert answers(second) == answers(first)
    [kept] = tmp_path.iterdir()
    assert kept.name.startswith("intent-model-") and kept.suffix == ".npz"
    with np.load(kept, allow_pickle=False) as stored:  # plain arrays: no pickle is ever loaded
        assert sorted(stored.files) == ["bias", "coefficients", "grams"]


def test_other_examples_get_a_file_of_their_own(pairs, tmp_path, caplog):
    texts, labels = pairs
    with caplog.at_level(logging.INFO):
        IntentModel(texts, labels, cache_folder=tmp_path)
        IntentModel([*texts, "how many pills a day"], [*labels, "dose"], cache_folder=tmp_path)
    assert fitted(caplog) == 2 and len(list(tmp_path.iterdir())) == 2


@pytest.mark.parametrize("damage", ["empty", "cut short", "not an npz"])
def test_a_damaged_cache_file_is_fitted_again(pairs, tmp_path, caplog, damage):
    expected = answers(IntentModel(*pairs, cache_folder=tmp_path))
    [kept] = tmp_path.iterdir()
    whole = kept.read_bytes()
    kept.write_bytes({"empty": b"", "cut short": whole[:len(whole) // 2], "not an npz": b"PK not a zip"}[damage])
    caplog.clear()
    with caplog.at_level(logging.INFO):
        assert answers(IntentModel(*pairs, cache_folder=tmp_path)) == expected
    assert fitted(caplog) == 1 and "a model cache file could not be read" in caplog.text
    assert kept.read_bytes() == whole  # written afresh


def test_a_cache_that_cannot_be_written_costs_a_fit_and_one_log_line(pairs, tmp_path, caplog):
    not_a_folder = tmp_path / "model-cache"
    not_a_folder.write_text("a file where the folder should be")
    with caplog.at_level(logging.INFO):
        models = [IntentModel(*pairs, cache_folder=not_a_folder) for _ in range(2)]
    assert fitted(caplog) == 2
    assert caplog.text.count("the model cache cannot be written") == 1
    assert answers(models[0]) == answers(models[1])


def test_a_write_that_fails_half_way_leaves_nothing_behind(pairs, tmp_path, caplog, monkeypatch):
    def disk_full(file, **arrays):
        file.write(b"the first bytes")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(intent_model.np, "savez", disk_full)
    with caplog.at_level(logging.WARNING):
        model = IntentModel(*pairs, cache_folder=tmp_path)
    assert "the model cache cannot be written (OSError)" in caplog.text
    assert list(tmp_path.iterdir()) == []
    assert model.probabilities("how much do i take").sum() == pytest.approx(1.0)


def test_new_library_versions_get_a_file_of_their_own(pairs, tmp_path, monkeypatch):
    IntentModel(*pairs, cache_folder=tmp_path)
    installed = intent_model.version
    monkeypatch.setattr(intent_model, "version", lambda package: "99.0" if package == "scipy" else installed(package))
    IntentModel(*pairs, cache_folder=tmp_path)
    assert len(list(tmp_path.iterdir())) == 2


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


def test_what_a_process_that_died_while_writing_left_goes_after_an_hour(pairs, tmp_path):
    old, fresh = tmp_path / "intent-model-died.tmp", tmp_path / "intent-model-writing.tmp"
    old.write_bytes(b"half")
    fresh.write_bytes(b"half")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    IntentModel(*pairs, cache_folder=tmp_path)
    assert not old.exists() and fresh.exists()
