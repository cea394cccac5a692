"""A text made safe to keep: what could name or reach a person replaced by placeholders.

Used on the texts the line did not understand before they are kept (KEEP_UNANSWERED_DAYS).
It cannot catch everything: a name, a street or a number spelled out in words stays as sent.
"""
import re
import unicodedata

MAX_KEPT = 160  # characters: one SMS segment, enough to see what was asked

# Order matters: an e-mail address holds a domain and digits, a URL may hold an @ and digits.
# Each match starts where a word starts (the look-behinds), so a long text is read once,
# not once from every letter.
PLACEHOLDERS = (
    (re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (re.compile(r"(?<![\w+.-])(?:[a-z][a-z0-9+.-]*://|www\.)\S+"
                r"|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|io|co|us|me|ly|info|biz|app|ca|uk|mx)\b"
                r"(?:/\S*)?", re.IGNORECASE), "[link]"),
    (re.compile(r"@\w+"), "[handle]"),
    # Any run of digits, with the spaces, dots, dashes and brackets of a phone number between them.
    (re.compile(r"\+?\(?\d(?:[\d\s().-]*\d)?"), "[number]"),
)


def scrub(text: str) -> str:
    """The text with e-mail addresses, URLs, @handles and digits replaced, control and
    invisible characters (which could rewrite an editor's terminal) turned into spaces,
    spaces collapsed, and cut to MAX_KEPT characters."""
    text = "".join(" " if unicodedata.category(char).startswith("C") else char for char in text)
    for pattern, placeholder in PLACEHOLDERS:
        text = pattern.sub(placeholder, text)
    return " ".join(text.split())[:MAX_KEPT].rstrip()
