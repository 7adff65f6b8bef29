"""Bodies and documents as speakers: "the Marrow campaign", "police", "the fund",
"E.U. leaders", and "the poll" traced to its pollster.

A body mention is named by the article's own words for it: its proper modifiers and head
("Alder County police", "Ilse Marrow's campaign", "E.U. leaders"). A bare one
("the campaign", "police", "the fund") refers back to the latest body the article named with
the same noun, or to an organisation whose name holds it ("the fund" -> "International
Monetary Fund"). A document, poll or report speaks for its producer: the organisation or
person it names ("a Bellmore University poll", "a report by the agency"), or, for a bare
"the poll", the producer of the latest poll the article named.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.lexicon import Lexicon
from onrecord.pipeline.entities import EntityDraft, EntityIndex
from onrecord.pipeline.nlp import POSSESSIVE_MARKERS

_OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})
_NOT_PRODUCERS = frozenset(
    {"DATE", "TIME", "GPE", "LOC", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
)
_PRODUCER_PREPS = frozenset({"by", "from"})  # "a poll of voters": its respondents
# kinds whose names need not say what they are ("The Advocate", "Ameriquest"); a government
# body's name says it ("Department of Education", "FBI" is listed)
_NAMED_FREELY = frozenset({"media", "company"})
_SAME_DOCUMENTS = (
    {"poll", "survey"},
    {"report", "study", "analysis", "review", "finding", "research"},
    {"editorial", "article", "story", "column"},
    {"film", "movie"},
)
_MAX_NAME_TOKENS = 10
_SITE_NOUNS = frozenset({"website", "site", "blog"})
_STAFFED = frozenset({"campaign", "administration", "team", "committee", "party", "government"})
TEAMS = frozenset({"campaign", "team", "administration"})  # a person's own staff
_CREATORS = frozenset({"author", "co-author", "writer", "director"})  # of a book, a film
# how far up from "authors" in "X, an economist and one of the paper's authors" X stands
_AUTHOR_STEPS = 6
# "other E.U. leaders", "some Democrats", "two officials": part of a group, not the group
SUBSET_WORDS = frozenset(
    {"other", "some", "many", "several", "few", "most", "certain", "various", "numerous",
     "more", "fewer", "both", "all", "any", "individual", "fellow"}
)  # fmt: skip

# what a body or person does to a poll, survey, report or letter it produces ("X reported",
# "X released a poll", "X wrote the letter"); "X reviewed the book" is no producing
NAMING_VERBS = frozenset({"identify", "name", "call"})  # "a woman identified as X"
PUBLISHING_VERBS = frozenset(
    {"report", "release", "publish", "conduct", "issue", "commission", "survey", "poll",
     "find", "announce", "say", "send", "post", "compile", "produce", "write", "author",
     "draft", "sign", "file", "tweet"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class NamedBody:
    """A body the article names with a head noun: where, its name, and its owner, if any."""

    start: int  # character offset of the phrase
    noun: str  # the head noun's lemma
    name: str
    aliases: tuple[str, ...]
    first: int  # tokens of the phrase
    last: int


def noun_lemma(token: Token) -> str:
    lower = token.lower_
    return (
        lower
        if lower.endswith("s") and lower[:-1] == token.lemma_.lower()
        else token.lemma_.lower()
    )


def body_kind(token: Token, lexicon: Lexicon) -> str | None:
    """``body`` or ``group`` when the token heads a body mention, else None."""
    return lexicon.body_nouns.get(token.lower_) or lexicon.body_nouns.get(token.lemma_.lower())


def proper_modifiers(doc: Doc, head: Token, first: int, last: int) -> list[Token]:
    """The head's proper-name modifiers inside ``first..last``: a name before it ("Marrow
    campaign", "Ilse Marrow's campaign") or in a prepositional phrase after it
    ("Republicans on the House Financial Services Committee")."""
    found: list[Token] = []
    if head.dep_ == "compound":  # "Alder County police chief": names beside it
        for sibling in head.head.lefts:
            if sibling.i < head.i and first <= sibling.i and _is_proper(sibling):
                found.extend(t for t in sibling.subtree if first <= t.i < head.i)
    for child in head.children:
        if not first <= child.i <= last:
            continue
        if child.i < head.i and child.dep_ in _OWNER_DEPS and _is_proper(child):
            found.extend(t for t in child.subtree if first <= t.i <= last)
        elif child.i > head.i and child.dep_ == "prep" and child.lower_ in ("on", "of", "at"):
            objects = [
                t
                for t in child.children
                if t.dep_ == "pobj" and _is_proper(t) and t.ent_type_ != "GPE"
            ]
            if objects:
                found.extend(t for t in child.subtree if first <= t.i <= last)
    return sorted(set(found), key=lambda t: t.i)


def _is_proper(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


def staff_body(
    doc: Doc, index: EntityIndex, head: Token, first: int, last: int
) -> int | str | None:
    """The body that people speaking for it belong to: "Marrow campaign officials" -> the
    body named "Marrow campaign"; "State Department officials", "members of the Congressional
    Black Caucus", "executives for Acme" -> that organisation's entity. None for "senior
    officials", "officials in Kyiv"."""
    for token in doc[first : last + 1]:
        if token.i == head.i:
            continue
        entity = index.at(token.i)
        owned = token.i < head.i or (
            token.head.dep_ == "prep" and token.head.lower_ in ("of", "at", "for")
        )  # "officials of the agency", "executives for Acme"
        if entity is not None and owned and index.entities[entity].type == "ORG":
            return entity
    for child in head.lefts:
        if child.i >= first and child.dep_ == "compound" and child.lemma_.lower() in _STAFFED:
            named = body_name(doc, child, first, head.i - 1)
            if named is not None:
                return named[0]
    return None


