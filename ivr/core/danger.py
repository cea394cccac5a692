"""The danger screen: every signal of a message decided into one row of the danger policy.

The policy, as docs/understanding.md states it ("The danger policy"); the first row that
applies wins:
1. an emergency now, with signs of suicide or done on purpose: 911 first, then naloxone,
   then 988, in one reply;
2. an emergency now: the emergency reply alone;
3. a question about a deadly amount, or about using the medicine or opioids to die: the 988
   reply alone, never an answer (pills already swallowed: Poison Control, with the 988
   sentence first unless a child or a pet swallowed them);
4. suicide, self-harm or hopelessness: the 988 reply, or, when something is clearly asked,
   the 988 sentence and the answer if it may follow 988 (the pack marks which: never a dose,
   a timing or overdose facts), where to ask about a subject with no sentence of its own, or
   else a person to talk to;
5. an extra or accidental dose: Poison Control (after the 911 and 988 sentence for many
   pills; a child's or a pet's, the 911 sentence);
6. an overdose in the past, someone who died, or a question about overdose risk: the
   answer, never replaced by an alarm (after the 911 sentence when an overdose is told);
7. none of these: the answer, after the model's emergency (or 988) sentence when it hears danger.

The signals are the engine's words (crisis.py) and the models' probabilities of an
emergency and of suicide (understand.Understander.model_danger). Pure: no Flask, no Twilio, no pack.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Callable

# Chosen on the cross-validated training examples (the frozen and sealed sets only check them):
# see docs/understanding.md, "How sure the model must be".
DANGER_PROBABILITY = 0.35  # emergency and suicide together: at or above it, the model's alarm sentence
SUICIDE_SHARE = 0.3  # of that danger, suicide's share at or above which the sentence names 988
SUICIDE_PROBABILITY = 0.95  # suicide alone: at or above it, the model decides row 4 by itself
SIGN_PROBABILITY = 0.2  # suicide alone, for a sign that may be said of the medicine ("I can't go on") to be row 4
# Suicide in any ten words of a long message (a story around one sentence of despair): at or above
# it, the 988 sentence. Chosen on the dev half of the danger corpus, at the cost of near misses.
PART_SUICIDE_PROBABILITY = 0.7
# After the models' 988 sentence, from this probability of suicide (or this much by the danger model alone,
# which hears despair in long stories the intent model misses) a dose, a timing or an overdose fact gives way
# to a person to talk to (988's Safe Messaging Guidelines); below both the answer follows.
HOLD_BACK_PROBABILITY = 0.5
DANGER_MODEL_HOLD_BACK = 0.9


class Row(IntEnum):
    EMERGENCY_AND_SUICIDE = 1
    EMERGENCY = 2
    MEANS = 3
    SUICIDE = 4
    EXTRA_DOSE = 5
    PAST_OR_RISK = 6
    NONE = 7


@dataclass(frozen=True)
class Danger:
    """What the screen decided: its row, the reply's kind when the row gives it alone (a key
    of kinds.KINDS, or the reply when no answer may follow), and the alarm sentence
    ("crisis" or "suicide") before an answer or Poison Control."""

    row: Row
    kind: str | None = None
    alarm: str | None = None
    taking: bool = True  # the words tell of taking something: the model may read an extra dose
    # The 988 sentence is for a sign in the words, or the model is sure enough of suicide, or only a
    # stretch of the message shows despair: a dose, a timing or overdose facts never follow it.
    hold_back: bool = False

    @property
    def answers(self) -> bool:
        """Whether the person's question, if any, is answered (kind: the reply when none may be)."""
        return self.row in (Row.SUICIDE, Row.PAST_OR_RISK, Row.NONE)


