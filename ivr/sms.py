"""POST /sms: one text in, at most one reply out, always ending with the emergency line."""
import logging

from flask import Blueprint, current_app, request
from twilio.twiml.messaging_response import MessagingResponse

from ivr.content import Language
from ivr.twiml import twiml
from ivr.understand import Intent

bp = Blueprint("sms", __name__)
log = logging.getLogger(__name__)


@bp.post("/sms")
def incoming():
    pack = current_app.extensions["ivr.pack"]
    language = pack.languages[pack.default_language]
    intent = current_app.extensions["ivr.understander"].sms(request.form.get("Body", ""), language.code)
    # Only the kind of request and the topic: never the number or the words sent.
    log.info("sms intent=%s topic=%s", intent.kind, intent.topic or "-")
    document = MessagingResponse()
    reply = reply_for(intent, language)
    if reply is not None:
        document.message(reply)
    return twiml(document)


def reply_for(intent: Intent, language: Language) -> str | None:
    """The reply text for an intent; None for an opt-out, which must get no reply."""
    texts = language.sms
    if intent.kind == "topic":
        return language.by_id[intent.topic].sms_reply
    if intent.kind == "opt_out":
        return None
    return {
        "help": texts.help_reply,
        "about": texts.about_reply,
        "not_understood": texts.not_understood_reply,
    }.get(intent.kind, texts.menu_reply)  # menu, opt_in
