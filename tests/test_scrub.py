"""What a kept text still says once scrubbed: the question, never a way to find who asked."""
import pytest

from ivr.scrub import scrub


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
    ("\x1b[2J\x1b]0;x\x07wipe\u202eyour screen", "[[number]J ][number];x wipe your screen"),  # no control characters
    ("a\x00b\r\n\tc   d", "a b c d"),
    ("", ""),
])
def test_numbers_addresses_links_and_handles_become_placeholders(sent, kept):
    assert scrub(sent) == kept


def test_a_long_text_is_cut_to_one_sms_of_160_characters():
    assert scrub("why " * 100) == ("why " * 40).rstrip()  # 159 characters: no space at the end
    assert len(scrub("🙂" * 2000)) == 160
