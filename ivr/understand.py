"""What a person wants, from the words they texted.

Pure Python: no Flask, no Twilio. The tables are built once from the content pack
when the app starts; each message is then a few dictionary look-ups.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for type hints; content imports this module
    from ivr.content import Pack

# Carrier keywords: reserved when they are the whole message (Twilio may act on them).
OPT_OUT_WORDS = frozenset(
    {"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout"}
)
OPT_IN_WORDS = frozenset({"start", "unstop", "yes"})
HELP_WORDS = frozenset({"help", "info"})
CARRIER_WORDS = OPT_OUT_WORDS | OPT_IN_WORDS | HELP_WORDS

_CURLY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: 'Dósis?' -> 'dosis'."""
    text = unicodedata.normalize("NFKD", text.translate(_CURLY).casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("'", "")  # "what's" -> "whats", not "what s"
    return _NOT_WORD.sub(" ", text).strip()


@dataclass(frozen=True)
class Intent:
    """What the person asked for: a kind, and the topic id when kind == 'topic'."""

    kind: str  # topic | menu | not_understood | help | about | opt_out | opt_in
    topic: str | None = None


class Understander:
    """Maps a message to an Intent, with tables built once from the pack."""

    def __init__(self, pack: Pack):
        self._topics: dict[str, dict[str, str]] = {}
        self._words: dict[str, dict[str, str]] = {}
        for code, language in pack.languages.items():
            topics = {}
            for topic in language.topics:
                for phrase in (topic.key, topic.title, *topic.keywords):
                    topics[normalise(phrase)] = topic.id
            self._topics[code] = topics
            words = {normalise(word): "menu" for word in language.sms.menu_words}
            words.update({normalise(word): "about" for word in language.sms.about_words})
            self._words[code] = words

    def sms(self, text: str, language: str) -> Intent:
        words = normalise(text)
        if words in OPT_OUT_WORDS:
            return Intent("opt_out")
        if words in HELP_WORDS:
            return Intent("help")
        if words in OPT_IN_WORDS:
            return Intent("opt_in")
        if not words:  # empty, or only emoji and punctuation
            return Intent("menu")
        topic = self._topics[language].get(words)
        if topic:
            return Intent("topic", topic)
        return Intent(self._words[language].get(words, "not_understood"))