def is_subset(doc: Doc, head: Token, first: int) -> bool:
    """A part of a group ("other E.U. leaders", "some Democrats", "two officials")."""
    return any(
        child.i >= first
        and ((child.lower_ in SUBSET_WORDS and child.lower_ != "fellow") or child.like_num)
        for child in head.lefts
    )


def body_name(doc: Doc, head: Token, first: int, last: int) -> tuple[str, tuple[str, ...]] | None:
    """The article's name for a body mention and its other forms, or None when nothing names
    it ("the campaign", "officials"). "Ilse Marrow's campaign" is the "Marrow campaign"
    (a person's team goes by the surname); "Mrs. Voss's confidants" are also "Voss
    confidants"."""
    modifiers = proper_modifiers(doc, head, first, last)
    if not modifiers and head.pos_ == "PROPN" and head.text[:1].isupper():
        return head.text, ()  # "Republicans", "Democrats"
    if not modifiers:
        return None
    start = min(modifiers[0].i, head.i)
    end = max(modifiers[-1].i, head.i)
    if end - start >= _MAX_NAME_TOKENS:
        return None
    name = doc[start : end + 1].text.strip()
    owner = [t for t in modifiers if t.i < head.i]
    if owner and owner[-1].text in POSSESSIVE_MARKERS:
        names = [t for t in owner if t.text not in POSSESSIVE_MARKERS]
        short = f"{names[-1].text} {head.text}" if names else name
        if short != name and noun_lemma(head) in TEAMS:
            return short, (name,)  # "Ilse Marrow's campaign" is the "Marrow campaign"
        if short != name:
            return name, (short,)  # "Mrs. Voss's confidants", also "Voss confidants"
    return name, ()


def organisation_modifier(
    doc: Doc, index: EntityIndex, head: Token, first: int, lexicon: Lexicon
) -> int | None:
    """The organisation a noun of its kind classifies ("the Global Times tabloid", "the
    Acme company"): the organisation named right before the noun."""
    kind = noun_kind(head, lexicon)
    if kind is None:
        return None
    for child in head.lefts:
        if child.i < first or child.dep_ not in ("compound", "nmod", "amod"):
            continue
        found = index.at(child.i)
        if found is None or index.entities[found].type != "ORG":
            continue
        if kind == "government" and " " not in index.entities[found].name:
            continue  # "Dunmore police": the town's police, not a body named "Dunmore"
        ends = [m.last for m in index.entities[found].mentions if m.first <= child.i <= m.last]
        if ends and ends[0] + 1 < head.i:
            continue  # "the U.N. nuclear watchdog": a body of the U.N.'s, not the U.N.
        return found
    return None


