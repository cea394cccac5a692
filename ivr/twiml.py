"""Send TwiML documents built with the twilio library's builders, each built once.

The line's replies come from a finite set (the pack's texts, menus and steps), so each
document is built with the builders the first time it is needed and its XML kept per
app: a request then costs a dictionary look-up instead of an XML serialisation.
"""
from typing import Callable, Hashable

from flask import Flask, Request, Response

from ivr.line import line_of

TWIML_TYPE = "text/xml; charset=utf-8"  # what mimetype="text/xml" gives, without working it out each time
MAX_CACHED = 4096  # far more than the line's distinct documents; a bound all the same


def twiml(document) -> Response:
    """An HTTP 200 response carrying `document` (a MessagingResponse or VoiceResponse)."""
    return Response(str(document), content_type=TWIML_TYPE)


def cached_twiml(app: Flask, req: Request, key: Hashable, build: Callable) -> Response:
    """Like twiml(build()), building the document only the first time `key` is seen.

    The key must name everything the document depends on; the app's URL prefix is added here.
    """
    cache = line_of(app).twiml
    full_key = (req.script_root, key)
    xml = cache.get(full_key)
    if xml is None:
        xml = str(build())
        if len(cache) < MAX_CACHED:
            cache[full_key] = xml
    return Response(xml, content_type=TWIML_TYPE)
