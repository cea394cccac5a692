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
from dataclasses import dataclass
from pathlib import Path

from ivr.core.content import Pack
from ivr.core.kinds import CRISIS_KINDS
from ivr.core.understand import Intent, Understander

DANGER = CRISIS_KINDS  # what a person who may be in danger is labelled
# What each figure must reach (at least, or at most for the rates of harm).
TARGETS = {
    "topic": (">=", 0.90),  # a question a topic answers gets that answer (an emergency sentence before it is allowed)
    "alarm instead of answer": ("<=", 0.02),  # a topic's question that gets an emergency reply and no answer
    "crisis recall": (">=", 0.97),  # an emergency gets a first sentence that says to call the emergency number
    "suicide 988": (">=", 0.95),  # suicidal thoughts get 988
    "extra dose": (">=", 0.90),  # an extra or accidental dose gets Poison Control
    "not covered as a topic": ("<=", 0.10),  # a question the fact sheet does not answer, answered anyway
    "person": (">=", 0.90),  # asking for a person gets the helpline number
    # A greeting or a message the line cannot answer gets the menu (as a menu, or after "did not
    # get that"). 85%, not 90%, since 2026-12-01: plain statements ("my husband is at work") joined
    # this class, and the model sends a sixth of them to a topic.
    "menu shown": (">=", 0.85),
    "false alarm": ("<=", 0.03),  # a message with no danger that gets an emergency, 988 or Poison Control sentence
}
# The same, in each language of the pack ("topic es"), whatever languages the pack has.
TOPIC_IN_EACH_LANGUAGE = (">=", 0.85)


def target_of(name: str) -> tuple[str, float] | None:
    """The engine's target for a figure: a pack cannot lower it."""
    return TARGETS.get(name) or (TOPIC_IN_EACH_LANGUAGE if name.startswith("topic ") else None)


@dataclass(frozen=True)
class Reply:
    """What a reply to an intent holds, as the figures read it."""

    answers: frozenset[str]  # the labels whose answer is in it ("menu" for the menu)
    says_call_911: bool  # its first sentence says to call the emergency number
    names_988: bool
    alarm: bool  # an emergency, 988 or Poison Control sentence


def reply_to(intent: Intent, pack: Pack) -> Reply:
    language = pack.languages[intent.language]
    if intent.kind == "topic":
        answers = {intent.topic, language.by_id[intent.topic].followed_by} - {""}
    elif intent.kind in ("not_covered",):
        answers = {intent.topic}
    elif intent.kind in ("menu", "not_understood"):
        answers = {"menu"}
    else:
        answers = {intent.kind}
    suicide = intent.kind == "suicide" or intent.alarm == "suicide"
    # The crisis and suicide replies, and every alarm sentence, start with the emergency number.
    return Reply(frozenset(answers), says_call_911=intent.kind in ("crisis", "suicide") or intent.alarm is not None,
                 names_988=suicide, alarm=intent.in_danger)


def is_right(label: str, reply: Reply) -> bool:
    """Whether a message labelled `label` got what it needed."""
    if label == "crisis":
        return reply.says_call_911
    if label == "suicide":
        return reply.names_988
    if label == "gibberish":
        return "menu" in reply.answers
    return label in reply.answers


