"""Known phrases (tuples of words) found in a message's words, one look-up per word.

Indexed by first word, longest phrase first: a message is scanned once, and only the
few phrases that start with a word it has are compared.
"""


class PhraseIndex:
    def __init__(self, phrases: dict[tuple[str, ...], str]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, value in sorted(phrases.items(), key=lambda item: len(item[0]), reverse=True):
            self._by_first.setdefault(phrase[0], []).append((phrase, value))

    def matches(self, words: list[str]) -> list[tuple[int, int, str]]:
        """(start, length, value) of every phrase in `words`, by start, longest first at each."""
        found = []
        for start, word in enumerate(words):
            for phrase, value in self._by_first.get(word, ()):
                if len(phrase) == 1 or tuple(words[start:start + len(phrase)]) == phrase:
                    found.append((start, len(phrase), value))
        return found
