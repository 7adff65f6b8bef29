"""Sources that count the people they refer back to: "both", "neither man", "the two
senators", "all three candidates" are the people the text just named together ("A and B",
"A, B and C"), as one group; "some of her allies", "one of the senators" are part of a
group, nobody in particular."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from onrecord.pipeline.nlp import sentence_of
from onrecord.pipeline.speakers import bodies
from onrecord.pipeline.speakers.appositions import in_apposition
from onrecord.pipeline.speakers.context import CATAPHORA_CHARS, ResolutionContext, Speaker

# How far back "they" looks for two people who spoke in turn: a paragraph or so.
_TURN_REACH = 600
_PAIRS = frozenset({"both", "neither"})
_PAIR_NOUNS = frozenset({"pair", "couple", "duo"})  # "the couple said"
_MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "nmod"})
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5}
# quantifiers that pick out part of a group ("some of", "one of"); "all of" is the group
_PART_WORDS = frozenset({"some", "many", "several", "few", "most", "one", "none", "any", "each"})


def named_together(
    context: ResolutionContext, first: int, last: int, head: Token
) -> Speaker | None:
    """The group a counting source refers back to: the latest people named joined by "and"
    in the few sentences before it, as many as the source counts; None for other sources."""
    count = _counted(head, first, last)
    if count is None:
        return None
    for members in _coordinations_before(context.doc, first):
        joined = _people(context, members)
        if len(joined) == count:
            return _group(context, joined, first, last)
    if _counts_people(context, head) and not _of_phrase(head):
        met = _people_of_last_sentences(context, first, count)
        if len(met) == count:
            return _group(context, met, first, last)  # "A met B ... The two leaders said"
    return None


def _counts_people(context: ResolutionContext, head: Token) -> bool:
    """Whether a counting source counts people: "both", "the two", "the couple", "the two
    leaders", "both men"; not "the two countries"."""
    lexicon = context.lexicon
    noun = head.lemma_.lower()
    return (
        head.lower_ in _PAIRS | set(_NUMBER_WORDS) | _PAIR_NOUNS
        or noun in lexicon.person_nouns
        or noun in lexicon.descriptors
        or noun in lexicon.gendered_words
        or noun in lexicon.titles  # a whole title: "party" of "party leader" counts no one
    )


def _people_of_last_sentences(context: ResolutionContext, first: int, count: int) -> list[int]:
    """The people named (outside quotes, not as a modifier) in the source's own sentence
    ("The two reporters who ... are A and B"), else the nearest sentence before it, a short
    way back, that names as many as the source counts, where the sentences between name
    none but them: "A met B in Oslo" for "the two leaders", also after "A said ... B told
    reporters ..."."""
    doc = context.doc
    sentence = sentence_of(doc, first)
    found = _people_named_in(context, sentence)
    if found:
        return found
    since: set[int] = set()  # the people the sentences after the one looked at name
    reach = sentence.start_char - CATAPHORA_CHARS
    while sentence.start > 0 and sentence.start_char > reach:
        sentence = sentence_of(doc, sentence.start - 1)
        found = _people_named_in(context, sentence)
        if len(found) >= count:
            return found if since <= set(found) else []
        since.update(found)
    return []


def _people_named_in(context: ResolutionContext, sentence: Span) -> list[int]:
    doc, index = context.doc, context.index
    found: list[int] = []
    for start, last, number in context.people_between(sentence.start_char, sentence.end_char):
        if context.is_reported(start) or index.entities[number].type != "PERSON":
            continue
        if doc[last].dep_ in _MODIFIER_DEPS:
            continue  # "the George W. Bush administration", "Mike's name"
        if number not in found:
            found.append(number)
    return found


def _of_phrase(head: Token) -> bool:
    """ "two of whom", "both of the senators": part of a group or named with it."""
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)


def joined_people(context: ResolutionContext, first: int, last: int, head: Token) -> Speaker | None:
    """A source that joins people ("Mara Quist and Tobias Renn", "A, B and C"): all of
    them, as one group, not the first alone; None unless every member is a person."""
    members = [head, *head.conjuncts]
    for apposed in (c for c in head.children if c.dep_ == "appos" and c.conjuncts):
        members += [apposed, *apposed.conjuncts]  # "A, B and C" parsed as A with "B and C"
    members = [m for m in members if first <= m.i <= last]
    if len(members) < 2:
        return None
    joined = _people(context, members)
    return _group(context, joined, first, last) if len(joined) > 1 else None


