"""The trained intent model: how likely a message is to belong to each class.

Trained from labelled examples kept as text beside the content pack, with fixed seeds:
an edit to the examples is an edit to the line, and no model file is ever committed.
Two kinds of features:
- character n-grams of the normalised words, which absorb typos and slang spellings, and
  the words and word pairs themselves;
- a WordLlama sentence embedding (its package ships the model; nothing is fetched), which
  carries meaning across wordings and between English and Spanish.
scikit-learn fits a logistic regression over both; a message is then scored with the
fitted weights in numpy.

The fitted weights are kept in a cache folder (instance/model-cache) as .npz files named
by everything that decides them: the training pairs, this file, and the versions of
numpy, scipy, scikit-learn and wordllama. The cache is derived: deleting it costs one fit.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from functools import lru_cache
from importlib.metadata import version
from math import sqrt
from pathlib import Path

import numpy as np
from scipy import sparse

log = logging.getLogger(__name__)

NGRAM_SIZES = (2, 3, 4)  # of each word padded with spaces: " od " -> " o", "od", "d ", " od", "od ", " od "
REGULARISATION = 30.0  # scikit-learn's C
SEED = 0
EMBEDDING_SIZE = 256  # WordLlama's dimensions: the model its wheel ships
CACHE_FILES_KEPT = 13  # a lint run's five folds (an intent and a statement model each) and the line's own three


@lru_cache(maxsize=1)
def wordllama():
    """The WordLlama model its wheel ships, from its own package folder (its default folder
    is not where the wheel puts the tokenizer), never downloaded."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import wordllama as package  # its import calls logging.basicConfig: every log line would print twice

    root.handlers[:], root.level = handlers, level
    return package.WordLlama.load(cache_dir=Path(package.__file__).parent, dim=EMBEDDING_SIZE, disable_download=True)


@lru_cache(maxsize=64)  # the intent and statement models embed the same words
def embed(text: str) -> np.ndarray:
    """WordLlama's sentence embedding of normalised words at unit length (no words: zeros)."""
    return embed_all([text])[0]


def embed_all(texts: list[str]) -> np.ndarray:
    """embed() of each text, as one matrix."""
    vectors = np.zeros((len(texts), EMBEDDING_SIZE), dtype=np.float32)
    worded = [row for row, text in enumerate(texts) if text.strip()]  # WordLlama divides by zero on no words
    if worded:
        vectors[worded] = wordllama().embed([texts[row] for row in worded], norm=True)
    return vectors


def ngrams(text: str) -> set[str]:
    """The character n-grams of each word, and the words and word pairs themselves."""
    words = text.split()
    grams = {padded[start:start + size] for padded in [f" {word} " for word in words]
             for size in NGRAM_SIZES for start in range(len(padded) - size + 1)}
    grams.update([f"w:{word}" for word in words] + [f"p:{a} {b}" for a, b in zip(words, words[1:])])
    return grams


