"""Load a content pack (TOML) into frozen dataclasses, checking it on the way.

Every word a person reads or hears comes from the pack, and the labelled examples the
intent model learns from lie beside it. Loading fills {emergency_number} and
{helpline}, composes each SMS reply with the emergency line and the voice menu from its
parts, and refuses a pack with any problem, naming the file, the topic and the field (or
the example's line), so a bad edit stops start-up instead of reaching a caller.
"""
from __future__ import annotations

import re
import string
import tomllib
import dataclasses
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from ivr.core.carrier import CARRIER_WORDS
from ivr.config import E164
from ivr.core.crisis import MANY, SAFETY_LANGUAGES
from ivr.core.kinds import ALARMS, CRISIS_KINDS, KINDS
from ivr.core.normalise import normalise, words_of
from ivr.core.sms_encoding import non_gsm7_characters, segments, to_gsm7

MAX_SMS_SEGMENTS = 2
# Keys 0, 8, 9, * and # have fixed meanings on every voice menu (see ivr/web/voice.py); of the
# others, the pack gives one to talking with a person and the rest to topics.
TOPIC_KEYS = "1234567"
# Topics are numbered 1 to N in the SMS menu. By voice, up to 6 are keys 1 to 6; with more,
# the main menu has the first PAGE_TOPICS and MORE_KEY leads to a second page with the rest
# on keys 1 to 6: 6, the first key after the first page's topics, is where a caller looks
# for "more", and 7 stays the person on every page.
PAGE_TOPICS = 5
MORE_KEY = "6"
LANGUAGE_KEY = "8"  # the other language, or with three or more, the page that offers each
MAX_TOPICS = PAGE_TOPICS + 6

PACK_FIELDS = ("name", "version", "source", "operator", "helpline", "poison_control", "handoff_number", "person_key",
               "examples", "spoken_names")
# The sample pack's [pack] operator: who runs the line, which US carriers expect the HELP reply
# to name. Lint and `make serve` warn while a pack still has it.
SAMPLE_OPERATOR = "SAMPLE TEAM - set who runs this line"
LANGUAGE_FIELDS = ("switch_words", "language_words")
TOPIC_FIELDS = ("id", "key", "source")
TOPIC_TEXT_FIELDS = ("title", "keywords", "phrases", "sms", "voice")
LIST_FIELDS = {"menu_words", "about_words", "help_words", "person_words", "keywords", "phrases", "switch_words", "language_words",
               "spoken_names"}

# Placeholders a text may use; menu_option also names the topic and its key, not_covered the subject.
PLACEHOLDERS = {"emergency_number", "helpline", "poison_control", "operator"}
MENU_OPTION_PLACEHOLDERS = PLACEHOLDERS | {"title", "key"}
NOT_COVERED_PLACEHOLDERS = PLACEHOLDERS | {"subject"}
NOT_COVERED_VOICE_PLACEHOLDERS = NOT_COVERED_PLACEHOLDERS | {"more"}  # the subject's own sentence, if it has one
# What an example may be labelled, besides a topic or not-covered id.
EXAMPLE_LABELS = ("person", "crisis", "suicide", "extra_dose", "menu", "statement", "gibberish")
MIN_EXAMPLES = 10  # per label and language: fewer cannot teach the model a class
NUMBER_WORDS = frozenset(MANY.split()) | {"two", "three", "four", "dos", "tres", "cuatro"}  # as a voice says a number
# The voice menu's own steps (ivr/web/voice.py's "at": the main menu, its second page, the
# page of languages, the danger messages and the helpline's number): no topic or subject may
# be called so.
VOICE_STEPS = ("menu", "more", "languages", "emergency", "suicide", "crisis_suicide", "extra_dose", "helpline")


