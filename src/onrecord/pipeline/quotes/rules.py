"""The attachment rules: each decides, or leaves to the next rule, what one quoted passage
belongs to. A rule takes the extraction state and the passage, and returns True when it
has attached the passage (or dropped it), False when the passage is not of its shape and
has changed nothing. The extractor tries them in the order its docstring gives."""

from __future__ import annotations

from collections.abc import Callable

from onrecord.pipeline.nlp import head_of, sentence_of
from onrecord.pipeline.quotes.building import (
    add_direct,
    add_mixed,
    add_mixed_in,
    add_quote,
    extend_quote,
    push_direct,
    whole_quotes,
)
from onrecord.pipeline.quotes.context import (
    DASHES,
    Context,
    ExtractionState,
    Passage,
    RawQuote,
    subtree,
)
from onrecord.pipeline.quotes.frames import (
    after_colon,
    colon_lead_in,
    containing_frame,
    cue_after,
    cue_before,
    fronted_participle,
    lead_cue_holds,
    lead_words,
    outer_frame,
    part_of_frame,
)
from onrecord.pipeline.quotes.ranges import trim
from onrecord.pipeline.quotes.reported import Frame
from onrecord.pipeline.quotes.shapes import (
    continues,
    interrupts,
    is_scare_quote,
    narrative_subject,
    same_report,
    stands_alone,
)
from onrecord.pipeline.quotes.source_mentions import (
    dash_name,
    inverted_lead,
    off_quote_edges,
    trim_source,
)

AttachmentRule = Callable[[ExtractionState, Passage], bool]
_CLAUSES = frozenset({"clause", "clause_part"})


def interrupted_quote(state: ExtractionState, passage: Passage) -> bool:
    """'"Every time," Halvorsen said, "you give ...": the rest of the quote a cue interrupted."""
    previous = state.last_direct
    if previous is None or not interrupts(state.ctx, previous, passage.span):
        return False
    extend_quote(previous, passage.span)
    return True


def resumed_after_aside(state: ExtractionState, passage: Passage) -> bool:
    """'He said, "A" - at which point the crowd chanted "B" - "and C."': the lower-case
    passage after an aside set off by dashes resumes A, not the aside's quote B."""
    previous = state.last_direct
    if previous is None:
        return False
    resumed = _resumed_before_aside(state, previous, passage)
    if resumed is None:
        return False
    extend_quote(resumed, passage.span)
    state.last_direct = resumed
    return True


def same_report_passage(state: ExtractionState, passage: Passage) -> bool:
    """'called Okafor a "liar" who is "amoral," a "bully"': another passage of the mixed
    quote whose cue governs the sentence."""
    previous = state.last_direct
    if previous is None or not same_report(state.ctx, previous, passage.first):
        return False
    extend_quote(previous, passage.span, replace=(previous.content[0][0], passage.span[1]))
    return True


def cue_after_quote(state: ExtractionState, passage: Passage) -> bool:
    """'"...," the minister said', '"...," said X': a direct quote, or a mixed one when a
    lead-in of its own sentence comes before it."""
    ctx, doc = state.ctx, state.ctx.doc
    first, span = passage.first, passage.span
    after = cue_after(ctx, first, passage.last)
    if after is None or lead_cue_holds(state, first, passage.last):
        return False  # 'X said they want "justice," but pledged ...': the quote is X's
    frame_index, gap_source = after
    frame = ctx.frames[frame_index]
    if _says_a_clause_of_its_own(ctx, frame):
        return False  # 'Speaking on ABC's "This Week," X said he ...': X said the clause
    if _says_a_quote_of_its_own(ctx, frame, passage) and cue_before(ctx, first) is not None:
        return False  # 'A replies with, "...?" B then writes back, "..."': B wrote the second
    if _extends_previous(state, frame, passage):
        return True
    sent_first = sentence_of(doc, first).start
    lead_first, _ = trim(doc, sent_first, first - 1, connectives=ctx.lexicon.connectives)
    lead_in = ctx.words(lead_first, first - 1)
    mark = first - 1
    while mark > lead_first and doc[mark].is_space:
        mark -= 1
    if doc[mark].text == ":":
        lead_in = []  # 'X scolded him: "...," she said': an introduction, not content
    if lead_first < first and len(lead_in) >= 3:
        content = (ctx.char_span(lead_first, first)[0], span[1])
        add_quote(
            state,
            span,
            kind="mixed",
            content=[content],
            frame_index=frame_index,
            source=gap_source,
            confidence=0.7,
        )
    else:
        add_direct(state, passage, frame_index, source=gap_source, confidence=0.9)
    return True


