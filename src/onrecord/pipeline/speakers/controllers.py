"""The understood subject of a cue with none of its own: a participle or an infinitive
shares the subject of the clause it hangs from ("she has tacked left, criticizing the
pipeline"; "Roe was the first to weigh in, tweeting her thanks"; "Roe is correct to note
that ...")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

# the links from a non-finite verb up to the clause whose subject it shares
_CONTROLLED = frozenset({"advcl", "xcomp", "pcomp", "acl", "conj", "prep", "acomp", "attr"})
_NON_FINITE = frozenset({"VBG", "VB", "VBN", "TO", "IN"})
_SUBJECTS = ("nsubj", "nsubjpass")
_MAX_STEPS = 4


def controller(doc: Doc, cue_head: int) -> Token | None:
    """The subject the cue verb at ``cue_head`` shares with the clause above it; None when
    the verb has a subject of its own, is finite, or no clause above has one."""
    token = doc[cue_head]
    if token.tag_ not in _NON_FINITE or any(c.dep_ in _SUBJECTS for c in token.children):
        return None
    for _ in range(_MAX_STEPS):
        if token.dep_ not in _CONTROLLED or token.head.i == token.i:
            return None
        token = token.head
        subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            return None if subject.lower_ in ("it", "there", "that", "which", "what") else subject
    return None
