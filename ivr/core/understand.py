"""What a person wants, from the words they texted or said.

Pure Python: no Flask, no Twilio. Every table is built once from the content pack when
the app starts, and the intent model is fitted then (or read from its cache). A message
is then decided in this order:
1. the engine's rules (ivr/core/crisis.py), on its words with typos corrected against the pack's
   vocabulary (rapidfuzz): an emergency happening now, suicide, an extra dose (Poison
   Control; many pills: the emergency sentence first), and signs of self-harm that may also
   be said of the medicine (the 988 sentence first, then the model's answer);
2. carrier keywords, when they are the whole message (texts only);
3. a topic's exact keyword, title or menu number, and the menu, help and about words;
4. the trained intent model (ivr/core/intent_model.py). When it finds an emergency or suicide
   likely, even if another class is likelier, the emergency (or 988) sentence comes first,
   then the answer to what was asked if the model is sure enough of one, else the whole
   emergency (or 988) reply: a false alarm costs a sentence, never the answer; a miss can
   cost a life. Otherwise the likeliest class, if the model is sure enough. Below that, the
   person is told the line did not understand and gets the menu: it never guesses.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz, process

from ivr.core.carrier import HELP_WORDS, OPT_IN_WORDS, OPT_OUT_WORDS
from ivr.core.content import Pack
from ivr.core.crisis import EXTRA_DOSE_PHRASES, crisis_kind, crisis_phrases, words_by_language
from ivr.core.kinds import ALARMS, CRISIS_KINDS
from ivr.core.intent_model import IntentModel
from ivr.core.normalise import normalise, words_of
from ivr.core.phrases import PhraseIndex

# Chosen on the cross-validated training examples (the frozen test set only checks them):
# see docs/understanding.md, "How sure the model must be".
DANGER_PROBABILITY = 0.3  # crisis and suicide together: at or above it, the emergency (or 988) sentence
SUICIDE_SHARE = 0.3  # of that danger, suicide's share at or above which it is the 988 sentence
ANSWER_PROBABILITY = 0.1  # after that sentence, the likeliest answer at or above this is given too
SURE_PROBABILITY = 0.25  # otherwise, the likeliest class below this: "not understood" and the menu
# What a model class comes to, besides a topic (kind "topic") or a not-covered subject.
CLASS_KINDS = {"person": "person", "menu": "menu", "gibberish": "not_understood",
               "crisis": "crisis", "suicide": "suicide", "extra_dose": "extra_dose"}



class Intent(NamedTuple):
    """What the person asked for, and the language to answer in."""

    kind: str  # a key of kinds.KINDS
    language: str
    topic: str | None = None  # the topic's id, or the not-covered subject's
    # "crisis" or "suicide": the message may mean danger, so the emergency (or 988) sentence
    # comes before the answer (a topic's, the helpline's or Poison Control's).
    alarm: str | None = None

    @property
    def label(self) -> str:
        """What the intent comes to, as the examples label it: a topic or subject id, person,
        crisis, suicide, extra_dose, menu, or gibberish for anything answered with "not understood"."""
        if self.kind in ("topic", "not_covered"):
            return self.topic
        return "gibberish" if self.kind == "not_understood" else self.kind

    @property
    def in_danger(self) -> bool:
        """Whether the person may be in danger: their reply is never held back."""
        return self.kind in CRISIS_KINDS or self.alarm is not None


class Understander:
    """Maps a message to an Intent, with tables built once from the pack."""

    def __init__(self, pack: Pack, model_cache: Path | None = None):
        self.default_language = pack.default_language
        self._topics = {topic.id for language in pack.languages.values() for topic in language.topics}
        self._answers_after_alarm = frozenset(self._topics | {"person"})  # what may follow an alarm sentence
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
                                  ("help", language.sms.help_words), ("person", language.sms.person_words)):
                for phrase in phrases:
                    self._exact.setdefault(normalise(phrase), (kind, ""))
                    vocabulary.update(words_of(phrase))
            for word in language.switch_words:
                self._switch[normalise(word)] = code
                vocabulary.update(words_of(word))
            for subject in language.not_covered.values():  # "liver" is a word, not a typo of "live"
                vocabulary.update(words_of(" ".join(subject.phrases)))
            vocabulary.update(words_of(" ".join(language.language_words)))
        for code, words in words_by_language().items():
            vocabularies.setdefault(code, set()).update(words)
        self._phrases = PhraseIndex(crisis_phrases())
        self.model = trained_model(training_set(pack, topic_phrases), model_cache)
        # A word marks a language only if no other language uses it ("no", "menu", "mg"); a number never does.
        self._markers = {
            code: frozenset(word for word in words - set().union(*(v for c, v in vocabularies.items() if c != code))
                            if not word.isdigit())
            for code, words in vocabularies.items() if code in pack.languages
        }
        self._marker_language = {word: code for code, words in self._markers.items() for word in words}
        self._vocabulary = sorted(set().union(*vocabularies.values()))
        self._vocabulary_set = frozenset(self._vocabulary)
        self.correct = lru_cache(maxsize=8192)(self._correct)

    def _correct(self, word: str) -> str:
        """The vocabulary word a misspelt word stands for, or the word itself."""
        if word in self._vocabulary_set or len(word) < 4 or word.isdigit():
            return word
        cutoff = 85 if len(word) < 6 else 80  # "doing" must not become "dying"
        for match, _, _ in process.extract(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3):
            # A typo drops a letter or two ("ovrdosng") or adds one; a word cut short is another word ("limp", "limpio").
            if -1 <= len(match) - len(word) <= 2:
                return match
        return word

    def language_of(self, words: list[str], current: str) -> str:
        """The language the words are in; the current one unless another has more of its own words."""
        found = list(filter(None, map(self._marker_language.get, words)))
        if not found:
            return current
        counts = {code: found.count(code) for code in self._markers}
        best = max(counts, key=counts.get)
        return best if counts[best] > counts.get(current, 0) else current

    def sms(self, text: str, language: str | None = None) -> Intent:
        """A text message: carrier keywords first when alone, crisis words before anything else."""
        current = language or self.default_language
        whole, raw_words, kind, alarm = self._read(text)
        if kind:
            return Intent(kind, self.language_of(raw_words, current), alarm=alarm)
        if alarm:  # a sign of self-harm that may also be said of the medicine
            return self._understand(whole, raw_words, current, alarm=alarm)
        if whole in OPT_OUT_WORDS:
            return Intent("opt_out", current)
        if whole in HELP_WORDS:
            return Intent("help", current)
        if whole in OPT_IN_WORDS:
            return Intent("opt_in", current)
        return self._understand(whole, raw_words, current)

    def speech(self, text: str, language: str) -> Intent:
        """What a caller said: the same understanding as a text, without carrier keywords.

        The call stays in its language unless the caller names another ("español").
        """
        whole, raw_words, kind, alarm = self._read(text)
        if kind:
            return Intent(kind, language, alarm=alarm)
        return self._understand(whole, raw_words, language, detect=False, alarm=alarm)

    def _read(self, text: str) -> tuple[str, list[str], str | None, str | None]:
        """The message normalised, its words as written, and what the rules make of it: a
        crisis kind and the alarm sentence before the answer (crisis_kind), the model's
        alarm added before an extra dose."""
        whole = normalise(text)
        raw_words = words_of(text, whole)
        words = [self.correct(word) for word in raw_words]
        kind, alarm = crisis_kind(words, [value for _, _, value in self._phrases.matches(words)])
        if kind == "crisis":  # "I'm going to OD on purpose": the suicide reply, which also names 988
            return whole, raw_words, _danger_kind(self._probabilities(" ".join(raw_words))), None
        if kind == "extra_dose" and not alarm:  # an extra dose may be an emergency too
            alarm = self.alarm(self._probabilities(" ".join(raw_words)))
        return whole, raw_words, kind, alarm

    def _understand(self, whole, raw_words, current, detect=True, alarm=None) -> Intent:
        """The menu words, exact keywords, then the model; `alarm`: the rules' sentence before its answer."""
        if not whole:  # empty, or only emoji and punctuation
            return Intent("menu", current)
        if whole in self._switch:
            return Intent("menu", self._switch[whole])
        language = self.language_of(raw_words, current) if detect else current
        kind, topic = self._exact.get(whole, (None, None))
        if kind and not alarm:
            return Intent(kind, language, topic or None)
        label, alarm = self.classify(" ".join(raw_words), alarm)
        if label in self._topics:
            return Intent("topic", language, label, alarm)
        if label in CLASS_KINDS:
            return Intent(CLASS_KINDS[label], language, alarm=alarm)
        if label:
            return Intent("not_covered", language, label)
        return Intent("not_understood", language)

    def _probabilities(self, text: str) -> dict[str, float]:
        return dict(zip(self.model.labels, self.model.probabilities(text).tolist()))

    @staticmethod
    def alarm(probability: dict[str, float]) -> str | None:
        """The sentence a message's danger calls for, by the model: "crisis" (the emergency
        number), "suicide" (988 too) or None."""
        return _danger_kind(probability) if probability["crisis"] + probability["suicide"] >= DANGER_PROBABILITY else None

    def classify(self, text: str, alarm: str | None = None) -> tuple[str | None, str | None]:
        """The model's class for normalised words, and the alarm sentence before its answer.

        With danger likely (or an `alarm` the rules found): the alarm, then the likeliest
        other class if it is an answer and the model is sure enough of it, else the danger
        class alone. Otherwise the likeliest class if sure. None for words it never saw (the
        crisis rules have had their say already)."""
        if not self.model.knows_a_word_of(text):
            return alarm, None
        probability = self._probabilities(text)
        alarm = alarm or self.alarm(probability)
        if alarm:
            best = max((label for label in probability if label not in ALARMS), key=probability.get)
            sure = best in self._answers_after_alarm and probability[best] >= ANSWER_PROBABILITY
            return (best, alarm) if sure else (alarm, None)
        label = max(probability, key=probability.get)
        return (label if probability[label] >= SURE_PROBABILITY else None), None


