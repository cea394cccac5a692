"""Known phrases (tuples of words) found in a message's words.

The phrases are a tree of words (a trie): from each word of a message, the following
words are followed down the tree only as far as some phrase goes.
"""


class PhraseIndex:
    def __init__(self, phrases: dict[tuple[str, ...], str]):
        # word -> [the value of the phrase ending here or None, {next word -> node}]
        self._root: dict[str, list] = {}
        for phrase, value in phrases.items():
            children = self._root
            for word in phrase:
                node = children.setdefault(word, [None, {}])
                children = node[1]
            node[0] = value

    def matches(self, words: list[str]) -> list[tuple[int, int, str]]:
        """(start, length, value) of every phrase in `words`, by start, longest first at each."""
        found = []
        count = len(words)
        for start, word in enumerate(words):
            node = self._root.get(word)
            if node is None:
                continue
            at_start = []
            end = start + 1
            while node:
                value, children = node
                if value:
                    at_start.append((start, end - start, value))
                node = children.get(words[end]) if end < count else None
                end += 1
            found.extend(reversed(at_start))
        return found
