"""A way to a person: a caller who asks for one is put through (<Dial>) to a helpline.

The number is the content pack's (SAMHSA's National Helpline) unless HANDOFF_NUMBER
says another, or "off". Twilio posts how the helpline call ended (DialCallStatus) to
the Dial's action; each ending has its sentence: after an answered call, goodbye and the
emergency message; otherwise the helpline's number, the key to try again, the emergency
sentence and the short menu.
"""
import logging

from ivr.core.content import Pack

# What the caller is told for each DialCallStatus Twilio posts; any other value, a status
# added later or a forged one, is taken as "not answered".
ENDINGS = {"completed": "ended", "answered": "ended", "busy": "busy", "no-answer": "no_answer",
           "canceled": "no_answer", "failed": "failed"}
NOT_ANSWERED = "no_answer"
RING_SECONDS = 30  # how long the helpline's phone rings before "no-answer"


def handoff_number(config, pack: Pack, log: logging.Logger) -> str | None:
    """Where a caller who asks for a person is put through (None: nowhere), said in the log."""
    setting = config["HANDOFF_NUMBER"]
    number = None if setting.lower() == "off" else (setting or pack.handoff_number or None)
    if number is None:
        log.info("Callers are not put through to a person (HANDOFF_NUMBER=off); texts still give the helpline.")
    elif not setting or setting == pack.handoff_number:
        log.info("Callers who ask for a person are put through to the content pack's handoff_number.")
    else:  # the number itself stays out of the log: it may be a clinic's own line
        log.warning("Callers who ask for a person are put through to HANDOFF_NUMBER, not the pack's "
                    "handoff_number: the pack's handoff sentences name SAMHSA's National Helpline; edit "
                    "them to name the line you put callers through to.")
    return number


def shown(number: str) -> str:
    """+18006624357 -> +1 800 662 4357 (North American numbers grouped; others as they are)."""
    if number.startswith("+1") and len(number) == 12:
        return f"+1 {number[2:5]} {number[5:8]} {number[8:]}"
    return number
