"""A text made safe to keep: only words the line can name as safe, every other token a placeholder.

Used on the texts the line did not understand before they are kept (KEEP_UNANSWERED_DAYS).
A list of what to remove always misses something (a number in French, an address in
Cyrillic look-alike letters), so this keeps what it knows instead:
- a word the line itself uses (its understanding's vocabulary), or one of its examples or of
  wordfreq's list of common words in a language the pack speaks, after typos are corrected
  as the line corrects them;
- but not a first name, surname or street word (Faker's lists, of every locale of those
  languages), unless it is also one of the commonest words ("will", "may"), and not even
  then where it is used as a name: capitalised inside a sentence ("ask Hope"), after words
  that introduce a name ("my name is", "me llamo") or beside a street word ("Elm Street",
  "calle Mesa").
Every other token becomes PLACEHOLDER, and so do anything with a digit in any script (5, ٥,
五, ⑤), runs of two or more number words ("five five five", "march third nineteen ninety")
and an address written out ("jo at mail dot com"). Placeholders in a row become one, so
that the kept text still shows what was asked: "can i take it with ▯".
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from ivr.core.normalise import MAX_WORDS, SHORTCUTS, normalise
from ivr.core.understand import Understander

MAX_KEPT = 160  # characters: one SMS segment, enough to see what was asked
PLACEHOLDER = "▯"
# wordfreq's Zipf scale: a first name, surname or street word this common (three in ten thousand words)
# is an everyday word too ("will", "may", "long"); a rarer one ("john", "juan", "maria", "gonzalez") is a name.
EVERYDAY = 5.5
OPENING = "¿¡\"'“‘«(["
CLOSING = ".,;:!?\"'”’»)]…"
PUNCTUATION = set(OPENING + CLOSING + "-–—/*&")  # a token of these alone is kept; other symbols and emoji are not
SENTENCE_ENDS = (".", "!", "?", "…")
# A word of letters, with an apostrophe or a hyphen inside ("don't", "follow-up").
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
LATIN = re.compile(r"[a-z]+")

# Numbers in words, English and Spanish, with months and ordinals: a date of birth is a number too.
NUMBER_WORDS = frozenset("""
    zero oh one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
    double triple first second third fourth fifth sixth seventh eighth ninth tenth twelfth thirteenth
    fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth
    january february march april may june july august september october november december
    cero uno una un dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciseis
    diecisiete dieciocho diecinueve veinte veintiuno veintiun veintidos veintitres veinticuatro veinticinco
    veintiseis veintisiete veintiocho veintinueve treinta cuarenta cincuenta sesenta setenta ochenta noventa
    cien ciento doscientos trescientos cuatrocientos quinientos seiscientos setecientos ochocientos
    novecientos mil millon millones primero primera segundo segunda tercero tercera cuarto quinto
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
    un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt trente
    quarante cinquante soixante cent mille
