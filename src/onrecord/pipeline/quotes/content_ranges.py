"""Token ranges of a frame's content that lie around the cue's clause: the clause that
governs it ("X, he said"), a that-clause further off, everything before a closing cue
clause, and a content cut so it overlaps neither the cue nor the source."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.pipeline.cues import CueMatch
from onrecord.pipeline.nlp import sentence_of
from onrecord.pipeline.quotes.ranges import TokRange


def _range(token: Token) -> TokRange:
    return (token.left_edge.i, token.right_edge.i)


def infinitive_after_date(verb: Token) -> Token | None:
    """The infinitive the parse hung on the verb as a purpose clause because a date came
    between them as its object: 'promised Sunday to end the program'."""
    dated = any(c.dep_ == "dobj" and c.ent_type_ in ("DATE", "TIME") for c in verb.children)
    if not dated:
        return None
    return next(
        (
            c
            for c in verb.rights
            if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ),
        None,
    )


def postposed_content(doc: Doc, verb: Token) -> TokRange | None:
    """'<what was said>, X, an expert, is sure.': a cue clause that closes its sentence after
    a comma reports everything before it, however the parser attached it."""
    left, right = verb.left_edge.i, verb.right_edge.i
    while left < verb.i and doc[left].is_punct:
        left += 1
    sent = sentence_of(doc, verb.i)
    if verb.dep_ not in ("conj", "parataxis", "ccomp", "advcl") or left <= sent.start + 1:
        return None
    if doc[left - 1].text != ",":
        return None
    if any(not (t.is_punct or t.is_space) for t in doc[right + 1 : sent.end]):
        return None
    return (sent.start, left - 2)


def that_clause(doc: Doc, cue: CueMatch) -> Token | None:
    """A clause the cue governs from a little further away: 'drew attention to the fact that X'."""
    for i in range(cue.last + 1, min(cue.last + 7, len(doc))):
        token = doc[i]
        if token.lower_ == "that" and token.dep_ == "mark":
            verb = token.head
            node = verb
            for _ in range(4):
                if node.head.i == cue.head:
                    return verb
                if node.head.i == node.i or (
                    node.head.pos_ == "VERB" and node.head.dep_ != "prep"  # not "following"
                ):
                    break  # the clause belongs to another verb ("..., saying that")
                node = node.head
            return None
    return None


def outer_clause(inner: Token) -> TokRange:
    """The clause governing ``inner`` without ``inner``'s own subtree."""
    head = inner.head
    h_first, h_last = _range(head)
    i_first, i_last = _range(inner)
    before = (h_first, i_first - 1) if i_first > h_first else None
    after = (i_last + 1, h_last) if i_last < h_last else None
    if before and after:
        return before if before[1] - before[0] >= after[1] - after[0] else after
    return before or after or (head.i, head.i)
