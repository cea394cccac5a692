"""POST /voice and its steps: a key-press and speech menu that always leads to the emergency message.

Keys mean the same on every menu: 1-7 a topic or, for the pack's person key (7), a
person (ivr/web/handoff.py), 8 the other language, 9 the emergency message, 0 the main menu,
* repeat what was just said, # goodbye. A caller may also say a question; it goes
through the same understanding as a text. The call's state
rides in the query string of each Gather action ("lang"; "at": what was just said;
"misses": silences, wrong keys and speech not understood, in a row), so any worker can
serve any step. Three misses in a row end the call. Every way a call ends says the
emergency message last, and so does every way a call to the helpline ends.
"""
import re
from functools import lru_cache

from flask import Blueprint, Flask, Request, g, url_for
from twilio.twiml.voice_response import VoiceResponse

from ivr.config import E164
from ivr.core.content import LANGUAGE_KEY, MORE_KEY, VOICE_STEPS, Language, Pack
from ivr.core.kinds import ALARMS, KINDS
from ivr.web.handoff import ENDINGS, NOT_ANSWERED, RING_SECONDS
from ivr.web.decision import began, decision
from ivr.line import line_of
from ivr.web.twiml import twiml
from ivr.web.webhook import twilio_webhook

bp = Blueprint("voice", __name__, url_prefix="/voice")

KEY_MENU, KEY_EMERGENCY, KEY_REPEAT, KEY_GOODBYE = "0", "9", "*", "#"
MAX_MISSES = 3
MIN_SPEECH_CONFIDENCE = 0.2  # below this, "Sorry, I did not get that" rather than a guess
# What was just said; other "at" values are topic ids and not-covered subject ids.
# (named once, in content.VOICE_STEPS, which the pack's topics and subjects may not take): the
# main menu; its second page (more than 6 topics); the page offering each language (three or
# more); the danger messages; after a helpline call that was busy, not answered or failed.
AT_MENU, AT_MORE, AT_LANGUAGES, AT_EMERGENCY, AT_SUICIDE, AT_CRISIS_SUICIDE, AT_EXTRA_DOSE, AT_HELPLINE = VOICE_STEPS
MENUS = (AT_MENU, AT_MORE, AT_LANGUAGES)


class CallState:
    """A call as one request finds it: the caller's language, where they are, and misses so far.

    Read from the query string, which anyone can forge: every value is checked.
    """

    def __init__(self, app: Flask, req: Request):
        self.app, self.req = app, req
        self.pack: Pack = line_of(app).pack
        self.understander = line_of(app).understander
        self.handoff: str | None = line_of(app).handoff  # the number to put a caller through to
        args = req.args
        code = args.get("lang", "")
        self.language: Language = self.pack.languages.get(code) or self.pack.languages[self.pack.default_language]
        at = args.get("at", AT_MENU)
        known = ((AT_EMERGENCY, AT_SUICIDE, AT_CRISIS_SUICIDE, AT_EXTRA_DOSE) + ((AT_HELPLINE,) if self.handoff else ())
                 + ((AT_MORE,) if self.language.more_keys else ())
                 + ((AT_LANGUAGES,) if len(self.pack.languages) > 2 else ()))
        self.at = at if at in self.language.by_id or at in self.language.not_covered or at in known else AT_MENU
        # The emergency (or 988) sentence said before that answer, said again when it is repeated.
        self.alarm = args.get("alarm") if args.get("alarm") in ALARMS and self.at not in MENUS else None
        try:
            self.misses = min(max(int(args.get("misses", "0")), 0), MAX_MISSES - 1)
        except ValueError:
            self.misses = 0
        # Whether the call has had help already ("helped" in the URLs from then on): counted once a call.
        g.call_helped = args.get("helped") == "1"

    def decided(self, log_text: str, kind: str, outcome: str, topic: str | None = None,
                language: str | None = None, alarm: str | None = None) -> None:
        """What this step came to: a line in the log, and one more in the usage counts."""
        helps = decision(self.app, self.req, log_text, "voice", language or self.language.code, kind, outcome, topic,
                         alarm=alarm, helped_before=g.call_helped)
        g.call_helped = g.call_helped or helps

    def menu(self, language: Language, misses: int = 0, greeting: bool = False, before: tuple = (),
             page: str = AT_MENU):
        """The main menu (or its second page) in `language`, offering a person when calls can be put through."""
        return twiml(_menu(pack=self.pack, language=language, handoff=self.handoff is not None, misses=misses,
                           greeting=greeting, before=before, page=page))


