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
        "took too much", "breathing slow", "slow breathing", "shallow breathing",
        "heart is slowing", "heart slowing",
    ],
    "es": [
        "no respira", "no esta respirando", "dejo de respirar", "no puede respirar",
        "no despierta", "no se despierta", "no reacciona", "no responde", "inconsciente",
        "labios azules", "labios morados", "se esta muriendo", "muriendo", "se muere",
        "tiene una sobredosis", "tiene sobredosis", "sobredosis ahora", "esta sobredosis", "emergencia",
        "se puso azul", "esta azul", "piel azul", "se puso gris", "esta gris", "morado", "ronca", "roncando",
        "flojo", "convulsion", "convulsionando", "convulsiona", "no contesta", "se desmayo", "desmayado",
        "espuma", "ambulancia", "respira lento", "respira muy lento",
        "me muero", "urgente",
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
        "take all my pills", "taking all my pills", "stop living", "stop existing", "stop being alive",
        "better off without me", "wrote a goodbye", "goodbye letter", "my last night alive", "to not wake up",
        "planning how to do it", "took too many pills on purpose", "took them on purpose",
    ],
    "es": [
        "quiero morir", "quiero morirme", "me quiero morir", "matarme", "me quiero matar", "suicidio", "suicidarme",
        "suicida", "no quiero vivir", "quitarme la vida", "hacerme dano", "lastimarme",
        "a proposito", "acabar con todo", "no quiero estar aqui", "mejor sin mi", "no vale la pena vivir",
        "ya no aguanto", "me corto", "cortarme", "me rindo", "dejar de vivir", "dejar de existir",
        "ojala estuviera muerto", "ojala estuviera muerta", "carta de despedida", "mi ultima noche con vida",
        "para no despertar", "planeando como hacerlo",
    ],
}

# Signs of self-harm that may also be said of the medicine or of cravings ("I can't go on
# like this with these cravings"): the 988 sentence first, then the answer if the model is
# sure of one, else the whole suicide reply.
SUICIDE_SIGN_PHRASES = {
    "en": [
        "cant take it anymore", "cant do this anymore", "cant go on", "nobody would miss me", "no one would miss me",
        "gave away my stuff", "giving away my stuff", "gave away my things", "giving away my things",
        "pain to stop for good", "it all to stop", "everything to stop", "it all to end", "make it all stop",
    ],
    "es": [
        "ya no puedo mas", "nadie me extranaria", "regale mis cosas", "regalando mis cosas", "se acabe para siempre",
        "que todo pare", "que todo se acabe",
    ],
}

# An extra or accidental dose (two pills, a double dose, a child who swallowed one): Poison
# Control, and the emergency number if the person is not breathing, cannot be woken or has a
# seizure. Only wording that says it happened: "can I double my dose?" is a question.
EXTRA_DOSE_PHRASES = {
    "en": [
        "swallowed a pill", "swallowed one", "swallowed my", "swallowed some", "swallowed pills", "swallowed two",
        "swallowed the pills", "ate a pill", "ate pills", "ate my pill", "ate my pills", "ate one of my pills",
        "took a double dose", "took double my dose", "doubled my dose", "doubled up on my", "took an extra pill",
        "took an extra dose", "took an extra one", "took two pills by", "took 2 pills by", "took it twice",
        "took my pill twice", "took my dose twice", "took my pills twice", "accidentally took two",
        "accidentally took another", "accidentally took an extra", "accidentally took my", "took by accident",
        "took by mistake", "got into my pills", "got into my pill bottle",
    ],
    "es": [
        "se trago", "me trague", "me tome dos pastillas", "me tome 2 pastillas", "tome dos pastillas por",
        "me tome doble", "me tome una dosis doble", "me tome la dosis dos veces", "me la tome dos veces",
        "se tomo mis pastillas", "se tomo una de mis pastillas", "se comio una pastilla", "se comio mis pastillas",
        "sin querer me tome", "por error me tome", "me tome de mas", "me tome una de mas",
    ],
}