@dataclass(frozen=True)
class ModelDanger:
    """The models' probabilities of an emergency and of suicide, on words they know."""

    crisis: float
    suicide: float
    part_suicide: float = 0.0  # the highest suicide in any stretch of a long message (understand.WINDOW_WORDS)
    danger_model_suicide: float = 0.0  # suicide by the danger model alone (understand._danger_of)

    @property
    def alarm(self) -> str | None:
        """The sentence the model's danger calls for: "crisis", "suicide" (988 too) or None."""
        if self.crisis + self.suicide >= DANGER_PROBABILITY:
            return self.kind
        return "suicide" if self.in_a_part else None

    @property
    def holds_back(self) -> bool:
        """Whether the models' 988 sentence holds a dose, a timing or overdose facts back: they are sure
        enough of suicide, for the whole message or a stretch of it."""
        return (self.suicide >= HOLD_BACK_PROBABILITY or self.danger_model_suicide >= DANGER_MODEL_HOLD_BACK
                or self.part_suicide >= PART_SUICIDE_PROBABILITY)

    @property
    def in_a_part(self) -> bool:
        """Whether the 988 sentence is for despair in a stretch of the message only: the whole,
        diluted, hears too little; what the stretch heard holds a dose or timing back."""
        return self.crisis + self.suicide < DANGER_PROBABILITY and self.part_suicide >= PART_SUICIDE_PROBABILITY

    @property
    def kind(self) -> str:
        """"suicide" when self-harm is at least SUICIDE_SHARE of the danger, else "crisis"."""
        return "suicide" if self.suicide >= SUICIDE_SHARE * (self.suicide + self.crisis) else "crisis"


def screen(found: frozenset[str], model: Callable[[], ModelDanger]) -> Danger:
    """The row for a message's signals (crisis.Signals.found) and, when the words leave it
    open, the model's danger (called at most once)."""
    now = ("emergency" in found or ("overdose_now" in found and not found & {"past", "hypothetical"})
           or {"sick", "now"} <= found)
    taken = bool(found & {"extra_dose", "many_pills"})
    suicidal = bool(found & {"suicide", "on_purpose"})
    many = "many_pills" in found
    # A sign is enough for 988 with an emergency now or many pills taken; "sorry" as the last word, unless
    # it may be a parent's about a child's pills.
    if ((now or many) and "suicide_sign" in found or {"kills", "suicide_sign"} <= found
            or "regret" in found and (now or (many and "child" not in found))):
        suicidal = True
    if suicidal and (now or many or (taken and "child" not in found)):  # an emergency with signs of suicide, or pills taken to die
        return Danger(Row.EMERGENCY_AND_SUICIDE, "crisis_suicide")
    if now:
        return Danger(Row.EMERGENCY, "crisis")
    # "Could I die from it?" is a deadly-amount question; "could I die if I use after stopping?" asks the
    # risk, and "I almost died of an overdose" tells of the past, unless either also asks how much.
    if ("means" in found or ("deadly" in found and not found & {"risk", "past"}) or {"kills", "amount"} <= found
            or {"stash", "enough"} <= found or {"override", "amount"} <= found):
        if taken:
            return Danger(Row.MEANS, "extra_dose", None if "child" in found else "suicide")
        return Danger(Row.MEANS, "suicide")
    if suicidal:
        return Danger(Row.SUICIDE, "suicide", "suicide")
    if taken:
        if "many_pills" in found:
            return Danger(Row.EXTRA_DOSE, "extra_dose", "crisis" if "child" in found else "suicide")
        # A child's or a pet's pills: what the models hear ("how many is dangerous", "so drowsy") is an emergency,
        # not suicide.
        alarm = "suicide" if "suicide_sign" in found else model().alarm
        if alarm and "child" in found:
            alarm = "crisis"
        return Danger(Row.EXTRA_DOSE, "extra_dose", alarm)
    danger = model()
    if "suicide_sign" in found and danger.suicide >= SIGN_PROBABILITY:
        return Danger(Row.SUICIDE, "suicide", "suicide")
    # Alone, the model hears suicide in a story of an overdose that is over: there its 988 sentence
    # comes before the answer (row 6) rather than in its place.
    if not {"past", "overdose"} <= found and danger.suicide >= SUICIDE_PROBABILITY:
        return Danger(Row.SUICIDE, "suicide", "suicide")
    if "overdose" in found or ("past" in found and danger.alarm == "crisis"):  # an emergency that is over
        # An overdose that happened, read as over or asked about: the emergency sentence first, in
        # case it is not over; the answer after it.
        told = "overdose_now" in found and danger.alarm != "suicide"
        return Danger(Row.PAST_OR_RISK, alarm="crisis" if told else danger.alarm, taking="taking" in found,
                      hold_back=danger.holds_back)
    sign = "suicide_sign" in found
    return Danger(Row.NONE, alarm="suicide" if sign else danger.alarm, taking="taking" in found,
                  hold_back=sign or danger.holds_back)