def noun_kind(head: Token, lexicon: Lexicon) -> str | None:
    """The kind of organisation a body noun names, by the noun with the modifier before it
    where the lexicon lists the pair ("central bank": a country's, not a company) and
    else by the noun alone."""
    noun = noun_lemma(head)
    for left in head.lefts:
        if left.dep_ in ("amod", "compound") and left.i == head.i - 1:
            paired = lexicon.organisation_kinds.get(f"{left.lower_} {noun}")
            if paired is not None:
                return paired
    return lexicon.organisation_kinds.get(noun)


def only_placed(doc: Doc, head: Token, first: int, last: int, lexicon: Lexicon) -> bool:
    """ "a Baton Rouge newspaper", "a Chicago firm": a place says where an outlet or a company
    is, not which one; "Alder County police" are that place's police."""
    if noun_kind(head, lexicon) not in _NAMED_FREELY | {"research"}:
        return False
    modifiers = proper_modifiers(doc, head, first, last)
    return bool(modifiers) and all(
        t.ent_type_ in ("GPE", "LOC", "NORP") or t.text in POSSESSIVE_MARKERS or t.is_punct
        for t in modifiers
    )


def named_bodies(doc: Doc, lexicon: Lexicon, kind: str = "body") -> list[NamedBody]:
    """Every body (or group, by ``kind``) the article names with a head noun of the body
    lexicon, in text order."""
    found: list[NamedBody] = []
    for token in doc:
        if token.pos_ not in ("NOUN", "PROPN") or body_kind(token, lexicon) != kind:
            continue
        if token.ent_type_ and token.ent_iob_ != "O":
            continue  # part of a name the tagger found ("Justice Department"): an entity
        if kind == "body" and token.tag_ == "NNS" and token.lower_ != noun_lemma(token):
            continue  # "the forerunner companies of Acme": several, none of them named
        if kind == "group" and is_subset(doc, token, token.left_edge.i):
            continue  # "some Alder County prosecutors": not the group's own name
        phrase = token.head if token.dep_ == "compound" else token
        first = phrase.left_edge.i
        last = min(token.right_edge.i, token.i + _MAX_NAME_TOKENS)
        unnamed = lexicon.is_determiner(doc[first].lower_, "indefinite") or only_placed(
            doc, token, first, last, lexicon
        )  # "a Baton Rouge newspaper": not named
        named = None if unnamed else body_name(doc, token, first, last)
        apposed = apposed_name(token) or called_name(token)
        if apposed is not None:  # "The Advocate, the Baton Rouge newspaper": The Advocate
            named = (apposed, (named[0],) if named else ())
        if named is None or named[0].casefold() in (token.lower_, noun_lemma(token)):
            continue  # "Newspaper Says ...": the noun capitalised in a headline names nothing
        name, aliases = named
        found.append(NamedBody(doc[first].idx, noun_lemma(token), name, aliases, first, last))
    return found


def apposed_name(token: Token) -> str | None:
    """The proper name a body noun stands in apposition to, if any: "the website Pollwise",
    "X's advocacy group One Future", "the campaign group America's Green Future", "the
    state news agency KCNA"."""
    related = [token.head] if token.dep_ == "appos" else []
    related += [child for child in token.children if child.dep_ == "appos"]
    if token.dep_ == "compound" and token.head.pos_ == "PROPN" and token.head.i > token.i:
        related.append(token.head)  # "the state news agency KCNA", parsed as one name
    related += _subject_set_off_before(token)
    for other in related:
        place = other.ent_type_ in ("GPE", "LOC") and (other.i < token.i or other.dep_ != "appos")
        if place:
            continue  # "flood-ravaged Louisiana, a Baton Rouge newspaper": a misparse; but
            # "its parent company, Acme International" may be tagged as a place
        if other.ent_type_ == "PERSON" and other.doc[other.left_edge.i - 1].text == ",":
            continue  # "a spokesman for the rebel alliance, Abu Khaled,": the spokesman
        name = _proper_name_at(other)
        if name is not None:
            return name
        if _lower_case_site_name(token, other):
            return other.text  # "the website fivethirtyeight"
    return None


