"""After the quoted passages: reporting frames no passage used become indirect quotes, and
a sentence that goes on from a reported statement joins it."""

from __future__ import annotations

from onrecord.pipeline.nlp import sentence_of
from onrecord.pipeline.quotes.context import ExtractionState, RawQuote, SpanGrid
from onrecord.pipeline.quotes.ranges import trim
from onrecord.pipeline.quotes.source_mentions import plausible_source
from onrecord.pipeline.quotes.source_phrases import holds_reports, holds_whole_reports


def add_indirect(state: ExtractionState) -> None:
    """Each unused frame with content that no quote holds: an indirect quote."""
    ctx = state.ctx
    taken = SpanGrid([span for quote in state.quotes for span in quote.content])
    # the quotes found before this pass; 'taken' also grows with the reports kept here
    quoted = SpanGrid([span for quote in state.quotes for span in quote.content])
    kept: list[RawQuote] = []
    for index in _outer_first(state):
        frame = ctx.frames[index]
        if frame.content is None:
            continue
        first, last = frame.content
        other = frame.other_part
        if last - first < 1 and frame.content_kind != "np" and other is None:
            continue
        if first == last and ctx.doc[first].pos_ == "PRON" and other is None:
            continue  # 'criticised him': whom, not what
        span = ctx.char_span(first, last)
        spans = [span] if other is None else sorted([span, ctx.char_span(*other)])
        nests = (
            holds_whole_reports(ctx.doc, frame)
            and not quoted.overlaps(span)
            and taken.only_inside(span)
        )
        if any(taken.overlaps(part) for part in spans) and not nests:
            continue
        cue_span = ctx.char_span(frame.cue.first, frame.cue.last)
        if taken.holds(cue_span):
            continue  # a report nested inside another report's content
        quote = RawQuote("indirect", spans, confidence=0.6, frame=frame, cue=frame.cue)
        quote.cue_span = cue_span
        if frame.source is not None and plausible_source(ctx, frame.source):
            quote.source, quote.source_head = frame.source, frame.source_head
        kept.append(quote)
        for part in spans:
            taken.add(part)
    state.quotes.extend(kept)


def _outer_first(state: ExtractionState) -> list[int]:
    """The unused frames with content, last those with no source whose cue lies inside
    another's content: in 'A would be considered B, X said' X reports A, and the passive
    inside it, with no one to say it, is part of what X said (an inner cue with a source of
    its own keeps its place). A set-off source phrase ('A, according to X') credits what it
    holds without hiding it, so it does not count as holding it."""
    ctx = state.ctx
    unused = [
        index
        for index, frame in enumerate(ctx.frames)
        if index not in state.used_frames and frame.content is not None
    ]
    holding = SpanGrid(
        [
            ctx.char_span(*content)
            for index in unused
            if (content := ctx.frames[index].content) is not None
            and not holds_reports(ctx.frames[index])
        ]
    )

    def nested(index: int) -> bool:
        frame = ctx.frames[index]
        sourceless = frame.source is None or not plausible_source(ctx, frame.source)
        return sourceless and holding.holds(ctx.char_span(frame.cue.first, frame.cue.last))

    inner = {index for index in unused if nested(index)}
    return [i for i in unused if i not in inner] + [i for i in unused if i in inner]


def add_continuations(state: ExtractionState) -> None:
    """'X said that A. At the same time, B.': B, with no cue of its own, is still X's."""
    ctx = state.ctx
    doc, lexicon = ctx.doc, ctx.lexicon
    taken = SpanGrid([span for quote in state.quotes for span in quote.content])
    for quote in state.quotes:
        if quote.type not in ("indirect", "mixed") or quote.cue is None:
            continue
        end = ctx.token_at(quote.content[-1][1] - 1)
        sent = sentence_of(doc, end)
        if any(not (t.is_punct or t.is_space) for t in doc[end + 1 : sent.end]):
            continue  # the reported clause does not close its sentence
        nxt = sent.end
        while nxt < len(doc) and doc[nxt].is_space and doc[nxt].text.count("\n") <= 2:
            nxt += 1
        if nxt >= len(doc) or doc[nxt].is_space:
            continue
        following = sentence_of(doc, nxt)
        opening = tuple(t.lower_ for t in doc[nxt : nxt + 4])
        if not any(opening[: len(c)] == c for c in lexicon.continuations):
            continue
        inside = range(following.start, following.end)
        if any(ctx.quote_of[i] >= 0 or i in ctx.frame_at for i in inside):
            continue
        first, last = trim(doc, following.start, following.end - 1, connectives=lexicon.connectives)
        if first > last:
            continue
        span = ctx.char_span(first, last)
        if taken.overlaps(span):
            continue
        quote.content.append(span)
        taken.add(span)