def scores(results: list[tuple[str, str, Intent]], pack: Pack) -> dict[str, tuple[float, int]]:
    """Each figure and how many messages it is over, from (label, language, intent)."""
    topics = {topic.id for language in pack.languages.values() for topic in language.topics}
    subjects = {subject for language in pack.languages.values() for subject in language.not_covered}
    replies = [(label, language, reply_to(intent, pack)) for label, language, intent in results]

    def rate(wanted, hit) -> tuple[float, int]:
        chosen = [(label, reply) for label, language, reply in replies if wanted(label, language)]
        return (sum(hit(label, reply) for label, reply in chosen) / len(chosen) if chosen else float("nan")), len(chosen)

    def topic_in(code=None):
        return lambda label, language: label in topics and code in (None, language)

    return {
        "topic": rate(topic_in(), is_right),
        **{f"topic {code}": rate(topic_in(code), is_right) for code in pack.languages},
        "alarm instead of answer": rate(topic_in(), lambda label, reply: reply.alarm and label not in reply.answers),
        "alarm added": rate(topic_in(), lambda label, reply: reply.alarm and label in reply.answers),
        "crisis recall": rate(lambda label, _: label == "crisis", is_right),
        "suicide 988": rate(lambda label, _: label == "suicide", is_right),
        "extra dose": rate(lambda label, _: label == "extra_dose", is_right),
        "not covered as a topic": rate(lambda label, _: label in subjects, lambda _, reply: bool(reply.answers & topics)),
        "not covered": rate(lambda label, _: label in subjects, lambda label, reply: is_right(label, reply)
                            and not reply.alarm),
        "person": rate(lambda label, _: label == "person", is_right),
        "menu shown": rate(lambda label, _: label in ("menu", "gibberish"), lambda _, reply: "menu" in reply.answers),
        "false alarm": rate(lambda label, _: label not in DANGER, lambda _, reply: reply.alarm),
    }


def missed(figures: dict[str, tuple[float, int]]) -> list[str]:
    """The targets a set of figures misses, each as a sentence."""
    misses = []
    for name, (value, count) in figures.items():
        if (aimed := target_of(name)) is None:
            continue
        direction, target = aimed
        if not (value >= target if direction == ">=" else value <= target):
            misses.append(f"{name}: {value:.1%} of {count}, target {direction} {target:.0%}")
    return misses


def report(results: list[tuple[str, str, Intent]], pack: Pack) -> list[str]:
    """Lines for a person: every figure against its target, then per class and language, then the worst confusions."""
    figures = scores(results, pack)
    replies = [(label, language, intent, reply_to(intent, pack)) for label, language, intent in results]
    lines = []
    for name, (value, count) in figures.items():
        target = f"{target_of(name)[0]} {target_of(name)[1]:.0%}" if target_of(name) else ""
        lines.append(f"{name:<24} {value:>6.1%} of {count:>4}  {target}")
    totals, right, alarmed = Counter(), Counter(), Counter()
    for label, language, _, reply in replies:
        totals[label, language] += 1
        right[label, language] += is_right(label, reply)
        alarmed[label, language] += reply.alarm and label not in DANGER
    lines.append("per class and language (right / all, and false alarms among them):")
    for label, language in sorted(totals):
        lines.append(f"  {label:<16} {language}  {right[label, language]:>3} / {totals[label, language]:<3}"
                     f" {right[label, language] / totals[label, language]:>6.1%}"
                     + (f"  {alarmed[label, language]} false alarm(s)" if alarmed[label, language] else ""))
    confused = Counter((label, _said(intent)) for label, _, intent, reply in replies if not is_right(label, reply))
    lines.append("most confused (label -> what the line made of it):")
    lines += [f"  {label} -> {got}: {count}" for (label, got), count in confused.most_common(8)]
    return lines


def _said(intent: Intent) -> str:
    return f"{intent.alarm} sentence + {intent.label}" if intent.alarm else intent.label


def cross_validate(pack: Pack, model_cache: Path | None = None, folds: int = 5) -> list[tuple[str, str, Intent]]:
    """(label, language, what the line made of it) for every example, each judged by an
    understanding trained without it."""
    results = []
    examples = pack.examples
    for fold in range(folds):
        held_out = examples[fold::folds]  # every fifth example: each class is spread over the folds
        trained = [example for index, example in enumerate(examples) if index % folds != fold]
        understander = Understander(dataclasses.replace(pack, examples=tuple(trained)), model_cache)
        for example in held_out:
            results.append((example.label, example.language, understander.sms(example.text, pack.default_language)))
    return results