class IntentModel:
    """A linear model over n-grams and an embedding, fitted on (text, label) pairs.

    Texts are normalised words (understand.words_of joined by spaces), in training and
    when scoring alike. With a cache folder, weights fitted before on the same pairs by
    the same code are read from it instead of fitted again."""

    def __init__(self, texts: list[str], labels: list[str], cache_folder: Path | None = None):
        self.labels = tuple(sorted(set(labels)))
        wordllama()  # loaded now, not at the first message (and, under gunicorn, shared by the workers)
        cache = cache_folder / f"intent-model-{cache_key(texts, labels)}.npz" if cache_folder else None
        stored = _read_weights(cache, len(self.labels))
        if stored is None:
            log.info("fitting a model on %d examples: a few seconds, then kept for the next start", len(texts))
            grams: dict[str, int] = {}
            for text in texts:
                for gram in sorted(ngrams(text)):
                    grams.setdefault(gram, len(grams))
            self._index = grams
            stored = (list(grams), *self._fit(texts, labels))
            if cache:
                _write_weights(cache, stored)
        else:  # the n-grams are kept with the weights: listing them again costs a second for a large set
            self._index = {gram: column for column, gram in enumerate(stored[0])}
        _, coefficients, self._bias = stored
        self._ngram_weights = np.ascontiguousarray(coefficients[:len(self._index)])
        self._embedding_weights = np.ascontiguousarray(coefficients[len(self._index):])

    def _fit(self, texts: list[str], labels: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(coefficients as features x classes, intercepts), fitted by scikit-learn (imported only to fit:
        a start with every model cached does without it, half a second sooner)."""
        from sklearn.linear_model import LogisticRegression
        from threadpoolctl import threadpool_limits

        fitted = LogisticRegression(C=REGULARISATION, max_iter=3000, random_state=SEED)
        # One BLAS thread: the optimiser's steps are small, and splitting them across threads costs more than it saves.
        with threadpool_limits(1, "blas"):
            fitted.fit(self._matrix(texts), [self.labels.index(label) for label in labels])
        if len(self.labels) == 2:  # one logit, for the second class: a softmax over (0, logit) is its sigmoid
            return (np.hstack([np.zeros_like(fitted.coef_.T), fitted.coef_.T]),
                    np.concatenate([[0.0], fitted.intercept_]))
        return fitted.coef_.T, fitted.intercept_

    def _matrix(self, texts: list[str]):
        rows, columns, values = [], [], []
        for row, text in enumerate(texts):
            grams = ngrams(text)
            known = [self._index[gram] for gram in grams if gram in self._index]
            rows += [row] * len(known)
            columns += known
            values += [1 / sqrt(len(grams) or 1)] * len(known)
        counts = sparse.csr_matrix((values, (rows, columns)), shape=(len(texts), len(self._index)))
        # Each row's embedding has unit length, like its n-gram part.
        return sparse.hstack([counts, sparse.csr_matrix(embed_all(texts).astype(np.float64))]).tocsr()

    def knows(self, word: str) -> bool:
        """Whether the word was in the training examples: about words it never saw
        ("elephant", "zxqv") the model only extrapolates from their letters."""
        return f"w:{word}" in self._index

    def knows_a_word_of(self, text: str) -> bool:
        return any(map(self.knows, text.split()))

    def scores(self, text: str) -> dict[str, float]:
        """The probability of each class by its label, for one text."""
        return dict(zip(self.labels, self.probabilities(text).tolist()))

    def probabilities(self, text: str) -> np.ndarray:
        """The probability of each class (in the order of self.labels) for one text."""
        logits = self._bias + embed(text) @ self._embedding_weights
        grams = ngrams(text)
        known = [self._index[gram] for gram in grams if gram in self._index]
        if known:
            logits = logits + self._ngram_weights[known].sum(axis=0) / sqrt(len(grams))
        exp = np.exp(logits - logits.max())
        return exp / exp.sum()


def cache_key(texts: list[str], labels: list[str]) -> str:
    """A name for everything that decides the fitted weights."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for package in ("numpy", "scipy", "scikit-learn", "wordllama"):
        digest.update(f"{package}=={version(package)}\n".encode())
    digest.update(json.dumps([texts, labels], ensure_ascii=False).encode())
    return digest.hexdigest()[:32]


def _read_weights(path: Path | None, classes: int) -> tuple[list[str], np.ndarray, np.ndarray] | None:
    """The cached n-grams and weights, or None when there are none or they cannot be used (then
    the model is fitted again)."""
    if path is None:
        return None
    try:
        with np.load(path, allow_pickle=False) as stored:
            grams, coefficients, bias = str(stored["grams"]).split("\n"), stored["coefficients"], stored["bias"]
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged file (empty, cut short, not an npz) must never stop the line
        log.warning("a model cache file could not be read: the intent model is fitted again")
        return None
    if coefficients.shape != (len(grams) + EMBEDDING_SIZE, classes) or bias.shape != (classes,):
        return None
    try:
        os.utime(path)  # recently used: kept when the folder is trimmed
    except OSError:
        pass
    return grams, coefficients, bias


def _write_weights(path: Path, stored: tuple[list[str], np.ndarray, np.ndarray]) -> None:
    """Keep the weights for the next start, written whole or not at all; without a writable
    folder the line runs on, fitting at each start."""
    written = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix="intent-model-", suffix=".tmp", delete=False) as file:
            written = Path(file.name)
            # One string: an array of strings would give every n-gram the width of the longest.
            np.savez(file, grams=np.array("\n".join(stored[0])), coefficients=stored[1], bias=stored[2])
            file.flush()
            os.fsync(file.fileno())  # on disk before it takes the real name: a power cut leaves no empty file
        os.replace(written, path)
    except OSError as error:
        if written:
            written.unlink(missing_ok=True)
        _say_cache_is_off(str(path.parent), type(error).__name__)
        return
    _trim(path.parent)


@lru_cache(maxsize=None)
def _say_cache_is_off(folder: str, reason: str) -> None:
    """One log line per folder and process, however many models are fitted."""
    log.warning("the model cache cannot be written (%s): the intent model is fitted at every start", reason)


def _trim(folder: Path) -> None:
    """Delete all but the most recently used cache files (each edit to the examples makes new
    ones), and what a process that died while writing left."""
    used = []
    for file in folder.glob("intent-model-*"):
        try:
            used.append((file.stat().st_mtime, file))
        except FileNotFoundError:
            pass  # another process (a gunicorn worker, a lint run) trimmed it just now
    kept = [file for _, file in sorted(used, reverse=True) if file.suffix == ".npz"][:CACHE_FILES_KEPT]
    for modified, file in used:
        if file not in kept and (file.suffix == ".npz" or modified < time.time() - 3600):
            file.unlink(missing_ok=True)
