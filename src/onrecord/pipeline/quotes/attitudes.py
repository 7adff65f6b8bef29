"""Verbs of wanting, planning and taking sides report an attitude only of someone.

'The senator wants a recount', 'the union plans to strike', 'voters prefer the
challenger' report what a person or a body holds; 'the bill seeks to cut costs' or
'the storm appears to weaken' report nothing. A cue of class `attitude` keeps its frame
only when its source names who can speak, and then counts as a cue of cognition.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from onrecord.lexicon import Lexicon
from onrecord.pipeline.cues import CueMatch
from onrecord.pipeline.quotes.reported import Frame, names_who_can_speak

_HELD_AS = "cognition"


def held_attitudes(
    doc: Doc, framed: Sequence[tuple[CueMatch, Frame]], lexicon: Lexicon
) -> list[tuple[CueMatch, Frame]]:
    """The framed cues, attitude cues kept only with a source who can hold one."""
    kept: list[tuple[CueMatch, Frame]] = []
    for cue, frame in framed:
        if cue.cls != "attitude":
            kept.append((cue, frame))
            continue
        head = frame.source_head
        if head is None or frame.passive or not _can_hold(doc[head], lexicon):
            continue
        held = replace(cue, pattern=replace(cue.pattern, cls=_HELD_AS))
        kept.append((held, replace(frame, cue=held)))
    return kept


def _can_hold(token: Token, lexicon: Lexicon) -> bool:
    """A person or a body: a document may say, but does not want or plan."""
    lemma = token.lemma_.lower()
    if lemma in lexicon.document_nouns:
        return False
    # a title on its own ("the minister"), not any word of one ("trade" of "trade minister")
    return names_who_can_speak(token, lexicon) or lemma in lexicon.titles