def _subject_set_off_before(token: Token) -> list[Token]:
    """The name a body noun follows as a second subject of one verb, set off by a comma:
    "COGAT, the defence body that ..., said", an apposition the parser read as two
    subjects."""
    if token.dep_ != "nsubj" or token.left_edge.i == 0:
        return []
    if token.doc[token.left_edge.i - 1].text != ",":
        return []
    return [
        c
        for c in token.head.children
        if c.dep_ == "nsubj" and c.pos_ == "PROPN" and c.i < token.left_edge.i
    ][-1:]


def _lower_case_site_name(noun: Token, other: Token) -> bool:
    """A one-word name written in lower case right after a website's noun: "the website
    fivethirtyeight", "the site gawker"."""
    return (
        noun.lower_ in _SITE_NOUNS
        and other.i == noun.i + 1
        and other.dep_ == "appos"
        and other.pos_ in ("NOUN", "PROPN")
        and other.is_alpha
        and len(other) >= 4
        and not any(other.children)
    )


def called_name(token: Token) -> str | None:
    """The proper name a naming verb gives a body noun: "a group called Safer Streets",
    "an organization named the Alder Alliance"."""
    for verb in token.children:
        if verb.dep_ != "acl" or verb.lemma_.lower() not in NAMING_VERBS:
            continue
        for other in verb.children:
            if other.dep_ in ("oprd", "attr") and other.ent_type_ not in ("GPE", "LOC"):
                return _proper_name_at(other)
    return None


def _proper_name_at(other: Token) -> str | None:
    """The name a capitalised word ends, with the capitalised words before it."""
    if not other.text[:1].isupper():
        return None
    words = [t for t in other.doc[other.left_edge.i : other.i + 1] if t.dep_ != "det"]
    if len(words) > 1 and all(t.text[:1].isupper() or t.text in POSSESSIVE_MARKERS for t in words):
        return other.doc[words[0].i : other.i + 1].text  # every word capitalised
    if other.pos_ == "PROPN":
        named = [
            t
            for t in other.lefts
            if t.dep_ in ("compound", "nummod") and t.text[:1].isupper()  # "One Future"
        ]
        start = named[0].i if named else other.i
        return other.doc[start : other.i + 1].text
    return None


@dataclass(frozen=True, slots=True)
class DocumentMention:
    start: int
    noun: str
    producer: int  # entity index
    of: str | None = None  # what it is of: "poll" of "the results of exit polls"


def producer_in(doc: Doc, index: EntityIndex, head: Token, first: int, last: int) -> int | None:
    """The entity a document mention names as its producer: its owner ("the IMF report",
    "a Bellmore University poll") or the object of "by"/"from" ("released by the agency")."""
    candidates: list[int] = []
    named = index.at(head.i)  # "the American Community Survey": the document's own name
    for token in doc[first : last + 1]:
        if token.i == head.i:
            continue
        entity = index.at(token.i)
        if entity is None or entity in candidates or entity == named:
            continue
        if _names_a_team(token) and index.entities[entity].type == "PERSON":
            continue  # "issued by the Roe administration": the administration, found as such
        if token.i < head.i or _under_producer_prep(token, head):
            candidates.append(_owned_person(doc, index, token) or entity)
    if not candidates:
        words = [
            c for c in head.lefts if c.dep_ in ("compound", "nmod") and c.text[:1].isupper()
        ]  # "a Tarrow poll", "a Club for Growth ad" (the name's first word)
        found = organisation_with_word(index, words[0].text) if words else None
        return found if found != named else None
    bodies = [c for c in candidates if index.entities[c].type in ("ORG", "PERSON")]
    return (bodies or candidates)[0]


def organisation_owning(
    index: EntityIndex, lexicon: Lexicon, head: Token, first: int
) -> int | None:
    """The organisation whose thing speaks for it ("Marlow Media's ad tracker", "the
    agency's website"), or whose people do, as its staff ("the agency's lawyers"); never
    one person in a role ("Acme's chief executive")."""
    lower = head.lower_
    if head.pos_ != "NOUN":
        return None
    if head.tag_ != "NNS" and (
        lower in lexicon.person_nouns
        or lower in lexicon.descriptors
        or lower in lexicon.gendered_words
        or lexicon.is_title_word(lower)
    ):
        return None
    for owner in head.children:
        if owner.dep_ != "poss" or owner.i < first:
            continue
        found = index.at(owner.i)
        if found is not None and index.entities[found].type == "ORG":
            return found
    return None


