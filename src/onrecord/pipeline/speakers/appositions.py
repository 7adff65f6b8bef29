"""The person a noun is named as: beside it ("Jane Doe, an investor", "the economist Jane
Doe"), or by a naming verb ("a woman later identified as Jane Doe", "a man named John
Roe"); and a name with a person's title beside it ("X, the party chairman")."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.pipeline.quotes.object_roles import in_a_list
from onrecord.pipeline.speakers.bodies import NAMING_VERBS
from onrecord.pipeline.speakers.context import ResolutionContext
from onrecord.pipeline.speakers.untagged import untagged_name


def in_apposition(context: ResolutionContext, token: Token) -> int | None:
    """The person a noun stands in apposition to ("Jane Doe, an investor"), or whom it is
    identified as ("a woman later identified as Jane Doe", "a man named John Roe")."""
    index = context.index
    related = [token.head] if token.dep_ == "appos" else []
    related += [child for child in token.children if child.dep_ == "appos"]
    person_noun = token.lower_ in context.lexicon.person_nouns
    identified = _identified_as(token) if person_noun else []
    if person_noun or context.lexicon.is_title_word(token.lower_):
        related += _hung_on_body(context, token)
        related += _hung_on_other_name(context, token)
    for other in related + identified:
        entity = index.at(other.i)
        if entity is None and other in identified and other.pos_ == "PROPN":
            start = min((t.i for t in other.lefts if t.dep_ == "compound"), default=other.i)
            untagged = untagged_name(context, start, other.i, other)
            entity = untagged.entity if untagged is not None else None  # a name untagged
        elif entity is not None and other in identified and index.entities[entity].type == "ORG":
            context.make_person(entity)  # "a woman identified as X": X is a person
        if entity is not None and index.entities[entity].type == "PERSON":
            return entity
    return None


def _identified_as(token: Token) -> list[Token]:
    verbs = [c for c in token.children if c.dep_ == "acl"]
    if token.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(token.head)
    found: list[Token] = []
    for verb in verbs:
        if verb.lemma_.lower() not in NAMING_VERBS:
            continue
        for child in verb.children:
            if child.dep_ in ("oprd", "dobj", "attr") and not _called_something(child):
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ == "as":
                found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


def _hung_on_body(context: ResolutionContext, token: Token) -> list[Token]:
    """A name set off by commas after the body or the person someone speaks for, which the
    parser hung on it: "a spokesman for the rebel alliance, Abu Khaled," and "a spokeswoman
    for Volkov, Anna Belova," name the spokesman and the spokeswoman, since an alliance is
    no person and no one is two (but "an aide to the senator, John Roe," may name the
    senator, unless another senator holds that title)."""
    lexicon, index = context.lexicon, context.index
    found: list[Token] = []
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "of", "at", "with", "to"):
            continue
        for body in prep.children:
            owner = index.at(body.i)
            person = owner is not None and index.entities[owner].type == "PERSON"
            common = body.pos_ == "NOUN" and not body.ent_type_
            if body.dep_ != "pobj" or not (common or person):
                continue  # "for the rebel alliance, X", "for Volkov, X" (no one is two)
            names = [name for name in body.children if _someone_else_set_off(context, name, owner)]
            if lexicon.is_person_word(body.lower_):
                # "a spokeswoman for the mayor, Carla Nunes,": the mayor's name only if
                # the article has not named another mayor
                names = [name for name in names if _held_by_another(context, body, name)]
            found += names
    return found


def _held_by_another(context: ResolutionContext, office: Token, name: Token) -> bool:
    """Whether someone named before ``office`` other than ``name`` holds it by title."""
    index = context.index
    apposed = index.at(name.i)
    return any(
        number != apposed
        and entity.type == "PERSON"
        and entity.first_position < office.idx
        and any(title.lower().split()[-1:] == [office.lower_] for title in entity.titles)
        for number, entity in enumerate(index.entities)
    )


def _hung_on_other_name(context: ResolutionContext, token: Token) -> list[Token]:
    """A name set off by commas after a relative clause that ends in someone else's name,
    which the parser hung on that name: "another senator who has not endorsed Mr. Pell,
    Maria Lopez of Ohio," names the senator (no one is two people's apposition)."""
    index = context.index
    found: list[Token] = []
    for clause in token.children:
        if clause.dep_ != "relcl":
            continue
        for other in clause.subtree:
            named = index.at(other.i)
            if named is None or index.entities[named].type != "PERSON":
                continue
            found += [
                name for name in other.children if _someone_else_set_off(context, name, named)
            ]
    return found


def _someone_else_set_off(context: ResolutionContext, name: Token, other: int | None) -> bool:
    """Whether ``name`` is a person's name the parser hung as an apposition after a comma
    on a word that names someone or something else (``other``), not one of a list."""
    index = context.index
    apposed = index.at(name.i)
    return (
        name.dep_ == "appos"
        and apposed is not None
        and apposed != other
        and index.entities[apposed].type == "PERSON"
        and name.doc[name.left_edge.i - 1].text == ","
        and not in_a_list(name)
    )


def _called_something(name: Token) -> bool:
    """ "a lawmaker called Doe 'the orange prince'": what the lawmaker called Doe, in
    quotation marks after the name; not a lawmaker named Doe."""
    after = name.i + 1
    return after < len(name.doc) and name.doc[after].is_quote


def apposed(context: ResolutionContext, head: Token, people: list[int]) -> int:
    """Of the people inside a mention, the one named beside its head ("the economist
    Jane Doe, a former adviser in the X White House": Jane Doe), else the last named."""
    for child in head.children:
        if child.dep_ in ("appos", "compound") and child.i > head.i:
            found = context.index.at(child.i)
            if found in people:
                return found
    return people[-1]


def titled(context: ResolutionContext, token: Token) -> bool:
    """A name with a person's title beside it ("X, the party chairman")."""
    lexicon = context.lexicon
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            lower = child.lower_
            if lexicon.is_person_word(lower):
                return True
    return False
