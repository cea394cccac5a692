"""Twilio posts every webhook as a small urlencoded form: read it in one step.

Werkzeug's general form parser (stream wrappers, a parser object, a custom codec error
handler) took a quarter of a voice step's time (see bench/). A urlencoded body of known
length up to FAST_FORM_BYTES is read here, and so is the query string (a call's state);
anything else (JSON for /try, multipart, no length, a longer body) goes to Werkzeug as
before, which also refuses a body over MAX_CONTENT_LENGTH with 413.

A body shaped as Twilio sends it (ASCII, every field name=value, each name once) is read
in a few passes over the whole text, which also give the text Twilio signs; any other
body is read field by field, as the standard library reads it.
"""
from operator import methodcaller
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

    @classmethod
    def of_lists(cls, lists: dict[str, list[str]]) -> "FormDict":
        """A form from {name: [values]}, without MultiDict's pair-by-pair set-up."""
        form = cls.__new__(cls)
        dict.__init__(form, lists)
        return form


NO_FILES = FormDict()  # immutable, so one will do for every request


class WebhookRequest(Request):
    parameter_storage_class = FormDict  # also what Werkzeug's own parser returns, for other bodies
    form_pairs: list[tuple[str, str]] | None = None  # the form in order, when read field by field
    signed_parameters: str | None = None  # what Twilio signs after the URL, when read in one step

    def _load_form_data(self) -> None:
        if "form" in self.__dict__:
            return
        environ = self.environ
        length = environ.get("CONTENT_LENGTH")
        content_type = environ.get("CONTENT_TYPE", "")
        if (not length or not length.isdecimal() or int(length) > FAST_FORM_BYTES
                or "HTTP_TRANSFER_ENCODING" in environ  # a chunked body: its length is not known
                or content_type.partition(";")[0].strip().lower() != URLENCODED):
            return super()._load_form_data()
        body = environ["wsgi.input"].read(int(length))
        twilio_form = read_twilio_form(body)
        if twilio_form:
            self.__dict__["form"], self.signed_parameters = twilio_form
        else:
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:  # like Werkzeug: a body that is not UTF-8 is an empty form
                text = ""
            self.form_pairs = parse_form(text)
            self.__dict__["form"] = FormDict(self.form_pairs)
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


_split_at_nul = methodcaller("split", "\0")


def read_twilio_form(body: bytes) -> tuple[FormDict, str] | None:
    """The form, and its names and values sorted by name (what Twilio signs after the URL),
    for a body shaped as Twilio sends it; None for any other body.

    Each "=" becomes a NUL before the body is split, so that every field splits in two and
    the fields sort by name as plain strings ("To\0..." before "ToCity\0..."). A field
    without "=" or with two fails to unpack in two. An escaped "&" or "=" would pass for a
    separator, and a NUL for an "=", so they are looked for first. A name sent twice
    shrinks the form.
    """
    if not body.isascii() or b"%26" in body or b"%3D" in body or b"%3d" in body:
        return None
    text = unquote_to_bytes(body.replace(b"+", b" ")).decode("utf-8", "replace")
    if "\0" in text:
        return None
    fields = text.replace("=", "\0").split("&", MAX_FIELDS)
    if len(fields) > MAX_FIELDS:
        return None
    try:
        lists = {name: [value] for name, value in map(_split_at_nul, fields)}
    except ValueError:
        return None
    if len(lists) != len(fields):
        return None
    return FormDict.of_lists(lists), "".join(sorted(fields)).replace("\0", "")
