"""What a message can come to (an intent's kind), and what each kind leads to: one table.

A new kind is one row here, and its texts in the content pack; the SMS reply, the voice
step, the usage counts, the danger rules and the pack's checks all read this table.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    # The reply by SMS: a field of content.SmsTexts; None: the topic's or subject's own answer; "": no reply at all.
    sms_reply: str | None
    # What a caller hears: "answer" (the topic's or subject's), "menu", "person", "not_understood", "statement"
    # (thanks, then the menu), or the message of a danger ("emergency", "suicide", "crisis_suicide", "extra_dose":
    # a voice step of its own).
    voice: str
    outcome: str  # what the usage counts call it when it is answered (ivr/stores/insight.py)
    danger: bool = False  # the person may be in danger: always answered, never limited, no topic may be called so
    follows_alarm: bool = False  # may be the answer after the emergency (or 988) sentence
    helps: bool = False  # an answer from the sheet, a referral, an emergency or 988 reply, or the helpline: counted
    # The danger its own reply starts with (one of ALARMS): "crisis", the emergency number; "suicide", 988 too.
    alarm: str | None = None


KINDS = {
    "topic": Kind(None, "answer", "answered", follows_alarm=True, helps=True),
    "not_covered": Kind(None, "answer", "not_covered", helps=True),
    "person": Kind("person_reply", "person", "answered", follows_alarm=True, helps=True),
    "menu": Kind("menu_reply", "menu", "answered"),
    # A message that asks nothing ("got my first shot today", "ok thanks"): thanks, and MENU.
    "statement": Kind("statement_reply", "statement", "statement", follows_alarm=True),
    "not_understood": Kind("not_understood_reply", "not_understood", "not_understood"),
    "help": Kind("help_reply", "not_understood", "answered"),
    "about": Kind("about_reply", "not_understood", "answered"),
    "opt_out": Kind("", "not_understood", "opted_out"),
    "opt_in": Kind("menu_reply", "not_understood", "answered"),
    "crisis": Kind("crisis_reply", "emergency", "crisis", danger=True, helps=True, alarm="crisis"),
    "suicide": Kind("suicide_reply", "suicide", "suicide", danger=True, helps=True, alarm="suicide"),
    # An emergency now with signs of suicide: the emergency reply and 988 in one (counted as 988 named).
    "crisis_suicide": Kind("crisis_suicide_reply", "crisis_suicide", "suicide", danger=True, helps=True,
                           alarm="suicide"),
    "extra_dose": Kind("extra_dose_reply", "extra_dose", "extra_dose", danger=True, follows_alarm=True, helps=True),
}
# The kinds of a person who may be in danger.
CRISIS_KINDS = frozenset(name for name, kind in KINDS.items() if kind.danger)
# The danger a sentence before an answer names: the emergency number, or 988 as well.
ALARMS = ("crisis", "suicide")