@bp.post("")
@twilio_webhook
def start(app: Flask, req: Request):
    step = CallState(app, req)
    began(app, req, "voice", step.language.code)
    step.decided("voice step=start", "menu", "answered")
    return step.menu(step.language, greeting=True)


@bp.post("/key")
@twilio_webhook
def key(app: Flask, req: Request):
    step = CallState(app, req)
    digits = req.form.get("Digits", "")
    speech = req.form.get("SpeechResult", "").strip()
    if speech and not digits:
        return _heard(step, speech)
    language = step.language
    if step.at == AT_LANGUAGES and digits in step.pack.by_number:
        return _choose_language(step, step.pack.by_number[digits])
    topics = language.more_keys if step.at == AT_MORE else language.voice_keys
    if digits in topics:
        topic = topics[digits]
        step.decided(f"voice step=topic topic={topic.id}", "topic", "answered", topic.id)
        return twiml(_answer(language=language, at=topic.id))
    if digits == MORE_KEY and language.more_keys:
        step.decided("voice step=more", "menu", "answered")
        return step.menu(language, page=AT_MORE)
    if digits == step.pack.person_key and step.handoff:
        return _put_through(step)
    response = FIXED_KEYS[digits](step) if digits in FIXED_KEYS else None
    if response is not None:
        return response
    return _again(step, "voice step=wrong_key", "wrong_key", (language.voice.not_an_option,))


def _emergency(step: CallState):
    step.decided("voice step=emergency", "crisis", "crisis")
    return twiml(_answer(language=step.language, at=AT_EMERGENCY))


def _other_language(step: CallState):
    """The other language's menu; with three or more, the page that offers each; None (a wrong
    key) when the pack has one language."""
    if len(step.pack.languages) < 2:
        return None
    if len(step.pack.languages) > 2:
        step.decided("voice step=languages", "menu", "answered")
        return step.menu(step.language, page=AT_LANGUAGES)
    return _choose_language(step, _next_language(step.pack, step.language))


def _choose_language(step: CallState, language: Language):
    step.decided(f"voice step=language lang={language.code}", "menu", "answered", language=language.code)
    return step.menu(language, greeting=True)


def _main_menu(step: CallState):
    step.decided("voice step=menu", "menu", "answered")
    return step.menu(step.language)


def _repeat(step: CallState):
    step.decided(f"voice step=repeat at={step.at}", "repeat", "answered")
    if step.at in MENUS:
        return step.menu(step.language, page=step.at)
    return twiml(_answer(language=step.language, at=step.at, alarm=step.alarm))


def _goodbye(step: CallState):
    step.decided("voice step=goodbye", "goodbye", "answered")
    return twiml(_end(language=step.language, before=()))


# The keys that mean the same on every menu; the topics' keys and the person key come from the pack.
FIXED_KEYS = {KEY_EMERGENCY: _emergency, LANGUAGE_KEY: _other_language, KEY_MENU: _main_menu, KEY_REPEAT: _repeat,
              KEY_GOODBYE: _goodbye}


@bp.post("/handoff")
@twilio_webhook
def handoff_ended(app: Flask, req: Request):
    """Twilio's report of the helpline call (the Dial's action): what happened; after a call
    that was answered, goodbye and the emergency message; else the helpline's number, the
    key to try again, the emergency sentence and the short menu."""
    step = CallState(app, req)
    status = req.form.get("DialCallStatus", "")
    ending = ENDINGS.get(status, NOT_ANSWERED)
    step.decided(f"voice step=handoff_end status={status if status in ENDINGS else 'other'}", "person",
                 f"handoff_{ending}")
    said = getattr(step.language.voice, f"handoff_{ending}")
    if ending == "ended":
        return twiml(_end(language=step.language, before=(said,)))
    return twiml(_answer(language=step.language, at=AT_HELPLINE, before=(said,)))


@bp.post("/silence")
@twilio_webhook
def silence(app: Flask, req: Request):
    return _again(CallState(app, req), "voice step=silence", "silence")


