"""How well the line understands messages: the figures the targets are set on.

`scores` measures a list of (label, language, what the line made of it); the frozen test
set (tests/test_understanding.py) and cross-validation over the pack's own examples
(`cross_validate`, shown by `flask lint-content`) both go through it. Cross-validation
trains on four fifths of the examples and asks the whole understanding (rules, keywords,
the model and its thresholds) about the fifth it did not see, five times.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

from ivr.content import Pack
from ivr.understand import Understander

DANGER = ("crisis", "suicide")
# What each figure must reach (at least, or at most for the two rates of harm).
TARGETS = {
    "topic": (">=", 0.90),  # a question a topic answers gets that topic
    "topic en": (">=", 0.85),
    "topic es": (">=", 0.85),
    "crisis recall": (">=", 0.97),  # an emergency gets the emergency message first
    "suicide 988": (">=", 0.95),  # suicidal thoughts get 988
    "not covered as a topic": ("<=", 0.10),  # a question the fact sheet does not answer, answered anyway
    "person": (">=", 0.90),  # asking for a person gets the helpline number
    "menu shown": (">=", 0.90),  # a greeting gets the menu (as a menu, or after "did not get that")
    "false crisis": ("<=", 0.03),  # a topic's question taken for an emergency
}


def scores(results: list[tuple[str, str, str]], pack: Pack) -> dict[str, tuple[float, int]]:
    """Each target's figure and how many messages it is over, from (label, language, got)."""
    topics = {topic.id for language in pack.languages.values() for topic in language.topics}
    subjects = {subject for language in pack.languages.values() for subject in language.not_covered}

    def rate(wanted, hit) -> tuple[float, int]:
        chosen = [(label, got) for label, language, got in results if wanted(label, language)]
        return (sum(hit(label, got) for label, got in chosen) / len(chosen) if chosen else float("nan")), len(chosen)

    return {
        "topic": rate(lambda label, _: label in topics, lambda label, got: got == label),
        "topic en": rate(lambda label, lang: label in topics and lang == "en", lambda label, got: got == label),
        "topic es": rate(lambda label, lang: label in topics and lang == "es", lambda label, got: got == label),
        "crisis recall": rate(lambda label, _: label in DANGER, lambda _, got: got in DANGER),
        "suicide 988": rate(lambda label, _: label == "suicide", lambda _, got: got == "suicide"),
        "not covered as a topic": rate(lambda label, _: label in subjects, lambda _, got: got in topics),
        "not covered": rate(lambda label, _: label in subjects, lambda label, got: got == label),
        "person": rate(lambda label, _: label == "person", lambda _, got: got == "person"),
        "menu": rate(lambda label, _: label == "menu", lambda _, got: got == "menu"),
        "menu shown": rate(lambda label, _: label == "menu", lambda _, got: got in ("menu", "gibberish")),
        "gibberish": rate(lambda label, _: label == "gibberish", lambda _, got: got == "gibberish"),
        "false crisis": rate(lambda label, _: label in topics, lambda _, got: got in DANGER),
    }


def missed(figures: dict[str, tuple[float, int]]) -> list[str]:
    """The targets a set of figures misses, each as a sentence."""
    misses = []
    for name, (direction, target) in TARGETS.items():
        value, count = figures[name]
        if not (value >= target if direction == ">=" else value <= target):
            misses.append(f"{name}: {value:.1%} of {count}, target {direction} {target:.0%}")
    return misses


def report(results: list[tuple[str, str, str]], pack: Pack) -> list[str]:
    """Lines for a person: every figure against its target, then per class and language, then the worst confusions."""
    figures = scores(results, pack)
    lines = []
    for name, (value, count) in figures.items():
        target = f"{TARGETS[name][0]} {TARGETS[name][1]:.0%}" if name in TARGETS else ""
        lines.append(f"{name:<24} {value:>6.1%} of {count:>4}  {target}")
    totals, right = Counter(), Counter()
    for label, language, got in results:
        totals[label, language] += 1
        right[label, language] += got == label
    lines.append("per class and language (right / all):")
    for label, language in sorted(totals):
        lines.append(f"  {label:<16} {language}  {right[label, language]:>3} / {totals[label, language]:<3}"
                     f" {right[label, language] / totals[label, language]:>6.1%}")
    confused = Counter((label, got) for label, _, got in results if got != label)
    lines.append("most confused (label -> what the line made of it):")
    lines += [f"  {label} -> {got}: {count}" for (label, got), count in confused.most_common(8)]
    return lines


def cross_validate(pack: Pack, model_cache: Path | None = None, folds: int = 5) -> list[tuple[str, str, str]]:
    """(label, language, what the line made of it) for every example, each judged by an
    understanding trained without it."""
    results = []
    examples = pack.examples
    for fold in range(folds):
        held_out = examples[fold::folds]  # every fifth example: each class is spread over the folds
        trained = [example for index, example in enumerate(examples) if index % folds != fold]
        understander = Understander(dataclasses.replace(pack, examples=tuple(trained)), model_cache)
        for example in held_out:
            results.append((example.label, example.language,
                            understander.sms(example.text, pack.default_language).label))
    return results