def producer_objects(head: Token, last: int) -> Iterator[Token]:
    """The words after "by" or "from" under a document's noun, up to ``last``, that may name
    who made it: not a date or a place ("conducted from Feb. 11")."""
    for token in head.subtree:
        if token.i > last or token.lower_ not in _PRODUCER_PREPS:
            continue
        if token.dep_ in ("prep", "agent"):
            for target in token.children:
                if (
                    target.dep_ == "pobj"
                    and target.i <= last
                    and target.ent_type_ not in _NOT_PRODUCERS
                ):
                    yield target


def _names_a_team(token: Token) -> bool:
    """A word of a person's name that names their team ("the Roe administration")."""
    while token.dep_ == "compound" and token.head.ent_type_ == token.ent_type_:
        token = token.head  # "Jane" in "the Jane Roe campaign"
    return token.dep_ in ("compound", "poss") and noun_lemma(token.head) in TEAMS


def _owned_person(doc: Doc, index: EntityIndex, token: Token) -> int | None:
    """The person an outlet's possessive names ("by the Herald's Jane Roe": Roe)."""
    entity = index.at(token.i)
    after = token.i
    while after < len(doc) and index.at(after) == entity:
        after += 1
    if after + 1 >= len(doc) or doc[after].text not in POSSESSIVE_MARKERS:
        return None
    owned = index.at(after + 1)
    return owned if owned is not None and index.entities[owned].type == "PERSON" else None


def _under_producer_prep(token: Token, head: Token) -> bool:
    node = token
    for _ in range(6):
        if node.dep_ in ("prep", "agent") and node.lower_ in _PRODUCER_PREPS:
            return True
        if node.i == head.i or node.head.i == node.i:
            return False
        node = node.head
    return False


def document_mentions(
    doc: Doc, index: EntityIndex, lexicon: Lexicon, owner_of: Callable[[Token], int | None]
) -> list[DocumentMention]:
    """Every document the article names with its producer, in text order; ``owner_of``
    resolves a possessive owner the tagger did not name ("the newspaper's editorial")."""
    found: list[DocumentMention] = []
    for token in doc:
        if (
            token.pos_ not in ("NOUN", "PROPN")
            or token.lemma_.lower() not in lexicon.document_nouns
        ):
            continue  # "the poll", and "its American Community Survey"
        first = token.left_edge.i
        last = min(token.right_edge.i, token.i + 15)
        producer = producer_in(doc, index, token, first, last)
        if producer is None:
            producer = published_by(index, token, owner_of)
        if producer is None:
            by = next(
                (t for t in producer_objects(token, last) if t.pos_ in ("NOUN", "PROPN")), None
            )  # "a statement issued by the Roe campaign"
            producer = owner_of(by) if by is not None else None
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if producer is None and owner is not None:
            producer = owner_of(owner)
        if producer is None:
            producer = _created_by(index, token)
        if producer is None:
            producer = _issued_in(token, lexicon, owner_of)
        if producer is not None:
            noun = token.lemma_.lower()
            found.append(DocumentMention(doc[first].idx, noun, producer, of_object(token)))
    return found


def published_by(
    index: EntityIndex, token: Token, owner_of: Callable[[Token], int | None]
) -> int | None:
    """Who a verb of publishing says made a document: "X released a poll"; "The Roe
    campaign sent an email", whose subject ``owner_of`` resolves as a mention."""
    if token.dep_ != "dobj" or token.head.lemma_ not in PUBLISHING_VERBS:
        return None
    producer = _subject_entity(index, token.head)
    subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    if producer is None and subject is not None:
        producer = owner_of(subject)
    return producer