def _says_a_clause_of_its_own(ctx: Context, frame: Frame) -> bool:
    """The frame reports a clause after its cue that no quotation mark opens."""
    content = frame.content
    if frame.content_kind not in _CLAUSES or content is None or content[0] <= frame.cue.last:
        return False
    return all(ctx.quote_of[i] < 0 for i in range(frame.cue.last + 1, content[1] + 1))


def _says_a_quote_of_its_own(ctx: Context, frame: Frame, passage: Passage) -> bool:
    """The frame reports another quotation, after its cue, in a sentence after the
    passage's own."""
    content = frame.content
    if content is None or content[0] <= frame.cue.last:
        return False
    inside = [ctx.quote_of[i] for i in range(content[0], content[1] + 1) if ctx.quote_of[i] >= 0]
    starts_after = sentence_of(ctx.doc, frame.cue.head).start > passage.last
    return starts_after and bool(inside) and all(q != passage.index for q in inside)


def cue_before_quote(state: ExtractionState, passage: Passage) -> bool:
    """'X said: "..."', 'X told reporters "..."'; or a mixed quote of the reporting clause
    it completes ('X said the plan was "dead"')."""
    ctx = state.ctx
    first, last = passage.first, passage.last
    before = cue_before(ctx, first)
    if before is None:
        return False
    frame = ctx.frames[before]
    if part_of_frame(ctx.doc, frame, first, last):
        return True  # 'told MSNBC's "Morning Joe" that ...': a name in the frame, dropped
    if _extends_previous(state, frame, passage):
        return True
    outer = outer_frame(state, before)
    if outer is not None:
        add_mixed_in(state, outer, passage)
        return True
    lead = lead_words(ctx, frame, first)
    named = inverted_lead(ctx.doc, frame, lead, first)
    if named is not None:  # 'Said Jane Doe: "..."'
        add_direct(state, passage, before, source=named, confidence=0.85)
        return True
    c_first = lead[0].i if lead else first
    c_last = last
    if frame.content is not None and frame.content[0] <= first <= frame.content[1]:
        c_first = min(c_first, frame.content[0])
        c_last = max(c_last, frame.content[1])  # 'said "as training ends," troops will'
    c_first, c_last = whole_quotes(ctx, c_first, c_last)
    if lead or len(ctx.words(last + 1, c_last)) >= 2:
        add_mixed(state, passage, before, (c_first, c_last))
    else:
        add_direct(state, passage, before, confidence=0.9)
    return True


def frame_holding_quote(state: ExtractionState, passage: Passage) -> bool:
    """A reporting frame whose clause holds the passage: a mixed quote of the clause (of
    the outermost frame that reports it), or a direct one when the passage is all of it."""
    ctx, doc = state.ctx, state.ctx.doc
    first, last, span = passage.first, passage.last, passage.span
    containing = containing_frame(state, first, last)
    if containing is None:
        return False
    outer = outer_frame(state, containing)
    if outer is not None:
        add_mixed_in(state, outer, passage)
        return True
    frame = ctx.frames[containing]
    if after_colon(ctx, first) and fronted_participle(doc, frame.cue.head):
        return False  # 'Asked about it, she shrugged: "..."': the lead-in's, not the asker's
    clause = state.clauses.clauses[containing]
    assert clause is not None and frame.content is not None
    c_first = min(frame.content[0], first)
    c_last = max(frame.content[1], last)
    if clause[1] > frame.content[1] and last > frame.content[1]:
        c_last = max(c_last, trim(doc, c_first, clause[1], connectives=frozenset())[1])
    c_first, c_last = whole_quotes(ctx, c_first, c_last)
    previous = state.last_direct
    if previous is not None and previous.frame is frame:
        extend_quote(previous, span, replace=ctx.char_span(c_first, c_last))
    elif len(ctx.words(c_first, c_last)) <= 1:
        add_direct(state, passage, containing, confidence=0.8)
    else:
        add_mixed(state, passage, containing, (c_first, c_last))
    return True


