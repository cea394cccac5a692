"""POST /sms: one text in, at most one reply out, always ending with the emergency line."""
import logging

from flask import Blueprint, Flask, Request
from twilio.twiml.messaging_response import MessagingResponse

from ivr.core.content import Language
from ivr.web.decision import began, decision, keep_unanswered
from ivr.core.kinds import KINDS
from ivr.line import line_of
from ivr.web.outcome import record, refused
from ivr.web.session import conversation_language, conversation_state, remember_conversation, remember_language
from ivr.web.twiml import twiml
from ivr.core.understand import Intent
from ivr.web.webhook import twilio_webhook

bp = Blueprint("sms", __name__)
log = logging.getLogger(__name__)

MAX_TEXT = 1600  # characters: the longest SMS Twilio delivers; anything past it is not read
DANGER_RETRIES = 2  # a text that may mean danger is answered this many times at most for one MessageSid


@bp.post("/sms")
@twilio_webhook
def incoming(app: Flask, req: Request):
    line = line_of(app)
    pack = line.pack
    current = conversation_language(req, pack.languages, pack.default_language)
    body = req.form.get("Body", "")[:MAX_TEXT]
    intent = line.understander.sms(body, current)
    message_sid = req.form.get("MessageSid", "")
    # A copy of a text answered already (a replayed request) gets no second SMS, count or limit
    # taken. The claim counts this copy and returns the count in one step, so of copies sent
    # at once only one is answered. Someone who may be in danger gets Twilio's retry answered
    # too: once more, not counted again.
    came = line.limits.claim_message(message_sid) if message_sid else None  # None: not known, so answered
    copy = came or 1  # which copy of the text this is
    if copy > (DANGER_RETRIES if intent.in_danger else 1):
        refused(req.environ, "replay")
        return twiml(MessagingResponse())
    try:
        return answer(app, req, intent, current, body, retry=copy > 1)
    except Exception:
        if came:  # the reply this copy claimed was not built: a later copy of the text is answered
            line.limits.release_message(message_sid)
        raise


def answer(app: Flask, req: Request, intent: Intent, current: str, body: str, retry: bool):
    """The reply to a text, counted (a retry of a danger text was counted already), as TwiML."""
    line = line_of(app)
    reply = reply_for(intent, line.pack.languages[intent.language])
    outcome = KINDS[intent.kind].outcome
    if reply is not None and not intent.in_danger:  # someone in danger always gets the reply
        sender = line.limits.sender_key(req.form.get("From", ""))
        if not line.limits.allow_reply(sender):
            # Said without even the sender's hash, which would link their texts in the log.
            refused(req.environ, "rate limited")
            reply, outcome = None, "rate_limited"
    channel = "whatsapp" if req.form.get("From", "").startswith("whatsapp:") else "sms"
    state = conversation_state(req)
    # Only the kind of request, the topic and the language: never the number or the words sent.
    said = (f"sms intent={intent.kind} topic={intent.topic or '-'} lang={intent.language}"
            + (f" alarm={intent.alarm}" if intent.alarm else ""))
    if retry:  # a retry of a danger text, answered again: counted once already
        record(req.environ, f"{said} retry")
        helps = False
    else:
        if state is None:
            began(app, req, channel, intent.language)
        helps = decision(app, req, said, channel, intent.language, intent.kind, outcome, intent.topic,
                         alarm=intent.alarm if reply is not None else None, helped_before=state == "helped")
    if intent.kind == "not_understood":
        keep_unanswered(app, req, intent.language, body)
    document = MessagingResponse()  # an empty <Response/> when there is no reply
    if reply is not None:
        document.message(reply)
    response = twiml(document)
    if reply is not None and intent.language != current:
        remember_language(response, intent.language)
    remember_conversation(response, helped=helps or state == "helped")
    return response


def reply_for(intent: Intent, language: Language) -> str | None:
    """The reply text for an intent (kinds.KINDS says which); None for an opt-out, which must
    get no reply. An unknown kind is an error (the safety net's emergency reply), never the menu."""
    if intent.alarm:  # the emergency (or 988) sentence, which names the emergency number, then the answer
        return language.sms.after_alarm[intent.alarm, intent.topic or intent.kind]
    if (intent.topic, intent.also) in language.sms.also_asked:  # two questions: the answer, and where to ask the other
        return language.sms.also_asked[intent.topic, intent.also]
    field = KINDS[intent.kind].sms_reply
    if field is None:  # a topic's answer, or where to ask about a subject the fact sheet does not answer
        answers = language.by_id if intent.kind == "topic" else language.not_covered
        return answers[intent.topic].sms_reply
    return getattr(language.sms, field) if field else None

