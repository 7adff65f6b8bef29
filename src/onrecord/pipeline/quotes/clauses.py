"""The clause a reporting frame reports, and an index of every frame's clause by position."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from functools import cached_property

from spacy.tokens import Doc

from onrecord.lexicon import Lexicon
from onrecord.pipeline.nlp import sentence_of
from onrecord.pipeline.quotes.ranges import TokRange
from onrecord.pipeline.quotes.reported import Frame

_GOVERNOR_DEPTH = 3  # verbs above a cue whose second statements end its clause


def clause_of(doc: Doc, lexicon: Lexicon, frame: Frame) -> TokRange | None:
    """A frame's content, run on to the end of the sentence when it stops short of it
    ('said Democrats are to blame for focusing on "he said this"'), but not into a
    second statement of the cue's subject ('and said that ...')."""
    if frame.content is None:
        return None
    first, last = frame.content
    if first > frame.cue.last and frame.content_kind != "clause_part":
        end = sentence_of(doc, frame.cue.head).end - 1
        cue_head = doc[frame.cue.head]
        # the cue's own conjuncts, and those of the verbs it hangs from ('issued a
        # statement saying A and said B')
        governors = [cue_head, *itertools.islice(cue_head.ancestors, _GOVERNOR_DEPTH)]
        conjuncts = [c for governor in governors for c in governor.children]
        for conj in conjuncts:
            if (
                conj.dep_ == "conj"
                and last < conj.left_edge.i <= end
                and lexicon.is_speech_verb(conj.lemma_)
            ):
                end = conj.left_edge.i - 1
                while end > last and (doc[end].dep_ == "cc" or doc[end].is_punct):
                    end -= 1
        last = max(last, end)
    return first, last


class ClauseIndex:
    """Every frame's clause, computed once per article when first asked for, and sorted by
    start so that a quote is compared with the frames near it only, never with every frame
    of the article."""

    def __init__(self, doc: Doc, lexicon: Lexicon, frames: Sequence[Frame]) -> None:
        self._doc = doc
        self._lexicon = lexicon
        self._frames = frames

    @cached_property
    def clauses(self) -> list[TokRange | None]:
        """The clause of each frame, by frame index."""
        return [clause_of(self._doc, self._lexicon, frame) for frame in self._frames]

    @cached_property
    def _by_start(self) -> list[tuple[int, int, int]]:
        """(first, last, frame index) of every clause, sorted."""
        return sorted((c[0], c[1], index) for index, c in enumerate(self.clauses) if c)

    @cached_property
    def _starts(self) -> list[int]:
        return [start for start, _, _ in self._by_start]

    @cached_property
    def _longest(self) -> int:
        return max([0, *(last - first for first, last, _ in self._by_start)])

    def frames_over(self, first: int, last: int) -> list[int]:
        """The frames whose clause overlaps tokens first..last, in frame order."""
        low = bisect.bisect_left(self._starts, first - self._longest)
        high = bisect.bisect_right(self._starts, last)
        return sorted(index for _start, end, index in self._by_start[low:high] if end >= first)
