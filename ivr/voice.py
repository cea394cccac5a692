"""POST /voice and its steps: a key-press menu that always leads to the emergency message.

Keys mean the same on every menu: 1-8 a topic, 9 the emergency message, 0 the main
menu, * repeat what was just said, # goodbye. The call's state rides in the query
string of each Gather action ("at": what was just said; "misses": silences and wrong
keys in a row), so any worker can serve any step. Three misses in a row end the call.
Every way a call ends says the emergency message last.
"""
import logging

from flask import Blueprint, current_app, request, url_for
from twilio.twiml.voice_response import VoiceResponse

from ivr.content import Language
from ivr.twiml import twiml

bp = Blueprint("voice", __name__, url_prefix="/voice")
log = logging.getLogger(__name__)

KEY_MENU, KEY_EMERGENCY, KEY_REPEAT, KEY_GOODBYE = "0", "9", "*", "#"
MAX_MISSES = 3
AT_MENU, AT_EMERGENCY = "menu", "emergency"  # other "at" values are topic ids


def _language() -> Language:
    pack = current_app.extensions["ivr.pack"]
    return pack.languages[pack.default_language]


def _state(language: Language) -> tuple[str, int]:
    """Where the caller is and how many misses so far, from the (untrusted) query string."""
    at = request.args.get("at", AT_MENU)
    if at not in language.by_id and at != AT_EMERGENCY:
        at = AT_MENU
    try:
        misses = min(max(int(request.args.get("misses", "0")), 0), MAX_MISSES - 1)
    except ValueError:
        misses = 0
    return at, misses


@bp.post("")
def start():
    log.info("voice step=start")
    return twiml(_menu(_language(), misses=0, greeting=True))


@bp.post("/key")
def key():
    language = _language()
    at, misses = _state(language)
    digits = request.form.get("Digits", "")
    if digits in language.by_key:
        topic = language.by_key[digits]
        log.info("voice step=topic topic=%s", topic.id)
        return twiml(_answer(language, topic.id))
    if digits == KEY_EMERGENCY:
        log.info("voice step=emergency")
        return twiml(_answer(language, AT_EMERGENCY))
    if digits == KEY_MENU:
        log.info("voice step=menu")
        return twiml(_menu(language, misses=0))
    if digits == KEY_REPEAT:
        log.info("voice step=repeat at=%s", at)
        return twiml(_menu(language, misses=0) if at == AT_MENU else _answer(language, at))
    if digits == KEY_GOODBYE:
        log.info("voice step=goodbye")
        return twiml(_end(language))
    log.info("voice step=wrong_key misses=%d", misses + 1)
    return twiml(_again(language, at, misses + 1, before=[language.voice.not_an_option]))


@bp.post("/silence")
def silence():
    language = _language()
    at, misses = _state(language)
    log.info("voice step=silence misses=%d", misses + 1)
    return twiml(_again(language, at, misses + 1))


def _say(verb, language: Language, text: str) -> None:
    verb.say(text, voice=language.voice.voice, language=language.voice.language)


def _gather(document: VoiceResponse, at: str, misses: int):
    """One key, # included (finishOnKey off); no key falls through to the silence step."""
    gather = document.gather(
        num_digits=1, finish_on_key="", timeout=5,
        action=url_for("voice.key", at=at, misses=misses), method="POST",
    )
    document.redirect(url_for("voice.silence", at=at, misses=misses), method="POST")
    return gather


def _menu(language: Language, misses: int, greeting: bool = False, before=()) -> VoiceResponse:
    """The main menu, all inside the Gather so a caller can press a key at any time."""
    document = VoiceResponse()
    gather = _gather(document, AT_MENU, misses)
    texts = language.voice
    for text in [*before, *([texts.greeting] if greeting else []), texts.emergency_short, texts.menu]:
        _say(gather, language, text)
    return document


def _answer(language: Language, at: str) -> VoiceResponse:
    """A topic's answer (or the emergency message), then the short after-answer menu."""
    document = VoiceResponse()
    if at == AT_EMERGENCY:
        _say(document, language, language.voice.emergency)
    else:
        _say(document, language, language.by_id[at].voice)
        _say(document, language, language.voice.emergency_short)
    _say(_gather(document, at, 0), language, language.voice.after_answer)
    return document


def _again(language: Language, at: str, misses: int, before=()) -> VoiceResponse:
    """After a silence or a wrong key: the same menu again, or the end after the third."""
    if misses >= MAX_MISSES:
        log.info("voice step=end reason=misses")
        return _end(language, before=[*before, language.voice.no_choice])
    if at == AT_MENU:
        return _menu(language, misses, before=before)
    document = VoiceResponse()
    _say(document, language, language.voice.emergency_short)
    gather = _gather(document, at, misses)
    for text in [*before, language.voice.after_answer]:
        _say(gather, language, text)
    return document


def _end(language: Language, before=()) -> VoiceResponse:
    """Goodbye, then the emergency message as the last words, then hang up."""
    document = VoiceResponse()
    for text in [*before, language.voice.goodbye, language.voice.emergency]:
        _say(document, language, text)
    document.hangup()
    return document