""".split())  # and French, the third language people most often write numbers in here (issue 33)
# Words that join number words into one number: "treinta y cuatro", "the third of march".
NUMBER_JOINS = frozenset("and y e of de del the el".split())
# Street types as addresses abbreviate them (USPS Publication 28; Faker writes them out): "12 Main St".
STREET_ABBREVIATIONS = frozenset("st ave av rd blvd dr ln ct pl hwy pkwy cir ter trl".split())
CALLE_ABBREVIATIONS = frozenset("av avda cl cll".split())  # "av Juárez 20"
# Words that introduce a name: the words after them are read as names ("my name is Hope", "se llama Rosa").
NAMING = frozenset("name names named called surname nombre apellido apellidos llamo llamado llamada".split())
NAMING_AFTER_SE = frozenset("llama llaman llamas".split())  # "se llama Rosa", not "llama al médico"
NAMING_GLUE = frozenset("is was es era".split())
NAME_PARTICLES = frozenset("de del la las los y da di van von le".split())  # "Jason de la Fuente": one name
# A written-out address: a word, an "at" and a domain with its dots spelled out ("jo at mail dot com"),
# or a dot spelled out before a domain's last part ("period com", "punto mx").
AT = r"(?:[\[({<] )?(?:at|arroba|@)(?: [\])}>])?"  # "jo [ at ] mail"
DOT = r"(?:[\[({<] )?(?:dot|period|punto|\.)(?: [\])}>])?"
ONLY_AT = r"(?:[\[({<] )?(?:@|arroba)(?: [\])}>])?"  # never anything but an address: "jane @ gmail"
TLD = r"(?:com|net|org|edu|gov|info|io|co|us|uk|ca|mx|es|de|fr|me|ly|ee|app)\b"
ADDRESS = re.compile(rf"(?:\S+ {DOT} )*\S+ {AT} \S+(?: {DOT} \S+)+|(?:\S+ {DOT} )*\S+ {ONLY_AT} \S+"
                     rf"|(?:\S+ {DOT} )*\S+ {AT} \S*(?:\.|[\[({{<]dot[\])}}>])\S*|\S+ {DOT} {TLD}", re.IGNORECASE)


class Word(NamedTuple):
    plain: str  # as the line compares words: "dont", "anos"
    written: str  # in lower case as written, as wordfreq lists it: "don't", "años"


class Scrubber:
    """scrub(text): the text kept by the line's vocabulary, every other token a placeholder."""

    def __init__(self, understander: Understander, languages: tuple[str, ...]):
        # Written by the team, never a person's name: the understanding's words and the texting shortcuts it reads.
        self._vocabulary = understander.vocabulary | SHORTCUTS.keys()
        self._knows = understander.model.knows  # its training examples (some name people: names are checked)
        self._correct = understander.correct
        self._frequency = understander.frequency  # in the commonest of the pack's languages; 0: not a listed word
        self._names, self._streets_after_name, self._streets_before_name = people_and_streets(languages)
        self._streets = self._streets_after_name | self._streets_before_name
        self._known = lru_cache(maxsize=8192)(self._is_known)

    def scrub(self, text: str) -> str:
        """The text with only known words, cut to MAX_KEPT characters; "" when it has none.

        First NFKC folds the forms a pattern would miss (①, ², ５, ＠, 𝐣𝐚𝐧𝐞 become 1, 2, 5, @, jane),
        invisible characters go (a zero-width space inside an address would split it), and
        control characters (which could rewrite an editor's terminal) become spaces."""
        text = unicodedata.normalize("NFKC", text)
        text = "".join(map(_visible, text))
        tokens = text.split()[:MAX_WORDS]
        words = list(map(_words, tokens))  # None: not a word of Latin letters
        kept = [self._kept(token, written) for token, written in zip(tokens, words)]
        for hidden in (self._names_in_use(tokens, words), _numbers(tokens, words, kept), _addresses(tokens, words),
                       _spelt_out(words)):
            for index in hidden:
                kept[index] = None
        if all(token is None or written is None for token, written in zip(kept, words)):
            return ""  # not one word known: nothing to show an editor (the counts say it was not understood)
        return _joined(kept)

    def _kept(self, token: str, words: list[Word] | None) -> str | None:
        """The token as kept (a misspelt word as the word it stands for), or None for a placeholder."""
        if words is None:
            return token if set(token) <= PUNCTUATION else None
        if all(map(self._known, words)):
            return token
        corrected = [word.plain if self._known(word) else self._correct(word.plain) for word in words]
        if not all(self._known(Word(word, word)) for word in corrected):
            return None
        opening, _, closing = _split(token)
        return opening + " ".join(corrected) + closing

    def _is_known(self, word: Word) -> bool:
        """A word of the line's vocabulary, a number word, or a word of its examples or of wordfreq's
        lists; but not a name or street word unless it is an everyday word too."""
        if word.plain in self._vocabulary or word.plain in NUMBER_WORDS:
            return True
        if len(word.plain) == 1:  # every letter is in wordfreq's lists, and letters spell names: "j a n e"
            return False
        if not (self._knows(word.plain) or self._frequency(word.written) or self._frequency(word.plain)):
            return False
        return not self._is_name(word) or self._everyday(word)

    def _everyday(self, word: Word) -> bool:
        return max(self._frequency(word.written), self._frequency(word.plain)) >= EVERYDAY

    def _is_name(self, word: Word) -> bool:
        """A first name, a surname or a street word."""
        return word.plain in self._names or word.plain in self._streets

    def _names_in_use(self, tokens: list[str], words: list[list[Word] | None]) -> set[int]:
        """Words used as names, everyday ones and the line's own too ("hope", "main"): capitalised inside a
        sentence ("ask Hope"), after words that introduce a name ("my name is hope"), or naming a street."""
        def may_name(index: int) -> bool:  # a name, or a word neither everyday nor the line's own ("Fresno")
            return words[index] is not None and any(
                self._is_name(word) or not self._everyday(word) and word.plain not in self._vocabulary
                for word in words[index])

        def particle(index: int) -> bool:
            return words[index] is not None and {word.plain for word in words[index]} <= NAME_PARTICLES

        hidden, naming, in_name = set(), False, False
        for index, token in enumerate(tokens):
            if in_name and particle(index):  # "Cynthia de la O": the name goes on to a capital; "Stephanie Le" ends
                following = next((later for later in range(index + 1, len(tokens)) if not particle(later)), None)
                if (token.endswith(SENTENCE_ENDS) or following is None or words[following] is None
                        or not (naming or _split(tokens[following])[1][:1].isupper())):
                    hidden.add(index)
                continue
            inside = index > 0 and not tokens[index - 1].endswith(SENTENCE_ENDS)
            ends_name = in_name and words[index] is not None and (naming or _split(token)[1][:1].isupper())  # "O"
            in_name = (ends_name or may_name(index) and (naming or inside and _capitalised(token))
                       or self._names_street(tokens, words, index))
            if in_name:
                hidden.add(index)
            elif words[index] is None or not {word.plain for word in words[index]} <= NAMING_GLUE | NAME_PARTICLES:
                naming = False
            naming = naming or words[index] is not None and (
                any(word.plain in NAMING for word in words[index]) or words[index][0].plain in NAMING_AFTER_SE
                and index > 0 and words[index - 1] is not None and words[index - 1][-1].plain in ("se", "te"))
        return hidden

    def _names_street(self, tokens: list[str], words: list[list[Word] | None], index: int) -> bool:
        """Whether the word at index is beside a street word, before it ("Main Street") or after it
        ("calle Mesa"), with the street word capitalised or a number on either side ("42 oak street")."""
        if words[index] is None or _number(tokens, words, index):
            return False
        for step, streets in ((1, self._streets_after_name), (-1, self._streets_before_name)):
            street = index + step
            if 0 <= street < len(words) and words[street] and words[street][0].plain in streets and (
                    _capitalised(tokens[street]) or _number(tokens, words, index - step)
                    or _number(tokens, words, street + step)):
                return True
        return False


