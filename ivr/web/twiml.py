"""Send TwiML documents built with the twilio library's builders."""
from flask import Response


def twiml(document) -> Response:
    """An HTTP 200 response carrying `document` (a MessagingResponse or VoiceResponse)."""
    return Response(str(document), mimetype="text/xml")
