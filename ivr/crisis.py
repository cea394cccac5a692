"""Words that mean someone may be in danger now, in every language the line speaks.

These live in the engine, not the content pack: they are safety rules, checked by
tests, and an edit to the answers must never be able to weaken them. Phrases are
matched on normalised words after typo correction (see understand.py); when in doubt,
the line treats a message as a crisis: a needless emergency message is safe, a missed
one is not.
"""

from typing import Iterable

# An emergency happening now.
EMERGENCY_PHRASES = {
    "en": [
        "not breathing", "isnt breathing", "stopped breathing", "no breathing", "barely breathing",
        "cant breathe", "cant breath", "not breathin",
        "cant wake", "cannot wake", "can not wake", "wont wake", "will not wake", "not waking", "not waking up",
        "blue lips", "lips are blue", "lips turning blue", "lips blue", "turning blue",
        "unresponsive", "not responding", "unconscious", "passed out",
        "overdosing", "overdosed", "odd", "oding", "oded", "odding", "having an overdose", "overdose now",
        "overdose right now", "911", "emergency", "dying", "seizure",
        # What a bystander sees (the signs of an opioid overdose), not only the word.
        "turning grey", "turning gray", "is grey", "is gray", "looks grey", "looks gray", "went grey", "went gray",
        "is blue", "went blue", "gone blue", "skin is blue", "face is blue", "lips are purple", "purple lips",
        "snoring", "gurgling", "limp", "seizing", "seizures", "convulsing", "convulsion",
        "wont answer", "not answering", "wont respond", "collapsed", "fell out", "foaming", "ambulance",
        "took too many", "took too much", "breathing slow", "slow breathing", "shallow breathing",
        "swallowed", "ate a pill", "ate pills", "heart is slowing", "heart slowing",
    ],
    "es": [
        "no respira", "no esta respirando", "dejo de respirar", "no puede respirar",
        "no despierta", "no se despierta", "no reacciona", "no responde", "inconsciente",
        "labios azules", "labios morados", "se esta muriendo", "muriendo", "se muere",
        "tiene una sobredosis", "tiene sobredosis", "sobredosis ahora", "esta sobredosis", "emergencia",
        "se puso azul", "esta azul", "piel azul", "se puso gris", "esta gris", "morado", "ronca", "roncando",
        "flojo", "convulsion", "convulsionando", "convulsiona", "no contesta", "se desmayo", "desmayado",
        "espuma", "ambulancia", "demasiadas pastillas", "respira lento", "respira muy lento",
        "me muero", "urgente", "se trago", "monton de pastillas",
    ],
}

# Suicide or self-harm: the emergency message, then 988.
SUICIDE_PHRASES = {
    "en": [
        "want to die", "wanna die", "wish i was dead", "wish i were dead", "kill myself", "killing myself",
        "suicide", "suicidal", "end my life", "take my life", "hurt myself", "hurting myself",
        "dont want to live", "do not want to live", "no reason to live", "better off dead", "self harm", "cut myself",
        "od on purpose", "overdose on purpose", "on purpose tonight", "end it all", "ending it", "end my pain",
        "whats the point", "no point living", "no point in living", "dont want to be here", "better without me",
        "never wake up", "dont want to wake up", "kms", "unalive", "off myself", "a rope",
        "take all my pills", "taking all my pills",
    ],
    "es": [
        "quiero morir", "quiero morirme", "me quiero morir", "matarme", "me quiero matar", "suicidio", "suicidarme",
        "suicida", "no quiero vivir", "quitarme la vida", "hacerme dano", "lastimarme",
        "a proposito", "acabar con todo", "no quiero estar aqui", "mejor sin mi", "no vale la pena vivir",
        "ya no aguanto", "me corto", "cortarme", "me rindo",
    ],
}

# What the line says when it fails itself (ivr/safety.py): fixed texts that depend on
# nothing that could be what failed. {number} is the emergency number.
FALLBACK_SMS = {
    "en": "If this is an emergency, call {number} now. Sorry, this line has a problem; please try again later.",
    "es": "Si es una emergencia, llame al {number} ya.",
}
FALLBACK_VOICE = {  # language code: (words, the voice's language)
    "en": ("Sorry, this line has a problem right now. If this is an emergency, hang up and call {number}.", "en-US"),
    "es": ("Lo sentimos, la línea tiene un problema. Si es una emergencia, cuelgue y llame al {number}.", "es-US"),
}
# A content pack may speak only these: the engine has its crisis words and fallback texts.
SAFETY_LANGUAGES = tuple(code for code in EMERGENCY_PHRASES
                         if code in SUICIDE_PHRASES and code in FALLBACK_SMS and code in FALLBACK_VOICE)

CRISIS_KINDS = frozenset({"crisis", "suicide"})  # the intents of a person in danger; no topic may be called so

# "Overdose" alone may be happening now, or may be a question about risk
# ("what is the overdose risk if I stop?"). Without one of these words it is a crisis.
OVERDOSE_WORDS = frozenset({"overdose", "od", "sobredosis"})
RISK_QUESTION_WORDS = frozenset({
    "risk", "risks", "chance", "chances", "likely", "if", "after", "stop", "stopping", "quit", "quitting",
    "tolerance", "can", "riesgo", "riesgos", "si", "despues", "dejo", "dejar", "puedo",
})


def crisis_kind(words: list[str], phrase_values: Iterable[str]) -> str | None:
    """'suicide', 'crisis' or None for a message's (corrected) words.

    `phrase_values` are the values of the phrases found in the words, by an index that
    holds each crisis phrase with its kind (crisis_phrases()).
    """
    kinds = CRISIS_KINDS.intersection(phrase_values)
    if kinds:
        return "suicide" if "suicide" in kinds else "crisis"  # suicide also names 988: it wins
    if not OVERDOSE_WORDS.isdisjoint(words) and RISK_QUESTION_WORDS.isdisjoint(words):
        return "crisis"
    return None


def words_by_language() -> dict[str, set[str]]:
    """Every word of the crisis phrases, per language (for typo correction and language detection)."""
    words: dict[str, set[str]] = {}
    for by_language in (EMERGENCY_PHRASES, SUICIDE_PHRASES):
        for code, phrases in by_language.items():
            words.setdefault(code, set()).update(word for phrase in phrases for word in phrase.split())
    return words


def crisis_phrases() -> dict[tuple[str, ...], str]:
    """Every crisis phrase as its words, with its kind ("crisis" or "suicide")."""
    table = {}
    for kind, by_language in (("crisis", EMERGENCY_PHRASES), ("suicide", SUICIDE_PHRASES)):
        for phrases in by_language.values():
            for phrase in phrases:
                table[tuple(phrase.split())] = kind
    return table