def _capitalised(token: str) -> bool:
    """Whether the word is written with a capital and then small letters: "Hope", not "I" or "HOPE"."""
    core = _split(token)[1]
    return len(core) > 1 and core[0].isupper() and core[1:].islower()


def _number(tokens: list[str], words: list[list[Word] | None], index: int) -> bool:
    """Whether the token is a number: anything with a digit of any script, or number words."""
    if not 0 <= index < len(tokens):
        return False
    if words[index] is None:
        return any(unicodedata.numeric(char, None) is not None for char in tokens[index])
    return all(word.plain in NUMBER_WORDS for word in words[index])


def _split(token: str) -> tuple[str, str, str]:
    """(opening punctuation, the rest, closing punctuation): '¿alcohol?' -> ('¿', 'alcohol', '?')."""
    core = token.lstrip(OPENING)
    opening = token[:len(token) - len(core)]
    rest = core.rstrip(CLOSING)
    return opening, rest, core[len(rest):]


def _words(token: str) -> list[Word] | None:
    """The token's words ("Follow-up" -> follow, up), or None when it is not a word of Latin letters:
    a digit of any script, a symbol inside it (jo@mail.com, mail.com/jo), a letter of another
    alphabet (the Cyrillic "а" of "jаne" looks Latin and is not)."""
    core = _split(token)[1]
    if not WORD.fullmatch(core) or any(unicodedata.numeric(char, None) is not None for char in core):
        return None
    words = []
    for part in re.split(r"[-–]", core):
        plain = normalise(part)
        if not LATIN.fullmatch(plain) or not all(unicodedata.name(char, "").startswith("LATIN")
                                                 for char in part if char.isalpha()):
            return None
        words.append(Word(plain, part.casefold()))
    return words


