"""Where the forms of a name occur in a text as whole words, with the text's words indexed
once."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
_INDEXED_WORDS = 4  # word sequences up to this long are looked up whole


class FormFinder:
    r"""Where a form occurs in a text as whole words: the offsets ``re.finditer`` gives for
    ``(?<!\w)form(?!\w)``. The text's words are indexed once (by sequences of up to
    _INDEXED_WORDS words), so each form costs its own occurrences, not a scan of the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
        self.by_words: dict[int, dict[tuple[str, ...], list[int]]] = {}
        self.by_shape: dict[tuple[tuple[str, ...], int, int], dict[str, list[int]]] = {}
        self.found: dict[str, list[int]] = {}

    def _index(self, size: int) -> dict[tuple[str, ...], list[int]]:
        index = self.by_words.get(size)
        if index is None:
            index = {}
            words = [word for _, word in self.words]
            for i in range(len(words) - size + 1):
                index.setdefault(tuple(words[i : i + size]), []).append(i)
            self.by_words[size] = index
        return index

    def _spelled(self, key: tuple[str, ...], lead: int, length: int) -> dict[str, list[int]]:
        """The places where the words ``key`` occur, by the text of the ``length``
        characters that start ``lead`` characters before them. The forms that share their
        words and shape ("“NATO", "«NATO", "'NATO") are looked up here, so that the words'
        occurrences are read once per shape, not once per form (forms x occurrences, when a
        word comes with every kind of mark around it)."""
        shape = (key, lead, length)
        spelled = self.by_shape.get(shape)
        if spelled is None:
            spelled = {}
            for i in self._index(len(key)).get(key, []):
                start = self.words[i][0] - lead
                if start >= 0:
                    spelled.setdefault(self.text[start : start + length], []).append(start)
            self.by_shape[shape] = spelled
        return spelled

    def __call__(self, form: str) -> list[int]:
        found = self.found.get(form)
        if found is not None:
            return found
        text = self.text
        runs = [(m.start(), m.group()) for m in _WORD.finditer(form)]
        if not runs:
            found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]
        else:
            found = []
            size = min(len(runs), _INDEXED_WORDS)
            key = tuple(word for _, word in runs[:size])
            end = -1
            for start in self._spelled(key, runs[0][0], len(form)).get(form, []):
                stop = start + len(form)
                if start < end:
                    continue
                if (start > 0 and _WORD.match(text, start - 1)) or _WORD.match(text, stop):
                    continue  # not a whole word at one end
                found.append(start)
                end = stop
        self.found[form] = found
        return found
