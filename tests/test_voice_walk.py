"""Walk every reachable voice state: every key, a few spoken phrases and silence from every
Gather, and every way a call put through to the helpline can end (DialCallStatus).

Asserts that no step errors, every menu says the emergency sentence before its
options, every call that ends says the emergency message last, every hand-off says
the emergency number before it dials, every step speaks one language (the other
language's one-sentence offer aside), and no state is a trap: from every state the
call can end, and silence alone ends it within three steps (four through a hand-off
nobody answers).
"""
from collections import deque
from urllib.parse import parse_qs, urlsplit

from ivr.line import line_of

KEYS = "0123456789*#"
SPEECH = ["how much do I take", "my friend is not breathing", "quiero morir", "mumble mumble", "español", "english",
          "I want to talk to someone", "quiero hablar con una persona", "can I drink beer on it",
          "puedo tomar cerveza con la naltrexona"]
SILENCE = None
# What Twilio posts to a Dial's action, plus a value it never sends.
DIAL_STATUSES = ["completed", "answered", "busy", "no-answer", "failed", "canceled", "ringing-forever"]


def walk(phone):
    """Breadth-first over requests (url, key or speech); returns the steps and the edges between them."""
    steps, edges = {}, {}
    queue = deque([("/voice", SILENCE)])
    while queue:
        request = queue.popleft()
        if request in steps:
            continue
        url, said = request
        if said is SILENCE:
            step = phone.step(url)
        elif said in DIAL_STATUSES:
            step = phone.step(url, DialCallStatus=said, DialCallDuration="0")
        elif said in KEYS:
            step = phone.step(url, Digits=said)
        else:
            step = phone.step(url, SpeechResult=said, Confidence="0.9")
        steps[request] = step
        following = []
        if step.gather is not None:
            following += [(step.action, k) for k in KEYS] + [(step.action, s) for s in SPEECH]
        if step.redirect is not None:
            following.append((step.redirect, SILENCE))
        if step.dial is not None:
            following += [(step.after_call, status) for status in DIAL_STATUSES]
        edges[request] = following
        queue.extend(following)
    return steps, edges


def check_walk(phone, app, show) -> set[str]:
    """Walk every state of the line `phone` calls and check what holds for any pack; the states ("at") met."""
    pack = line_of(app).pack
    voices = {code: (l.voice.voice, l.voice.language) for code, l in pack.languages.items()}
    offers = {l.voice.offer for l in pack.languages.values()}
    steps, edges = walk(phone)
    gathers = {step.action for step in steps.values() if step.gather is not None}
    endings = [request for request, step in steps.items() if step.hangs_up]
    by_language = {code: 0 for code in pack.languages}
    dials = 0

    for request, step in steps.items():
        # One language per step: every Say but the other language's offer is in the same voice.
        spoken_in = {(say.get("voice"), say.get("language")) for say in step.document.iter("Say") if say.text not in offers}
        assert len(spoken_in) == 1, request
        [code] = [code for code, voice in voices.items() if voice in spoken_in]
        by_language[code] += 1
        texts = pack.languages[code].voice
        emergency = {texts.emergency_short, texts.emergency, texts.suicide}
        if step.dial is not None:
            # The hand-off: one sentence naming the emergency number, then the helpline, shown the
            # line's number (never the caller's), not recorded; no other verb.
            assert [verb.tag for verb in step.verbs] == ["Say", "Dial"] and step.said == [texts.handoff], request
            assert "9 1 1" in texts.handoff
            assert step.dial.text == pack.handoff_number and step.dial.get("callerId") == "+15555550199", request
            assert step.dial.get("record") == "do-not-record" and int(step.dial.get("timeout")) > 0
            assert parse_qs(urlsplit(step.after_call).query)["lang"] == [code], request
            dials += 1
        elif step.gather is not None:
            assert parse_qs(urlsplit(step.action).query)["lang"] == [code], request
            # No dead end: a document waits for the caller, and silence leads on (a Redirect, last).
            assert not step.hangs_up and step.verbs[-1].tag == "Redirect", request
            said_at = [i for i, text in enumerate(step.said) if text in emergency]
            assert said_at and said_at[0] < len(step.said) - 1, f"no emergency sentence before the options: {request}"
        else:
            assert step.hangs_up and step.verbs[-1].tag == "Hangup", request
            assert step.said[-1] == texts.emergency, f"call ends without the emergency message last: {request}"

    # Nothing loops forever: every state can reach an ending...
    can_end = set(endings)
    changed = True
    while changed:
        changed = False
        for request, following in edges.items():
            if request not in can_end and any(f in can_end for f in following):
                can_end.add(request)
                changed = True
    assert can_end == set(steps), sorted(set(steps) - can_end)
    # ...and a caller who says nothing is never kept on the line: silence ends any call within 3 steps.
    for request in steps:
        step, waited, limit = steps[request], 0, 3
        while not step.hangs_up:
            if step.dial is not None:  # nobody answers the helpline: its number and the short menu
                step, waited, limit = steps[(step.after_call, "no-answer")], waited + 1, 4
            else:
                step, waited = steps[(step.redirect, SILENCE)], waited + 1
        assert waited <= limit, request

    assert by_language["es"] > 0 and by_language["en"] > 0
    # Put through from every menu state (key 7, and two spoken requests for a person), in 0, 1
    # or 2 misses, in each language; every status followed from each language's hand-off.
    after_calls = [request for request in steps if request[1] in DIAL_STATUSES]
    assert dials == len(gathers) * 3 and len(after_calls) == 2 * len(DIAL_STATUSES)
    show(f"voice walk: {len(steps)} requests ({by_language['en']} English, {by_language['es']} Spanish), "
         f"{len(gathers)} menu states, {len(endings)} ways to end, {dials} hand-offs followed with "
         f"{len(after_calls)} dial outcomes ({', '.join(DIAL_STATUSES)})")
    return {parse_qs(urlsplit(url).query)["at"][0] for url in gathers}


def test_walk_every_voice_state(phone, app, show):
    states = check_walk(phone, app, show)
    # (main menu, 6 answers, emergency, suicide, a subject the line does not cover, the helpline
    # after a call nobody answered) in each language
    assert states == {"menu", "dose", "too_soon", "overdose_risk", "working", "how_long", "prescribe", "emergency",
                      "suicide", "alcohol", "helpline"}
