"""Who a reporting verb's subject is where the parse misleads, from the shape of the words
around the verb: subjects hung elsewhere, the antecedent of a relative clause, a perfect
read as a passive, a reduced passive ('when asked'), a clause of comparison.

A finite verb with no subject of its own is often one whose subject the parser attached
to what comes before it: to a coordination ('X charged A with murder and Jane Doe fired
B': Doe conj of murder), to a comparison ('more than the industry says'), to a fronted
phrase ('In a letter to X, Jane Doe, a lawyer, wrote') or before a dashed aside ('Jane
Doe - in a line aimed at X - declared').
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.pipeline.nlp import sentence_of

_FINITE = frozenset({"VBD", "VBZ", "VBP"})
DASHES = frozenset({"-", "--", "—", "–", "―"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
# what opens a subordinate clause: 'said ... after X won, remarking that' (said remarks)
# (not 'as' or 'while': 'X asks as a man walks in, saying' is the man saying)
_SUBORDINATORS = frozenset({"after", "before", "since", "until", "once", "because", "if"})
_QUANTIFIERS = frozenset({"all", "both", "each"})
_OPENERS = frozenset({"when", "whenever", "if", "once", "after", "before", "until", "unless"})
_COUNTING = frozenset({"many", "most", "some", "few", "the", "a", "any"})
_CONTRACTED_HAS = frozenset({"'s", "’s"})
_ASIDE_OPENERS = frozenset({"VBN", "VBD", "VBG", "JJ", "RB"})  # "exasperated", "asked about"
_ASIDE_REACH = 16
_PERSONAL = frozenset({"he", "she", "they", "we", "i"})


def subject_before(verb: Token) -> Token | None:
    """The subject of a finite verb that has none, from the words right before it."""
    perfect = verb.tag_ == "VBN" and any(c.dep_ == "aux" for c in verb.children)
    if verb.tag_ not in _FINITE and not perfect:
        return None  # "had said" is finite as well
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and (doc[i].is_space or _modifies(doc[i], verb)):
        i -= 1
    if i < 0:
        return None
    token = doc[i]
    if token.text in DASHES:
        return _before_aside(verb, i)
    if token.text == ",":
        return _before_comma_aside(verb, i)
    if token.pos_ not in _NOMINAL or token.head.i >= token.i:
        return None
    opener = doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
    coordinated = token.dep_ == "conj" and opener is not None and opener.dep_ == "cc"
    compared = token.dep_ == "pobj" and token.head.lower_ == "than"
    return token if coordinated or compared else None


def own_subject(subject: Token) -> Token:
    """The pronoun of 'he’s said' when the parse made the contracted 's the subject and the
    pronoun its own."""
    if subject.lower_ in _CONTRACTED_HAS and subject.pos_ in ("VERB", "AUX"):
        return next((c for c in subject.children if c.dep_ == "nsubj"), subject)
    return subject


def _modifies(token: Token, verb: Token) -> bool:
    return token.head.i == verb.i and token.dep_ in ("advmod", "neg", "aux")


def compared(verb: Token) -> bool:
    """The verb's clause is a comparison ('deeper than many pollsters realize', 'more than
    the industry says X'): what it reports is not the clause before it."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.i < verb.i:
        doc, edge = verb.doc, subject.left_edge.i - 1
        while edge >= 0 and edge >= subject.left_edge.i - 2 and doc[edge].lower_ in _COUNTING:
            edge -= 1  # 'than many pollsters realize', the parse hanging 'many' elsewhere
        return edge >= 0 and doc[edge].lower_ == "than"
    before = subject_before(verb)
    return before is not None and before.dep_ == "pobj" and before.head.lower_ == "than"


def _before_aside(verb: Token, closing: int) -> Token | None:
    """'Jane Doe - in a line aimed at X - declared': the noun before the opening dash."""
    doc = verb.doc
    start = sentence_of(doc, verb.i).start
    for j in range(closing - 2, start, -1):
        if doc[j].text in DASHES:
            before = doc[j - 1]
            # a name or a subject, not the last noun of a longer phrase ('the choice of
            # four options -- A, B or C -- are'), which is not who does anything
            named = before.pos_ in ("PROPN", "PRON") or before.dep_ in ("nsubj", "nsubjpass")
            return before if named else None
    return None