def _heard(step: CallState, speech: str):
    """What the caller said: danger first, whatever the confidence; then a topic or the menu.

    When the words may mean danger and also ask something, the emergency (or 988) sentence
    comes first, then the answer; heard too poorly to answer, the whole emergency (or 988)
    message."""
    pack, language = step.pack, step.language
    intent = step.understander.speech(speech, language.code)
    try:
        confidence = float(step.req.form.get("Confidence", "1"))
    except ValueError:
        confidence = 0.0
    heard = confidence >= MIN_SPEECH_CONFIDENCE  # NaN and low scores are not heard
    if intent.alarm and not heard and intent.kind != "extra_dose":
        intent = intent._replace(kind=intent.alarm, topic=None, alarm=None)
    kind = KINDS[intent.kind]
    if kind.danger:  # its message is a voice step of its own (kind.voice)
        step.decided(f"voice step=speech intent={intent.kind}", intent.kind, kind.outcome, alarm=intent.alarm)
        return twiml(_answer(language=language, at=kind.voice, alarm=intent.alarm))
    said = (f"voice step=speech intent={intent.kind} topic={intent.topic or '-'}"
            + (f" alarm={intent.alarm}" if intent.alarm else ""))
    if not heard or kind.voice == "not_understood":
        return _again(step, said, intent.kind, (language.voice.not_understood,))
    alarm = (_alarm_sentence(language, intent.alarm),) if intent.alarm else ()
    if kind.voice == "statement":  # nothing asked: thanks, then the menu again, counted as a miss (three end the call)
        return _again(step, said, intent.kind, (*alarm, language.voice.statement), kind.outcome, intent.alarm)
    if kind.voice == "person" and step.handoff:
        return _put_through(step, before=alarm, alarm=intent.alarm)  # which says what it came to
    step.decided(said, intent.kind, kind.outcome, intent.topic, alarm=intent.alarm)
    if kind.voice == "answer":  # a topic's, or where to ask about what the line cannot answer
        return twiml(_answer(language=language, at=intent.topic, alarm=intent.alarm))
    if kind.voice == "menu":
        return step.menu(pack.languages[intent.language], greeting=intent.language != language.code)
    return step.menu(language, before=(*alarm, language.voice.person))  # a person, and no hand-off: the number


def _alarm_sentence(language: Language, alarm: str) -> str:
    """What is said first when a caller's words may mean an emergency, or self-harm."""
    return language.voice.suicide_short if alarm == "suicide" else language.voice.emergency_short


def _put_through(step: CallState, before: tuple = (), alarm: str | None = None):
    """A caller who asked for a person: one sentence, then the helpline call, shown with
    the line's own number (the To of the call), never the caller's."""
    line_number = step.req.form.get("To", "")
    if not E164.fullmatch(line_number):  # not a phone number (a SIP or client call): say the helpline's number
        step.decided("voice step=person", "person", "answered", alarm=alarm)
        return step.menu(step.language, before=(*before, step.language.voice.person))
    step.decided("voice step=handoff", "person", "handoff", alarm=alarm)
    return twiml(_handoff(language=step.language, number=step.handoff, line_number=line_number, before=before))


def _helped() -> dict:
    """The URL parameter that says the call has had help already, when it has."""
    return {"helped": "1"} if g.get("call_helped") else {}


def _next_language(pack: Pack, language: Language) -> Language:
    codes = list(pack.languages)
    return pack.languages[codes[(codes.index(language.code) + 1) % len(codes)]]


@lru_cache(maxsize=16)
def _aliased(language: Language) -> re.Pattern | None:
    """The words of the language's spoken_as, as whole words, the longest first (built once per language)."""
    written = "|".join(map(re.escape, sorted(language.spoken_as, key=len, reverse=True)))
    return re.compile(rf"(?<![\w.])({written})(?![\w])") if written else None


def _say(verb, language: Language, text: str) -> None:
    """<Say> the text, each word of the language's spoken_as said by its alias (<sub>)."""
    say = verb.say(voice=language.voice.voice, language=language.voice.language)
    aliased = _aliased(language)
    for part in aliased.split(text) if aliased else [text]:
        if part in language.spoken_as:
            say.sub(part, alias=language.spoken_as[part])
        elif part:
            say.append(part)


def _gather(document: VoiceResponse, language: Language, at: str, misses: int, alarm: str | None = None):
    """One key (# included: finishOnKey off) or a spoken question; nothing falls through to the silence step."""
    state = {"lang": language.code, "at": at, "misses": misses, **({"alarm": alarm} if alarm else {}),
             **_helped()}
    gather = document.gather(
        input="dtmf speech", num_digits=1, finish_on_key="", timeout=5, speech_timeout="auto",
        language=language.voice.language, hints=language.voice.hints,
        action=url_for("voice.key", **state), method="POST",
    )
    document.redirect(url_for("voice.silence", **state), method="POST")
    return gather


