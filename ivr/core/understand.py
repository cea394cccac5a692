"""What a person wants, from the words they texted or said.

Pure Python: no Flask, no Twilio. Every table is built once from the content pack when
the app starts, and the intent model is fitted then (or read from its cache). A message
is then decided in this order:
1. the danger screen (ivr/core/danger.py), on the engine's words (ivr/core/crisis.py) read in
   the message with typos corrected against the vocabulary (rapidfuzz), and on the models'
   probabilities of an emergency and of suicide over the words they know (the mean of the danger
   model's and the intent model's). It decides
   one row of the danger policy: some rows are a reply of their own (an emergency, a
   deadly-amount question, an extra dose), others answer what was asked, after the
   emergency (or 988) sentence when there is one, and only with an answer that may follow it;
2. carrier keywords, when they are the whole message (texts only);
3. a topic's exact keyword, title or menu number, and the menu, help and about words;
4. the trained intent model (ivr/core/intent_model.py): the likeliest class, if the model is
   sure enough; of two questions with no danger, the one the pack's answered_first puts first,
   else the first asked, with a pointer to the other;
5. the statement model: with no danger, words that ask nothing, read more surely as news or
   thanks than as any answer, get thanks and MENU. Otherwise, below sure, the person is told
   the line did not understand and gets the menu: it never guesses.
By voice, a medicine's name that speech recognition split or misheard ("nal trex own",
"vivid roll") is read as the name first (the pack's spoken_names).
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz, process

from ivr.core.carrier import HELP_WORDS, OPT_IN_WORDS, OPT_OUT_WORDS
from ivr.core.content import Pack
from ivr.core.crisis import SPELT_AS_SAID_WORDS, Signals, words_by_language
from ivr.core.danger import Danger, ModelDanger, Row, screen
from ivr.core.intent_model import IntentModel
from ivr.core.kinds import ALARMS, CRISIS_KINDS
from ivr.core.normalise import normalise, words_of, written_out
from ivr.core.spoken_names import SpokenNames

# Chosen on the cross-validated training examples (the frozen test set only checks them):
# see docs/understanding.md, "How sure the model must be".
ANSWER_PROBABILITY = 0.2  # after an alarm sentence, the likeliest answer, this sure once danger is set aside, is given too
SURE_PROBABILITY = 0.25  # otherwise, the likeliest class below this: "not understood" and the menu
# What a model class comes to, besides a topic (kind "topic") or a not-covered subject.
CLASS_KINDS = {"person": "person", "menu": "menu", "statement": "statement", "gibberish": "not_understood",
               "crisis": "crisis", "suicide": "suicide", "extra_dose": "extra_dose"}
# A message with no danger that asks nothing, and that the statement model reads as news or thanks at
# least this surely, gets the acknowledgement. Chosen on the cross-validated training examples.
STATEMENT_PROBABILITY = 0.5
# The danger model's share of the danger the screen reads, the intent model's the rest. Chosen by
# cross-validation over the danger corpus's dev half, each round of writers judged by a model trained
# without it (docs/understanding.md, "The danger model").
DANGER_MODEL_WEIGHT = 0.5
WINDOW_WORDS = 10  # a long message's danger is also read in stretches of this many words, half overlapping
DANGER_CUTOFF = 83  # how close a typo must be to a danger word to be read as one ("saltarme" is not "matarme")
COMMON_WORD = 3.0  # wordfreq's Zipf scale: a word seen at least once in a million is a word, not a typo
CLAUSE_ENDS = re.compile(r"[.,;:!?¡¿…\n]+")
QUESTION_ENDS = re.compile(r"(?<=\?)")  # a text's questions: each stretch that ends with a question mark
# Words and pairs that ask, question mark or not (speech has none): such a message is never a statement.
QUESTION_CUES = frozenset(
    "how what when where why which who could should does would wondering explain question "
    "como cuando cuanto cuanta cuantos cuantas donde quien cual puedo puede podria pregunta explicar".split()) | {
    "can i", "can you", "can he", "can she", "can we", "can they", "do i", "do you", "do we", "do they", "is it",
    "is that", "is this", "is there", "are there", "will it", "will this", "will i", "will he", "will she",
    "to know", "tell me", "es cierto", "se puede", "quiero saber", "queria saber", "necesito saber", "no entiendo",
    "no entendi", "que pasa", "que hago", "what happens", "wheres", "hows", "whos", "whens"}


class Message(NamedTuple):
    """A message as understanding reads it."""

    whole: str  # normalised
    raw_words: list[str]  # its words as written (shortcuts written out)
    found: frozenset[str]  # the danger signals in its words, typos corrected (crisis.Signals)
    plain: list[str]  # its words as written without the idioms that only sound like danger ("dying to know")
    asks: bool  # a question mark or a word that asks: whatever else it says, it is not a statement
    questions: tuple[str, ...] = ()  # the words of each stretch that ends with a question mark


class Intent(NamedTuple):
    """What the person asked for, and the language to answer in."""

    kind: str  # a key of kinds.KINDS
    language: str
    topic: str | None = None  # the topic's id, or the not-covered subject's
    # "crisis" or "suicide": the message may mean danger, so the emergency (or 988) sentence
    # comes before the answer (a topic's, the helpline's or Poison Control's).
    alarm: str | None = None
    also: str | None = None  # another topic the same text asked about (its reply says where to ask it)

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

    def __init__(self, pack: Pack, model_cache: Path | None = None, danger_model: IntentModel | None = None):
        """`danger_model`: one already fitted to share (cross-validation's folds use the line's own)."""
        self.default_language = pack.default_language
        self._topics = {topic.id for language in pack.languages.values() for topic in language.topics}
        # What may follow an alarm sentence: an answer, the helpline, Poison Control, where to ask.
        subjects = {subject for language in pack.languages.values() for subject in language.not_covered}
        self._answers_after_alarm = frozenset(self._topics | {"person", "extra_dose"} | subjects)
        self._answers = self._topics | subjects  # what a question with no danger may be answered with
        self._answered_first = pack.answered_first
        # What may follow the 988 sentence for someone who may be suicidal: the answers the pack marks,
        # a person, or where to ask about a subject the sheet does not cover, unless it says something
        # of its own (a missed dose carries the overdose risk).
        self._answers_after_988 = pack.after_988 | {"person"} | {
            subject.id for language in pack.languages.values() for subject in language.not_covered.values()
            if not subject.more}
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
        danger_words = words_by_language()
        for code, words in danger_words.items():
            vocabularies.setdefault(code, set()).update(words)
        # Danger words the pack does not use too: a typo is read as one only when it is close to it.
        self._danger_words = frozenset(set().union(*danger_words.values()) - set().union(
            *(vocabularies[code] - danger_words.get(code, set()) for code in vocabularies)))
        self._signals = Signals()
        self._spoken_names = SpokenNames(pack.spoken_names)
        self.model = trained_model(training_set(pack, topic_phrases), model_cache)
        self.danger_model = danger_model or trained_model(danger_set(pack), model_cache)
        self.statement_model = trained_model(statement_set(pack), model_cache)
        # A word marks a language only if no other language uses it ("no", "menu", "mg"); a number never does.
        self._markers = {
            code: frozenset(word for word in words - set().union(*(v for c, v in vocabularies.items() if c != code))
                            if not word.isdigit())
            for code, words in vocabularies.items() if code in pack.languages
        }
        self._marker_language = {word: code for code, words in self._markers.items() for word in words}
        self._vocabulary = sorted(set().union(*vocabularies.values()))
        self._languages = tuple(pack.languages)
        self.vocabulary = frozenset(self._vocabulary)  # the words the line itself uses (written by the team), normalised
        self.correct = lru_cache(maxsize=8192)(self._correct)
        self.frequency = lru_cache(maxsize=16384)(self._frequency)  # asked of the same words by the scrubber too
        self._probabilities = lru_cache(maxsize=64)(self._score)

    def _correct(self, word: str) -> str:
        """The vocabulary word a misspelt word stands for, or the word itself. A word common in
        one of the pack's languages is no typo: "matando" is not "matarnos", "urgent" not "urgente"."""
        if word in self.vocabulary or len(word) < 4 or not word.isalpha() or self.frequency(word) >= COMMON_WORD:
            return word
        cutoff = 85 if len(word) < 6 else 80  # "doing" must not become "dying"
        for match, score, _ in process.extract(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3):
            # A typo drops a letter or two ("ovrdosng") or adds one; a word cut short is another word ("limp", "limpio"),
            # and one of three letters is too short to tell ("ctbb" is not "ctb").
            if -1 <= len(match) - len(word) <= 2 and len(match) > 3 and (score >= DANGER_CUTOFF
                                                                          or match not in self._danger_words):
                return match
        return word

    def _frequency(self, word: str) -> float:
        """wordfreq's Zipf frequency of the word in the commonest of the pack's languages; 0: not in its lists."""
        frequency, known = _word_frequencies()
        return max((frequency(word, code, wordlist="small") for code in self._languages if code in known), default=0.0)

    def language_of(self, words: list[str], current: str) -> str:
        """The language the words are in; the current one unless another has more of its own words."""
        found = list(filter(None, map(self._marker_language.get, words)))
        if not found:
            return current
        counts = {code: found.count(code) for code in self._markers}
        best = max(counts, key=counts.get)
        return best if counts[best] > counts.get(current, 0) else current

    def sms(self, text: str, language: str | None = None) -> Intent:
        """A text message: danger first, then carrier keywords when alone, then what was asked."""
        current = language or self.default_language
        whole = normalise(text)
        message = self._read(words_of(text, whole), whole, [words_of(clause) for clause in CLAUSE_ENDS.split(text)],
                             text)
        if not message.found:
            if message.whole in OPT_OUT_WORDS:
                return Intent("opt_out", current)
            if message.whole in HELP_WORDS:
                return Intent("help", current)
            if message.whole in OPT_IN_WORDS:
                return Intent("opt_in", current)
        return self._understand(message, self.language_of(message.raw_words, current))

    def speech(self, text: str, language: str) -> Intent:
        """What a caller said: the same understanding as a text, without carrier keywords, with
        medicines' names that speech recognition split or misheard read as the names.

        The call stays in its language unless the caller names another ("español").
        """
        clauses = [self._spoken_names.heard(words_of(clause)) for clause in CLAUSE_ENDS.split(text)]
        raw_words = [word for clause in clauses for word in clause]
        return self._understand(self._read(raw_words, " ".join(raw_words), clauses), language)

    def _read(self, raw_words: list[str], whole: str, clauses: list[list[str]], sent: str = "") -> Message:
        """The message's words, and the danger signals in its clauses with typos corrected (`sent`:
        the text as written, for its question marks; speech has none)."""
        found = self._signals.found([[self.correct(word) for word in written_out(clause, SPELT_AS_SAID_WORDS)]
                                     for clause in clauses])
        questions = tuple(" ".join(words) for part in QUESTION_ENDS.split(sent)
                          if "?" in part and (words := words_of(part)))
        return Message(whole, raw_words, found, self._signals.plain(raw_words), asks_something(sent, raw_words),
                       questions)

    def _understand(self, message: Message, language: str) -> Intent:
        """With no danger signal, the menu words and exact keywords; then the danger screen and the model."""
        if not message.found:
            if not message.whole:  # empty, or only emoji and punctuation
                return Intent("menu", language)
            if message.whole in self._switch:
                return Intent("menu", self._switch[message.whole])
            kind, topic = self._exact.get(message.whole, (None, None))
            if kind:
                return Intent(kind, language, topic or None)
        danger = screen(message.found, lambda: self.model_danger(message.plain))
        if not danger.answers:
            return Intent(danger.kind, language, alarm=danger.alarm)
        label, alarm = self.classify(" ".join(message.raw_words), danger, message.asks)
        if alarm is None and len(message.questions) > 1 and label in self._answers:
            label, also = self.of_two(message.questions, label)
            if label in self._topics:
                return Intent("topic", language, label, also=also)
        if label in self._topics:
            return Intent("topic", language, label, alarm)
        if label in CLASS_KINDS:
            return Intent(CLASS_KINDS[label], language, alarm=alarm)
        if label:
            return Intent("not_covered", language, label, alarm)
        return Intent("not_understood", language)

    def _score(self, text: str) -> dict[str, float]:
        """The intent model's probability of each class (kept for a few texts: the danger screen and
        the answer score the same words)."""
        return self.model.scores(text)

    def model_danger(self, words: list[str]) -> ModelDanger:
        """The models' emergency and suicide for the whole message, and their highest suicide in
        any stretch of WINDOW_WORDS words of a long one: one sentence of despair in a long story
        is diluted in the whole."""
        whole = self._danger_of(words, self._probabilities)
        step = WINDOW_WORDS // 2
        # Each stretch is scored once: kept in the small cache, they would push out the whole message's score.
        parts = [self._danger_of(words[start:start + WINDOW_WORDS], self._score).suicide
                 for start in range(0, len(words) - step, step)] if len(words) > WINDOW_WORDS else []
        return dataclasses.replace(whole, part_suicide=max(parts, default=0.0))

    def _danger_of(self, words: list[str], intent_score) -> ModelDanger:
        """The mean of the danger model's emergency and suicide and the intent model's (scored by
        `intent_score`): the danger model has read thousands of messages written blind, most of them
        long; the intent model, the pack's short examples: each hears what the other misses."""
        crisis, suicide = heard(self.danger_model, self.danger_model.scores, words)
        intent_crisis, intent_suicide = heard(self.model, intent_score, words)
        return ModelDanger(DANGER_MODEL_WEIGHT * crisis + (1 - DANGER_MODEL_WEIGHT) * intent_crisis,
                           DANGER_MODEL_WEIGHT * suicide + (1 - DANGER_MODEL_WEIGHT) * intent_suicide,
                           danger_model_suicide=suicide)

    def classify(self, text: str, danger: Danger, asks: bool) -> tuple[str | None, str | None]:
        """The class a message's words come to, and the alarm sentence before its answer.

        After the 988 sentence, only an answer that may follow it (the pack's after_988, or a
        person): otherwise the 988 reply alone. After a past overdose, the likeliest answer
        whatever the story before it. With another alarm, the likeliest answer if the model is
        sure enough of it once danger is set aside, else the alarm's reply alone. With none, the
        likeliest class if sure, unless the words ask nothing and read more surely as news or thanks.
        Words the model never saw: the screen's verdict alone."""
        if not self.model.knows_a_word_of(text):
            return (danger.kind if danger.row == Row.SUICIDE else danger.alarm), None
        probability = self._probabilities(text)
        held = danger.alarm == "suicide" and (danger.row == Row.SUICIDE or danger.hold_back)
        answers = self._answers_after_988 if held else self._answers_after_alarm
        if danger.row == Row.SUICIDE:  # only an answer clearly asked for; one held back gives way to a person
            best = max(probability, key=probability.get)
            if best not in self._answers_after_alarm or probability[best] < SURE_PROBABILITY:
                return "suicide", None
            return (best if best in answers else "person"), "suicide"
        if danger.row == Row.PAST_OR_RISK:  # Poison Control only when the words tell of taking something
            best = max((label for label in self._answers_after_alarm & probability.keys()
                        if danger.taking or label != "extra_dose"), key=probability.get)
            return (best if best in answers else "person"), danger.alarm
        best = max((label for label in probability if label not in ALARMS
                    and (danger.taking or label != "extra_dose")), key=probability.get)
        if danger.alarm:
            rest = 1.0 - sum(probability[label] for label in ALARMS)  # what is left once danger is set aside
            if self.reads_as_statement(text, asks, best, probability[best] / rest if rest else 0.0):
                return "statement", danger.alarm  # news or thanks the model alone hears danger in: the sentence, thanks
            if probability[best] < ANSWER_PROBABILITY * rest or best not in self._answers_after_alarm:
                return danger.alarm, None
            return (best if best in answers else "person"), danger.alarm
        if self.reads_as_statement(text, asks, best, probability[best]):
            return "statement", None
        return (best if probability[best] >= SURE_PROBABILITY else None), None

    def of_two(self, questions: tuple[str, ...], label: str) -> tuple[str, str | None]:
        """Of the answers a text's questions ask for, the one given (the pack's answered_first, else the
        first asked), and another topic asked; with one answer asked, `label` alone."""
        asked = []
        for question in questions:
            probability = self._probabilities(question)
            best = max(self._answers, key=probability.get)
            if probability[best] >= SURE_PROBABILITY and best not in asked:
                asked.append(best)
        if len(asked) < 2:
            return label, None
        given = next((topic for topic in self._answered_first if topic in asked), asked[0])
        return given, next((topic for topic in asked if topic != given and topic in self._topics), None)

    def reads_as_statement(self, text: str, asks: bool, best: str, sureness: float) -> bool:
        """Whether words that ask nothing read as news or thanks, surely enough and more surely
        than as `best` (the intent model's likeliest answer, this sure of it)."""
        if asks or best in ("menu", "extra_dose"):
            return False
        statement = self.statement_model.scores(text)["statement"]  # news or thanks, against a question
        return statement >= STATEMENT_PROBABILITY and (best == "gibberish" or statement > sureness)


