"""Medicines' names as speech recognition hears them: split into pieces ("nal trex own") or
misheard as other words ("vivid roll", "bibitrol").

One, two or three words in a row are read as a name from the pack's spoken_names when they
sound like it (the same consonants, b and v alike, c, k and x alike) and are spelt close to
it. The name then stands in the caller's words, so understanding reads "naltrexone" and
never the pieces: a word no example has cannot raise an alarm, and a misheard name cannot.
"""
from __future__ import annotations

import re
from typing import Iterable

from rapidfuzz import fuzz

MAX_WORDS = 3  # a name split into more pieces than this is not read as one
MIN_LETTERS = 6  # shorter pieces are too often other words ("narco")
SOUND_ALIKE = 85  # how close the consonants must be (rapidfuzz ratio, 0-100)
SPELT_ALIKE = 68  # and the letters
# A name of three consonant sounds or fewer ("mtn": methadone) sounds like many runs of words
# ("my head on", "matan a", "maybe had one"): its sounds must be the same, and its letters closer.
FEW_SOUNDS = 3
FEW_SOUNDS_SPELT_ALIKE = 80
_SAME_SOUND = (("ph", "f"), ("ck", "k"), ("qu", "k"), ("x", "ks"), ("c", "k"), ("q", "k"), ("z", "s"), ("v", "b"),
               ("d", "t"), ("g", "k"))


def sound(text: str) -> str:
    """The consonants of a word as they sound: "vivitrol" and "bibi trawl" are both "btrl"."""
    for letters, same in _SAME_SOUND:
        text = text.replace(letters, same)
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[^bfjklmnprst]", "", text))


def _initial(text: str) -> str:
    """How a word begins: its first consonant's sound, or its first letter ("am done" is no "methadone")."""
    return sound(text[:1]) or text[:1]


class SpokenNames:
    def __init__(self, names: Iterable[str]):
        self._names = {name: (sound(name), _initial(name)) for name in names}

    def heard(self, words: list[str]) -> list[str]:
        """The words with each run that sounds like a name replaced by the name. A run that sounds
        as much like it without its first word leaves that word alone ("now nal trex own")."""
        runs = [self._best_run(words, start) for start in range(len(words) + 1)]
        read, start = [], 0
        while start < len(words):
            name, score, size = runs[start]
            if name and runs[start + 1][1] < score:
                read.append(name)
                start += size
            else:
                read.append(words[start])
                start += 1
        return read

    def _best_run(self, words: list[str], start: int) -> tuple[str | None, float, int]:
        """The name that one to MAX_WORDS words from `start` sound most like: (name, score, words)."""
        runs = [(*self._closest("".join(words[start:start + size])), size)
                for size in range(1, MAX_WORDS + 1) if start + size <= len(words)]
        return max(runs, key=lambda run: run[1], default=(None, 0.0, 0))

    def _closest(self, joined: str) -> tuple[str | None, float]:
        """The name these letters sound and look like, with how alike they are; (None, 0) for none."""
        if joined in self._names:
            return joined, 101.0
        if len(joined) < MIN_LETTERS:
            return None, 0.0
        heard, initial = sound(joined), _initial(joined)
        best, best_score = None, 0.0
        for name, (name_sound, name_initial) in self._names.items():
            if initial != name_initial or fuzz.ratio(heard, name_sound) < SOUND_ALIKE:
                continue
            few = len(name_sound) <= FEW_SOUNDS
            if few and heard != name_sound:
                continue
            score = fuzz.ratio(joined, name)
            needed = FEW_SOUNDS_SPELT_ALIKE if few else SPELT_ALIKE
            if score >= needed and score > best_score:
                best, best_score = name, score
        return best, best_score
