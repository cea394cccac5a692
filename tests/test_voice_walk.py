"""Walk every reachable voice state: every key and silence from every Gather.

Asserts that no step errors, every menu says the emergency sentence before its
options, every call that ends says the emergency message last, and no state is a
trap: from every state the call can end, and silence alone ends it within three steps.
"""
from collections import deque

from conftest import EMERGENCY_VOICE, EMERGENCY_VOICE_SHORT

KEYS = "0123456789*#"
SILENCE = None


def walk(phone):
    """Breadth-first over (url, key) requests; returns the steps and the edges between them."""
    steps, edges = {}, {}
    queue = deque([("/voice", SILENCE)])
    while queue:
        request = queue.popleft()
        if request in steps:
            continue
        url, key = request
        step = phone.post(url) if key is SILENCE else phone.post(url, Digits=key)
        steps[request] = step
        following = []
        if step.gather is not None:
            following += [(step.action, k) for k in KEYS]
        if step.redirect is not None:
            following.append((step.redirect, SILENCE))
        edges[request] = following
        queue.extend(following)
    return steps, edges


def test_walk_every_voice_state(phone, capsys):
    steps, edges = walk(phone)
    gathers = {step.action for step in steps.values() if step.gather is not None}
    endings = [request for request, step in steps.items() if step.hangs_up]

    for request, step in steps.items():
        # No dead end: a document either waits for the caller or hangs up, nothing else.
        assert step.hangs_up != (step.gather is not None), request
        if step.gather is not None:
            # Silence is never a dead end: the Gather is followed by a Redirect, last.
            assert step.verbs[-1].tag == "Redirect", request
            emergency_at = max(i for i, text in enumerate(step.said) if text in (EMERGENCY_VOICE_SHORT, EMERGENCY_VOICE))
            assert emergency_at < len(step.said) - 1, f"emergency sentence not before the options: {request}"
        else:
            assert step.said[-1] == EMERGENCY_VOICE, f"call ends without the emergency message last: {request}"
            assert step.verbs[-1].tag == "Hangup"

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
        step, waited = steps[request], 0
        while not step.hangs_up:
            step, waited = steps[(step.redirect, SILENCE)], waited + 1
        assert waited <= 3, request

    assert len(gathers) == 24  # (main menu, 6 answers, emergency) x (0, 1 or 2 misses)
    assert len(endings) >= 3
    with capsys.disabled():
        print(f"\nvoice walk: {len(steps)} requests, {len(gathers)} menu states, {len(endings)} ways to end")
