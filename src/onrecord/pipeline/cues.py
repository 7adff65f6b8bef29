"""Cue detection: reporting verbs, nouns and phrases from the lexicon, found in a parsed Doc."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from onrecord.lexicon import CuePattern, Lexicon
from onrecord.pipeline.nlp import FULL_STOPS, sentence_of

_VERBAL = {"VERB", "AUX"}
_NOMINAL = {"NOUN", "PROPN"}
# What a verb that says something only when used bare ("she continued, “...”") may not have.
_COMPLEMENTS = frozenset(
    {"xcomp", "dobj", "prep", "ccomp", "advcl", "attr", "acomp", "oprd", "dative", "agent"}
)
_BARE_REACH = 3  # tokens between a bare cue and the quotation it introduces or follows
_MAX_GAP = 4  # words allowed between the parts of a multiword cue
_FRAME_SUBJECT = 4  # words of a subject between a closing quote and a sentence-final cue
_SUBJECT_WORDS = frozenset({"DET", "ADJ", "NOUN", "PROPN"})
_ASIDE_SUBJECT_WORDS = frozenset({"DET", "PROPN", "PRON"})


@dataclass(frozen=True, slots=True)
class CueMatch:
    head: int  # token index of the head (the verb, noun or first word of a phrase)
    first: int  # first and last token index of the cue span
    last: int
    pattern: CuePattern

    @property
    def cls(self) -> str:
        return self.pattern.cls


def _pos_fits(token: Token, pattern: CuePattern) -> bool:
    if pattern.cls == "noun":
        return token.pos_ in _NOMINAL
    if pattern.lemmas[0] == "be":
        return token.pos_ in _VERBAL
    if token.pos_ in _VERBAL:
        return not _negotiations(token)
    # The small model tags some sentence-initial or inverted verbs as nouns ("Says Okoro").
    return (
        token.tag_ in ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB")
        or is_mistagged_verb(token)
        or aside_subject(token) is not None
    )


def _negotiations(token: Token) -> bool:
    """ "Ceasefire talks stall", "Peace talks resume": talks held, which the tagger read as
    a verb whose subject is the bare noun before it (a headline drops the article)."""
    if token.lower_ != "talks" or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return (
        before.head.i == token.i
        and before.tag_ == "NN"
        and not any(c.dep_ in ("det", "poss", "amod") for c in before.children)
    )


def is_mistagged_verb(token: Token) -> bool:
    """'Experts interviewed by RT note that ...', '"...," the editorial read.': a reporting
    verb the tagger read as a noun."""
    doc = token.doc
    if token.pos_ not in _NOMINAL or token.i + 1 >= len(doc):
        return False
    after = doc[token.i + 1]
    if after.text in FULL_STOPS:
        return _ends_quote_frame(token)
    has_determiner = any(c.dep_ in ("det", "poss") for c in token.children)
    return after.lower_ == "that" and after.dep_ == "mark" and not has_determiner


def aside_subject(token: Token) -> tuple[int, int] | None:
    """The subject of a reporting verb set off by commas inside the clause it reports, which
    the small model reads as an apposition: "Voters, Ruiz claims, want a change" (with
    "claims" a plural noun), "Democrats, Frank notes, applaud ...". The subject is a name,
    a pronoun or a short noun phrase right after the opening comma."""
    doc = token.doc
    if token.dep_ != "appos" or token.tag_ not in ("NNS", "VBZ", "VBD"):
        return None
    if token.i + 2 >= len(doc) or doc[token.i + 1].text != ",":
        return None
    i = token.i - 1
    while i >= 0 and token.i - i <= _FRAME_SUBJECT and doc[i].pos_ in _ASIDE_SUBJECT_WORDS:
        i -= 1
    if i < 1 or i == token.i - 1 or doc[i].text != ",":
        return None
    if not any(t.pos_ in ("PROPN", "PRON") for t in doc[i + 1 : token.i]):
        return None  # "Voters, young people, want ...": an apposition indeed
    return i + 1, token.i - 1


def _ends_quote_frame(token: Token) -> bool:
    """A singular noun ending a sentence right after a closing quote and a short subject:
    '"...," the editorial read.' (the small model reads "editorial read" as a noun phrase)."""
    if token.tag_ != "NN":
        return False
    doc = token.doc
    i = token.i - 1
    while i >= 0 and token.i - i <= _FRAME_SUBJECT and doc[i].pos_ in _SUBJECT_WORDS:
        i -= 1
    return i < token.i - 1 and i >= 0 and doc[i].is_quote and doc[i + 1].pos_ == "DET"


def _governed_by(token: Token, head: Token) -> bool:
    node = token
    for _ in range(3):
        if node.head.i == head.i:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _match_rest(doc: Doc, head: Token, rest: Sequence[str]) -> tuple[int, int] | None:
    """First and last token of a multiword cue whose other lemmas the head governs.

    The other words usually follow the head ("expressed the opinion", "pointed out");
    a passive puts a noun before it ("the opinion was voiced"), never a particle.
    """
    sent = sentence_of(doc, head.i)
    first = last = head.i
    position = head.i
    for lemma in rest:
        found = None
        window = [
            *range(position + 1, min(position + 2 + _MAX_GAP, sent.end)),
            *range(head.i - 1, max(head.i - 2 - _MAX_GAP, sent.start - 1), -1),
        ]
        for i in window:
            token = doc[i]
            if i < head.i and token.pos_ in ("ADP", "PART"):
                continue  # a particle follows its verb: not "on Monday, X called" for "call on"
            if (token.lemma_.lower() == lemma or token.lower_ == lemma) and (
                _governed_by(token, head) or i == position + 1
            ):
                found = i
                break
        if found is None:
            return None
        first, last = min(first, found), max(last, found)
        position = max(position, found)
    return first, last


def _match_phrase(doc: Doc, start: int, words: Sequence[str]) -> int | None:
    end = start + len(words)
    if end > len(doc):
        return None
    for offset, word in enumerate(words):
        if doc[start + offset].lower_ != word:
            return None
    return end - 1


def _bare_use(doc: Doc, token: Token, excluded: Sequence[bool]) -> bool:
    """A verb like "continue" says something only with no complement of its own, right next
    to a quotation: 'She continued, “...”', '“...,” he continued.'"""
    if token.pos_ not in _VERBAL:
        return False
    if any(
        c.dep_ in _COMPLEMENTS and not excluded[c.i] and not _set_off(doc, c)
        for c in token.children
    ):
        return False
    near = range(max(0, token.i - _BARE_REACH), min(len(doc), token.i + _BARE_REACH + 1))
    return any(excluded[i] for i in near)


def _set_off(doc: Doc, child: Token) -> bool:
    """An adjunct after a comma ('he continued, citing ...'), not a complement."""
    before = child.left_edge.i - 1
    return child.dep_ == "advcl" and before >= 0 and doc[before].text == ","


def _words_of(doc: Doc) -> set[str]:
    """Every lower-case form and lower-cased lemma in the document."""
    if not len(doc):
        return set()
    strings = doc.vocab.strings
    forms = {strings[h] for h in set(doc.to_array(LOWER).tolist())}
    return forms | {strings[h].lower() for h in set(doc.to_array(LEMMA).tolist())}


def find_cues(doc: Doc, lexicon: Lexicon, excluded: Sequence[bool]) -> list[CueMatch]:
    """All cue matches outside excluded tokens (those inside quotation marks), in order."""
    matches: list[CueMatch] = []
    first_words = {pattern.lemmas[0] for pattern in lexicon.phrases}
    # the words of the article: a multiword cue with a word missing here cannot match
    words = _words_of(doc)
    covered = -1  # last token of the previous multiword cue
    for token in doc:
        if excluded[token.i] or token.is_space or token.is_punct or token.i <= covered:
            continue
        lower = token.lower_
        if lower in first_words:
            for pattern in lexicon.phrases:
                if pattern.lemmas[0] == lower:
                    last = _match_phrase(doc, token.i, pattern.lemmas)
                    if last is not None:
                        matches.append(CueMatch(token.i, token.i, last, pattern))
                        break
        patterns = lexicon.cue_patterns(token.lemma_.lower())
        if not patterns and lower != token.lemma_.lower():
            patterns = lexicon.cue_patterns(lower)
        for pattern in patterns:
            if pattern.cls == "bare":
                if _bare_use(doc, token, excluded):
                    matches.append(
                        CueMatch(token.i, token.i, token.i, replace(pattern, cls="speech"))
                    )
                    break
                continue
            if not _pos_fits(token, pattern) or not words.issuperset(pattern.lemmas[1:]):
                continue
            bounds = (
                (token.i, token.i)
                if len(pattern.lemmas) == 1
                else _match_rest(doc, token, pattern.lemmas[1:])
            )
            if bounds is not None:
                matches.append(CueMatch(token.i, bounds[0], bounds[1], pattern))
                covered = max(covered, bounds[1])
                break
    return matches