def heard(model: IntentModel, score, words: list[str]) -> tuple[float, float]:
    """(emergency, suicide) by one model (`score`: its probabilities by class): the lower of each for
    the words and for those it was trained on, so that a word it never saw (a misheard name,
    "elephant") cannot raise an alarm on its own."""
    known = [word for word in words if model.knows(word)]
    if not known:
        return 0.0, 0.0
    scored = [score(text) for text in {" ".join(words), " ".join(known)}]
    return min(p["crisis"] for p in scored), min(p["suicide"] for p in scored)


@lru_cache(maxsize=1)
def _word_frequencies():
    """wordfreq's lookup and the languages it knows, imported at the first word to check rather
    than at start-up (a tenth of a second)."""
    from wordfreq import available_languages, zipf_frequency

    return zipf_frequency, frozenset(available_languages(wordlist="small"))


def training_set(pack: Pack, topic_phrases: dict[tuple[str, ...], str]) -> tuple[tuple[str, str], ...]:
    """(normalised words, label) for the model: the pack's examples, each topic's keywords
    and phrases, and each not-covered subject's phrases.

    The engine's danger words are left out: its screen finds them already, and as examples
    these fragments ("limp", "is blue", "snoring") taught the model to hear danger in
    ordinary statements."""
    pairs = [(training_words(example.text), example.label) for example in pack.examples if example.label != "statement"]
    pairs += [(" ".join(words), topic) for words, topic in topic_phrases.items()]
    pairs += [(" ".join(words_of(phrase)), subject.id) for language in pack.languages.values()
              for subject in language.not_covered.values() for phrase in subject.phrases]
    return tuple(pair for pair in pairs if pair[0])


