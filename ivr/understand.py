"""What a person wants, from the words they texted or said.

Pure Python: no Flask, no Twilio. Every table is built once from the content pack
when the app starts; a message is then normalised, its misspelt words corrected
against the pack's vocabulary (rapidfuzz), checked for crisis words first, and
matched to a topic by the longest phrases it contains. When no topic is clearly
ahead, the answer is the menu, never a guess.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz import fuzz, process

from ivr.crisis import crisis_kind, crisis_phrases, words_by_language
from ivr.phrases import PhraseIndex

if TYPE_CHECKING:  # only for type hints; content imports this module
    from ivr.content import Pack

# Carrier keywords: reserved when they are the whole message (Twilio may act on them).
OPT_OUT_WORDS = frozenset(
    {"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout"}
)
OPT_IN_WORDS = frozenset({"start", "unstop", "yes"})
HELP_WORDS = frozenset({"help", "info"})
CARRIER_WORDS = OPT_OUT_WORDS | OPT_IN_WORDS | HELP_WORDS

# Texting shortcuts, written out before matching.
SHORTCUTS = {
    "u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "thx": "thanks",
    "b4": "before", "dr": "doctor", "doc": "doctor", "wat": "what", "wut": "what", "whats": "what is",
    "cuz": "because", "abt": "about", "im": "i am",
    "q": "que", "xq": "porque", "pq": "porque", "tb": "tambien",
}
_SHORTCUT_WORDS = {short: long.split() for short, long in SHORTCUTS.items()}
_VALUE = itemgetter(2)  # of a (start, length, value) match
MAX_WORDS = 300  # an SMS is at most 1,600 characters; nothing real is longer

_CURLY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u02bc": "'"})
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_REPEATS = re.compile(r"([a-z])\1{2,}")  # "pleeease" -> "pleease"
# For ASCII text, all of normalise in one pass over the bytes: letters lower-cased, digits
# kept, apostrophes dropped, anything else a space.
_ASCII_WORD_BYTES = bytes(
    byte if chr(byte).isascii() and chr(byte).isalnum() else ord(" ") for byte in bytes(range(256)).lower()
)


def normalise(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: 'Dósis?' -> 'dosis'."""
    if text.isascii():  # most texts: no accents to take off
        return " ".join(text.encode().translate(_ASCII_WORD_BYTES, b"'").decode().split())
    text = unicodedata.normalize("NFKD", text.translate(_CURLY).casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("'", "")  # "what's" -> "whats", "OD'd" -> "odd"
    return _NOT_WORD.sub(" ", text).strip()


def words_of(text: str, normalised: str | None = None) -> list[str]:
    """Normalised words with repeated letters squeezed and texting shortcuts written out."""
    text = normalise(text) if normalised is None else normalised
    if _REPEATS.search(text):  # rare: sub() with a template costs more than the search
        text = _REPEATS.sub(r"\1\1", text)
    words = []
    for word in text.split()[:MAX_WORDS]:
        written_out = _SHORTCUT_WORDS.get(word)
        if written_out:
            words.extend(written_out)
        else:
            words.append(word)
    return words


class Intent(NamedTuple):
    """What the person asked for, and the language to answer in."""

    kind: str  # topic | menu | not_understood | help | about | opt_out | opt_in | crisis | suicide
    language: str
    topic: str | None = None


class Understander:
    """Maps a message to an Intent, with tables built once from the pack."""

    def __init__(self, pack: Pack):
        self.default_language = pack.default_language
        self._exact: dict[str, tuple[str, str]] = {}  # whole message -> (kind, topic or language)
        topic_phrases: dict[tuple[str, ...], str] = {}  # phrase words -> topic id
        self._switch: dict[str, str] = {}  # "espanol" -> "es"
        vocabularies: dict[str, set[str]] = {}
        for code, language in pack.languages.items():
            vocabulary = vocabularies.setdefault(code, set())
            for topic in language.topics:
                for phrase in (topic.key, topic.title, *topic.keywords):
                    self._exact[normalise(phrase)] = ("topic", topic.id)
                for phrase in (topic.title, *topic.keywords, *topic.phrases):
                    topic_phrases[tuple(words_of(phrase))] = topic.id
                    vocabulary.update(words_of(phrase))
            for kind, phrases in (("menu", language.sms.menu_words), ("about", language.sms.about_words),
                                  ("help", language.sms.help_words)):
                for phrase in phrases:
                    self._exact.setdefault(normalise(phrase), (kind, ""))
                    vocabulary.update(words_of(phrase))
            for word in language.switch_words:
                self._switch[normalise(word)] = code
                vocabulary.update(words_of(word))
            vocabulary.update(words_of(" ".join(language.language_words)))
        for code, words in words_by_language().items():
            vocabularies.setdefault(code, set()).update(words)
        # Topic and crisis phrases in one word tree, so a message is walked once. A phrase
        # that is both is a crisis phrase; no topic is called "crisis" (content.py checks).
        self._phrases = PhraseIndex({**topic_phrases, **crisis_phrases()})
        # A word marks a language only if no other language uses it ("no", "menu", "mg").
        self._markers = {
            code: frozenset(words - set().union(*(v for c, v in vocabularies.items() if c != code)))
            for code, words in vocabularies.items() if code in pack.languages
        }
        self._marker_language = {word: code for code, words in self._markers.items() for word in words}
        self._vocabulary = sorted(set().union(*vocabularies.values()))
        self._vocabulary_set = frozenset(self._vocabulary)
        # Words that words_of and the corrector leave as they are.
        self._plain_words = frozenset(
            word for word in self._vocabulary if word not in _SHORTCUT_WORDS and not _REPEATS.search(word)
        )
        self.correct = lru_cache(maxsize=8192)(self._correct)

    def _correct(self, word: str) -> str:
        """The vocabulary word a misspelt word stands for, or the word itself."""
        if word in self._vocabulary_set or len(word) < 4 or word.isdigit():
            return word
        cutoff = 85 if len(word) < 6 else 80  # "doing" must not become "dying"
        match = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff)
        return match[0] if match else word

    def language_of(self, words: list[str], current: str) -> str:
        """The language the words are in; the current one unless another has more of its own words."""
        found = list(filter(None, map(self._marker_language.get, words)))
        if not found:
            return current
        if found.count(found[0]) == len(found):  # the usual case: one language's words only
            return found[0]
        counts = {code: found.count(code) for code in self._markers}
        best = max(counts, key=counts.get)
        return best if counts[best] > counts.get(current, 0) else current

    def sms(self, text: str, language: str | None = None) -> Intent:
        """A text message: carrier keywords first when alone, crisis words before anything else."""
        current = language or self.default_language
        whole, raw_words, found, kind = self._read(text)
        if kind:
            return Intent(kind, self.language_of(raw_words, current))
        if whole in OPT_OUT_WORDS:
            return Intent("opt_out", current)
        if whole in HELP_WORDS:
            return Intent("help", current)
        if whole in OPT_IN_WORDS:
            return Intent("opt_in", current)
        return self._understand(whole, raw_words, found, current)

    def speech(self, text: str, language: str) -> Intent:
        """What a caller said: the same understanding as a text, without carrier keywords.

        The call stays in its language unless the caller names another ("español").
        """
        whole, raw_words, found, kind = self._read(text)
        if kind:
            return Intent(kind, language)
        return self._understand(whole, raw_words, found, language, detect=False)

    def _read(self, text: str) -> tuple[str, list[str], list, str | None]:
        """The message normalised, its words as written, the phrases found in its corrected
        words (PhraseIndex.matches) and its crisis kind if any."""
        whole = normalise(text)
        plain = whole.split()
        if len(plain) <= MAX_WORDS and self._plain_words.issuperset(plain):
            raw_words = words = plain  # the usual case: nothing to squeeze, write out or correct
        else:
            raw_words = words_of(text, whole)
            known = self._vocabulary_set
            words = [word if word in known else self.correct(word) for word in raw_words]
        found = self._phrases.matches(words)
        return whole, raw_words, found, crisis_kind(words, map(_VALUE, found))

    def _understand(self, whole, raw_words, found, current, detect=True) -> Intent:
        if not whole:  # empty, or only emoji and punctuation
            return Intent("menu", current)
        if whole in self._switch:
            return Intent("menu", self._switch[whole])
        language = self.language_of(raw_words, current) if detect else current
        kind, topic = self._exact.get(whole, (None, None))
        if kind:
            return Intent(kind, language, topic or None)
        topic = self._best_topic(found)
        if topic:
            return Intent("topic", language, topic)
        return Intent("not_understood", language)

    def _best_topic(self, found: list[tuple[int, int, str]]) -> str | None:
        """The topic whose phrases cover the most words, longest phrase first; None on a tie.

        `found` holds no crisis phrase: a message with one is a crisis, not a question."""
        scores: dict[str, int] = {}
        covered = 0  # words before this are part of a phrase already counted
        for start, length, topic in found:
            if start >= covered:  # the first match at a start is its longest
                scores[topic] = scores.get(topic, 0) + length
                covered = start + length
        if not scores:
            return None
        best = max(scores, key=scores.get)
        if list(scores.values()).count(scores[best]) > 1:  # a tie: the menu, not a guess
            return None
        return best

