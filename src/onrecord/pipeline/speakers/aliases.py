"""The names and descriptions that introduced quotes become their speakers' aliases."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from onrecord.lexicon import Lexicon
from onrecord.pipeline.entities import EntityIndex, Mention, SourceNote
from onrecord.pipeline.quotes.extractor import RawQuote
from onrecord.pipeline.speakers.context import Speaker


def note_source_mentions(
    doc: Doc,
    quotes: Sequence[RawQuote],
    speakers: Sequence[Speaker],
    index: EntityIndex,
    lexicon: Lexicon,
) -> list[SourceNote]:
    """The names and descriptions that introduce quotes, as mentions of their speakers'
    entities (for :meth:`EntityIndex.add_source_mentions`).

    "Novak added" (a surname the tagger missed) becomes a mention and an alias of the
    person; "the minister" becomes an alias (a description that referred to them). A name
    is added only when it spells the person's own name (a resolution error must not make
    another person an alias), a description only when it is one ("the timing of ...").
    """
    notes: list[SourceNote] = []
    spans: dict[int, _Spans] = {}  # by entity, made when first needed
    forms: dict[int, list[str]] = {}  # by entity: its forms, with the names noted here
    descriptions: dict[int, list[str]] = {}  # and its descriptions, with those noted here
    for quote, speaker in zip(quotes, speakers, strict=True):
        if speaker.entity is None or quote.source is None:
            continue
        entity = index.entities[speaker.entity]
        known = spans.get(speaker.entity)
        if known is None:
            known = spans[speaker.entity] = _Spans(entity.mentions)
            forms[speaker.entity] = list(entity.forms)
            descriptions[speaker.entity] = list(entity.descriptions)
        first, last = quote.source
        while first < last and (
            doc[first].lower_ in lexicon.honorifics
            or lexicon.is_title_word(doc[first].text)
            or (last - first >= 2 and lexicon.party_named(doc[first].text) is not None)
        ):
            first += 1  # "Sen. Marco X", "Democrat Marco X" are "Marco X"; not "GOP Candidates"
        tokens = doc[first : last + 1]
        text = tokens.text
        start, end = tokens.start_char, tokens.end_char
        if known.covers(start):
            continue
        mention = Mention(start, end, first, last, text)
        if all(t.pos_ == "PROPN" for t in tokens) and len(tokens) <= 3:
            if entity.type == "PERSON" and not _spells(forms[speaker.entity], text, lexicon):
                continue
            notes.append(SourceNote(speaker.entity, mention, description=False))
            known.add(start, end)
            forms[speaker.entity].append(text)
        elif (
            tokens[0].lower_ == "the"
            and len(tokens) <= 8
            and text not in descriptions[speaker.entity]
            and (lexicon.is_title_word(tokens[-1].text) or tokens[-1].lower_ in lexicon.descriptors)
        ):
            notes.append(SourceNote(speaker.entity, mention, description=True))
            known.add(start, end)
            descriptions[speaker.entity].append(text)
    return notes


class _Spans:
    """An entity's mentions as sorted (start, end) offsets, to ask whether one covers an
    offset by bisection: a quote's source is checked against the mentions that start
    within the longest mention's length before it, not against every mention of its
    speaker (quotes x mentions, when one person says everything)."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self.spans = sorted((m.start, m.end) for m in mentions)
        self.longest = max((end - start for start, end in self.spans), default=0)
        self.checked = 0  # spans looked at, for the tests

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)

    def covers(self, offset: int) -> bool:
        """Whether a mention holds ``offset`` (``start <= offset < end``)."""
        low = bisect.bisect_left(self.spans, offset - self.longest, key=_start)
        high = bisect.bisect_right(self.spans, offset, key=_start)
        for start, end in self.spans[low:high]:
            self.checked += 1
            if start <= offset < end:
                return True
        return False


def _start(span: tuple[int, int]) -> int:
    return span[0]


def _spells(forms: Iterable[str], name: str, lexicon: Lexicon) -> bool:
    """The name is a spelling of one of the person's forms: same surname key, and the
    same first name key when both give one."""
    words = name.split()
    for form in forms:
        known = form.split()
        if lexicon.name_key(words[-1]) != lexicon.name_key(known[-1]):
            continue
        if (
            len(words) > 1
            and len(known) > 1
            and lexicon.name_key(words[0]) != lexicon.name_key(known[0])
        ):
            continue
        return True
    return False
