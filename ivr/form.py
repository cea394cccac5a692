"""Twilio posts every webhook as a small urlencoded form: read it in one step.

Werkzeug's general form parser (stream wrappers, a parser object, a custom codec error
handler) took a quarter of a voice step's time (see bench/). A urlencoded body of known
length up to FAST_FORM_BYTES is read here, and so is the query string (a call's state);
anything else (JSON for /try, multipart, no length, a longer body) goes to Werkzeug as
before, which also refuses a body over MAX_CONTENT_LENGTH with 413.

A body shaped as Twilio sends it (ASCII, every field name=value, no separator escaped)
is unescaped as a whole and kept as text (TwilioBody): a view finds its few parameters
by searching it (WebhookRequest.param), the signature check sorts its fields, and the
whole form is built only if something asks for `request.form`. Any other body is read
field by field, as the standard library reads it.
"""
from urllib.parse import unquote_plus, unquote_to_bytes

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.utils import cached_property

URLENCODED = "application/x-www-form-urlencoded"
MAX_FIELDS = 200  # Twilio sends about 20; a bound against a body of a million "&"
# Twilio's forms are a few kilobytes (a text of 1,600 emoji is about 20 KB). Must stay below
# MAX_CONTENT_LENGTH (64 KB): only Werkzeug's path checks that limit.
FAST_FORM_BYTES = 16 * 1024


class FormDict(ImmutableMultiDict):
    """Werkzeug's MultiDict.get finds a missing key by raising and catching an exception,
    and a present one through three calls; webhooks ask for keys all the time, often
    missing ones (a call's first step has no "lang")."""

    def get(self, key, default=None, type=None):
        values = dict.get(self, key)  # a name's values, as MultiDict keeps them
        if not values:
            return default
        return values[0] if type is None else super().get(key, default, type)


NO_FILES = FormDict()  # immutable, so one will do for every request


class WebhookRequest(Request):
    parameter_storage_class = FormDict  # also what Werkzeug's own parser returns, for other bodies
    form_pairs: list[tuple[str, str]] | None = None  # the form in order, when read field by field
    _body: bytes | None = None
    _twilio_body: "TwilioBody | None" = None
    _body_read = False

    def twilio_body(self) -> "TwilioBody | None":
        """The body, when it is a short urlencoded form shaped as Twilio sends it; else None."""
        if not self._body_read:
            self._body_read = True
            environ = self.environ
            length = environ.get("CONTENT_LENGTH")
            content_type = environ.get("CONTENT_TYPE", "")
            if (length and length.isdecimal() and int(length) <= FAST_FORM_BYTES
                    and "HTTP_TRANSFER_ENCODING" not in environ  # a chunked body: its length is not known
                    and content_type.partition(";")[0].strip().lower() == URLENCODED):
                self._body = environ["wsgi.input"].read(int(length))
                self._twilio_body = TwilioBody.read(self._body)
        return self._twilio_body

    def param(self, name: str, default: str = "") -> str:
        """One POST parameter (its first value): from a Twilio-shaped body without building the
        whole form, which a webhook rarely needs (see bench/); from the form otherwise."""
        body = self.twilio_body()
        return body.get(name, default) if body is not None else self.form.get(name, default)

    def _load_form_data(self) -> None:
        if "form" in self.__dict__:
            return
        twilio_body = self.twilio_body()
        if twilio_body is not None:
            form = twilio_body.form()
        elif self._body is not None:
            try:
                text = self._body.decode("utf-8")
            except UnicodeDecodeError:  # like Werkzeug: a body that is not UTF-8 is an empty form
                text = ""
            self.form_pairs = parse_form(text)
            form = FormDict(self.form_pairs)
        else:
            return super()._load_form_data()
        self.__dict__["form"] = form
        self.__dict__["files"] = NO_FILES

    @cached_property
    def args(self) -> FormDict:
        return FormDict(parse_form(self.query_string.decode("utf-8", "replace")))


def parse_form(text: str) -> list[tuple[str, str]]:
    """name=value pairs of a urlencoded body, blank values kept (Twilio signs them too).

    When no "&" or "=" is itself escaped (%26, %3D), the whole body is unescaped in one
    call and then split, which is the same and twice as fast as unescaping each part.
    """
    escaped_separator = "%26" in text or "%3D" in text or "%3d" in text
    if not escaped_separator:
        text = unquote_plus(text, errors="replace")
    pairs = []
    for field in text.split("&", MAX_FIELDS)[:MAX_FIELDS]:
        if field:
            name, _, value = field.partition("=")
            if escaped_separator:
                name, value = unquote_plus(name, errors="replace"), unquote_plus(value, errors="replace")
            pairs.append((name, value))
    return pairs


_NOT_SEPARATORS = bytes(byte for byte in range(256) if byte not in b"&=")


class TwilioBody:
    """A urlencoded body shaped as Twilio sends it: ASCII, every field name=value, no "&",
    "=" or NUL escaped (%26, %3D, %00). Such a body is unescaped once, as a whole, and a
    parameter is found by searching the text: a webhook reads two or three parameters of
    Twilio's twenty or thirty, and building the whole form cost a tenth of a request.

    The text is kept with a leading "&" and each "=" turned into a NUL, so "&Body\0" is
    where Body's value starts, and the fields sort by name as plain strings ("To\0..."
    before "ToCity\0...").
    """

    __slots__ = ("_text",)

    def __init__(self, text: str):
        self._text = text

    @classmethod
    def read(cls, body: bytes) -> "TwilioBody | None":
        """The body, or None for one of any other shape (read field by field instead)."""
        if not body.isascii() or b"%26" in body or b"%3D" in body or b"%3d" in body:
            return None
        separators = body.translate(None, _NOT_SEPARATORS)  # "=&=&=" when every field has one "="
        if len(separators) > 2 * MAX_FIELDS or separators != b"=" + b"&=" * (len(separators) // 2):
            return None
        text = unquote_to_bytes(body.replace(b"+", b" ")).decode("utf-8", "replace")
        if "\0" in text:
            return None
        return cls("&" + text.replace("=", "\0"))

    def get(self, name: str, default: str = "") -> str:
        """The first value of a parameter, as MultiDict.get gives it."""
        text = self._text
        start = text.find("&" + name + "\0")
        if start < 0:
            return default
        start += len(name) + 2
        end = text.find("&", start)
        return text[start:end] if end >= 0 else text[start:]

    def signed_parameters(self) -> str:
        """What Twilio signs after the URL: each name and value, sorted by name, then value.

        Twilio's validator also drops a pair sent twice; Twilio never sends one, and if one
        comes the signature does not match here and the validator decides (signature.py).
        """
        return "".join(sorted(self._text[1:].split("&"))).replace("\0", "")

    def form(self) -> FormDict:
        """The whole form, for code that asks for request.form (the views use get)."""
        return FormDict(field.split("\0") for field in self._text[1:].split("&"))
