"""Known phrases (tuples of words) found in a message's words, one look-up per word.

Indexed by first word: a message is scanned once, and at a word that starts some phrase
only one slice per phrase length is looked up, longest first.
"""


class PhraseIndex:
    def __init__(self, phrases: dict[tuple[str, ...], str]):
        # first word -> (the lengths of its phrases, longest first; phrase -> value)
        self._by_first: dict[str, tuple[list[int], dict[tuple[str, ...], str]]] = {}
        for phrase, value in phrases.items():
            lengths, table = self._by_first.setdefault(phrase[0], ([], {}))
            table[phrase] = value
            if len(phrase) not in lengths:
                lengths.append(len(phrase))
        for lengths, _ in self._by_first.values():
            lengths.sort(reverse=True)

    def matches(self, words: list[str]) -> list[tuple[int, int, str]]:
        """(start, length, value) of every phrase in `words`, by start, longest first at each."""
        found = []
        for start, word in enumerate(words):
            entry = self._by_first.get(word)
            if entry:
                lengths, table = entry
                left = len(words) - start
                for length in lengths:
                    # A slice past the end is shorter than asked: it must not pass for this length.
                    value = table.get(tuple(words[start:start + length])) if length <= left else None
                    if value:
                        found.append((start, length, value))
        return found
