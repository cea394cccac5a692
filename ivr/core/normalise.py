"""Text as the line compares it: lower case, no accents or punctuation, shortcuts written out."""
import re
import unicodedata

# Texting shortcuts, written out before matching.
SHORTCUTS = {
    "u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "thx": "thanks",
    "b4": "before", "dr": "doctor", "doc": "doctor", "wat": "what", "wut": "what", "whats": "what is",
    "cuz": "because", "abt": "about", "im": "i am",
    "q": "que", "xq": "porque", "pq": "porque", "tb": "tambien",
}
SHORTCUT_WORDS = {short: long.split() for short, long in SHORTCUTS.items()}
MAX_WORDS = 800  # an SMS is at most 1,600 characters, so at most 800 words: every word is read

_CURLY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u02bc": "'"})
_NOT_WORD = re.compile(r"[^a-z0-9]+")
REPEATED_LETTERS = re.compile(r"([a-z])\1{2,}")  # "pleeease" -> "pleease"


def normalise(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: 'Dósis?' -> 'dosis'."""
    text = unicodedata.normalize("NFKD", text.translate(_CURLY).casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("'", "")  # "what's" -> "whats", "OD'd" -> "odd"
    return _NOT_WORD.sub(" ", text).strip()


def words_of(text: str, normalised: str | None = None) -> list[str]:
    """Normalised words with repeated letters squeezed and texting shortcuts written out."""
    text = normalise(text) if normalised is None else normalised
    return written_out(REPEATED_LETTERS.sub(r"\1\1", text).split()[:MAX_WORDS], SHORTCUT_WORDS)


def written_out(words: list[str], table: dict[str, list[str]]) -> list[str]:
    """The words, each one the table has replaced by the words it stands for."""
    return [written for word in words for written in table.get(word, [word])]