def _menu(pack: Pack, language: Language, handoff: bool, misses: int, greeting: bool, before: tuple,
          page: str = AT_MENU) -> VoiceResponse:
    """The main menu (or its second page, or the page of languages), all inside the Gather so a
    caller can press a key at any time.

    The other languages' offers ("Para español, oprima 8") are said in their own voice.
    """
    document = VoiceResponse()
    gather = _gather(document, language, page, misses)
    texts = language.voice
    for text in [*before, *([texts.greeting] if greeting else []), texts.emergency_short]:
        _say(gather, language, text)
    if page == AT_LANGUAGES:  # each language on its number, in its own voice
        for each in pack.languages.values():
            _say(gather, each, each.voice.choice_offer)
        return document
    for other in pack.languages.values():
        if other is not language:
            _say(gather, other, other.voice.offer)
    if page == AT_MORE:
        _say(gather, language, texts.more_menu_with_handoff if handoff else texts.more_menu)
    else:
        _say(gather, language, texts.menu_with_handoff if handoff else texts.menu)
    return document


def _answer(language: Language, at: str, alarm: str | None = None, before: tuple = ()) -> VoiceResponse:
    """What `at` names (an answer, where to ask about a subject the line does not cover,
    the helpline's number, Poison Control's, or the emergency or 988 message), then the short
    after-answer menu; the emergency (or 988) sentence first when the words may mean danger."""
    document = VoiceResponse()
    texts = language.voice
    for text in [*before, *([_alarm_sentence(language, alarm)] if alarm else [])]:
        _say(document, language, text)
    if at == AT_EMERGENCY:
        _say(document, language, texts.emergency)
    elif at == AT_SUICIDE:
        _say(document, language, texts.suicide)
    elif at == AT_CRISIS_SUICIDE:
        _say(document, language, texts.crisis_suicide)
    else:  # an answer, then the emergency sentence
        _say(document, language, _words_at(language, at))
        _say(document, language, texts.emergency_short)
    _say(_gather(document, language, at, 0, alarm), language, texts.after_answer)
    return document


def _words_at(language: Language, at: str) -> str:
    """What an answer's "at" stands for: a topic, a subject the line does not cover, Poison Control or the helpline."""
    if at == AT_EXTRA_DOSE:
        return language.voice.extra_dose
    if at == AT_HELPLINE:
        return language.voice.handoff_again
    topic = language.by_id.get(at)
    return topic.voice if topic else language.not_covered[at].voice


def _handoff(language: Language, number: str, line_number: str, before: tuple = ()) -> VoiceResponse:
    """Who the call goes to, free and private, hang up for an emergency; then <Dial>.
    Not recorded; Twilio posts how it ended (DialCallStatus) to the action."""
    document = VoiceResponse()
    for text in [*before, language.voice.handoff]:
        _say(document, language, text)
    document.dial(number, action=url_for("voice.handoff_ended", lang=language.code,
                                          **_helped()), method="POST",
                  timeout=RING_SECONDS, caller_id=line_number, record="do-not-record")
    return document


def _again(step: CallState, said: str, kind: str, before: tuple = (), outcome: str = "not_understood",
           alarm: str | None = None):
    """After a miss (silence, a wrong key, speech not understood or that asks nothing), said and
    counted: the same menu again, or the end after the third in a row."""
    misses = step.misses + 1
    ending = misses >= MAX_MISSES
    step.decided(f"{said} misses={misses}" + (" end=misses" if ending else ""), kind, outcome, alarm=alarm)
    if ending:
        return twiml(_end(language=step.language, before=(*before, step.language.voice.no_choice)))
    if step.at in MENUS:
        return step.menu(step.language, misses, before=before, page=step.at)
    return twiml(_after_answer_again(language=step.language, at=step.at, misses=misses, before=before,
                                     alarm=step.alarm))


def _after_answer_again(language: Language, at: str, misses: int, before: tuple, alarm: str | None) -> VoiceResponse:
    """The short after-answer menu again, with the emergency sentence before it."""
    document = VoiceResponse()
    _say(document, language, language.voice.emergency_short)
    gather = _gather(document, language, at, misses, alarm)
    for text in [*before, language.voice.after_answer]:
        _say(gather, language, text)
    return document


def _end(language: Language, before: tuple) -> VoiceResponse:
    """Goodbye, then the emergency message as the last words, then hang up."""
    document = VoiceResponse()
    for text in [*before, language.voice.goodbye, language.voice.emergency]:
        _say(document, language, text)
    document.hangup()
    return document