class ContentError(Exception):
    """The pack cannot be used; the message lists every problem found."""

    def __init__(self, path: Path, problems: list[str]):
        self.problems = problems
        super().__init__(f"{path}: {len(problems)} problem(s):\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class Topic:
    """One topic in one language, with its texts ready to send."""

    id: str
    key: str
    title: str
    keywords: tuple[str, ...]  # whole-message words, shown in the SMS menu (the first one)
    phrases: tuple[str, ...]  # everyday words and phrases that point to this topic in a question
    sms_written: str  # the answer as the pack writes it (before GSM-7 folding and the emergency line)
    sms_reply: str  # the answer with the emergency line
    voice: str  # the answer as spoken, without the emergency sentence
    followed_by: str = ""  # the topic whose answer always follows this one's (in sms_written and voice)
    after_988: bool = False  # it may follow the 988 sentence: it holds no amount, timing or overdose fact
    voice_title: str = ""  # how the voice menu names it, when its title would be heard wrong there


@dataclass(frozen=True)
class Subject:
    """A subject the fact sheet does not answer, in one language: the line says so, and where to ask."""

    id: str
    title: str  # its name on the report ("Side effects")
    subject: str  # the words that name it, in not_covered's {subject}
    phrases: tuple[str, ...]  # words that point to it in a question (examples for the model)
    sms_reply: str  # with the emergency line
    sms_short: str  # after an emergency (or 988) sentence, which stands for the emergency line
    voice: str
    more: str = ""  # its sentence of its own, as written: what the fact sheet does say about it


@dataclass(frozen=True)
class Example:
    """One labelled message that understanding learns from."""

    label: str  # a topic id, a not-covered id, or one of EXAMPLE_LABELS
    language: str
    text: str


@dataclass(frozen=True)
class SmsTexts:
    crisis_reply: str  # starts with the emergency message
    suicide_reply: str  # the emergency message, then 988
    crisis_suicide_reply: str  # an emergency now with signs of suicide: the emergency message, naloxone, then 988
    crisis_first: str  # before an answer when a message may mean an emergency (it names the emergency number)
    suicide_first: str  # the same when it may mean self-harm: the emergency number and 988
    extra_dose_reply: str  # an extra or accidental dose: Poison Control, and when to call the emergency number
    # (alarm, topic or subject id, or "person" or "extra_dose") -> that sentence, then that answer: the reply
    # sent, built once.
    after_alarm: Mapping[tuple[str, str], str]
    # (the topic answered, another topic also asked) -> that answer, then where to ask the other ("also"),
    # for the pairs whose reply fits 2 segments (the others get the answer alone).
    also_asked: Mapping[tuple[str, str], str]
    menu_reply: str
    not_understood_reply: str
    statement_reply: str  # a message that asks nothing ("got my first shot", "thanks"): thanks, and where to go
    help_reply: str
    about_reply: str
    person_reply: str  # a helpline to talk to someone
    menu_words: tuple[str, ...]
    about_words: tuple[str, ...]
    help_words: tuple[str, ...]
    person_words: tuple[str, ...]  # a message of only these asks for a person


@dataclass(frozen=True)
class VoiceTexts:
    voice: str  # e.g. Polly.Joanna-Neural
    language: str  # e.g. en-US
    greeting: str
    offer: str  # "Para español, oprima 8": said on the other languages' main menus, in this voice
    choice_offer: str  # the same with this language's number in the pack (1, 2, 3...): on the language page
    emergency_short: str  # said before every menu and after every answer
    emergency: str  # the full emergency message: key 9, and the last words of every call
    suicide: str  # the emergency message, then 988
    suicide_short: str  # 988 in a sentence: before an answer when a caller's words may mean self-harm
    crisis_suicide: str  # an emergency now with signs of suicide: the emergency message, then suicide_short
    extra_dose: str  # an extra or accidental dose: Poison Control, and when to call the emergency number
    menu: str  # the options and the fixed keys, composed from menu_option and menu_end
    menu_with_handoff: str  # the same with handoff_option before menu_end
    more_menu: str  # past 6 topics: the second page (the topics past the first PAGE_TOPICS); "" with 6 or fewer
    more_menu_with_handoff: str
    after_answer: str
    not_an_option: str
    not_understood: str  # speech that matched nothing
    statement: str  # said before the menu when a caller asks nothing ("I got my shot today")
    goodbye: str
    no_choice: str
    person: str  # a helpline to talk to someone
    handoff_option: str  # "To talk with someone ..., press 7."
    handoff: str  # said before the call is put through
    handoff_ended: str  # after the helpline call, one per DialCallStatus that can follow
    handoff_busy: str
    handoff_no_answer: str
    handoff_failed: str
    handoff_again: str  # after one of those three: the helpline's number, and the person key to try again
    hints: str  # speech recognition hints: the topics' titles and keywords


# The fields of [xx.sms] and [xx.voice]: those of SmsTexts and VoiceTexts (an SMS "_reply" is
# written without the suffix, and the loader adds the emergency line), less what the loader
# composes, plus the parts it composes them from.
SMS_FIELDS = tuple(field.name.removesuffix("_reply") for field in dataclasses.fields(SmsTexts)
                   if field.name not in ("after_alarm", "also_asked", "menu_reply")) + (
    "emergency", "menu_intro", "not_covered", "not_covered_short", "not_covered_own", "also")
VOICE_FIELDS = tuple(field.name for field in dataclasses.fields(VoiceTexts)
                     if field.name not in ("menu", "menu_with_handoff", "more_menu", "more_menu_with_handoff",
                                           "choice_offer", "hints", "crisis_suicide")) + ("menu_option", "menu_end",
                                                                                          "more_option", "not_covered")


# A Language and a Pack are compared and hashed by identity (eq=False): there is one of
# each per loaded pack, and their mappings could not be hashed field by field.
@dataclass(frozen=True, eq=False)
class Language:
    code: str
    switch_words: tuple[str, ...]  # a message of only this word switches to this language
    language_words: tuple[str, ...]  # everyday words that show a message is in this language
    translation_status: str  # empty, or a note such as "awaits review by a medical translator"
    sms: SmsTexts
    voice: VoiceTexts
    topics: tuple[Topic, ...]
    by_id: Mapping[str, Topic]
    voice_keys: Mapping[str, Topic]  # by its key on the main voice menu
    more_keys: Mapping[str, Topic]  # by its key on the second voice page (empty with 6 topics or fewer)
    not_covered: Mapping[str, Subject]
    # How a written word is said, where the voice would misread it ("SAMHSA": "Samsa"): an alias in the TwiML.
    spoken_as: Mapping[str, str]


@dataclass(frozen=True, eq=False)
class Pack:
    name: str
    version: str
    source: str
    operator: str  # who runs the line and how to reach them: the HELP reply names it
    languages: Mapping[str, Language]
    by_number: Mapping[str, Language]  # each language by its number on the voice page of languages (its choice_offer)
    default_language: str
    examples: tuple[Example, ...]
    handoff_number: str  # E.164, where a caller who asks for a person is put through
    person_key: str  # the voice menu key for that
    spoken_names: tuple[str, ...] = ()  # medicines' names that speech recognition splits or mishears
    after_988: frozenset[str] = frozenset()  # the topics whose answer may follow the 988 sentence
    answered_first: tuple[str, ...] = ()  # of two questions, these topics are answered first, in this order


def load_pack(path: str | Path, emergency_number: str) -> Pack:
    """Read and check the pack at `path`; raise ContentError naming every problem."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ContentError(path, [f"cannot read the file: {error.strerror}"]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ContentError(path, [f"not valid TOML: {error}"]) from None
    builder = _Builder(path, emergency_number)
    pack = builder.build(data)
    if builder.problems:
        raise ContentError(path, builder.problems)
    return pack


class _EmptyForUnknown(dict):
    def __missing__(self, name):
        return ""


class _Builder:
    """Builds the dataclasses and collects problems instead of stopping at the first."""

    def __init__(self, path: Path, emergency_number: str):
        self.path = path
        self.problems: list[str] = []
        self.sms_values = {"emergency_number": emergency_number, "helpline": "", "poison_control": "", "operator": ""}
        # Said digit by digit ("9 1 1"), not as a number ("nine hundred eleven").
        self.voice_values = {"emergency_number": " ".join(emergency_number), "helpline": "", "poison_control": "",
                             "operator": ""}
        self.person_key = ""

    def problem(self, where: str, message: str) -> None:
        entry = f"{where}: {message}"
        if entry not in self.problems:  # a shared text (not_covered) is filled once per subject
            self.problems.append(entry)

    def fields(self, table, names, where: str) -> dict:
        """The named fields of a table; each missing or mistyped one is a problem."""
        if not isinstance(table, dict):
            self.problem(where, "missing section")
            return {name: ([] if name in LIST_FIELDS else "") for name in names}
        found = {}
        for name in names:
            value = table.get(name)
            wanted = list if name in LIST_FIELDS else str
            if value is None:
                self.problem(where, f"missing field '{name}'")
            elif not isinstance(value, wanted) or (wanted is list and not all(isinstance(v, str) for v in value)):
                self.problem(where, f"field '{name}' must be {'a list of texts' if wanted is list else 'a text'}")
                value = None
            elif not value:
                self.problem(where, f"field '{name}' is empty")
            found[name] = value if value is not None else ([] if wanted is list else "")
        return found

    def fill(self, text: str, values: dict, where: str, allowed=PLACEHOLDERS) -> str:
        """Fill the placeholders; a placeholder that does not exist is a problem."""
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError as error:  # a lone { or }
            self.problem(where, f"bad braces ({error}); placeholders look like {{emergency_number}}")
            return text
        unknown = sorted(names - allowed)
        if unknown:
            shown = ", ".join("{" + name + "}" for name in unknown)
            self.problem(where, f"placeholder {shown} does not exist (known: "
                         + ", ".join("{" + n + "}" for n in sorted(allowed)) + ")")
        # An unknown placeholder is left empty, so it does not cause further problems.
        try:
            return text.format_map(_EmptyForUnknown(values))
        except (IndexError, AttributeError, ValueError, TypeError) as error:  # "{0}", "{emergency_number.x}"
            if not unknown:
                self.problem(where, f"placeholder cannot be filled ({error})")
            return text

    def also_asked(self, topics, also: str, emergency_line: str, where: str) -> dict[tuple[str, str], str]:
        """Each topic's answer with a pointer to another topic also asked, where the reply fits 2 segments."""
        pointers = {other.id: self.fill(also, {**self.sms_values, "key": other.key,
                                              "keyword": other.keywords[0].upper() if other.keywords else ""},
                                        where, PLACEHOLDERS | {"key", "keyword"}) for other in topics}
        if topics and not self.check_gsm7(to_gsm7(pointers[topics[0].id]), where):
            return {}
        replies = {(topic.id, other): to_gsm7(f"{topic.sms_written}\n{pointer}\n{emergency_line}")
                   for topic in topics for other, pointer in pointers.items() if other != topic.id}
        return {pair: reply for pair, reply in replies.items() if segments(reply) <= MAX_SMS_SEGMENTS}

    def sms_reply(self, text: str, emergency_line: str, where: str) -> str:
        """The text as sent: with the emergency line, folded to GSM-7, in at most 2 segments."""
        reply = to_gsm7(f"{text}\n{emergency_line}")
        if self.check_gsm7(reply, where) and segments(reply) > MAX_SMS_SEGMENTS:
            self.problem(where, f"{len(reply)} characters with the emergency line, "
                         f"{segments(reply)} SMS segments; at most {MAX_SMS_SEGMENTS} (306 characters)")
        return reply

    def build(self, data: dict) -> Pack:
        where = "[pack]"
        meta = self.fields(data.get("pack"), PACK_FIELDS, where)
        for name in ("helpline", "poison_control"):
            number = meta[name]
            if number and not re.fullmatch(r"\+?[0-9][0-9 -]{2,18}[0-9]", number):
                self.problem(f"{where} {name}", f"must be a phone number such as 1-800-662-4357; got {number!r}")
            self.sms_values[name] = number
            # "1, 8 0 0, 6 6 2, 4 3 5 7": digit by digit, a pause between groups.
            self.voice_values[name] = ", ".join(" ".join(group) for group in re.findall(r"[0-9]+", number))
        self.sms_values["operator"] = self.voice_values["operator"] = meta["operator"]
        if meta["handoff_number"] and not E164.fullmatch(meta["handoff_number"]):
            self.problem(f"{where} handoff_number", "must be a number in E.164 form, such as +18006624357; "
                         f"got {meta['handoff_number']!r}")
        self.person_key = meta["person_key"]
        if self.person_key and (len(self.person_key) != 1 or self.person_key not in TOPIC_KEYS):
            self.problem(f"{where} person_key", f"must be one of {', '.join(TOPIC_KEYS)} (0, 8, 9, * and # are "
                         f"kept for the menu, the other language, the emergency message, repeat and goodbye)")
        topics_data = data.get("topics")
        if not isinstance(topics_data, list) or not topics_data:
            self.problem("[[topics]]", "no topics")
            topics_data = []
        codes = data.get("pack", {}).get("languages", ["en"]) if isinstance(data.get("pack"), dict) else ["en"]
        if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
            self.problem(where, "field 'languages' must be a list of language codes, the default first")
            codes = ["en"]
        subjects_data = data.get("not_covered", [])
        if not isinstance(subjects_data, list):
            self.problem("[[not_covered]]", "must be a list of tables")
            subjects_data = []
        self.check_topic_keys(topics_data)
        self.check_subject_ids(topics_data, subjects_data)
        for code in codes:
            if code not in SAFETY_LANGUAGES:
                self.problem(f"[{code}]", "the engine has no crisis words or fallback message in this language "
                             f"(ivr/core/crisis.py has {', '.join(SAFETY_LANGUAGES)}): add them before the line speaks it")
        languages = {code: self.language(code, position, data.get(code), topics_data, subjects_data)
                     for position, code in enumerate(codes, start=1)}
        self.check_phrases(languages)
        return Pack(
            name=meta["name"], version=meta["version"], source=meta["source"], operator=meta["operator"],
            languages=MappingProxyType(languages), default_language=codes[0],
            by_number=MappingProxyType({str(number): languages[code] for number, code in enumerate(codes, start=1)}),
            examples=self.examples(meta["examples"], languages) if meta["examples"] else (),
            handoff_number=meta["handoff_number"], person_key=self.person_key,
            spoken_names=tuple(normalise(name) for name in meta["spoken_names"]),
            after_988=frozenset(topic.id for language in languages.values() for topic in language.topics
                                if topic.after_988),
            answered_first=self.answered_first(data.get("pack"), topics_data),
        )

    def answered_first(self, meta, topics_data: list) -> tuple[str, ...]:
        """[pack] answered_first, if it is there: topic ids, each once."""
        first = meta.get("answered_first", []) if isinstance(meta, dict) else []
        ids = {raw.get("id") for raw in topics_data if isinstance(raw, dict)}
        if not isinstance(first, list) or not all(isinstance(topic, str) and topic in ids for topic in first) \
                or len(set(first)) != len(first):
            self.problem("[pack] answered_first", f"must list topic ids, each once (the topics: {', '.join(sorted(ids))})")
            return ()
        return tuple(first)

    def check_subject_ids(self, topics_data: list, subjects_data: list) -> None:
        taken = {raw.get("id") for raw in topics_data if isinstance(raw, dict)} | set(EXAMPLE_LABELS)
        for index, raw in enumerate(subjects_data, start=1):
            subject_id = raw.get("id") if isinstance(raw, dict) else None
            where = f"not_covered {subject_id or f'#{index}'}"
            if not isinstance(subject_id, str) or not subject_id:
                self.problem(where, "missing field 'id'")
            elif subject_id in taken:
                self.problem(where, f"id '{subject_id}' is also a topic or a label (one of {', '.join(EXAMPLE_LABELS)})")
            elif subject_id in VOICE_STEPS or subject_id in CRISIS_KINDS:
                self.problem(where, f"id '{subject_id}' is kept for the voice menu's own steps")
            taken.add(subject_id)

    def examples(self, name: str, languages: dict) -> tuple[Example, ...]:
        """The labelled messages beside the pack: every label known, every class taught enough."""
        path = self.path.parent / name
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            self.problem("[pack] examples", f"cannot read {path.name}: {error}")
            return ()
        labels = set(EXAMPLE_LABELS)
        for language in languages.values():
            labels |= set(language.by_id) | set(language.not_covered)
        examples, counts = [], {}
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3 or not parts[2].strip():
                self.problem(f"{path.name}:{number}", "must be label, language and message, separated by tabs")
                continue
            label, code, text = parts
            if label not in labels:
                self.problem(f"{path.name}:{number}", f"unknown label '{label}'")
            elif code not in languages:
                self.problem(f"{path.name}:{number}", f"language '{code}' is not one of the pack's")
            else:
                examples.append(Example(label, code, text.strip()))
                counts[label, code] = counts.get((label, code), 0) + 1
        for label in sorted(labels):
            for code in languages:
                if counts.get((label, code), 0) < MIN_EXAMPLES:
                    self.problem(f"{path.name}", f"label '{label}' has {counts.get((label, code), 0)} "
                                 f"examples in '{code}'; at least {MIN_EXAMPLES} are needed")
        return tuple(examples)

    def check_topic_keys(self, topics_data: list) -> None:
        seen_ids: set[str] = set()
        seen_keys: dict[str, str] = {}
        followers = {raw.get("id"): raw for raw in topics_data if isinstance(raw, dict) and "followed_by" in raw}
        ids = [raw.get("id") for raw in topics_data if isinstance(raw, dict)]
        for topic_id, raw in followers.items():
            then = raw["followed_by"]
            if then not in ids or then == topic_id or then in followers:
                self.problem(f"topic {topic_id}", f"followed_by '{then}' must be the id of another topic that "
                             "is not followed by one itself")
            if raw.get("after_988"):
                self.problem(f"topic {topic_id}", f"after_988: its answer is always followed by topic '{then}'s, which "
                             "may carry what must never follow the 988 sentence")
        numbers = [str(number) for number in range(1, max(len(topics_data), len(TOPIC_KEYS) - 1) + 1)]
        for index, raw in enumerate(topics_data, start=1):
            where = f"topic {raw.get('id', f'#{index}') if isinstance(raw, dict) else f'#{index}'}"
            fields = self.fields(raw, TOPIC_FIELDS, where)
            if fields["id"] in seen_ids:
                self.problem(where, "topic id used twice")
            if fields["id"] in CRISIS_KINDS:
                self.problem(where, f"topic id '{fields['id']}' is kept for the crisis phrases")
            elif fields["id"] in VOICE_STEPS:
                self.problem(where, f"topic id '{fields['id']}' is kept for the voice menu's own steps")
            seen_ids.add(fields["id"])
            key = fields["key"]
            if key and key == self.person_key and len(topics_data) < len(TOPIC_KEYS):
                self.problem(where, f"menu key '{key}' is the key for talking with a person ([pack] person_key)")
            elif key and key not in numbers:
                self.problem(where, f"menu key '{key}' must be one of {', '.join(numbers)}: the topics are "
                             f"numbered from 1 in the SMS menu (by voice, 0, 8, 9, * and # are kept for the menu, "
                             f"the other language, the emergency message, repeat and goodbye)")
            elif key in seen_keys:
                self.problem(where, f"menu key '{key}' is also the key of topic {seen_keys[key]}")
            else:
                seen_keys[key] = fields["id"]
        if len(topics_data) > MAX_TOPICS:
            self.problem("[[topics]]", f"{len(topics_data)} topics; at most {MAX_TOPICS} ({PAGE_TOPICS} on the voice "
                         "menu's first page, 6 on its second)")

    def language(self, code: str, position: int, data, topics_data: list, subjects_data: list) -> Language:
        own = self.fields(data, LANGUAGE_FIELDS, f"[{code}]")
        status = data.get("translation_status", "") if isinstance(data, dict) else ""
        sms_raw = self.fields(data.get("sms") if isinstance(data, dict) else None, SMS_FIELDS, f"[{code}.sms]")
        voice_raw = self.fields(data.get("voice") if isinstance(data, dict) else None, VOICE_FIELDS, f"[{code}.voice]")
        sms = {name: self.fill(value, self.sms_values, f"[{code}.sms] {name}") if isinstance(value, str) else value
               for name, value in sms_raw.items()
               if name not in ("not_covered", "not_covered_short", "not_covered_own", "also")}
        voice = {name: self.fill(value, self.voice_values, f"[{code}.voice] {name}")
                 for name, value in voice_raw.items()
                 if name not in ("menu_option", "not_covered", "handoff_option", "handoff_again", "more_option",
                                 "offer")}
        emergency_line = sms["emergency"]
        # The texts a person in danger gets, and the sentence that replaces the emergency line after an alarm.
        for where, table, names in ((f"[{code}.sms]", sms_raw, ("emergency", "crisis", "crisis_first", "suicide_first",
                                                                 "crisis_suicide", "extra_dose")),
                                    (f"[{code}.voice]", voice_raw, ("emergency", "emergency_short", "extra_dose"))):
            for name in names:
                if table[name] and "{emergency_number}" not in table[name]:
                    self.problem(f"{where} {name}", "missing the emergency line: it must name {emergency_number}")

        topics = tuple(self.topic(code, raw, emergency_line) for raw in topics_data if isinstance(raw, dict))
        topics = tuple(self.followed(topic, topics, emergency_line, code) for topic in topics)
        self.check_keywords(code, topics, sms, own["switch_words"])
        where = f"[{code}.sms]"
        person_reply = self.sms_reply(sms["person"], emergency_line, f"{where} person")
        extra_dose_reply = self.sms_reply(sms["extra_dose"], emergency_line, f"{where} extra_dose")
        # What may follow an alarm sentence: (id, the answer as written, its own reply, where it is written).
        answers = [(topic.id, topic.sms_written, topic.sms_reply, f"topic {topic.id} [{code}] sms") for topic in topics]
        replies = {"person": person_reply, "extra_dose": extra_dose_reply,
                   "statement": self.sms_reply(sms["statement"], emergency_line, f"{where} statement")}
        answers += [(name, sms[name], replies[name], f"{where} {name}")
                    for name, kind in KINDS.items() if kind.follows_alarm and name != "topic"]
        subjects = tuple(self.subject(code, raw, sms_raw, voice_raw["not_covered"], emergency_line)
                         for raw in subjects_data if isinstance(raw, dict))
        answers += [(subject.id, subject.sms_short, subject.sms_reply, f"not_covered {subject.id} [{code}] sms_short")
                    for subject in subjects]
        after_alarm = {}
        for alarm in ALARMS:
            first = sms[f"{alarm}_first"]
            self.check_gsm7(first, f"{where} {alarm}_first")
            for answer, written, alone, answer_where in answers:
                after_alarm[alarm, answer] = self.after_alarm(first, written, alone,
                                                              f"{answer_where} after {where} {alarm}_first")

        # One line per topic: its number, its first keyword and its title; when that cannot fit 2
        # segments (many topics), the number and keyword alone.
        lines = [f"{t.key} {t.keywords[0].upper() if t.keywords else ''}" for t in topics]
        titled = "\n".join([sms["menu_intro"]] + [f"{line} - {t.title}" for line, t in zip(lines, topics)])
        fits = segments(to_gsm7(f"{sms['not_understood']}\n{titled}\n{emergency_line}")) <= MAX_SMS_SEGMENTS
        menu_text = titled if fits else "\n".join([sms["menu_intro"], *lines])
        sms_texts = SmsTexts(
            menu_reply=self.sms_reply(menu_text, emergency_line, f"{where} menu (intro and topic list)"),
            not_understood_reply=self.sms_reply(f"{sms['not_understood']}\n{menu_text}", emergency_line,
                                                f"{where} not_understood with the menu"),
            crisis_reply=self.sms_reply(sms["crisis"], emergency_line, f"{where} crisis"),
            suicide_reply=self.sms_reply(sms["suicide"], emergency_line, f"{where} suicide"),
            crisis_suicide_reply=self.sms_reply(sms["crisis_suicide"], emergency_line, f"{where} crisis_suicide"),
            crisis_first=sms["crisis_first"],
            suicide_first=sms["suicide_first"],
            extra_dose_reply=extra_dose_reply,
            after_alarm=MappingProxyType(after_alarm),
            also_asked=MappingProxyType(self.also_asked(topics, sms_raw["also"], emergency_line, f"{where} also")),
            statement_reply=replies["statement"],
            help_reply=self.sms_reply(sms["help"], emergency_line, f"{where} help"),
            about_reply=self.sms_reply(sms["about"], emergency_line, f"{where} about"),
            person_reply=person_reply,
            menu_words=tuple(sms["menu_words"]),
            about_words=tuple(sms["about_words"]),
            help_words=tuple(sms["help_words"]),
            person_words=tuple(sms["person_words"]),
        )

        for name in ("handoff_option", "handoff_again"):
            voice[name] = self.fill(voice_raw[name], {**self.voice_values, "key": self.person_key},
                                    f"[{code}.voice] {name}", PLACEHOLDERS | {"key"})
        for name, key in (("offer", LANGUAGE_KEY), ("choice_offer", str(position))):
            voice[name] = self.fill(voice_raw["offer"], {**self.voice_values, "key": key}, f"[{code}.voice] offer",
                                    PLACEHOLDERS | {"key"})
        in_order = sorted(topics, key=lambda t: int(t.key) if t.key.isdigit() else 0)
        paged = len(topics) > len(TOPIC_KEYS) - 1
        if paged:
            voice_keys, more_keys = ({str(number): topic for number, topic in enumerate(page, start=1)}
                                     for page in (in_order[:PAGE_TOPICS], in_order[PAGE_TOPICS:]))
        else:  # each topic on its own number
            voice_keys, more_keys = {t.key: t for t in in_order}, {}
        for suffix, keys, more in (("", voice_keys, paged), ("more_", more_keys, False)):
            options = [self.fill(voice_raw["menu_option"], {**self.voice_values, "title": t.voice_title, "key": key},
                                 f"[{code}.voice] menu_option", MENU_OPTION_PLACEHOLDERS) for key, t in keys.items()]
            if more:
                options.append(self.fill(voice_raw["more_option"], {**self.voice_values, "key": MORE_KEY},
                                         f"[{code}.voice] more_option", PLACEHOLDERS | {"key"}))
            voice[f"{suffix}menu"] = " ".join(options + [voice["menu_end"]]) if keys else ""
            voice[f"{suffix}menu_with_handoff"] = (" ".join(options + [voice["handoff_option"], voice["menu_end"]])
                                                   if keys else "")
        del voice["menu_end"]
        voice["crisis_suicide"] = f"{voice['emergency']} {voice['suicide_short']}"
        voice["hints"] = ", ".join(dict.fromkeys(w for t in topics for w in (t.title, *t.keywords)))
        return Language(
            code=code, switch_words=tuple(own["switch_words"]), language_words=tuple(own["language_words"]),
            translation_status=str(status), sms=sms_texts, voice=VoiceTexts(**voice), topics=topics,
            by_id=MappingProxyType({t.id: t for t in topics}),
            voice_keys=MappingProxyType(voice_keys), more_keys=MappingProxyType(more_keys),
            not_covered=MappingProxyType({s.id: s for s in subjects}),
            spoken_as=MappingProxyType(self.spoken_as(data, code)),
        )

    def spoken_as(self, data, code: str) -> dict[str, str]:
        """[xx] spoken_as: a table of written words and how they are said; it may be left out."""
        table = data.get("spoken_as", {}) if isinstance(data, dict) else {}
        if not isinstance(table, dict) or not all(isinstance(v, str) and v.strip() for v in table.values()):
            self.problem(f"[{code}] spoken_as", 'must be a table of written words and how each is said, '
                         'like SAMHSA = "Samsa"')
            return {}
        return table

    def subject(self, code: str, raw: dict, sms_raw: dict, voice_text: str, emergency_line: str) -> Subject:
        subject_id = str(raw.get("id", "?"))
        where = f"not_covered {subject_id} [{code}]"
        table = raw.get(code)
        named = self.fields(table, ("title", "subject"), where)
        words = named["subject"]
        more = table.get("more", "") if isinstance(table, dict) else ""
        if not isinstance(more, str):
            self.problem(where, "field 'more' must be a text")
            more = ""
        phrases = table.get("phrases", []) if isinstance(table, dict) else []
        if not isinstance(phrases, list) or not all(isinstance(phrase, str) for phrase in phrases):
            self.problem(where, "field 'phrases' must be a list of texts")
            phrases = []
        sms, short, own = (self.fill(sms_raw[name], {**self.sms_values, "subject": words}, f"[{code}.sms] {name}",
                                     NOT_COVERED_PLACEHOLDERS) for name in ("not_covered", "not_covered_short",
                                                                            "not_covered_own"))
        if more and "{more}" not in voice_text:
            self.problem(f"[{code}.voice] not_covered", "must say {more}: subject " + subject_id + "'s own sentence "
                         "would not be heard")
        more_sms = self.fill(more, self.sms_values, f"{where} more")
        voice = self.fill(voice_text, {**self.voice_values, "subject": words,
                                       "more": self.fill(more, self.voice_values, f"{where} more")},
                          f"[{code}.voice] not_covered", NOT_COVERED_VOICE_PLACEHOLDERS)
        # By text, a subject's sentence of its own takes the helpline's place (not_covered_own), so that it fits.
        return Subject(id=subject_id, title=named["title"], subject=words, phrases=tuple(phrases), more=more,
                       sms_reply=self.sms_reply(f"{own} {more_sms}" if more else sms, emergency_line, f"{where} sms"),
                       sms_short=f"{own} {more_sms}" if more else short,
                       voice=" ".join(voice.split()))  # no double space where a subject has no sentence

    def topic(self, code: str, raw: dict, emergency_line: str) -> Topic:
        topic_id = raw.get("id", "?")
        where = f"topic {topic_id} [{code}]"
        texts = self.fields(raw.get(code), TOPIC_TEXT_FIELDS, where)
        after_988 = raw.get("after_988", False)
        if not isinstance(after_988, bool):
            self.problem(f"topic {topic_id}", "after_988 must be true or false")
        elif after_988 and (re.search(r"[0-9]", texts["sms"] + texts["voice"])
                            or set(normalise(texts["voice"]).split()) & NUMBER_WORDS):
            self.problem(f"topic {topic_id}", "after_988: an answer with a number (a dose, a count, a timing) may "
                         "never follow the 988 sentence")
        return Topic(
            id=str(topic_id), key=str(raw.get("key", "")), followed_by=str(raw.get("followed_by", "")),
            after_988=after_988 is True,
            title=texts["title"],
            voice_title=self.voice_title(raw.get(code), texts["title"], where),
            keywords=tuple(texts["keywords"]),
            phrases=tuple(texts["phrases"]),
            sms_written=(written := self.fill(texts["sms"], self.sms_values, f"{where} sms")),
            sms_reply=self.sms_reply(written, emergency_line, f"{where} sms"),
            voice=self.fill(texts["voice"], self.voice_values, f"{where} voice"),
        )

    def voice_title(self, table, title: str, where: str) -> str:
        """The topic's voice_title, or its title when it has none."""
        voice_title = table.get("voice_title") if isinstance(table, dict) else None
        if voice_title is None:
            return title
        if not isinstance(voice_title, str) or not voice_title.strip():
            self.problem(where, "field 'voice_title' must be a text")
            return title
        return voice_title

    def followed(self, topic: Topic, topics: tuple[Topic, ...], emergency_line: str, code: str) -> Topic:
        """A topic with its follower's answer after its own (a missing follower is reported already)."""
        then = next((other for other in topics if other.id == topic.followed_by and not other.followed_by), None)
        if then is None:
            return topic
        written = f"{topic.sms_written} {then.sms_written}"
        return replace(topic, sms_written=written, voice=f"{topic.voice} {then.voice}",
                       sms_reply=self.sms_reply(written, emergency_line, f"topic {topic.id} [{code}] sms, "
                                                f"followed by topic {then.id}"))

    def check_gsm7(self, text: str, where: str) -> bool:
        """Whether the text can be sent as GSM-7 once folded; if not, a problem naming the characters."""
        bad = non_gsm7_characters(to_gsm7(text))
        if bad:
            shown = " ".join(f"{char!r} (U+{ord(char):04X})" for char in bad)
            self.problem(where, f"not GSM-7 and no GSM-7 form, would be billed as UCS-2 because of {shown}")
        return not bad

    def after_alarm(self, first: str, written: str, alone: str, where: str) -> str:
        """An alarm sentence, which then stands for the emergency line, and the answer as sent; it must fit 2
        segments (an answer too long or not GSM-7 on its own, `alone`, is reported once, as that)."""
        reply = to_gsm7(f"{first}\n{written}")
        if not non_gsm7_characters(reply) and segments(reply) > MAX_SMS_SEGMENTS >= segments(alone):
            self.problem(where, f"{len(reply)} characters, {segments(reply)} SMS segments; at most "
                         f"{MAX_SMS_SEGMENTS} (306 characters): write the answer shorter")
        return reply

    def check_keywords(self, code: str, topics: tuple[Topic, ...], sms: dict, own_switch_words) -> None:
        """Each word a person may text leads to one place only."""
        owner: dict[str, str] = {}

        def claim(word: str, who: str) -> None:
            key = normalise(word)
            if not key:
                self.problem(who, f"keyword '{word}' has no letters or digits")
            elif key in CARRIER_WORDS:
                self.problem(who, f"keyword '{word}' is a carrier keyword (Twilio may act on it alone)")
            elif key in owner and owner[key] != who:
                self.problem(who, f"keyword '{word}' is also used by {owner[key]}")
            else:
                owner[key] = who

        for topic in topics:
            owner[normalise(topic.key)] = f"topic {topic.id} [{code}]"
        for topic in topics:
            title = (topic.title,) if topic.title else ()  # a missing title is reported already
            for word in (*title, *topic.keywords):
                claim(word, f"topic {topic.id} [{code}]")
        for word in sms["menu_words"]:
            claim(word, f"[{code}.sms] menu_words")
        for word in own_switch_words:
            claim(word, f"[{code}] switch_words")
        for field in ("about_words", "help_words", "person_words"):
            for word in sms[field]:
                claim(word, f"[{code}.sms] {field}")

    def check_phrases(self, languages: dict) -> None:
        """A keyword or phrase in a question points to one topic, in every language (they share one table)."""
        owner: dict[tuple, tuple[str, str, str]] = {}
        for code, language in languages.items():
            for topic in language.topics:
                for field, phrases in (("keyword", topic.keywords), ("phrase", topic.phrases)):
                    for phrase in phrases:
                        first_id, first_code, first_field = owner.setdefault(
                            tuple(words_of(phrase)), (topic.id, code, field))
                        same_check = field == first_field == "keyword" and code == first_code  # check_keywords
                        if first_id != topic.id and not same_check:
                            self.problem(f"topic {topic.id} [{code}]",
                                         f"{field} '{phrase}' also points to topic {first_id} [{first_code}]")
