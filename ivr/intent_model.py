"""The trained intent model: how likely a message is to belong to each class.

Trained when the app starts, from labelled examples kept as text beside the content
pack, with fixed seeds: an edit to the examples is an edit to the line, and no pickled
model is ever committed. Two kinds of features:
- character n-grams of the normalised words, which absorb typos and slang spellings, and
  the words and word pairs themselves;
- a WordLlama sentence embedding (its package ships the model; nothing is fetched), which
  carries meaning across wordings and between English and Spanish.
scikit-learn fits a logistic regression over both; a message is then scored with the
fitted weights in numpy, without scikit-learn's per-call checks.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from math import sqrt
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

NGRAM_SIZES = (2, 3, 4)  # of each word padded with spaces: " od " -> " o", "od", "d ", " od", "od ", " od "
REGULARISATION = 30.0  # scikit-learn's C
SEED = 0
WORDS_KEPT = 16384  # words whose token ids are kept


@lru_cache(maxsize=1)
def wordllama():
    """WordLlama's 256-dimension model from its own package folder (its default folder
    is not where the wheel puts the tokenizer), never downloaded."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import wordllama as package  # its import calls logging.basicConfig: every log line would print twice

    root.handlers[:], root.level = handlers, level
    return package.WordLlama.load(cache_dir=Path(package.__file__).parent, disable_download=True)


@lru_cache(maxsize=WORDS_KEPT)
def token_ids(word: str) -> tuple[int, ...]:
    """WordLlama's token ids for one word. Its tokenizer splits a text at spaces first, so a
    text's ids are its words' ids in turn (tested), and a word seen before is a look-up,
    not a tokenizer call (needed to come near 1.0x the docs-style app, bench/README.md)."""
    return tuple(wordllama().tokenizer.encode(word, add_special_tokens=False).ids)


def embed(text: str) -> np.ndarray:
    """WordLlama's sentence embedding of normalised words at unit length (none: zeros): the
    mean of its tokens' vectors, as WordLlama.embed computes it, without its batching."""
    table = wordllama().embedding
    ids = [token for word in text.split() for token in token_ids(word)]
    if not ids:
        return np.zeros(table.shape[1], dtype=np.float32)
    vector = table[ids].sum(axis=0)  # the mean's direction, which is all that is kept
    return vector / max(sqrt(float(vector @ vector)), 1e-9)


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
    when scoring alike."""

    def __init__(self, texts: list[str], labels: list[str]):
        self.labels = tuple(sorted(set(labels)))
        self._index: dict[str, int] = {}
        for text in texts:
            for gram in sorted(ngrams(text)):
                self._index.setdefault(gram, len(self._index))
        fitted = LogisticRegression(C=REGULARISATION, max_iter=3000, random_state=SEED)
        fitted.fit(self._matrix(texts), [self.labels.index(label) for label in labels])
        weights = fitted.coef_.T  # (features, classes)
        self._ngram_weights = np.ascontiguousarray(weights[:len(self._index)])
        self._embedding_weights = np.ascontiguousarray(weights[len(self._index):])
        self._bias = fitted.intercept_

    def _matrix(self, texts: list[str]):
        rows, columns, values = [], [], []
        for row, text in enumerate(texts):
            grams = ngrams(text)
            known = [self._index[gram] for gram in grams if gram in self._index]
            rows += [row] * len(known)
            columns += known
            values += [1 / sqrt(len(grams) or 1)] * len(known)
        counts = sparse.csr_matrix((values, (rows, columns)), shape=(len(texts), len(self._index)))
        embeddings = np.array([embed(text) for text in texts])  # unit length, as the n-grams' part
        return sparse.hstack([counts, sparse.csr_matrix(embeddings)]).tocsr()

    def knows_a_word_of(self, text: str) -> bool:
        """Whether any word of the text was in the training examples: about words it never
        saw ("elephant", "zxqv") the model only extrapolates from their letters."""
        return any(f"w:{word}" in self._index for word in text.split())

    def probabilities(self, text: str) -> np.ndarray:
        """The probability of each class (in the order of self.labels) for one text."""
        logits = self._bias + embed(text) @ self._embedding_weights
        grams = ngrams(text)
        known = [self._index[gram] for gram in grams if gram in self._index]
        if known:
            logits = logits + self._ngram_weights[known].sum(axis=0) / sqrt(len(grams))
        exp = np.exp(logits - logits.max())
        return exp / exp.sum()

