"""GET /try: a page that looks like a phone, to text and call the line from a browser.

The page's requests go through ivr.phone, which drives the real webhooks in-process
(signed when a token is set), so it shows exactly what a phone would get. Open under
`make run`; in production only with TRY_PAGE_PASSWORD (HTTP basic auth), else 404.
"""
from flask import Blueprint, abort, current_app, jsonify, render_template, request

from ivr.handoff import shown
from ivr.line import line_of
from ivr.phone import Phone
from ivr.team_password import unless_password_given

bp = Blueprint("try_page", __name__, url_prefix="/try")


@bp.before_request
def only_for_the_team():
    password = current_app.config["TRY_PAGE_PASSWORD"]
    if not password:
        if current_app.config["PRODUCTION"]:
            abort(404)
        return None
    return unless_password_given(password, "try the line")


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
    """A test number from the 555-01xx range, one per browser tab, so tabs have their own rate limits."""
    tab = str(data.get("tab", "0"))
    return Phone(current_app, number=f"+155555501{int(tab) % 100 if tab.isdigit() else 0:02d}")


@bp.post("/sms")
def sms():
    data = _json()
    pack = line_of(current_app).pack
    language = data.get("lang") if data.get("lang") in pack.languages else None
    reply = _phone(data).text(str(data.get("body", ""))[:2000], language=language)
    return jsonify(reply=reply.text, chars=len(reply.text or ""), encoding=reply.encoding,
                   segments=reply.segments, lang=reply.language)


@bp.post("/voice")
def voice():
    data = _json()
    phone = _phone(data)
    url = str(data.get("url") or "/voice")
    if not url.startswith("/voice"):
        abort(400)
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