def _danger_kind(probability: dict[str, float]) -> str:
    """"suicide" when self-harm is at least SUICIDE_SHARE of the model's danger, else "crisis"."""
    suicide, crisis = probability["suicide"], probability["crisis"]
    return "suicide" if suicide >= SUICIDE_SHARE * (suicide + crisis) else "crisis"


def training_set(pack: Pack, topic_phrases: dict[tuple[str, ...], str]) -> tuple[tuple[str, str], ...]:
    """(normalised words, label) for the model: the pack's examples, each topic's keywords
    and phrases, each not-covered subject's phrases, and the engine's extra-dose phrases.

    The engine's crisis and suicide phrases are left out: its rules find them already, and
    as examples these fragments ("limp", "is blue", "snoring") taught the model to hear
    danger in ordinary statements."""
    pairs = [(" ".join(words_of(example.text)), example.label) for example in pack.examples]
    pairs += [(" ".join(words), topic) for words, topic in topic_phrases.items()]
    pairs += [(" ".join(words_of(phrase)), subject.id) for language in pack.languages.values()
              for subject in language.not_covered.values() for phrase in subject.phrases]
    pairs += [(" ".join(words_of(phrase)), "extra_dose") for phrases in EXTRA_DOSE_PHRASES.values() for phrase in phrases]
    return tuple(pair for pair in pairs if pair[0])


@lru_cache(maxsize=8)  # a lint run's five folds and the line's own model
def trained_model(pairs: tuple[tuple[str, str], ...], cache_folder: Path | None = None) -> IntentModel:
    """Built once per distinct training set in a process (apps built in tests share it)."""
    return IntentModel([text for text, _ in pairs], [label for _, label in pairs], cache_folder)