@lru_cache(maxsize=None)
def training_words(text: str) -> str:
    """An example's normalised words, as every model is trained on them: three models read the
    same examples, and normalising them once saves a tenth of a second at each start."""
    return " ".join(words_of(text))


def asks_something(sent: str, words: list[str]) -> bool:
    """Whether a message asks something: a question mark, or a word or pair of words that asks."""
    pairs = {f"{first} {second}" for first, second in zip(words, words[1:])}
    return "?" in sent or "¿" in sent or bool(QUESTION_CUES & (set(words) | pairs))


# The danger model's class for each row of the danger corpus; every other row is "none".
DANGER_CLASSES = {"emergency": "crisis", "emergency_suicide": "suicide", "means": "suicide", "suicide": "suicide"}
DANGER_CORPUS_DEV = Path(__file__).with_name("danger_corpus.tsv")


def blind_rows(path: Path) -> list[list[str]]:
    """The rows of a set written blind (the danger corpus, the long-text set): tab-separated
    columns, the message last; lines that start with # are comments."""
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def danger_set(pack: Pack) -> tuple[tuple[str, str], ...]:
    """(normalised words, "crisis", "suicide" or "none") for the danger model: the danger corpus
    the engine keeps (messages written blind, labelled by the danger policy's row), and the
    pack's examples and subjects' phrases by their danger alone. Thousands of messages that
    show danger, or only sound like it, in ways no list of phrases foresees: the intent model,
    trained on the pack's few hundred, hears too little of it."""
    pairs = [(text, label if label in ("crisis", "suicide") else "none") for text, label in training_set(pack, {})]
    pairs += [(" ".join(words_of(text)), DANGER_CLASSES.get(row, "none"))
              for row, *_, text in blind_rows(DANGER_CORPUS_DEV)]
    return tuple(pair for pair in pairs if pair[0])


def statement_set(pack: Pack) -> tuple[tuple[str, str], ...]:
    """(normalised words, "statement" or "asks") for the statement model: the examples labelled
    statement against every other example but gibberish (which asks nothing either)."""
    pairs = [(training_words(example.text), "statement" if example.label == "statement" else "asks")
             for example in pack.examples if example.label != "gibberish"]
    return tuple(pair for pair in pairs if pair[0])


@lru_cache(maxsize=16)  # a lint run's five folds and the line's own models
def trained_model(pairs: tuple[tuple[str, str], ...], cache_folder: Path | None = None) -> IntentModel:
    """Built once per distinct training set in a process (apps built in tests share it)."""
    return IntentModel([text for text, _ in pairs], [label for _, label in pairs], cache_folder)
