"""What a reporting verb's object is, where the object alone does not say it.

'accused the board of hiding losses': the accusation is what 'of' opens, the board only
its target. 'described him as a careful negotiator': the object with what it is called.
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.lexicon import Lexicon
from onrecord.pipeline.nlp import POSSESSIVE_MARKERS

# prepositions that introduce the charge after a target verb's object
_CHARGE = frozenset({"of", "for"})
# prepositions right after an object that say what it is called or what it is blamed for
_PREDICATE = frozenset({"as", "for", "over"})
# prepositions right after an object that carry on what it says: 'compared the plan to a
# bailout', 'posted a link to the story', 'defended herself against the charge'
_CARRIED_ON = frozenset({"to", "of", "about", "against", "into"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_SOMEONE = frozenset({"PERSON", "NORP", "ORG"})
_FIGHTERS = frozenset(
    {"troops", "troop", "force", "army", "soldier", "military", "fighter", "rebel", "militia",
     "unit", "garrison", "defender", "guard", "militant", "navy", "battalion", "brigade"}
)  # fmt: skip
_GROUND = frozenset(
    {"city", "town", "village", "capital", "region", "territory", "country", "homeland",
     "border", "frontier", "line", "base", "land", "state", "district", "seat",
     "majority", "title", "crown", "championship", "turf", "stronghold", "interest"}
)  # fmt: skip


def object_role_of(verb: Token, obj: Token | None, lexicon: Lexicon) -> str:
    """The role of a reporting verb's object ``obj``, from cue_frames.tsv.

    A `target` verb ('accuse') has its object as content only when no charge follows:
    'accused the board' says what; 'accused the board of hiding losses' says it with 'of'.
    A `clause` verb's object is content only in quotation marks: 'the sign read “Vote now”',
    but not 'the economy added 151,000 jobs'.
    """
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if particle is not None:  # "ruled out a retrial" is no "ruled that"
        role = lexicon.object_roles.get(f"{lemma} {particle}", "content")
    else:
        role = lexicon.object_roles.get(lemma, "content")
    if role == "recipient":
        return "addressee" if obj is not None and _someone(obj, lexicon) else "content"
    if role == "stance":
        return "clause" if obj is not None and _fought_over(verb, obj) else "content"
    if role == "clause":
        return "content" if obj is not None and _quoted(obj) else role
    if role != "target":
        return role
    charged = any(
        c.dep_ == "prep" and c.lower_ in _CHARGE and preposition_object(c) is not None
        for c in verb.children
        if c.i > verb.i
    )
    return "none" if charged else "content"


def recipient_apart(
    verb: Token, obj: Token | None, lexicon: Lexicon
) -> tuple[Token | None, Token | None]:
    """(recipient, object) of a `recipient` verb with two objects: 'offered the voters a
    preview' offers the preview to the voters. Other verbs keep ``obj``."""
    if obj is None or obj.dep_ != "dative":
        return None, obj
    if lexicon.object_roles.get(verb.lemma_.lower()) != "recipient":
        return None, obj
    return obj, next((c for c in verb.children if c.dep_ == "dobj"), None)


def _someone(obj: Token, lexicon: Lexicon) -> bool:
    """A person or a group, who is offered something ('offered the crowd a preview')."""
    return (
        obj.tag_ == "PRP"
        or obj.ent_type_ in _SOMEONE
        or obj.lemma_.lower() in lexicon.person_nouns
        or obj.lemma_.lower() in lexicon.body_nouns
    )


def _fought_over(verb: Token, obj: Token) -> bool:
    """Ground held or contested, not a stance: a place, a seat or an interest defended
    ('defended the city', 'defending a number of seats', 'defends its interests'), or
    anything troops defend."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lemma_.lower() in _FIGHTERS:
        return True
    counted = [pobj for prep in obj.children if prep.lower_ == "of" for pobj in prep.children]
    return any(t.ent_type_ in _PLACES or t.lemma_.lower() in _GROUND for t in [obj, *counted])


def _quoted(obj: Token) -> bool:
    doc, first = obj.doc, obj.left_edge.i
    return doc[first].is_quote or (first > 0 and doc[first - 1].is_quote)


def object_with_predicate(verb: Token, obj: Token, lexicon: Lexicon) -> tuple[int, int]:
    """The object with what it is called or what for: 'named him envoy', 'described him as
    a visionary', 'criticised the mayor for the delay', 'faulted him over the vote'."""
    first, last = obj.left_edge.i, obj.right_edge.i
    other = _other_name_apposed(obj)
    if other is not None:
        last = other.left_edge.i - 2  # "endorsed Mr. Pell, Maria Lopez of Ohio,": Mr. Pell
    for child in verb.children:
        follows = (
            child.dep_ == "prep"
            and child.lower_ in _PREDICATE | _CARRIED_ON
            and child.i == last + 1
        )
        when = any(g.ent_type_ in ("DATE", "TIME") for g in child.children)  # 'for two hours'
        target = preposition_object(child) if follows else None
        if child.lower_ == "to" and target is not None and _someone(target, lexicon):
            continue  # to whom: 'explained the plan to reporters'
        if child.dep_ == "oprd" or (follows and not when):
            last = max(last, child.right_edge.i)
    return first, last


def _other_name_apposed(obj: Token) -> Token | None:
    """A second person's name the parser set in apposition to a person's name after a
    comma ("Mr. Pell, Maria Lopez of Ohio,"): nobody is two people, so it begins something
    else (the name of whoever the sentence is about)."""
    if obj.ent_type_ != "PERSON":
        return None
    for child in obj.rights:
        if (
            child.dep_ == "appos"
            and child.ent_type_ == "PERSON"
            and child.doc[child.left_edge.i - 1].text == ","
            and child.text not in obj.doc[obj.left_edge.i : obj.i + 1].text
            and not in_a_list(child)
        ):
            return child
    return None


def in_a_list(name: Token) -> bool:
    """A name that is one of a list the parser read as an apposition: "Tom Pell, Ana
    Ruiz, and Lev Volkov"."""
    doc = name.doc
    after = doc[name.right_edge.i + 1 : name.right_edge.i + 3]
    return any(c.dep_ in ("conj", "cc") for c in name.children) or any(
        t.lower_ in ("and", "or") for t in after
    )


def preposition_object(prep: Token) -> Token | None:
    """The object of a preposition: 'of' -> 'the plan' in 'of the plan'."""
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def on_the_air(target: Token, lexicon: Lexicon) -> bool:
    """What 'on' names is the outlet or its programme, not a topic: 'spoke on CNN',
    'speaking on ABC's "This Week"'."""
    doc = target.doc
    for ent in doc[target.left_edge.i : target.right_edge.i + 1].ents:
        name = ent.text.removeprefix("the ").removeprefix("The ")
        for ending in POSSESSIVE_MARKERS:
            name = name.removesuffix(ending)
        listed = lexicon.organisations.get(name)
        last = name.split()[-1].casefold() if name.split() else ""
        if (listed is not None and listed.kind == "media") or (
            lexicon.organisation_kinds.get(last) == "media"
        ):
            return True
    return False
