"""A text made safe to keep: what could name or reach a person replaced by placeholders.

Used on the texts the line did not understand before they are kept (KEEP_UNANSWERED_DAYS).
It catches numbers in any script or form, numbers spelled out in English or Spanish, and
e-mail addresses however they are written ("jo at mail dot com"). It cannot catch
everything: a name, a street or a story that tells who someone is stays as sent.
"""
import re
import unicodedata

MAX_KEPT = 160  # characters: one SMS segment, enough to see what was asked

# A number spelled out in English or Spanish, digit by digit or in groups ("five five five,
# oh one two three", "eight hundred, five fifty five", "cinco cinco cinco, doce treinta y cuatro").
_NUMBER_WORDS = (r"zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
                 r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
                 r"|ninety|hundred|thousand|double|triple"
                 r"|cero|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince"
                 r"|dieciséis|dieciseis|diecisiete|dieciocho|diecinueve|veinte|veinti\w+|treinta|cuarenta|cincuenta"
                 r"|sesenta|setenta|ochenta|noventa|cien|ciento|doscientos|trescientos|cuatrocientos|quinientos"
                 r"|seiscientos|setecientos|ochocientos|novecientos|mil")
_AT = r"(?:@|\(at\)|\[at\]|\{at\}|\bat\b|\barroba\b)"
_DOT_WORD = r"(?:\(dot\)|\[dot\]|\{dot\}|\bdot\b|\bpunto\b)"
_TLD = r"(?:com|org|net|edu|gov|io|co|us|me|info|mx|es|ca|uk)\b"

# Order matters: an e-mail address holds a domain and digits, a URL may hold an @ and digits.
# Each match starts where a word starts (the look-behinds), so a long text is read once,
# not once from every letter.
PLACEHOLDERS = (
    # jo.doe@mail.example.org, with spaces around its @ and dots too
    (re.compile(r"(?<![\w.+-])[\w.+-]+\s*@\s*[\w-]+(?:\s*\.\s*[\w-]+)+"), "[email]"),
    # jo at mail dot com, jo dot doe at mail dot com, jo(at)mail(dot)com, jo arroba mail punto com, jo at mail.com
    (re.compile(rf"(?<![\w.+-])[\w.+-]+(?:\s*{_DOT_WORD}\s*[\w.+-]+){{0,3}}\s*{_AT}\s*[\w-]+"
                rf"(?:\s*{_DOT_WORD}\s*[\w-]+|\s*\.\s*{_TLD})+", re.IGNORECASE),
     "[email]"),
    (re.compile(r"(?<![\w+.-])(?:[a-z][a-z0-9+.-]*://|www\.)\S+"
                r"|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|io|co|us|me|ly|info|biz|app|ca|uk|mx)\b"
                r"(?:/\S*)?", re.IGNORECASE), "[link]"),
    (re.compile(r"@\w+"), "[handle]"),
    # Any run of digits (\d is every script's), with the spaces, dots, dashes and brackets of a phone number between them.
    (re.compile(r"\+?\(?\d(?:[\d\s().-]*\d)?"), "[number]"),
    # Four number words or more in a row ("y" may join them), digits already replaced among them.
    (re.compile(rf"\b(?:{_NUMBER_WORDS}|\[number\])(?:(?:[\s,.-]+(?:y|and)\b)?[\s,.-]+"
                rf"(?:{_NUMBER_WORDS}|\[number\])){{3,}}\b", re.IGNORECASE), "[number]"),
)


def scrub(text: str) -> str:
    """The text with e-mail addresses, URLs, @handles and numbers replaced, cut to MAX_KEPT characters.

    First NFKC folds the forms a pattern would miss (①, ², ５, ＠ become 1, 2, 5, @), invisible
    characters go (a zero-width space inside an address would split it), and control
    characters (which could rewrite an editor's terminal) become spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join("" if unicodedata.category(char) == "Cf" else " " if unicodedata.category(char).startswith("C")
                   else char for char in text)
    for pattern, placeholder in PLACEHOLDERS:
        text = pattern.sub(placeholder, text)
    return " ".join(text.split())[:MAX_KEPT].rstrip()
