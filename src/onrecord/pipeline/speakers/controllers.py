"""The understood subject of a cue with none of its own: a participle or an infinitive
shares the subject of the clause it hangs from ("she has tacked left, criticizing the
pipeline"; "Roe was the first to weigh in, tweeting her thanks"; "Roe, who was reluctant to
endorse Doe"), a participle beside a noun is that noun's ("a group set up to highlight
..."), and a statement someone releases is theirs ("Roe released a statement confirming
...")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

# the links from a non-finite verb up to the clause whose subject it shares
_CONTROLLED = frozenset({"advcl", "xcomp", "pcomp", "conj", "prep", "acomp", "attr"})
_NON_FINITE = frozenset({"VBG", "VB", "VBN", "TO", "IN"})
_SUBJECTS = ("nsubj", "nsubjpass")
_RELATIVE = frozenset({"who", "that", "which"})
_NOT_SPEAKERS = frozenset({"it", "there", "this", "what"})
_MAX_STEPS = 5


def controller(doc: Doc, cue_head: int) -> Token | None:
    """The subject the cue at ``cue_head`` shares with the clause above it; None when it
    has a subject of its own, is finite, or no clause above has one."""
    token = doc[cue_head]
    if any(c.dep_ in _SUBJECTS for c in token.children):
        return None
    if token.pos_ == "NOUN":
        if token.dep_ != "dobj":
            return None
    elif token.tag_ not in _NON_FINITE:
        return None
    for _ in range(_MAX_STEPS):
        head = token.head
        if head.i == token.i:
            return None
        if token.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            return head  # "a group set up to highlight ...", "supporters calling for ..."
        if token.dep_ not in _CONTROLLED and not (token.dep_ == "dobj" and token.pos_ == "NOUN"):
            return None
        token = head
        subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
        if subject is None:
            continue
        if subject.lower_ in _RELATIVE:
            return token.head if token.dep_ == "relcl" else None  # "Roe, who was reluctant"
        return None if subject.lower_ in _NOT_SPEAKERS else subject
    return None
