import pytest

from ivr.core.sms_encoding import encoding, non_gsm7_characters, segments


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", 0),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("€" * 80, 1),  # extension characters cost two septets each
        ("€" * 81, 2),
        ("a" * 152 + "€" + "a" * 153, 3),  # an escape pair is never split across parts
        ("á" * 70, 1),  # UCS-2
        ("á" * 71, 2),
        ("á" * 134, 2),
        ("á" * 135, 3),
        ("🙂" * 35, 1),  # each emoji is two UTF-16 code units
        ("🙂" * 36, 2),
    ],
)
def test_segment_count(text, expected):
    assert segments(text) == expected


def test_spanish_letters_that_gsm7_has_and_has_not():
    assert encoding("¿Qué dosis? ñ ü ¡Sí!") == "UCS-2"
    assert non_gsm7_characters("¿Qué dosis? ñ ü ¡Sí!") == ["í"]
    assert encoding("¿Qué dosis? Año, pingüino, ¡Hola!") == "GSM-7"


def test_curly_quotes_and_dashes_force_ucs2():
    assert non_gsm7_characters("it’s “fine” — ok") == ["’", "“", "”", "—"]


def test_every_accented_vowel_is_folded_even_those_gsm7_has_and_n_tilde_and_u_umlaut_are_kept():
    from ivr.core.sms_encoding import to_gsm7

    assert to_gsm7("¿Qué día? Él está aquí, más allá; à è ì ò ù É Á") == "¿Que dia? El esta aqui, mas alla; a e i o u E A"
    assert to_gsm7("niño, pingüino, ¡Ñandú!") == "niño, pingüino, ¡Ñandu!"
