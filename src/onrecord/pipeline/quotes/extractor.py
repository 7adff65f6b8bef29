"""Extraction: quoted passages and reporting frames become quotes with cue and source.

Input is the parsed Doc (of the blanked text, same offsets as the original) and
the quoted spans found by :mod:`onrecord.text.marks`; output is a list of
:class:`RawQuote` whose speakers are resolved later.

Each quoted passage, in text order, goes through the attachment rules
(:mod:`.rules`) in this order until one takes it:
- the direct quote a cue interrupted (``"Every time," X said, "you give ..."``), or
  the mixed quote whose sentence it is in (``called X a "liar" who is "amoral"``);
- the quote it resumes after an aside between dashes that has a quote of its own
  (``X said, "A" - at which point the crowd chanted "B" - "and C."``);
- the cue right after it (``"...," the minister said`` / ``"...," said X``);
- the cue right before it (``X said: "..."``, ``X told reporters "..."``), or a
  reporting clause it completes (``X said the plan was "dead"``: a mixed quote);
- a reporting frame whose content contains it;
- a lead-in sentence ending with a colon, or a dash and a name after it;
- the direct quote it continues (``"A," she said. "B."`` is one quote);
and otherwise it is dropped as a scare quote, or is a partial quote of the current
speaker (a direct one when it stands alone).
A headline's own shapes of statement ("Jane Doe: ...", "Jane Doe Says ...") come next
(:mod:`.headline_statements`); reporting frames left over become indirect quotes
(:mod:`.indirect`).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from spacy.tokens import Doc

from onrecord.lexicon import Lexicon
from onrecord.pipeline.quotes import rules
from onrecord.pipeline.quotes.context import ExtractionState, Passage, RawQuote, SpanGrid
from onrecord.pipeline.quotes.headline_statements import add_headline_statements
from onrecord.pipeline.quotes.indirect import add_continuations, add_indirect
from onrecord.pipeline.quotes.source_phrases import holds_whole_reports
from onrecord.record import QuoteType
from onrecord.text.marks import QuotedSpan

__all__ = ["ATTACHMENT_RULES", "RawQuote", "extract"]

ATTACHMENT_RULES: tuple[rules.AttachmentRule, ...] = (
    rules.interrupted_quote,
    rules.same_report_passage,
    rules.resumed_after_aside,
    rules.cue_after_quote,
    rules.cue_before_quote,
    rules.frame_holding_quote,
    rules.colon_lead_in_quote,
    rules.dash_name_quote,
    rules.continued_quote,
    rules.scare_quote,
    rules.uncued_quote,
)


def extract(doc: Doc, quoted: Sequence[QuotedSpan], lexicon: Lexicon) -> list[RawQuote]:
    """All quotes of one parsed article, in text order, with cue and source mention."""
    state = ExtractionState(doc, quoted, lexicon)
    for passage in state.ctx.passages():
        _attach(state, passage)
    add_headline_statements(state)
    add_indirect(state)
    add_continuations(state)
    _note_governing_cues(state)
    quotes = sorted(state.quotes, key=lambda q: q.start)
    _continue_latest(quotes)
    return _without_overlaps(doc, quotes)


def _attach(state: ExtractionState, passage: Passage) -> None:
    for rule in ATTACHMENT_RULES:
        if rule(state, passage):
            return


def _note_governing_cues(state: ExtractionState) -> None:
    """'criticized X, saying ...': the verb that frames a quote's cue."""
    ctx = state.ctx
    for quote in state.quotes:
        if quote.cue is not None:
            head = ctx.doc[quote.cue.head]
            if head.dep_ in ("advcl", "xcomp", "conj") and head.head.i != head.i:
                governing = ctx.frame_at.get(head.head.i)
                if governing is not None:
                    quote.governing = ctx.cues[governing]


def _continue_latest(quotes: list[RawQuote]) -> None:
    """A quote with no cue continues the statement that ends last before it, reported speech
    included, not beliefs or nouns ('she said she had made progress. "I really believe ..."').
    Direct quotes are attached before reported ones are found: they first point at the last
    direct one."""
    ended: list[tuple[int, int, RawQuote]] = []  # a heap of (end, order, quote)
    latest: RawQuote | None = None
    for order, quote in enumerate(quotes):
        while ended and ended[0][0] <= quote.start:
            done = heapq.heappop(ended)[2]
            if latest is None or done.content[-1][1] >= latest.content[-1][1]:
                latest = done
        if (
            quote.continues is not None
            and latest is not None
            and latest.content[-1][1] > quote.continues.content[-1][1]
        ):
            quote.continues = latest
        spoken = quote.cue is None or quote.cue.cls in ("speech", "phrase")
        if spoken and (quote.source is not None or quote.continues is not None):
            heapq.heappush(ended, (quote.content[-1][1], order, quote))


def _without_overlaps(doc: Doc, quotes: list[RawQuote]) -> list[RawQuote]:
    """No two quotes of one type share characters: a later quote that would is dropped
    (rules that each hold can still meet on broken input). The one exception is a report
    that holds whole the reports inside it ('Y, according to X', 'A agreed to B, the
    ministry said'); it is kept apart."""
    kept: list[RawQuote] = []
    by_type: dict[QuoteType, SpanGrid] = {}  # the kept quotes' contents, per type
    holders = {
        id(q): q
        for q in quotes
        if q.type == "indirect" and q.frame is not None and holds_whole_reports(doc, q.frame)
    }
    for quote in quotes:
        grid = by_type.setdefault(quote.type, SpanGrid())
        if id(quote) in holders:
            continue
        if not any(grid.overlaps(span) for span in quote.content):
            kept.append(quote)
            for span in quote.content:
                grid.add(span)
    for holder in holders.values():
        grid = by_type.setdefault(holder.type, SpanGrid())
        if all(grid.only_inside(span) for span in holder.content):
            kept.append(holder)
            for span in holder.content:
                grid.add(span)
    return sorted(kept, key=lambda q: q.start)
