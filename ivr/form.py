"""Twilio posts every webhook as a small urlencoded form: read it in one step.

Werkzeug's general form parser (stream wrappers, a parser object, a custom codec error
handler) took a quarter of a voice step's time (see bench/). A urlencoded body of known
length up to FAST_FORM_BYTES is read and split here, and so is the query string (a
call's state); anything else (JSON for /try, multipart, no length, a longer body) goes to
Werkzeug as before, which also refuses a body over MAX_CONTENT_LENGTH with 413.
"""
from urllib.parse import unquote_plus

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.utils import cached_property

URLENCODED = "application/x-www-form-urlencoded"
MAX_FIELDS = 200  # Twilio sends about 20; a bound against a body of a million "&"
# Twilio's forms are a few kilobytes (a text of 1,600 emoji is about 20 KB). Must stay below
# MAX_CONTENT_LENGTH (64 KB): only Werkzeug's path checks that limit.
FAST_FORM_BYTES = 16 * 1024


class FormDict(ImmutableMultiDict):
    """Werkzeug's MultiDict.get finds a missing key by raising and catching an exception;
    webhooks ask for missing keys all the time (a call's first step has no "lang")."""

    def get(self, key, default=None, type=None):
        if key not in self:
            return default
        return super().get(key, default, type)


class WebhookRequest(Request):
    parameter_storage_class = FormDict  # also what Werkzeug's own parser returns, for other bodies
    form_pairs: list[tuple[str, str]] | None = None  # the form in order, when read here (for the signature)

    def _load_form_data(self) -> None:
        if "form" in self.__dict__:
            return
        content_type = self.environ.get("CONTENT_TYPE", "")
        length = self.content_length
        if content_type.partition(";")[0].strip().lower() != URLENCODED or length is None or length > FAST_FORM_BYTES:
            return super()._load_form_data()
        try:
            text = self.environ["wsgi.input"].read(length).decode("utf-8")
        except UnicodeDecodeError:  # like Werkzeug: a body that is not UTF-8 is an empty form
            text = ""
        self.form_pairs = parse_form(text)
        self.__dict__["form"] = FormDict(self.form_pairs)
        self.__dict__["files"] = FormDict()

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
