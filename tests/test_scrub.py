"""What a kept text still says once scrubbed: the question, never a way to find who asked."""
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ivr.core.scrub import scrub


@pytest.mark.parametrize("sent, kept", [
    ("call me 555-0123", "call me [number]"),
    ("my number is +1 (555) 555-0199.", "my number is [number]."),
    ("i take 50mg at 8am", "i take [number]mg at [number]am"),
    ("tengo ٢٥ años, llama al ５５５０１２３", "tengo [number] años, llama al [number]"),  # digits of any script
    ("mail jo.doe+line@mail.example.org pls", "mail [email] pls"),
    ("see https://t.example.com/x?id=98765 or www.example.net/a", "see [link] or [link]"),
    ("found it on reddit.com/r/opiates", "found it on [link]"),
    ("dm me @jodoe_99 on insta", "dm me [handle] on insta"),
    ("i took it.then slept", "i took it.then slept"),  # not a link
    ("\x1b[2J\x1b]0;x\x07wipe\u202eyour screen", "[[number]J ][number];x wipeyour screen"),  # no control characters
    # Other forms of digits, numbers spelled out, e-mail addresses written out.
    ("call ⁵⁵⁵⁰¹²³ or ⑤⑤⑤-⓪①②③", "call [number] or [number]"),
    ("text five five five, oh one two three", "text [number]"),
    ("mi numero es cinco cinco cinco cero uno dos tres", "mi numero es [number]"),
    ("five 5 5 five zero one two", "[number]"),
    ("jane at gmail dot com", "[email]"), ("jane(at)gmail(dot)com", "[email]"), ("jane [at] gmail [dot] com", "[email]"),
    ("jane arroba gmail punto com", "[email]"), ("jane @ gmail . com", "[email]"), ("jane＠gmail.com", "[email]"),
    ("ja\u200bne@gm\u200bail.com", "[email]"), ("write jane at gmail.com", "write [email]"),
    # Everyday words that look a little like those are left alone.
    ("I was at work. Then I used", "I was at work. Then I used"), ("took one two days ago", "took one two days ago"),
    ("eight hundred five five five twelve twelve", "[number]"), ("five fifty five, twelve thirty four", "[number]"),
    ("cinco cinco cinco, doce treinta y cuatro", "[number]"), ("jo dot doe at gmail dot com", "[email]"),
    ("it has been twenty one days", "it has been twenty one days"),
    ("a\x00b\r\n\tc   d", "a b c d"),
    ("", ""),
])
def test_numbers_addresses_links_and_handles_become_placeholders(sent, kept):
    assert scrub(sent) == kept


def test_a_long_text_is_cut_to_one_sms_of_160_characters():
    assert scrub("why " * 100) == ("why " * 40).rstrip()  # 159 characters: no space at the end
    assert len(scrub("🙂" * 2000)) == 160


# What people write around a number or an address: letters, spaces and punctuation, no digits.
AROUND = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzáéñ ,.?!'"), max_size=40)
DIGIT_FORMS = {  # each digit 0-9 in a form people paste
    "ascii": "0123456789", "superscript": "⁰¹²³⁴⁵⁶⁷⁸⁹", "circled": "⓪①②③④⑤⑥⑦⑧⑨", "fullwidth": "０１２３４５６７８９",
    "arabic-indic": "٠١٢٣٤٥٦٧٨٩", "devanagari": "०१२३४५६७८९",
}
WORDS = {"en": "zero one two three four five six seven eight nine".split(),
         "es": "cero uno dos tres cuatro cinco seis siete ocho nueve".split()}


# Tens as people say them in pairs ("five fifty five, twelve thirty four"), written here
# independently of the scrubber's own list.
TEENS = {"en": "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(),
         "es": "diez once doce trece catorce quince dieciseis diecisiete dieciocho diecinueve".split()}
TENS = {"en": "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split(),
        "es": "_ _ veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa".split()}


def pair_in_words(number: int, language: str) -> str:
    """10 to 99 in words: "fifty five", "cincuenta y cinco"."""
    if number < 20:
        return TEENS[language][number - 10]
    tens, ones = divmod(number, 10)
    if not ones:
        return TENS[language][tens]
    return f"{TENS[language][tens]} {'y ' if language == 'es' else ''}{WORDS[language][ones]}"


@st.composite
def phone_numbers(draw):
    digits = draw(st.lists(st.integers(0, 9), min_size=7, max_size=11))
    separator = draw(st.sampled_from(["", " ", "-", ".", ", "]))
    form = draw(st.sampled_from([*DIGIT_FORMS, "en", "es", "en pairs", "es pairs"]))
    if form.endswith("pairs"):  # the first three digit by digit, then two digits at a time
        language = form.split()[0]
        head = [WORDS[language][d] for d in digits[:3]]
        pairs = [pair_in_words(10 * a + b, language) if a else WORDS[language][b]
                 for a, b in zip(digits[3::2], digits[4::2])]
        return (separator or " ").join(head + pairs)
    if form in WORDS:
        return separator.join(WORDS[form][d] for d in digits) if separator else " ".join(WORDS[form][d] for d in digits)
    return separator.join(DIGIT_FORMS[form][d] for d in digits)


@st.composite
def email_addresses(draw):
    name = draw(st.from_regex(r"[a-z]{6,10}", fullmatch=True))
    domain = draw(st.from_regex(r"[a-z]{5,9}", fullmatch=True))
    at = draw(st.sampled_from(["@", " @ ", "＠", " at ", "(at)", " [at] ", " arroba ", "@\u200b"]))
    dot = draw(st.sampled_from([".", " . ", " dot ", "(dot)", " [dot] ", " punto "]))
    first = draw(st.sampled_from(["", "jo.", "jo dot "]))  # a dot in the name too, written out
    return name, domain, f"{first}{name}{at}{domain}{dot}com"


@settings(max_examples=300, deadline=None)
@given(before=AROUND, number=phone_numbers(), after=AROUND)
def test_no_phone_number_in_any_form_is_kept(before, number, after):
    kept = unicodedata.normalize("NFKC", scrub(f"{before} {number} {after}"))
    assert not re.search(r"\d", kept)
    number_word = r"\b(?:%s)\b" % "|".join(WORDS["en"] + WORDS["es"] + TEENS["en"] + TEENS["es"] + TENS["en"][2:]
                                            + TENS["es"][2:])
    assert not re.search(rf"{number_word}(?:\W+{number_word}){{3}}", kept.lower())  # no four number words in a row


@settings(max_examples=300, deadline=None)
@given(before=AROUND, address=email_addresses(), after=AROUND)
def test_no_email_address_in_any_form_is_kept(before, address, after):
    name, domain, written = address
    kept = scrub(f"{before} {written} {after}")
    assert name not in kept and domain not in kept
