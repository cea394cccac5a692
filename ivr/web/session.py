"""An SMS conversation's only state, its language and whether it has begun and had help,
rides in plain cookies.

Twilio keeps cookies per conversation (for up to 4 hours) and sends them back with the
next text. The cookies are not signed: only Twilio-signed requests reach the webhook,
the language is checked against the pack's, and the conversation's state only decides
what is counted, so a signature would protect nothing; Flask's signed session is off.
"""
from flask import Flask, Request, Response
from flask.sessions import SessionInterface

LANGUAGE_COOKIE = "lang"
# Marks a conversation under way ("1") or one that has had help ("helped"): counted once each,
# with nothing about who. Twilio keeps it as long as the conversation (4 hours).
CONVERSATION_COOKIE = "conversation"
CONVERSATION_SECONDS = 4 * 3600


def conversation_language(req: Request, languages, default: str) -> str:
    """The language the conversation is in: the cookie's, if the pack has it."""
    stored = req.cookies.get(LANGUAGE_COOKIE)
    return stored if stored in languages else default


def remember_language(response: Response, code: str) -> None:
    response.set_cookie(LANGUAGE_COOKIE, code, httponly=True, samesite="Lax")


def conversation_state(req: Request) -> str | None:
    """None for a new conversation, else "1", or "helped" once it has had help."""
    return req.cookies.get(CONVERSATION_COOKIE)


def remember_conversation(response: Response, helped: bool) -> None:
    response.set_cookie(CONVERSATION_COOKIE, "helped" if helped else "1", max_age=CONVERSATION_SECONDS,
                        httponly=True, samesite="Lax")


class NoSessions(SessionInterface):
    """The line keeps no Flask session: Flask opens one per request unless told so."""

    def open_session(self, app: Flask, request):
        return self.make_null_session(app)
