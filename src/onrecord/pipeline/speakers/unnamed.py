"""Sources the article does not name: one it says is not named ("who requested
anonymity"), and one person it introduces without a name ("a cashier") whom "the cashier"
refers back to."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.pipeline.nlp import head_of
from onrecord.pipeline.quotes.extractor import RawQuote
from onrecord.pipeline.speakers.appositions import in_apposition
from onrecord.pipeline.speakers.bodies import NAMING_VERBS
from onrecord.pipeline.speakers.context import CATAPHORA_CHARS, ResolutionContext


def unnamed_person(context: ResolutionContext, quote: RawQuote) -> bool:
    """The source is one person the article does not name ("a cashier", "the woman")."""
    if quote.source is None:
        return False
    doc, lexicon = context.doc, context.lexicon
    first, last = quote.source
    head = doc[head_of(doc, (first, last))]
    lower = head.lower_
    if head.tag_ in ("NN", "NNP") and anonymous(context, head):
        return True  # "another Muslim who did not want to be named"
    if head.pos_ != "NOUN" or head.tag_ != "NN":
        return False
    if not lexicon.is_person_word(lower):
        return False
    opening = doc[first].lower_
    return (
        lexicon.is_determiner(opening, "indefinite")
        or (opening == "the" and unnamed_before(context, first, lower))
        or (lexicon.is_title_word(lower) and _owned_by_name(head))
    )


def _owned_by_name(head: Token) -> bool:
    """An office described only by whose it is ("Israel's prime minister", "the
    minister's spokesman"), where resolving found no one: the article has not named its
    holder (but "his brother", "her aide" belong to someone just spoken of)."""
    return any(c.dep_ == "poss" and c.tag_ != "PRP$" for c in head.children)


def anonymous(context: ResolutionContext, head: Token) -> bool:
    """A source the article says is not named: "who requested anonymity", "speaking
    anonymously", "who did not want to be named" or "identified"."""
    scope = list(head.subtree)
    verb = head.head
    if head.dep_ == "nsubj" and not context.lexicon.is_speech_verb(verb.lemma_.lower()):
        # "said the woman, who ... did not want to be quoted", parsed as her wanting
        scope += [t for c in verb.children if c.dep_ == "xcomp" for t in c.subtree]
    for token in scope:
        lemma = token.lemma_.lower()
        if lemma in ("anonymity", "anonymously"):
            return True
        if lemma in NAMING_VERBS | {"quote"} and token.tag_ == "VBN":
            governor = token.head
            negated = any(c.dep_ == "neg" for c in (*token.children, *governor.children))
            if negated or governor.lemma_.lower() in ("decline", "refuse"):
                return True
    return False


def unnamed_before(context: ResolutionContext, first: int, noun: str) -> bool:
    """An unnamed person introduced just before with the same noun ("a cashier", "a
    middle-aged woman"), whom a definite description ("the woman") refers back to."""
    doc = context.doc
    start = doc[first].idx - CATAPHORA_CHARS
    i = first - 1
    while i >= 0 and doc[i].idx >= start:
        token = doc[i]
        if token.lower_ == noun and token.pos_ == "NOUN" and context.index.at(i) is None:
            opening = doc[token.left_edge.i].lower_
            indefinite = context.lexicon.is_determiner(opening, "indefinite")
            return indefinite and in_apposition(context, token) is None
        i -= 1
    return False