# Many pills at once: an overdose may be happening, so the emergency sentence first, then Poison Control.
MANY_PILLS_PHRASES = {
    "en": [
        "took too many", "swallowed a bunch", "swallowed a whole", "whole bottle of", "bunch of pills",
        "handful of pills", "took a lot of pills", "took all his pills", "took all her pills",
    ],
    "es": [
        "tome demasiadas", "tomo demasiadas", "monton de pastillas", "todo el frasco", "se tomo muchas pastillas",
        "me tome muchas pastillas",
    ],
}
PHRASES_OF_KIND = {"crisis": EMERGENCY_PHRASES, "suicide": SUICIDE_PHRASES, "suicide_sign": SUICIDE_SIGN_PHRASES,
                   "extra_dose": EXTRA_DOSE_PHRASES, "many_pills": MANY_PILLS_PHRASES}

# What the line says when it fails itself (ivr/web/safety.py): fixed texts that depend on
# nothing that could be what failed, with the pack's emergency guidance (call the emergency
# number; give naloxone if you have it and stay with the person: SAMHSA Opioid Overdose
# Prevention Toolkit, CDC). {number} is the emergency number. The SMS is written already
# folded to GSM-7, and both languages together fit 2 segments.
FALLBACK_SMS = {
    "en": "Emergency? Call {number} now. If someone may be overdosing and you have naloxone (Narcan), give it, "
          "and stay with them. This line has a problem; try again later.",
    "es": "¿Emergencia? Llame al {number} ya. Si alguien parece tener una sobredosis y usted tiene naloxona (Narcan), "
          "desela y quedese con la persona.",
}
FALLBACK_VOICE = {  # language code: (words, the voice's language)
    "en": ("Sorry, this line has a problem right now. In an emergency, hang up and call {number}. If someone may be "
           "overdosing and you have naloxone, or Narcan, give it, and stay with them.", "en-US"),
    "es": ("Lo sentimos, la línea tiene un problema. En una emergencia, cuelgue y llame al {number}. Si alguien parece "
           "tener una sobredosis y usted tiene naloxona, o Narcan, désela y quédese con la persona.", "es-US"),
}
# A content pack may speak only these: the engine has its crisis words and fallback texts.
SAFETY_LANGUAGES = tuple(code for code in EMERGENCY_PHRASES if all(code in phrases for phrases in PHRASES_OF_KIND.values())
                         and code in FALLBACK_SMS and code in FALLBACK_VOICE)


# "Overdose" alone may be happening now, or may be a question about risk
# ("what is the overdose risk if I stop?"). Without one of these words it is a crisis.
OVERDOSE_WORDS = frozenset({"overdose", "od", "sobredosis"})
RISK_QUESTION_WORDS = frozenset({
    "risk", "risks", "chance", "chances", "likely", "if", "after", "stop", "stopping", "quit", "quitting",
    "tolerance", "can", "riesgo", "riesgos", "si", "despues", "dejo", "dejar", "puedo",
})


def crisis_kind(words: list[str], phrase_values: Iterable[str]) -> tuple[str | None, str | None]:
    """What a message's (corrected) words come to by the rules: (kind, alarm).

    The kind is "suicide", "crisis", "extra_dose" or None; the alarm, "crisis" or "suicide"
    when that sentence must come before the answer. `phrase_values` are the values of the
    phrases found in the words, by an index that holds each phrase with its group
    (crisis_phrases())."""
    found = set(phrase_values)
    if "suicide" in found:  # it also names 988: it wins
        return "suicide", None
    if "crisis" in found or (not OVERDOSE_WORDS.isdisjoint(words) and RISK_QUESTION_WORDS.isdisjoint(words)):
        return "crisis", None  # an emergency happening now wins over an extra dose
    if "many_pills" in found:
        return "extra_dose", "crisis"
    if "extra_dose" in found:
        return "extra_dose", "suicide" if "suicide_sign" in found else None
    return None, "suicide" if "suicide_sign" in found else None


def words_by_language() -> dict[str, set[str]]:
    """Every word of the crisis phrases, per language (for typo correction and language detection)."""
    words: dict[str, set[str]] = {}
    for by_language in PHRASES_OF_KIND.values():
        for code, phrases in by_language.items():
            words.setdefault(code, set()).update(word for phrase in phrases for word in phrase.split())
    return words


def crisis_phrases() -> dict[tuple[str, ...], str]:
    """Every crisis phrase as its words, with its group (a key of PHRASES_OF_KIND)."""
    table = {}
    for kind, by_language in PHRASES_OF_KIND.items():
        for phrases in by_language.values():
            for phrase in phrases:
                table[tuple(phrase.split())] = kind
    return table
