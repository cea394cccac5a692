"""GET /try: a page that looks like a phone, to text and call the line from a browser.

The page's requests go through ivr.tools.phone, which drives the real webhooks in-process
(signed when a token is set), so it shows exactly what a phone would get. Open under
`make run`; in production only with TRY_PAGE_PASSWORD (HTTP basic auth), else 404.
"""
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, url_for

from ivr.web.handoff import shown
from ivr.line import line_of
from ivr.tools.phone import Phone
from ivr.web.team_password import unless_password_given

bp = Blueprint("try_page", __name__, url_prefix="/try")
VOICE_URLS = ("/voice", "/voice/key", "/voice/silence", "/voice/handoff")  # the urls a call step may post to


@bp.before_request
def only_for_the_team():
    password = current_app.config["TRY_PAGE_PASSWORD"]
    if not password:
        if current_app.config["PRODUCTION"]:
            abort(404)
        return None
    return unless_password_given(password, "try the line")


@bp.get("/")
def with_slash():
    return redirect(url_for("try_page.page"))


@bp.get("")
def page():
    pack = line_of(current_app).pack
    return render_template("try.html", pack=pack)


def _json() -> dict:
    data = request.get_json(silent=True) if request.is_json else None
    if not isinstance(data, dict):
        abort(415)  # JSON only: a form posted from another site cannot reach here
    return data


def _phone(data: dict) -> Phone:
    """A test number from the 555-01xx range, one per browser tab (a number the page picks),
    so tabs have their own rate limits."""
    tab = data.get("tab", 0)
    if not isinstance(tab, int) or isinstance(tab, bool) or not 0 <= tab < 100:
        abort(400, "tab must be a whole number from 0 to 99")
    return Phone(current_app, number=f"+155555501{tab:02d}")


@bp.post("/sms")
def sms():
    data = _json()
    pack = line_of(current_app).pack
    language = data.get("lang")
    if language is not None and (not isinstance(language, str) or language not in pack.languages):
        abort(400, f"lang must be one of {', '.join(pack.languages)}")
    reply = _phone(data).text(str(data.get("body", ""))[:2000], language=language)
    return jsonify(reply=reply.text, chars=len(reply.text or ""), encoding=reply.encoding,
                   segments=reply.segments, lang=reply.language)


@bp.post("/voice")
def voice():
    data = _json()
    phone = _phone(data)
    url = data.get("url") or "/voice"
    try:
        parts = urlsplit(url) if isinstance(url, str) else None
    except ValueError:  # "//[x": not a URL
        parts = None
    if parts is None or parts.path not in VOICE_URLS or parts.netloc:
        abort(400, f"url must be one of the line's voice steps: {', '.join(VOICE_URLS)}")
    if "dial_status" in data:  # how the call the line put through went, as Twilio would report it
        step = phone.call_ended(url, str(data["dial_status"])[:20])
    elif "digits" in data:
        step = phone.step(url, {"Digits": str(data["digits"])[:5]})
    elif "speech" in data:
        step = phone.step(url, {"SpeechResult": str(data["speech"])[:500], "Confidence": "0.9"})
    else:
        step = phone.step(url, {})
    return jsonify(said=[{"lang": lang, "text": text} for lang, text in step.spoken], action=step.action,
                   redirect=step.redirect, ended=step.ended, speech_language=step.speech_language,
                   put_through_to=shown(step.put_through_to) if step.put_through_to else None,
                   after_call=step.after_call)