def _before_comma_aside(verb: Token, closing: int) -> Token | None:
    """'Jane Doe, exasperated, responded' and 'Jane Doe, asked about X, had said': the name
    before an aside that opens with a participle or an adjective."""
    if verb.dep_ == "conj":
        return None  # "X took a line on Y, suggesting ..., was tepid": X's, not Y's
    doc = verb.doc
    start = sentence_of(doc, verb.i).start
    for j in range(closing - 2, max(start, closing - _ASIDE_REACH), -1):
        if doc[j].text != ",":
            continue
        before, opening = doc[j - 1], doc[j + 1]
        if opening.tag_ not in _ASIDE_OPENERS:
            return None
        named = before.pos_ == "PROPN" or before.lower_ in _PERSONAL
        # the parse makes the name the aside's subject, or the object of a conjunction it
        # read as a preposition ("after Ms. Vance, asked ..., had said")
        subject = before.dep_ in ("nsubj", "nsubjpass") or (
            before.dep_ == "pobj" and before.head.lower_ in _SUBORDINATORS | _OPENERS
        )
        return before if named and subject else None
    return None


def swallowed_subject(verb: Token) -> Token | None:
    """The subject the parse hung on a fronted phrase as an apposition: 'In a statement to
    the paper, her adviser, Jane Doe, said' (adviser appos of paper), 'In a message to X,
    Jane Doe, head of the Tarrow Institute, wrote' (Doe and head both appos of X)."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and (doc[i].is_space or doc[i].text == ","):
        i -= 1
    if i < 0 or doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    node = doc[i]
    for _ in range(6):  # up from the end of the apposition ('head of the Tarrow Institute')
        if node.dep_ == "appos" or node.head.i >= node.i or node.head.pos_ in ("VERB", "AUX"):
            break
        node = node.head
    if node.dep_ != "appos":
        return None
    while node.head.dep_ == "appos" and node.head.i < node.i:
        node = node.head
    owner = node.head
    node = next((c for c in owner.children if c.dep_ == "appos" and c.i > owner.i), node)
    return node if owner.i < node.i < verb.i else None


def main_clause_governor(verb: Token, governor: Token) -> Token:
    """The clause a participle set off by a comma goes with: 'X said ... after Y won,
    remarking that' is X remarking, though the parse hung it on the clause of 'after'."""
    doc = verb.doc
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or governor.dep_ != "advcl":
        return governor
    if verb.left_edge.i == 0 or doc[verb.left_edge.i - 1].text != ",":
        return governor
    marked = any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in governor.children)
    return governor.head if marked and governor.head.i != governor.i else governor


def quantified(noun: Token) -> Token:
    """'X, Y and Z all calling for': the names, not the 'all' the parse hung them on."""
    if noun.lower_ in _QUANTIFIERS and noun.dep_ == "appos" and noun.head.i < noun.i:
        return noun.head
    return noun


_INTRANSITIVE = frozenset({"speak", "talk"})
_PERSONAL = frozenset({"he", "she", "they", "we", "i", "you"})


def perfect_read_as_passive(verb: Token) -> Token | None:
    """The subject of a perfect the parse took for a passive: 'she’s spoken out against'
    is she has spoken, since a person is not spoken out nor talked; None otherwise."""
    aux = next((c for c in verb.children if c.dep_ == "auxpass"), None)
    patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if aux is None or patient is None or aux.lower_ not in _CONTRACTED_HAS:
        return None
    if any(c.dep_ in ("agent", "xcomp", "oprd") for c in verb.children):
        return None
    person = patient.lower_ in _PERSONAL or patient.pos_ == "PROPN"
    active = verb.lemma_.lower() in _INTRANSITIVE or any(c.dep_ == "prt" for c in verb.children)
    return patient if person and active else None


def reduced_passive(verb: Token) -> bool:
    """A bare past participle heading a clause of its own: 'Asked about X, Y said' or 'Y
    said when asked about X' (Y was asked, by someone else)."""
    opening = verb.is_sent_start and verb.tag_ == "VBD"  # "Asked what ..., she said", mistagged
    if verb.dep_ != "advcl" or not (verb.tag_ == "VBN" or opening):
        return False
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        return False
    opened = any(c.dep_ in ("mark", "advmod") and c.lower_ in _OPENERS for c in verb.lefts)
    return verb.i < verb.head.i or opened


def antecedent(noun: Token) -> Token:
    """What a relative clause is about: "Mara Quist, a developer, who" is Mara Quist; "Sen.
    Jan Roth this year, who" (the clause misparsed onto the date) is Roth."""
    if noun.dep_ == "appos" and noun.head.i < noun.i:
        return noun.head
    if noun.ent_type_ in ("DATE", "TIME"):
        doc = noun.doc
        for i in range(noun.left_edge.i - 1, max(-1, noun.left_edge.i - 4), -1):
            if doc[i].ent_type_ in ("PERSON", "ORG"):
                return doc[i]
    return noun


def reports_that(verb: Token) -> bool:
    """The verb governs a that-clause (so it is a finite verb, not a reduced relative)."""
    return any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in verb.children
    )
