"""Frames read off word positions where the parse cannot be trusted: "according to X" by its
commas, and a reporting verb the tagger read as a noun ("X note that Y")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.pipeline.cues import CueMatch
from onrecord.pipeline.nlp import sentence_of
from onrecord.pipeline.quotes.ranges import TokRange


def phrase_by_commas(doc: Doc, cue: CueMatch) -> tuple[TokRange, TokRange, TokRange | None] | None:
    """'According to X, Y.' and 'Y, according to X.' by their commas, whatever the parse:
    the source, the content and, for 'Y1, according to X, Y2.', the content's tail Y2."""
    sent = sentence_of(doc, cue.head)
    end = last_word(doc, sent.end - 1, cue.last)
    comma = next((i for i in range(cue.last + 1, end) if doc[i].text == ","), None)
    opening = all(
        t.is_punct or t.is_space or t.dep_ in ("cc", "advmod") for t in doc[sent.start : cue.first]
    )
    if opening and comma is not None and comma > cue.last + 1 and comma < end:
        return (cue.last + 1, comma - 1), (comma + 1, end), None
    # 'Y because, according to X, Z' (or 'that, ...', 'but, ...'): X reports Z, the clause
    # the phrase opens, not what comes before its connective
    opener = doc[cue.first - 2] if cue.first > sent.start + 1 else None
    if (
        opener is not None
        and doc[cue.first - 1].text == ","
        and opener.pos_ in ("SCONJ", "CCONJ")
        and comma is not None
        and cue.last + 1 < comma < end
    ):
        return (cue.last + 1, comma - 1), (comma + 1, end), None
    if cue.first > sent.start + 1 and doc[cue.first - 1].text == ",":
        comma = _after_apposition(doc, cue, comma, end)
        source_end = comma - 1 if comma is not None else end
        if source_end > cue.last:
            tail = None
            if comma is not None and _goes_on(doc, sent.start, cue.first - 1, comma, end):
                tail = (comma + 1, end)  # "Fundraising, according to X, has surged"
            return (cue.last + 1, source_end), (sent.start, cue.first - 2), tail
    return None


def last_word(doc: Doc, end: int, floor: int) -> int:
    """The last token up to ``end`` that is no punctuation or space, not before ``floor``."""
    while end > floor and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return end


def _after_apposition(doc: Doc, cue: CueMatch, comma: int | None, end: int) -> int | None:
    """The comma that ends the source phrase, past an apposition the parse hung on its
    object ("according to Jon Roe, a former envoy, ..."); None if the apposition runs to
    the sentence's end ("..., according to Jon Roe, the finance minister.")."""
    obj = next((t for t in doc[cue.last].children if t.dep_ == "pobj"), None)
    apposed = [c for c in obj.children if c.dep_ == "appos"] if obj is not None else []
    if not apposed or comma is None or apposed[-1].right_edge.i < comma:
        return comma
    last = apposed[-1].right_edge.i
    return next((i for i in range(last + 1, end) if doc[i].text == ","), None)


def _goes_on(doc: Doc, start: int, opening_comma: int, comma: int, end: int) -> bool:
    """Whether the clause before a set-off source phrase goes on after it: its main verb
    comes after ("Fundraising, according to X, has surged"), or words after it depend on
    words before ("The firm receives, according to X, $2 million"); not "..., according to
    X, which ..." about the source, nor "..., according to X, and said ...", a predicate of
    its own."""
    if comma + 1 <= end and doc[comma + 1].pos_ == "CCONJ":
        return False
    for token in doc[comma + 1 : end + 1]:
        if token.dep_ == "ROOT":
            return True
        if start <= token.head.i < opening_comma and token.dep_ not in ("relcl", "appos", "punct"):
            return True
    return False


def mistagged_frame(doc: Doc, head: Token) -> tuple[TokRange | None, TokRange | None]:
    """Source and content around a verb the tagger read as a noun: 'X note that Y'."""
    sent_start = sentence_of(doc, head.i).start
    first = head.i
    while first - 1 >= sent_start and not doc[first - 1].is_punct:
        first -= 1
    source = (first, head.i - 1) if first < head.i else None
    mark = doc[head.i + 1]
    if mark.lower_ != "that":
        return source, None  # '"...," the editorial read.': the quote before is what it said
    clause_head = mark.head
    last = clause_head.right_edge.i
    content = (mark.i + 1, last) if last > mark.i else None
    return source, content