def of_object(token: Token) -> str | None:
    """What a document noun is of ("poll" of "the results of exit polls"), as a lemma."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            found = next((c for c in prep.children if c.dep_ == "pobj"), None)
            return found.lemma_.lower() if found is not None else None
    return None


def _created_by(index: EntityIndex, token: Token) -> int | None:
    """ "The author of the book, Jane Roe": the person the document's author is named as."""
    of = token.head
    if token.dep_ != "pobj" or of.lower_ != "of" or of.head.lemma_.lower() not in _CREATORS:
        return None
    creator = of.head
    named = [c for c in (*creator.children, *token.children) if c.dep_ == "appos"]
    if creator.dep_ == "appos":
        named.append(creator.head)  # "Jane Roe, the author of the book"
    for other in named:
        found = index.at(other.i)
        if found is not None and index.entities[found].type == "PERSON":
            return found
    return None


def _issued_in(
    token: Token, lexicon: Lexicon, owner_of: Callable[[Token], int | None]
) -> int | None:
    """ "In a statement, the mogul announced ...": the statement is the speaker's of the
    clause it introduces, resolved as a source of its own."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "in" or prep.dep_ != "prep":
        return None
    verb = prep.head
    if verb.pos_ != "VERB" or not lexicon.is_speech_verb(verb.lemma_.lower()):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return owner_of(subject) if subject is not None else None


def _subject_entity(index: EntityIndex, verb: Token) -> int | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            entity = index.at(child.i)
            if entity is not None and index.entities[entity].type in ("ORG", "PERSON"):
                return entity
    return None


def same_document_kind(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _SAME_DOCUMENTS)


def organisation_named_with(
    index: EntityIndex, noun: str, nearby: Mapping[int, list[int]]
) -> int | None:
    """Of the organisations ``nearby`` (number -> offsets of its mentions before the source),
    the latest whose name holds the noun ("the fund" -> "International Monetary Fund")."""
    return _latest(nearby, lambda number: name_holds(index, noun, number))


def name_holds(index: EntityIndex, noun: str, number: int) -> bool:
    """Whether the organisation's name holds the noun ("International Monetary Fund":
    "fund"), and more than the noun: "Newspaper" alone, as a headline capitalises it, names
    no paper."""
    nouns = {form for spelling in spellings(noun) for form in (spelling, f"{spelling}s")}
    entity = index.entities[number]
    words = {w.casefold().strip(".,") for form in entity.forms for w in form.split()}
    return not words.isdisjoint(nouns) and not words <= nouns


def organisation_called(
    index: EntityIndex, lexicon: Lexicon, noun: str, nearby: Mapping[int, list[int]]
) -> int | None:
    """Of the organisations ``nearby``, the latest a noun the organisations lexicon lists for
    it calls it by: "the alliance" -> NATO, "the bloc" -> the European Union."""
    return _latest(nearby, lambda number: listed_noun_of(index, lexicon, noun, number))


def listed_noun_of(index: EntityIndex, lexicon: Lexicon, noun: str, number: int) -> bool:
    """Whether the organisations lexicon lists the noun for the organisation."""
    name = index.entities[number].fixed_name
    listed = lexicon.organisations.get(name) if name else None
    return listed is not None and noun in listed.nouns


def _latest(nearby: Mapping[int, list[int]], chosen: Callable[[int], bool]) -> int | None:
    """Of the organisations ``nearby``, the one mentioned latest that ``chosen`` picks."""
    best: tuple[int, int] | None = None
    for number, starts in nearby.items():
        if chosen(number) and (best is None or starts[-1] > best[0]):
            best = (starts[-1], number)
    return best[1] if best else None


def spellings(noun: str) -> set[str]:
    """The noun in American and British spelling: "center" and "centre", "organization"
    and "organisation"."""
    found = {noun}
    if noun.endswith("er") and len(noun) > 4:
        found.add(f"{noun[:-2]}re")
    elif noun.endswith("re") and len(noun) > 4:
        found.add(f"{noun[:-2]}er")
    if "ization" in noun:
        found.add(noun.replace("ization", "isation"))
    elif "isation" in noun:
        found.add(noun.replace("isation", "ization"))
    return found


def organisation_with_word(index: EntityIndex, word: str) -> int | None:
    """The one organisation whose name has this word ("Tarrow" -> "Tarrow Research Center")."""
    found = {
        number
        for number, entity in enumerate(index.entities)
        if entity.type == "ORG" and any(word in form.split() for form in entity.forms)
    }
    return found.pop() if len(found) == 1 else None


def organisation_kind(entity: EntityDraft, lexicon: Lexicon) -> str | None:
    """What kind of organisation an entity is: its kind in the organisations lexicon, else
    the kind its name's words tell ("Daily Herald": media), else None."""
    if entity.type != "ORG":
        return None
    if entity.fixed_name:
        listed = lexicon.organisations.get(entity.fixed_name)
        if listed is not None:
            return listed.kind
    for form in entity.forms:
        for word in reversed(form.split()):
            kind = lexicon.organisation_kinds.get(word.casefold().strip(".,"))
            if kind is not None:
                return kind
    return None


