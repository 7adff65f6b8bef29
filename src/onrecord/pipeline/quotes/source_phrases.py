"""Reports credited by a phrase set off after them: 'Y, according to X'.

Such a phrase credits the whole of Y to X, reports made inside Y included ('voters who
said A backed her, according to exit polls'), so a report inside Y ends before it.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc

from onrecord.lexicon import Lexicon
from onrecord.pipeline.quotes.ranges import trim
from onrecord.pipeline.quotes.reported import Frame, says_after


def holds_reports(frame: Frame) -> bool:
    """A phrase cue ('according to') whose content is the clause around it."""
    return frame.cue.cls == "phrase" and frame.content_kind == "main"


def holds_whole_reports(doc: Doc, frame: Frame) -> bool:
    """A frame whose content holds whole the reports made inside it: a source phrase
    ('Y, according to X'), or a verb of saying set off by a comma after its clause ('A
    agreed to talks, the ministry said'), where the ministry reports what A agreed to."""
    if holds_reports(frame):
        return True
    content, source = frame.content, frame.source
    if frame.cue.cls != "speech" or frame.content_kind not in ("main", "clause"):
        return False
    if content is None or source is None or content[1] + 2 >= len(doc):
        return False
    frame_start = min(source[0], frame.cue.first)
    if doc[content[1] + 1].text != "," or frame_start != content[1] + 2:
        return False
    return not says_after(doc[frame.cue.head])  # "..., others vow consequences": its own


def end_before_source_phrases(doc: Doc, frames: list[Frame], lexicon: Lexicon) -> list[Frame]:
    """Each frame whose content runs into a set-off source phrase, cut before its comma."""
    starts = sorted(
        frame.cue.first
        for frame in frames
        if holds_reports(frame) and frame.cue.first > 0 and doc[frame.cue.first - 1].text == ","
    )
    if not starts:
        return frames
    cut: list[Frame] = []
    for frame in frames:
        if frame.content is None or holds_reports(frame):
            cut.append(frame)
            continue
        first, last = frame.content
        at = bisect.bisect_right(starts, first)
        if at == len(starts) or starts[at] > last or starts[at] <= frame.cue.last:
            cut.append(frame)
            continue
        first, last = trim(doc, first, starts[at] - 1, connectives=lexicon.connectives)
        content = (first, last) if first <= last else None
        kind = frame.content_kind if content is not None else "none"
        cut.append(replace(frame, content=content, content_kind=kind))
    return cut