def _numbers(tokens: list[str], words: list[list[Word] | None], kept: list[str | None]) -> set[int]:
    """Runs of two or more numbers (words, or anything with a digit), with what joins them ("y", "and",
    "of", symbols, emoji, unknown words): "five 🙂 five", "treinta y cuatro", "march third nineteen ninety"."""
    def joins(index: int) -> bool:
        return kept[index] is None or words[index] is None or all(word.plain in NUMBER_JOINS for word in words[index])

    hidden, run = set(), []
    for index in range(len(tokens) + 1):
        if _number(tokens, words, index):
            run.append(index)
        elif run and (index == len(tokens) or not joins(index)):
            if sum(len(words[each] or "1") for each in run) >= 2:  # "five-five" is two numbers, "55" one
                hidden.update(range(run[0], run[-1] + 1))
            run = []
    return hidden


def _spelt_out(words: list[list[Word] | None]) -> set[int]:
    """Words spelt letter by letter: three or more one-letter words in a row ("j a n e", "g m a i l")."""
    hidden, run = set(), []
    for index, written in enumerate([*words, None]):
        if written is not None and len(written) == 1 and len(written[0].plain) == 1:
            run.append(index)
        else:
            hidden.update(run if len(run) >= 3 else ())
            run = []
    return hidden


def _addresses(tokens: list[str], words: list[list[Word] | None]) -> set[int]:
    """The tokens of e-mail addresses written out: "jo dot doe at mail dot com", "jane @ gmail . com"."""
    line = " ".join("_".join(word.plain for word in written) if written else token
                    for token, written in zip(tokens, words))  # one run of non-spaces a token
    hidden = set()
    for match in ADDRESS.finditer(line):
        first = line.count(" ", 0, match.start())
        hidden.update(range(first, first + match.group().count(" ") + 1))
    return hidden


def _joined(kept: list[str | None]) -> str:
    """The kept tokens, placeholders in a row as one, cut to MAX_KEPT characters."""
    out: list[str] = []
    for token in kept:
        if token is None and out and out[-1] == PLACEHOLDER:
            continue
        out.append(PLACEHOLDER if token is None else token)
    return " ".join(out)[:MAX_KEPT].rstrip()


@lru_cache(maxsize=None)
def people_and_streets(languages: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(first names and surnames, street words that follow a name, street words before one) of every
    Faker locale of the languages ("en": en, en_US, en_GB, en_IN, ...). Faker keeps these tables up
    to date from public sources (census surnames, registered first names, postal street types); they
    are read from its localised providers, as its own documentation lays them out. Multi-word
    entries ("de la Cruz") are left out, their words being everyday words, and so are street words
    of one country only (en_BD's "Para" is a Spanish word)."""
    import faker.providers.address
    import faker.providers.person

    def tables(package, attributes):  # each locale's words, as a set
        for module in pkgutil.iter_modules(package.__path__):
            if module.name.split("_")[0] in languages:
                provider = importlib.import_module(f"{package.__name__}.{module.name}").Provider
                entries = [entry for attribute in attributes
                           if isinstance(entry := getattr(provider, attribute, ()), (list, tuple, dict))]
                yield {word for table in entries for word in map(_plain, table) if len(word) > 1 and " " not in word}

    def shared(attribute):
        counts = Counter(word for words in tables(faker.providers.address, (attribute,)) for word in words)
        return frozenset(word for word, count in counts.items() if count > 1)

    names = frozenset().union(*tables(faker.providers.person, (
        "first_names", "first_names_male", "first_names_female", "first_names_nonbinary", "last_names",
        "last_names_male", "last_names_female")))
    return names, shared("street_suffixes") | STREET_ABBREVIATIONS, shared("street_prefixes") | CALLE_ABBREVIATIONS


def _visible(char: str) -> str:
    """An invisible character (category Cf) as nothing, another control character as a space."""
    category = unicodedata.category(char)
    return "" if category == "Cf" else " " if category.startswith("C") else char


def _plain(name: str) -> str:
    """A name as the line compares words; most are plain letters, a tenth of the time normalise() takes."""
    return name.casefold() if name.isascii() and name.isalpha() else normalise(name)