def is_generic(entity: EntityDraft, lexicon: Lexicon) -> bool:
    """A name that is only a common noun a headline capitalised ("Newspaper Says ...")."""
    return all(
        word.casefold() in lexicon.organisation_kinds or word.casefold() in lexicon.body_nouns
        for form in entity.forms
        for word in form.split()
    )


def organisation_like(
    index: EntityIndex,
    lexicon: Lexicon,
    noun: str,
    nearby: Mapping[int, list[int]],
    spoke: Mapping[int, int],
) -> int | None:
    """The organisation a bare noun refers back to by its kind, of those ``nearby``: "the
    agency" -> the latest government body mentioned; "the newspaper" -> the latest outlet,
    else the organisation of no known kind that has spoken ("The Advocate said"), else the
    one mentioned most."""
    wanted = lexicon.organisation_kinds.get(noun)
    if wanted is None:
        return None
    latest: tuple[int, int] | None = None
    unknown: tuple[bool, int, int, int] | None = None
    for number, before in nearby.items():
        entity = index.entities[number]
        if is_generic(entity, lexicon):
            continue
        kind = organisation_kind(entity, lexicon)
        if kind == wanted and (latest is None or before[-1] > latest[0]):
            latest = (before[-1], number)
        elif kind is None:
            standing = (number in spoke, len(before), before[-1], number)
            if unknown is None or standing > unknown:
                unknown = standing
    if latest is not None:
        return latest[1]
    if unknown is not None and wanted in _NAMED_FREELY:
        return unknown[-1]
    return None


def add_body(
    index: EntityIndex, name: str, aliases: tuple[str, ...], doc: Doc, first: int, last: int
) -> int:
    """The body entity of that name or of one of its other names (made if new), with this
    mention added to it: "Ruiz's administration" is the "Ruiz administration" named before."""
    keys = [f"body:{form.casefold()}" for form in (name, *aliases)]
    by_key = index.numbers_by_key()
    number = next((by_key[key] for key in keys if key in by_key), None)
    if number is None:
        number = index.add(EntityDraft("ORG", keys[0], fixed_name=name, label="ORG"))
    for key in keys[1:]:
        by_key.setdefault(key, number)  # found by any of its names from now on
    entity = index.entities[number]
    entity.forms[name] += 1
    for alias in aliases:
        entity.forms[alias] += 0
    index.attach(number, doc, first, last)
    return number


def is_poll(noun: str) -> bool:
    """A poll or survey, whose maker is "the pollster"."""
    return same_document_kind(noun, "poll")


def is_study(noun: str) -> bool:
    """A study, report or paper, whose makers are "the researchers", "the authors"."""
    return noun == "paper" or same_document_kind(noun, "study")


def named_author(doc: Doc, index: EntityIndex) -> int | None:
    """The first person the article names as an author of a study or paper ("X, an
    economist and one of the paper's authors", "Y, a co-author of the study")."""
    for token in doc:
        if token.lemma_.lower() not in ("author", "co-author") or token.pos_ != "NOUN":
            continue
        of_study = [
            t for t in token.children if t.dep_ == "poss" or (t.dep_ == "prep" and t.lower_ == "of")
        ]
        if not any(
            is_study(t.lemma_.lower()) for child in of_study for t in (child, *child.children)
        ):
            continue  # "the author of the book" is found as a document's creator
        node = token
        for _ in range(_AUTHOR_STEPS):
            if node.head.i == node.i or node.dep_ not in ("pobj", "prep", "conj", "appos"):
                break
            node = node.head
            found = index.at(node.i)
            if found is not None and index.entities[found].type == "PERSON":
                return found
    return None
