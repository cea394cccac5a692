"""The content checker behind `flask lint-content`: what each answer costs and how it reads.

Errors are the loader's own checks (the same ones that stop start-up), a reply above
reading grade 6, a Spanish SMS word that folds into another word, and understanding
below target in cross-validation or on the danger corpus; on top, a table per topic and
language.
"""
import dataclasses
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Callable, Iterator

import textstat

from ivr.core.content import SAMPLE_OPERATOR, VOICE_FIELDS, ContentError, Language, SmsTexts, load_pack
from ivr.core.understand import Understander
from ivr.tools.model_check import (DANGER_CORPUS, LONGTEXT_SET, ask_corpus, cross_validate, danger_scores,
                                   figure_lines, longtext_scores, missed, read_corpus, read_longtext, report, scores)
from ivr.core.sms_encoding import encoding, non_gsm7_characters, segments

# AMA and HHS advise grade 6 or lower for patient material.
MAX_GRADE = 6
WORDS_PER_MINUTE = 150  # a normal speaking rate
# Voice fields that are no reply of their own: settings, the menu's parts (a list, with no sentences to grade),
# and not_covered (graded once per subject).
NOT_GRADED_VOICE = frozenset({"voice", "language", "offer", "menu_option", "menu_end", "more_option", "not_covered"})
# SmsTexts' replies, each with the emergency line; LISTS (the menu, and "not understood" with it) are not graded.
SMS_REPLIES = tuple(field.name for field in dataclasses.fields(SmsTexts) if field.name.endswith("_reply"))
LISTS = ("menu_reply", "not_understood_reply")
# SMS texts lose their accents (ivr/core/sms_encoding.py): these Spanish words then read as
# other words ("está" as "esta", this; "tomó" as "tomo", I take), so they are written around.
FOLDS_INTO_ANOTHER_WORD = {
    "es": re.compile(r"\b(?:está|están|sí|él|tú|mí|\w*é|\w*[^\Wi]ó)\b", re.IGNORECASE),
}


GRADE_MEASURES = {"en": "flesch_kincaid_grade", "es": "crawford"}  # textstat's measure of each language graded


def reading_grade(text: str, language: str) -> float:
    """US school grade: Flesch-Kincaid for English, Crawford for Spanish; NaN for a language with no measure."""
    if language not in GRADE_MEASURES:
        return float("nan")
    textstat.set_lang(language)
    return getattr(textstat, GRADE_MEASURES[language])(text)


def replies(language: Language) -> Iterator[tuple[str, str]]:
    """Every reply a person reads or hears in this language, by name: what is graded. SMS
    replies are graded without the emergency line at their end, which is short and easy
    and would lift a hard answer's grade. The menu listings are left out: a list has no
    sentences to grade."""
    sms, voice = language.sms, language.voice
    for name in SMS_REPLIES:
        if name in LISTS:
            continue
        yield f"sms {name.removesuffix('_reply')}", _without_emergency_line(getattr(sms, name))
    for (alarm, answer), reply in sms.after_alarm.items():
        yield f"sms {alarm}_first, then {answer}", reply  # the alarm sentence stands for the emergency line
    for topic in language.topics:
        yield f"topic {topic.id} sms", _without_emergency_line(topic.sms_reply)
        yield f"topic {topic.id} voice", topic.voice
    for subject in language.not_covered.values():
        yield f"not_covered {subject.id} sms", _without_emergency_line(subject.sms_reply)
        yield f"not_covered {subject.id} voice", subject.voice
    for name in VOICE_FIELDS:
        if name not in NOT_GRADED_VOICE:
            yield f"voice {name}", getattr(voice, name)


def _without_emergency_line(reply: str) -> str:
    return reply.rsplit("\n", 1)[0]


def reading_problems(pack) -> list[str]:
    """Each reply above MAX_GRADE, with its grade."""
    return [f"[{code}] {name}: reading grade {grade:.1f} is above {MAX_GRADE}; use shorter sentences "
            "and shorter words"
            for code, language in pack.languages.items() for name, text in replies(language)
            if (grade := reading_grade(text, code)) > MAX_GRADE]


# What a voice reads out as written: brackets, abbreviations, a web address (unless spoken_as says it).
MISREAD_ALOUD = re.compile(r"(?i)[()]|(?<![a-z])(?:mg|mcg|ml)\b|\bDr\.|\b[\w.-]+\.(?:gov|org|com|net|edu)\b")


