"""The content checker behind `flask lint-content`: what each answer costs and how it reads.

Errors are the loader's own checks (the same ones that stop start-up) and understanding
below target in cross-validation; on top, a table per topic and language and a warning
for text above an 8th-grade reading level.
"""
from pathlib import Path
from typing import Callable

import textstat

from ivr.content import ContentError, load_pack
from ivr.model_check import cross_validate, missed, report, scores
from ivr.sms_encoding import encoding, non_gsm7_characters, segments

MAX_GRADE = 8
WORDS_PER_MINUTE = 150  # a normal speaking rate


def reading_grade(text: str, language: str) -> float:
    """US school grade: Flesch-Kincaid for English, Crawford for Spanish."""
    textstat.set_lang(language)
    return textstat.crawford(text) if language == "es" else textstat.flesch_kincaid_grade(text)


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
    echo(f"  {'topic':<14} {'lang':<4} {'SMS chars':>9} {'sent as':<7} {'segments':>8} {'grade':>5} "
         f"{'voice s':>7}  as written")
    for code, language in pack.languages.items():
        for topic in language.topics:
            written = topic.sms_written
            forcing = non_gsm7_characters(written)
            as_written = f"UCS-2 because of {' '.join(forcing)} (folded to GSM-7 when sent)" if forcing else "GSM-7"
            reply = topic.sms_reply
            sms_grade = reading_grade(written, code)
            voice_grade = reading_grade(topic.voice, code)
            echo(f"  {topic.id:<14} {code:<4} {len(reply):>9} {encoding(reply):<7} {segments(reply):>8} "
                 f"{sms_grade:>5.1f} {voice_seconds(topic.voice):>7.0f}  {as_written}")
            for kind, grade in (("sms", sms_grade), ("voice", voice_grade)):
                if grade > MAX_GRADE:
                    warnings.append(f"topic {topic.id} [{code}] {kind}: reading grade {grade:.1f} is above {MAX_GRADE}")
        texts = language.sms
        for name in ("menu_reply", "not_understood_reply", "help_reply", "about_reply", "crisis_reply", "suicide_reply",
                     "extra_dose_reply", "person_reply"):
            reply = getattr(texts, name)
            echo(f"  {name.removesuffix('_reply'):<14} {code:<4} {len(reply):>9} {encoding(reply):<7} {segments(reply):>8}")
        for subject in language.not_covered.values():  # "this line does not cover ...", where to ask
            reply = subject.sms_reply
            echo(f"  {subject.id:<14} {code:<4} {len(reply):>9} {encoding(reply):<7} {segments(reply):>8}")
        if language.translation_status:
            warnings.append(f"[{code}] {language.translation_status}")
    for warning in warnings:
        echo(f"  warning: {warning}")
    echo(f"  0 errors, {len(warnings)} warning(s)")
    return lint_model(pack, echo, model_cache)


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