def speakers_in_turn(context: ResolutionContext, pronoun: Token) -> Speaker | None:
    """ "They" just after two people spoke in turn ('"...," Roe said. Doe replied, "..."
    They went on ...'): the two, as one group, unless another person has since been the
    subject of a clause."""
    end = pronoun.idx
    recent = sorted(
        (at, number)
        for number, at in context.last_spoke.items()
        if end - _TURN_REACH <= at < end and context.index.entities[number].type == "PERSON"
    )
    if len(recent) != 2:
        return None
    speakers = [number for _at, number in recent]
    doc = context.doc
    for start, last, number in context.people_between(recent[0][0], end):
        if number in speakers or context.is_reported(start):
            continue
        if doc[last].dep_ in ("nsubj", "nsubjpass"):
            return None  # someone else was the subject since: "they" may be them
    return _group(context, speakers, pronoun.i, pronoun.i)


def bodies_together(
    context: ResolutionContext, first: int, last: int, head: Token
) -> Speaker | None:
    """ "The departments", "both agencies": the bodies just named together whose names each
    hold the noun ("the State Department and the Department of Labor"), as one group."""
    doc, index = context.doc, context.index
    opening = doc[first].lower_
    if head.tag_ != "NNS" or opening not in ("the", "both") or first != head.i - 1:
        return None
    noun = head.lemma_.lower()
    if bodies.body_kind(head, context.lexicon) != "body":
        return None
    for members in _coordinations_before(doc, first):
        joined: list[int] = []
        for member in sorted(members, key=lambda t: t.i):
            found = index.at(member.i)
            if found is None or index.entities[found].type != "ORG":
                break
            words = index.entities[found].name.casefold().split()
            if noun not in words or found in joined:
                break
            joined.append(found)
        else:
            if len(joined) > 1:
                return _group(context, joined, first, last)
    return None


def _coordinations_before(doc: Doc, first: int) -> Iterator[list[Token]]:
    """The members of each coordination ("A, B and C") in the stretch before token
    ``first``, nearest first."""
    start = doc[first].idx - CATAPHORA_CHARS
    for i in range(first - 1, -1, -1):
        token = doc[i]
        if token.idx < start:
            break
        if token.dep_ == "conj":
            yield [token.head, *token.head.conjuncts]


def _group(context: ResolutionContext, joined: list[int], first: int, last: int) -> Speaker:
    """The entities ``joined`` as one group speaking through the source at ``first``."""
    index = context.index
    names = [index.entities[n].name for n in joined]
    name = f"{', '.join(names[:-1])} and {names[-1]}"
    group = bodies.add_body(index, name, (), context.doc, first, last)
    return context.speaker(group, "group")


def _counted(head: Token, first: int, last: int) -> int | None:
    """How many people the source counts: 2 for "both", "neither man", "the two"; the number
    of "all three candidates", "the three"; None if it counts none."""
    words = [head] if head.lower_ in _PAIRS | set(_NUMBER_WORDS) | _PAIR_NOUNS else []
    words += [c for c in head.lefts if first <= c.i <= last]
    for word in words:
        lower = word.lower_
        if lower in _PAIRS or (word is head and lower in _PAIR_NOUNS and _defined(head)):
            return 2
        fraction = word.i + 1 < len(word.doc) and word.doc[word.i + 1].text == "-"
        if lower in _NUMBER_WORDS and not fraction and (word is head or word.dep_ == "nummod"):
            determiners = {c.lower_ for c in head.lefts if c.dep_ in ("det", "predet")}
            if word is head or determiners & {"the", "all", "these", "those"}:
                return _NUMBER_WORDS[lower]  # "the two senators"; "two senators" is any two
    return None


def _defined(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in head.lefts)


def _people(context: ResolutionContext, tokens: list[Token]) -> list[int]:
    """The distinct people the joined tokens name, each by name, by a surname named before
    or by a title beside it ("A, the speaker, and B")."""
    index = context.index
    found: list[int] = []
    for token in sorted(tokens, key=lambda t: t.i):
        entity = index.at(token.i)
        if entity is not None and index.entities[entity].type != "PERSON":
            entity = None
        if entity is None:
            entity = in_apposition(context, token)
        if entity is None and token.pos_ == "PROPN":
            entity = context.by_name(token.text, token.idx)  # a surname tagged as a body
        if entity is None:
            return []  # "A and the city": not a group of people
        if entity not in found:
            found.append(entity)
    return found


def part_of_group(context: ResolutionContext, head: Token) -> bool:
    """ "Some of Voss's allies", "one of the senators", "two of them": part of a group,
    nobody in particular; unless named beside it ("one of her lawyers, Jane Doe")."""
    if not (head.lower_ in _PART_WORDS or (head.like_num and head.lower_ not in _PAIRS)):
        return False
    of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
    groups = [
        t
        for prep in of
        for t in prep.children
        if t.dep_ == "pobj" and (t.tag_ in ("NNS", "NNPS") or t.lower_ in ("them", "us"))
    ]
    return bool(groups) and in_apposition(context, head) is None