def voice_problems(pack) -> list[str]:
    """Each voice text with something a voice would misread, and what it is."""
    return [f"[{code}] {name}: {found!r} is read out as written; say it in words, or give it in [{code}] spoken_as"
            for code, language in pack.languages.items()
            for name, text in [*replies(language), ("voice menu", language.voice.menu),
                               ("voice more_menu", language.voice.more_menu)]
            if name.startswith("voice ") or name.endswith(" voice")
            for found in MISREAD_ALOUD.findall(text) if found not in language.spoken_as]


def folding_problems(path: Path) -> list[str]:
    """Each SMS text, as the pack writes it, with a word that its GSM-7 form turns into another."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    problems = []
    for code, pattern in FOLDS_INTO_ANOTHER_WORD.items():
        texts = {f"[{code}.sms] {name}": text for name, text in data.get(code, {}).get("sms", {}).items()}
        texts |= {f"topic {topic.get('id')} [{code}] {field}": topic.get(code, {}).get(field, "")
                  for topic in data.get("topics", []) for field in ("sms", "title")}  # the menu shows titles
        texts |= {f"not_covered {subject.get('id')} [{code}] {field}": subject.get(code, {}).get(field, "")
                  for subject in data.get("not_covered", []) for field in ("subject", "more")}
        for where, text in texts.items():
            for word in pattern.findall(text) if isinstance(text, str) else ():
                problems.append(f"{where}: '{word}' is sent without its accent and reads as another word; "
                                "write the sentence another way")
    return problems


def voice_seconds(text: str) -> float:
    return len(text.split()) / WORDS_PER_MINUTE * 60


def lint_paths(paths: list[Path], emergency_number: str, echo: Callable[[str], None],
               model_cache: Path | None = None) -> bool:
    """Check every pack; print a report; True when there is no error."""
    if not paths:
        echo("no content pack (.toml) found")
        return False
    return all([lint_pack(path, emergency_number, echo, model_cache) for path in paths])


def lint_pack(path: Path, emergency_number: str, echo, model_cache: Path | None = None) -> bool:
    try:
        pack = load_pack(path, emergency_number)
    except ContentError as error:
        echo(f"{path}: {len(error.problems)} error(s)")
        for problem in error.problems:
            echo(f"  error: {problem}")
        return False
    echo(f"{path}: {pack.name} version {pack.version}, languages {', '.join(pack.languages)}")
    warnings = []
    if pack.operator == SAMPLE_OPERATOR:
        warnings.append(f"[pack] operator is still the sample ({SAMPLE_OPERATOR!r}): name who runs this line and how "
                        "to reach them; the HELP reply says it, as US carriers expect")
    errors = reading_problems(pack) + folding_problems(path) + voice_problems(pack)
    echo(f"  {'topic':<14} {'lang':<4} {'SMS chars':>9} {'sent as':<7} {'segments':>8} {'grade':>5} "
         f"{'voice s':>7}  as written")
    for code, language in pack.languages.items():
        for topic in language.topics:
            written = topic.sms_written
            forcing = non_gsm7_characters(written)
            as_written = f"UCS-2 because of {' '.join(forcing)} (folded to GSM-7 when sent)" if forcing else "GSM-7"
            reply = topic.sms_reply
            echo(f"  {topic.id:<14} {code:<4} {len(reply):>9} {encoding(reply):<7} {segments(reply):>8} "
                 f"{reading_grade(reply, code):>5.1f} {voice_seconds(topic.voice):>7.0f}  {as_written}")
        texts = language.sms
        for name in SMS_REPLIES:
            reply = getattr(texts, name)
            grade = "-" if name in LISTS else f"{reading_grade(reply, code):.1f}"
            echo(f"  {name.removesuffix('_reply'):<14} {code:<4} {len(reply):>9} {encoding(reply):<7} "
                 f"{segments(reply):>8} {grade:>5}")
        for subject in language.not_covered.values():  # "this line does not cover ...", where to ask
            reply = subject.sms_reply
            echo(f"  {subject.id:<14} {code:<4} {len(reply):>9} {encoding(reply):<7} {segments(reply):>8} "
                 f"{reading_grade(reply, code):>5.1f}")
        if language.translation_status:
            warnings.append(f"[{code}] {language.translation_status}")
        if code not in GRADE_MEASURES:
            warnings.append(f"[{code}] no reading-grade measure for this language (ivr/tools/lint.py GRADE_MEASURES): "
                            "its replies are not graded")
    for error in errors:
        echo(f"  error: {error}")
    for warning in warnings:
        echo(f"  warning: {warning}")
    echo(f"  {len(errors)} error(s), {len(warnings)} warning(s)")
    # The blind sets are read only for a pack with no error so far: they could not change the verdict.
    if not (lint_model(pack, echo, model_cache) and not errors):
        return False
    understander = cache(lambda: Understander(pack, model_cache))  # built once, for the sets this pack has
    return lint_danger_corpus(pack, echo, understander) and lint_longtext(pack, echo, understander)


def lint_model(pack, echo, model_cache: Path | None = None) -> bool:
    """The understanding's cross-validated figures over the pack's examples; False below target."""
    results = cross_validate(pack, model_cache)
    echo(f"  understanding, cross-validated over {len(pack.examples)} examples (5 folds):")
    for line in report(results, pack):
        echo(f"    {line}")
    misses = missed(scores(results, pack))
    for miss in misses:
        echo(f"  error: understanding below target: {miss}")
    if not misses:
        echo("  understanding: every target met")
    return not misses


def lint_danger_corpus(pack, echo, understander: Callable[[], Understander]) -> bool:
    """The danger policy's figures on each half of the danger corpus, for a pack that has its
    labels. Below target on the dev half (ivr/core/danger_corpus.tsv, which the danger model is
    trained on) is an error; on the sealed half (tests/data), which judges the line and is never
    tuned on, a warning (tests/test_danger_corpus.py keeps it from falling)."""
    halves = {half: read_corpus(path) for half, path in DANGER_CORPUS.items() if path.exists()}
    labels = {"-", "other", "person"} | _answer_ids(pack)
    labelled = all(sent.answer in labels and sent.language in pack.languages
                   for corpus in halves.values() for sent in corpus)
    return _lint_halves(echo, understander, "danger corpus",
                        "ivr/core/danger_corpus.tsv and tests/data/danger_sealed.tsv",
                        halves if labelled else {},
                        lambda line, corpus: danger_scores(ask_corpus(line, pack, corpus), pack),
                        "danger policy below target", dev_is_strict=True)


def lint_longtext(pack, echo, understander: Callable[[], Understander]) -> bool:
    """The long-text set's figures on each half (tests/data), for a pack that has its labels. Below
    target is a warning on both halves while the line falls short of them (docs/understanding.md);
    tests/test_longtext.py keeps them from falling."""
    halves = {half: read_longtext(path) for half, path in LONGTEXT_SET.items() if path.exists()}
    labels = {"-", "other", "low_dose", "person", "statement", "menu"} | _answer_ids(pack)
    labelled = all({sent.first, sent.second} <= labels and sent.language in pack.languages
                   for corpus in halves.values() for sent in corpus)
    return _lint_halves(echo, understander, "long-text set", "tests/data/longtext_*.tsv",
                        halves if labelled else {},
                        lambda line, corpus: longtext_scores(ask_corpus(line, pack, corpus), pack),
                        "long texts below target", dev_is_strict=False)


def _answer_ids(pack) -> set[str]:
    """Every topic's and not-covered subject's id, in any language: the labels a blind set may use for them."""
    return {label for language in pack.languages.values() for label in (*language.by_id, *language.not_covered)}


def _lint_halves(echo, understander: Callable[[], Understander], title: str, files: str, halves: dict, figures_of,
                 below: str, dev_is_strict: bool) -> bool:
    """Each half's figures against the targets: below them an error on a strict dev half, else a
    warning. No halves (none, or labelled for another pack): said, and passed."""
    if not halves:
        echo(f"  {title}: none for this pack ({files} is labelled for another)")
        return True
    errors = []
    for half, corpus in halves.items():
        figures = figures_of(understander(), corpus)
        echo(f"  {title}, {half} half ({len(corpus)} messages written blind):")
        for line in figure_lines(figures):
            echo(f"    {line}")
        for miss in missed(figures):
            if dev_is_strict and half == "dev":
                errors.append(f"  error: {below} on the {half} half: {miss}")
            else:
                echo(f"  warning: {below} on the {half} half: {miss}")
    for error in errors:
        echo(error)
    return not errors