def colon_lead_in_quote(state: ExtractionState, passage: Passage) -> bool:
    """A lead-in sentence ending in a colon: its cue, or else the speaker it names."""
    span = passage.span
    frame_index, speaker = colon_lead_in(state.ctx, passage.first)
    if frame_index is not None:
        add_direct(state, passage, frame_index, confidence=0.8)
        return True
    if speaker is None:
        return False
    quote = RawQuote("direct", [span], quoted=[span], confidence=0.6)
    quote.source, quote.source_head = speaker, head_of(state.ctx.doc, speaker)
    push_direct(state, quote)
    return True


def dash_name_quote(state: ExtractionState, passage: Passage) -> bool:
    """'"..." ― Jane Doe': a name after a dash that ends the paragraph."""
    ctx, doc = state.ctx, state.ctx.doc
    last, span = passage.last, passage.span
    dash = dash_name(doc, last)
    if dash is None:
        return False
    quote = RawQuote("direct", [span], quoted=[span], confidence=0.7)
    quote.source, quote.source_head = dash, dash[1]
    cue_token = doc[dash[0] - 1] if doc[dash[0] - 1].text in DASHES else doc[last + 1]
    quote.cue_span = ctx.char_span(cue_token.i, cue_token.i)
    push_direct(state, quote)
    return True


def continued_quote(state: ExtractionState, passage: Passage) -> bool:
    """'"A," she said. "B."': a passage standing alone goes on with the direct quote
    before it."""
    previous = state.last_direct
    if (
        not stands_alone(state.ctx, passage.first, passage.last)
        or previous is None
        or not continues(state, previous, passage.first)
    ):
        return False
    extend_quote(previous, passage.span)
    return True


def _resumed_before_aside(
    state: ExtractionState, previous: RawQuote, passage: Passage
) -> RawQuote | None:
    """The quote A that a passage resumes after an aside with a quote of its own (the
    previous quote), or None."""
    text = state.ctx.text
    opening = text[passage.span[0] : passage.span[1]].lstrip("\"“'‘ ")
    if not opening[:1].islower() or previous.cue_span is None:
        return None
    gap = text[previous.quoted[-1][1] : passage.span[0]].strip(" ,")
    if gap not in DASHES:
        return None
    earlier = [
        q
        for q in state.quotes
        if q is not previous and q.quoted and q.quoted[-1][1] <= previous.quoted[0][0]
    ]
    if not earlier:
        return None
    resumed = max(earlier, key=lambda q: q.quoted[-1][1])
    before_aside = text[resumed.quoted[-1][1] : min(previous.cue_span[0], previous.quoted[0][0])]
    opener = before_aside.lstrip()
    if not opener or opener[0] not in DASHES or any(c in before_aside for c in ".!?\n"):
        return None
    return resumed


def scare_quote(state: ExtractionState, passage: Passage) -> bool:
    """A quoted word or a title, not something someone said: dropped."""
    return is_scare_quote(state.ctx.doc, passage.first, passage.last)


def uncued_quote(state: ExtractionState, passage: Passage) -> bool:
    """The last resort: a passage standing alone is a direct quote of the subject of the
    sentence before it ('Jones disagreed. "B."') or of the current speaker; any other is
    a partial quote of the current speaker."""
    ctx, doc = state.ctx, state.ctx.doc
    span = passage.span
    speaker_from = state.quotes[-1] if state.quotes else None
    if not stands_alone(ctx, passage.first, passage.last):
        partial = RawQuote("partial", [span], continues=speaker_from, quoted=[span], confidence=0.4)
        state.quotes.append(partial)
        return True
    quote = RawQuote("direct", [span], continues=speaker_from, quoted=[span], confidence=0.5)
    subject = narrative_subject(state, passage.first)
    if subject is not None and doc[subject].pos_ != "PRON":
        source = off_quote_edges(ctx, trim_source(doc, *subtree(doc, subject)))
        if source[0] <= source[1]:  # a "subject" of punctuation alone names no one
            quote.source, quote.source_head = source, subject
    push_direct(state, quote)
    return True


def _extends_previous(state: ExtractionState, frame: Frame, passage: Passage) -> bool:
    """A further passage of the quote the same frame already reports joins that quote."""
    previous = state.last_direct
    if previous is None or previous.frame is not frame:
        return False
    extend_quote(previous, passage.span)
    return True
