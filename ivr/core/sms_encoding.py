"""How a text is billed: GSM-7 or UCS-2, and how many SMS segments it takes.

One character outside GSM-7 turns the whole message into UCS-2 (70 characters a
segment instead of 160), so every reply we send is checked here.
"""
import math
import unicodedata

# GSM 03.38 basic character set (one septet each); ESC (0x1B) is left out on purpose.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Extension table: each costs two septets (ESC + character).
GSM7_EXTENDED = frozenset("^{}\\[~]|€\f")

SINGLE_GSM7, PART_GSM7 = 160, 153  # septets; a split message loses 7 to its header
SINGLE_UCS2, PART_UCS2 = 70, 67  # UTF-16 code units


def non_gsm7_characters(text: str) -> list[str]:
    """The characters that would force UCS-2, each once, in order of appearance."""
    seen: dict[str, None] = {}
    for char in text:
        if char not in GSM7_BASIC and char not in GSM7_EXTENDED:
            seen.setdefault(char)
    return list(seen)


def is_gsm7(text: str) -> bool:
    return not non_gsm7_characters(text)


def encoding(text: str) -> str:
    return "GSM-7" if is_gsm7(text) else "UCS-2"


def segments(text: str) -> int:
    """Number of SMS segments the text is sent as (0 for an empty text)."""
    if is_gsm7(text):
        units = [2 if char in GSM7_EXTENDED else 1 for char in text]
        single, part = SINGLE_GSM7, PART_GSM7
    else:
        units = [len(char.encode("utf-16-le")) // 2 for char in text]
        single, part = SINGLE_UCS2, PART_UCS2
    total = sum(units)
    if total <= single:
        return math.ceil(total / single)
    # A character is never split across two segments (an escape pair or a
    # surrogate pair stays whole), so fill the parts one character at a time.
    count, used = 1, 0
    for size in units:
        if used + size > part:
            count, used = count + 1, 0
        used += size
    return count


# Typography that editors paste in, and its plain GSM-7 form.
_TYPOGRAPHY = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2026": "...", "\u00a0": " ", "\u2009": " ",
    "\u00ab": '"', "\u00bb": '"', "\u00b4": "'", "\u02bc": "'",
}


# GSM-7 has é but not á í ó ú: é is folded too, so a text never shows an accent on some
# words and not on others. ñ and ü are kept, since they change the word.
_ACCENTED_VOWELS = frozenset("àèéìòùÉ")


def to_gsm7(text: str) -> str:
    """Fold each character GSM-7 lacks to its nearest GSM-7 form: á -> a, ’ -> ', — -> -; é -> e as well.

    ñ ü ¿ ¡ are kept. A character with no GSM-7 form (an emoji) is left as it is, so the
    content check can name it.
    """
    folded = []
    for char in text:
        if char in _ACCENTED_VOWELS:
            folded.append(unicodedata.normalize("NFKD", char)[0])
        elif char in GSM7_BASIC or char in GSM7_EXTENDED:
            folded.append(char)
        elif char in _TYPOGRAPHY:
            folded.append(_TYPOGRAPHY[char])
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if c in GSM7_BASIC)
            folded.append(base or char)
    return "".join(folded)
