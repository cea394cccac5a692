"""Known phrases (tuples of words) found in a message's words, one look-up per word.

Indexed by first word, longest phrase first: a message is scanned once, and only the
few phrases that start with a word it has are compared.
"""
class PhraseIndex:
    def __init__(self, phrases: dict[tuple[str, ...], str]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, value in sorted(phrases.items(), key=lambda item: len(item[0]), reverse=True):
            self._by_first.setdefault(phrase[0], []).append((phrase, value))

    def at(self, words: list[str], start: int) -> list[tuple[int, str]]:
        """(length, value) of each phrase that starts at words[start], longest first."""
        return [(len(phrase), value) for phrase, value in self._by_first.get(words[start], ())
                if tuple(words[start:start + len(phrase)]) == phrase]

    def longest_at(self, words: list[str], start: int) -> tuple[int, str] | None:
        """(length, value) of the longest phrase that starts at words[start], if any."""
        for phrase, value in self._by_first.get(words[start], ()):
            if tuple(words[start:start + len(phrase)]) == phrase:
                return len(phrase), value
        return None
