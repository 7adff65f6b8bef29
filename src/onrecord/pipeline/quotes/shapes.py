"""Tests on the text around a quoted passage: does it continue, interrupt or stand apart
from the quote before it, and is it a scare quote."""

from __future__ import annotations

from spacy.tokens import Doc

from onrecord.pipeline.nlp import sentence_of
from onrecord.pipeline.quotes.clauses import clause_of
from onrecord.pipeline.quotes.context import (
    SENTENCE_END,
    VERBAL_CLASSES,
    Context,
    ExtractionState,
    RawQuote,
    is_break,
    root_subject,
)
from onrecord.record import Span
from onrecord.text.quote_marks import CLOSING_MARKS

_SCARE_MAX_WORDS = 2
_MAX_CONTINUATION_GAP = 400


def same_report(ctx: Context, previous: RawQuote, first: int) -> bool:
    """Another quoted passage later in the sentence a mixed quote's cue governs, with no
    new cue in between."""
    if previous.type != "mixed" or previous.cue is None:
        return False
    doc = ctx.doc
    sent = sentence_of(doc, previous.cue.head)
    if not sent.start <= first < sent.end or previous.cue.head > first:
        return False
    start = ctx.token_at(previous.content[-1][1])
    clause = clause_of(doc, ctx.lexicon, previous.frame) if previous.frame is not None else None

    def new_cue(i: int) -> bool:
        index = ctx.frame_at.get(i)
        if index is None or ctx.cues[index].cls not in VERBAL_CLASSES:
            return False
        # a cue inside the reported clause ("and let them know that") is part of it
        return clause is None or not clause[0] <= i <= clause[1]

    return not any(new_cue(i) for i in range(start, first))


def interrupts(ctx: Context, previous: RawQuote, span: Span) -> bool:
    """'"Every time you say that," Halvorsen said, referring to X, "you give ..."'."""
    text = ctx.text
    prev_end = previous.content[-1][1]
    if not previous.quoted or span[0] - prev_end > 200 or span[0] < prev_end:
        return False
    last_quote = previous.quoted[-1]
    inner_end = text[last_quote[0] : last_quote[1] - 1].rstrip()
    between = text[prev_end : span[0]]
    if "\n" in between or any(p in between for p in (". ", "! ", "? ")):
        return False
    opening = text[span[0] + 1 : span[0] + 3].lstrip(" .…")
    if not (inner_end.endswith((",", "—", "–", "-", "…")) and opening[:1].islower()):
        return False
    return not _reported_between(ctx, previous, prev_end, span[0])


def _reported_between(ctx: Context, previous: RawQuote, start: int, end: int) -> bool:
    """Between a quote and the next passage, the passage is not the quote's second half
    when a word leads into it ('wrote, adding that if ..., "the plan would fail"' has a
    word before the comma's passage) or another reporting verb comes in between ('said,
    adding that the city would send a "clear message"', 'tweeted after X argued that')."""
    doc = ctx.doc
    first = ctx.token_at(end)
    before = first - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before >= 0 and not doc[before].is_punct:
        return True
    own = previous.cue.first if previous.cue is not None else -1
    for i in range(ctx.token_at(start), first):
        index = ctx.frame_at.get(i)
        if index is None or doc[i].idx < start:
            continue
        cue = ctx.cues[index]
        if cue.first != own and cue.cls in VERBAL_CLASSES and not _aside(ctx, index, first):
            return True
    return False


def _aside(ctx: Context, index: int, passage: int) -> bool:
    """'said, referring to the report, "you give up"': a cue whose object ends before the
    passage is an aside, and the passage still goes on with the quote."""
    frame = ctx.frames[index]
    return frame.content_kind == "np" and frame.content is not None and frame.content[1] < passage


def stands_alone(ctx: Context, first: int, last: int) -> bool:
    """The quote is a sentence or paragraph of its own (nothing but punctuation around it)."""
    doc = ctx.doc
    i = first - 1
    while i >= 0 and (doc[i].is_space or doc[i].is_punct) and not is_break(doc[i]):
        if doc[i].text in SENTENCE_END or ctx.quote_of[i] >= 0:
            break
        i -= 1
    before = i < 0 or is_break(doc[i]) or doc[i].text in SENTENCE_END or ctx.quote_of[i] >= 0
    j = last + 1
    while (
        j < len(doc) and doc[j].is_punct and ctx.quote_of[j] < 0 and doc[j].text not in SENTENCE_END
    ):
        j += 1
    after = (
        j >= len(doc)
        or is_break(doc[j])
        or doc[j].text in SENTENCE_END
        or ctx.quote_of[j] >= 0
        or (_ends_a_sentence(ctx, last) and doc[j].text[:1].isupper())
    )
    return before and after


def _ends_a_sentence(ctx: Context, last: int) -> bool:
    """The quoted passage closing at token ``last`` ends with its own full stop ('"B."
    Then ...'): what follows starts a new sentence."""
    inner = ctx.text[ctx.quoted[ctx.quote_of[last]].start : ctx.doc[last].idx]
    return inner.rstrip(" " + CLOSING_MARKS).endswith((".", "!", "?", "…"))


def continues(state: ExtractionState, previous: RawQuote, first: int) -> bool:
    """A cue-less quote after a direct quote continues it: in the same paragraph unless
    someone else has become the subject since, in the next one only across its frame."""
    ctx = state.ctx
    doc = ctx.doc
    prev_end = previous.content[-1][1]
    start = doc[first].idx
    between = ctx.text[prev_end:start]
    if len(between) > _MAX_CONTINUATION_GAP or between.count("\n\n") > 1 or between.count("\n") > 2:
        return False
    gap = [t for t in ctx.words(ctx.token_at(prev_end), first - 1) if t.idx >= prev_end]
    if not gap:
        return True
    cue_sentence = sentence_of(doc, previous.cue.head).start if previous.cue is not None else None
    frame_only = cue_sentence is not None and all(
        sentence_of(doc, t.i).start == cue_sentence for t in gap
    )
    if frame_only:
        return True
    if "\n" in between:
        return False
    subject = narrative_subject(state, first)
    return subject is None or doc[subject].pos_ == "PRON"


def narrative_subject(state: ExtractionState, first: int) -> int | None:
    """The subject of the sentence just before a quote, when that sentence has no quote."""
    ctx = state.ctx
    doc = ctx.doc
    i = first - 1
    while i >= 0 and (doc[i].is_space or doc[i].is_punct):
        i -= 1
    if i < 0:
        return None
    sent = sentence_of(doc, i)
    # A title or scare quote in that sentence ('On "Face the Nation," X said') is no quote.
    taken = {span for quote in state.quotes for span in quote.quoted}
    if any(
        ctx.quote_of[j] >= 0 and ctx.quoted[ctx.quote_of[j]].span in taken
        for j in range(sent.start, sent.end)
    ):
        return None
    subject = root_subject(sent)
    if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return int(subject.i)


def is_scare_quote(doc: Doc, first: int, last: int) -> bool:
    """A quoted word or two, or a title of a work: not something someone said."""
    inner = [t for t in doc[first + 1 : last] if not (t.is_punct or t.is_space)]
    if not inner:
        return True
    if len(inner) <= _SCARE_MAX_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in inner):
        return True
    # A title of a work or a name: every word capitalised ("Shark Tank", "The Art of the Deal",
    # "The Late Hour with Dana Pike"), but for short words and prepositions
    long_words = [t for t in inner if t.is_alpha and len(t.text) > 3 and t.pos_ != "ADP"]
    return len(inner) <= 8 and bool(long_words) and all(t.text[0].isupper() for t in long_words)
