"""Building quotes: a quote from a reporting frame, and a quote grown by one more passage."""

from __future__ import annotations

from onrecord.pipeline.nlp import head_of, sentence_of
from onrecord.pipeline.quotes.context import Context, ExtractionState, Passage, RawQuote
from onrecord.pipeline.quotes.ranges import TokRange
from onrecord.pipeline.quotes.reported import Frame
from onrecord.pipeline.quotes.source_mentions import (
    inverted_subject,
    off_quote_edges,
    participle_source,
    plausible_source,
)
from onrecord.record import QuoteType, Span


def push_direct(state: ExtractionState, quote: RawQuote) -> None:
    """Keep a direct or mixed quote, which the passages after it may continue."""
    state.quotes.append(quote)
    state.last_direct = quote


def add_quote(
    state: ExtractionState,
    span: Span,
    *,
    kind: QuoteType,
    content: list[Span],
    frame_index: int,
    source: TokRange | None,
    confidence: float,
) -> None:
    """A quote of the quoted passage ``span`` with the cue of a frame, and the frame's
    source unless ``source`` (found where the parse missed it) is given."""
    ctx = state.ctx
    frame = ctx.frames[frame_index]
    state.used_frames.add(frame_index)
    quote = RawQuote(kind, content, quoted=[span], confidence=confidence)
    quote.frame = frame
    quote.cue = frame.cue
    quote.cue_span = ctx.char_span(frame.cue.first, frame.cue.last)
    frame_source = off_quote_edges(ctx, frame.source, span) if frame.source is not None else None
    if source is None and frame_source is not None and plausible_source(ctx, frame_source):
        quote.source, quote.source_head = frame_source, frame.source_head
    else:
        source = (
            source
            or inverted_subject(ctx, frame)
            or participle_source(ctx, frame)
            or _adding_source(state, frame)
        )
        if source is not None and plausible_source(ctx, source):
            quote.source, quote.source_head = source, head_of(ctx.doc, source)
    if kind in ("direct", "mixed"):
        push_direct(state, quote)
    else:
        state.quotes.append(quote)


def add_mixed_in(state: ExtractionState, frame_index: int, passage: Passage) -> None:
    """A quoted passage inside the clause an outer cue reports: one mixed quote."""
    ctx = state.ctx
    frame = ctx.frames[frame_index]
    clause = state.clauses.clauses[frame_index]
    assert clause is not None and frame.content is not None
    c_first = min(frame.content[0], passage.first)
    c_last = max(frame.content[1], passage.last)
    c_first, c_last = whole_quotes(ctx, c_first, c_last)
    previous = state.last_direct
    if previous is not None and previous.frame is frame:
        extend_quote(previous, passage.span, replace=ctx.char_span(c_first, c_last))
        return
    add_mixed(state, passage, frame_index, (c_first, c_last))


def add_direct(
    state: ExtractionState,
    passage: Passage,
    frame_index: int,
    *,
    source: TokRange | None = None,
    confidence: float,
) -> None:
    """A direct quote of a passage with the cue of a frame."""
    add_quote(
        state,
        passage.span,
        kind="direct",
        content=[passage.span],
        frame_index=frame_index,
        source=source,
        confidence=confidence,
    )


def add_mixed(state: ExtractionState, passage: Passage, frame_index: int, tokens: TokRange) -> None:
    """A mixed quote of the tokens a frame reports, the passage among them."""
    add_quote(
        state,
        passage.span,
        kind="mixed",
        content=[state.ctx.char_span(*tokens)],
        frame_index=frame_index,
        source=None,
        confidence=0.7,
    )


def extend_quote(quote: RawQuote, span: Span, *, replace: Span | None = None) -> None:
    """Add a quoted passage to a quote: to a mixed quote's content (``replace`` it when
    given), or as one more part of a direct quote."""
    quote.quoted.append(span)
    if replace is not None and quote.type == "mixed":
        start = min(quote.content[0][0], replace[0])
        quote.content = [(start, max(quote.content[-1][1], replace[1]))]
    elif quote.type == "mixed" and span[0] <= quote.content[-1][1] + 200:
        quote.content[-1] = (quote.content[-1][0], max(quote.content[-1][1], span[1]))
    else:
        quote.content.append(span)


def whole_quotes(ctx: Context, first: int, last: int) -> TokRange:
    """Stretch a token range so that it does not cut a quoted passage in two."""
    for i in (first, last):
        quote = ctx.quote_of[i] if 0 <= i < len(ctx.doc) else -1
        if quote >= 0:
            first = min(first, ctx.quote_tokens[quote][0])
            last = max(last, ctx.quote_tokens[quote][1])
    return first, last


def _adding_source(state: ExtractionState, frame: Frame) -> TokRange | None:
    """'X stated that the report "wasn't good." Adding, "..."': a participle that opens a
    sentence of its own goes on for the speaker of the quote just before, in its paragraph."""
    ctx, doc = state.ctx, state.ctx.doc
    head = doc[frame.cue.head]
    previous = state.last_direct
    if head.tag_ != "VBG" or previous is None or previous.source is None:
        return None
    sent = sentence_of(doc, head.i)
    lead = [t for t in doc[sent.start : frame.cue.first] if not (t.is_space or t.is_punct)]
    after = frame.cue.last + 1
    if lead or after >= len(doc) or doc[after].text not in (",", ":"):
        return None
    between = ctx.text[previous.quoted[-1][1] : head.idx]
    return previous.source if "\n" not in between and len(between) < 40 else None
