"""Descriptions as sources: "the Russian leader", "the head of the department" are the
latest person whose stated title the description can refer to; "the GOP nominee" with no
such title the person the article is most about so far; "Okoro's campaign manager" a role
someone else holds for its owner, and "Okoro's wife" the owner's kin."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.lexicon import Lexicon
from onrecord.pipeline.entities import EntityDraft
from onrecord.pipeline.nlp import head_of, hyphen_joined, hyphenated_lower, sentence_of
from onrecord.pipeline.speakers.bodies import NAMING_VERBS
from onrecord.pipeline.speakers.context import (
    NOBODY,
    UNNAMED,
    ResolutionContext,
    Speaker,
)
from onrecord.pipeline.speakers.salience import subject_before
from onrecord.pipeline.speakers.unnamed import unnamed_before

_KIN = frozenset(
    {"wife", "husband", "widow", "widower", "mother", "father", "son", "daughter", "brother",
     "sister", "nephew", "niece", "uncle", "aunt"}
)  # fmt: skip
# what a description of a past office says, which a sitting holder's title does not
_FORMER = frozenset({"former", "ex", "onetime", "one-time"})
# How far back "the GOP nominee" counts the people the article is about.
_TOPIC_REACH = 1500
# How far back a pronoun looks for a description that is the subject of a clause.
_DESCRIBED_REACH = 1500
# How far after a person's quote a description still goes on describing them.
_SPEAKING_REACH = 600
# How far after "a federal judge" the article may name the judge ("Judge Roe"): a
# paragraph or two, as a lede that withholds the name gives it.
_NAMED_NEXT_REACH = 1600
_OFFICE_OWNERS = frozenset({"GPE", "ORG", "NORP"})  # owners of an office
_DESCRIBING = frozenset({"prep", "relcl", "acl"})  # what a description says of its person
_NAMING = NAMING_VERBS | {"know"}  # "a worker named X", "the chief known as Bob"
_INTRODUCTION_REACH = 400  # characters after an indefinite subject's sentence that may name it


def person_by_title(
    context: ResolutionContext,
    first: int,
    last: int,
    head: Token,
    position: int,
    others: frozenset[int] = frozenset(),
) -> int | None:
    """'the Russian leader' -> the latest person whose title a 'leader' can be;
    'the Foreign Minister of Poland' -> the latest Polish person who can be one; never one
    of the ``others`` the description names ("the politician, an ally of President X")."""
    lexicon = context.lexicon
    words = [t for t in context.doc[first : last + 1] if not t.is_punct]
    while words and lexicon.is_determiner(words[0].lower_, "article", "definite", "possessive"):
        words = words[1:]
    country = None
    while words and context.country_of(words[0].text):
        country = context.country_of(words[0].text)
        words = words[1:]
    for i, token in enumerate(words[:-1]):
        place = context.country_of(" ".join(t.text for t in words[i + 1 :]))
        if token.lower_ == "of" and place:
            country, words = place, words[:i]  # "the Foreign Minister of Poland"
            break
    if not words:
        return None
    phrase = " ".join(hyphen_joined(words))  # "front - runner": "front-runner"
    head_word = hyphenated_lower(head)
    refers: set[str] = set()
    last_two = " ".join(phrase.split()[-2:])
    # "the senior vice president" is no president: the head alone only where the words
    # before it make no title of their own
    candidates = [phrase, last_two]
    if last_two not in lexicon.titles:
        candidates.append(head_word)
    for candidate in candidates:
        refers |= set(lexicon.descriptors.get(candidate, ()))
    if not refers and (phrase in lexicon.titles or head_word in lexicon.titles):
        refers = {phrase, head_word}
    if not refers:
        return None
    best: tuple[int, int] | None = None
    former = any(t.lower_ in _FORMER for t in words)
    body = _owning_body(context, head)
    office = " ".join(t.lower_ for t in words if t.i >= _after_owner(head))
    party = lexicon.party_named(" ".join(t.text for t in words))
    for number in context.people_near(position):
        entity = context.index.entities[number]
        if number in others:
            continue
        if country and entity.country and entity.country != country:
            continue
        if party and _other_party(lexicon, entity, party):
            continue  # "the GOP front-runner" is not the "Democratic front-runner"
        if former and entity.titles and not _ever_former(entity):
            continue  # "the former senator" is none of the sitting senators
        if body is not None and not _serves(entity, context.index.entities[body], office):
            continue  # "the European Union's foreign policy chief": no party's chairman
        # A person of that country whose office the article has not stated may hold it.
        untitled = bool(country) and entity.country == country and not entity.titles
        if not (_holds(entity, refers, phrase) or untitled):
            continue
        recency = context.recency(number, position)
        if recency >= 0 and (best is None or recency > best[0]):
            best = (recency, number)
    return best[1] if best else None


def _owning_body(context: ResolutionContext, head: Token) -> int | None:
    """The organisation a description's possessive names as owning the office ("the
    European Union's foreign policy chief"), if any."""
    for child in head.children:
        if child.dep_ == "poss":
            owner = context.index.at(child.i)
            if owner is not None and context.index.entities[owner].type == "ORG":
                return owner
    return None


def _after_owner(head: Token) -> int:
    """The first token after a description's possessive owner."""
    owners = [t.i for c in head.lefts if c.dep_ == "poss" for t in c.subtree]
    return max(owners, default=head.left_edge.i - 1) + 1


def _serves(entity: EntityDraft, body: EntityDraft, office: str) -> bool:
    """Whether a person's affiliation or titles name the body, or (their affiliation
    unknown) a title of theirs is that very office ("the bloc's foreign policy chief, X"
    ... "the European Union's foreign policy chief")."""
    said = [entity.affiliation or "", *entity.titles]
    if any(form.casefold() in s.casefold() for form in body.forms for s in said if s):
        return True
    return entity.affiliation is None and any(
        f" {t.casefold()}".endswith(f" {office}") for t in entity.titles
    )


def headline_subject(context: ResolutionContext, head: Token) -> int | None:
    """A bare capitalised title opening the line under the headline, as headlines are
    written ("Roe apologizes for remarks" / "Justice vows to be more careful"): the
    person whose name opens the headline, as its subject."""
    doc, lexicon, headline = context.doc, context.lexicon, context.headline
    lower = head.lower_
    if headline is None or not head.text[:1].isupper() or head.tag_ not in ("NN", "NNP"):
        return None
    if not lexicon.is_person_word(lower):
        return None
    between = doc[headline[1] + 1 : head.i]
    if not between or not all(t.is_space for t in between):
        return None  # only the line right under the headline, and only its first word
    opening = doc[headline[0]].idx
    people = context.people_between(opening, opening + 1)
    return people[0][2] if people else None  # "Roe apologizes for Doe comments": Roe


def _other_party(lexicon: Lexicon, entity: EntityDraft, party: str) -> bool:
    """Whether the person's stated titles or affiliation name a party other than ``party``."""
    stated = [lexicon.party_named(title) for title in entity.titles]
    stated.append(lexicon.party_named(entity.affiliation or ""))
    return any(found is not None and found != party for found in stated)


def _ever_former(entity: EntityDraft) -> bool:
    return any(word in _FORMER for title in entity.titles for word in title.lower().split())


def _holds(entity: EntityDraft, refers: set[str], phrase: str) -> bool:
    for title in entity.titles:
        lowered = f" {title.lower()} "
        if f" {phrase} " in lowered:
            return True
        if any(f" {word} " in lowered for word in refers):
            return True
    return False


def person_described(
    context: ResolutionContext,
    first: int,
    last: int,
    head: Token,
    position: int,
    *,
    of_others: bool = False,
) -> Speaker:
    """A description of a person no stated title matches: "A New York judge" is the
    person named next with that title, and so is a headline's "Tarrowan lawmaker" (a
    headline drops its articles); "the GOP nominee", "the 34-year-old mother of three" the
    person the article is most about so far (of a compatible gender). A description ``of
    others`` ("the top aide to X") is only ever the person speaking just before it: whoever
    stands beside someone else is not the one the article is about."""
    lexicon = context.lexicon
    noun = _noun_of(head, lexicon)
    if not (
        noun in lexicon.person_nouns
        or noun in lexicon.descriptors
        or lexicon.is_title_word(noun)
        or _by_age(head)
    ):
        return NOBODY
    opening = context.doc[first].lower_
    headline = context.in_headline(context.doc[first]) and not lexicon.is_determiner(opening)
    if lexicon.is_determiner(opening, "indefinite") or headline:
        owner = {
            t.text
            for prep in head.children
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at")
            for t in prep.subtree
            if t.i <= last and t.text[:1].isupper()
        }  # "a spokesperson for the Parks Department": of that department
        # a headline's person is introduced in the body, not later in the headline
        end = context.headline[1] if headline and context.headline else last
        named = _named_next(context, context.doc[end].idx, noun, owner)
        if named is None and not headline and head.dep_ == "nsubj":
            named = _introduced_speaking(context, head)
        if named is None and headline:
            lede = _lede_subject(context, end, noun)
            named = _introduced_speaking(context, lede) if lede is not None else None
        return _found_to_be(context, named, head)
    owned = any(c.dep_ == "poss" and c.ent_type_ in _OFFICE_OWNERS for c in head.children)
    if not lexicon.is_determiner(opening, "definite") or owned:
        # "Tarrovia's foreign minister criticised the plan. '...,' Per Lund said."; "the
        # European Union's foreign policy chief", whose "the" is the owner's: no one named
        # before, unless a title says so
        named = _introduced_speaking(context, head) if owned and head.dep_ == "nsubj" else None
        return _found_to_be(context, named, head)
    if unnamed_before(context, first, noun):
        return NOBODY  # "a young woman asked ... the woman said": nobody named
    if _unheld_office(context, noun):
        return NOBODY  # "the mayor" where no mayor is named: someone the article leaves unnamed
    gender = lexicon.person_nouns.get(noun) or lexicon.gendered_words.get(noun)
    if (
        context.previous is UNNAMED
        and _still_speaking(context, None, first, position)
        and not _other_office(context, noun)
    ):
        return NOBODY  # "said a woman who asked not to be named. ... the woman said"
    within = context.index.in_range(first, last)  # "the spokesman for Marrow": not Marrow
    others = _named_beside(context, first, last) | frozenset(within)
    speaking = _speaking(context, noun, gender, first, position)
    if speaking is not None and speaking not in others:
        # '"...," Halvorsen said. ... the Nebraska Republican said'
        return context.speaker(speaking, "description")
    if of_others:
        return NOBODY
    subject, mentioned = subject_before(context, gender, first, others)
    if subject is not None:  # "Halvorsen criticised X. ... the Nebraska Republican said"
        return context.speaker(subject, "description")
    if mentioned is not None and _in_sentence_of(context, mentioned, first):
        # "Roe took on Doe after the Democratic front-runner had said": Doe
        return context.speaker(mentioned, "description")
    counts: dict[int, int] = {}
    latest: dict[int, int] = {}
    for start, _last, number in context.people_between(position - _TOPIC_REACH, position):
        if gender and context.index.entities[number].gender not in (None, gender):
            continue
        if number in others:
            continue
        counts[number] = counts.get(number, 0) + 1
        latest[number] = start
    if not counts:
        # "The city's police chief warned ... '...,' Chief Ray Okafor said": named next
        return _found_to_be(context, _named_next(context, context.doc[last].idx, noun, set()), head)
    chosen = max(counts, key=lambda number: (counts[number], latest[number]))
    return context.speaker(chosen, "description")


def _in_sentence_of(context: ResolutionContext, person: int, first: int) -> bool:
    """Whether the person is named in the sentence of token ``first``, before it."""
    sentence = sentence_of(context.doc, first)
    return any(
        number == person
        for _start, _last, number in context.people_between(
            sentence.start_char, context.doc[first].idx
        )
    )


def _noun_of(head: Token, lexicon: Lexicon) -> str:
    """The word a description's head stands for: the whole hyphenated word where the
    lexicon knows it ("the Secretary-General" is no general), else the head's own."""
    joined = hyphenated_lower(head)
    known = joined in lexicon.person_nouns or joined in lexicon.descriptors
    return joined if known or lexicon.is_title_word(joined) else head.lower_


def _by_age(head: Token) -> bool:
    """ "The 72-year-old", a person described by age alone."""
    return head.lower_ == "old" and any(c.lower_ in ("year", "years") for c in head.lefts)


def _found_to_be(context: ResolutionContext, named: int | None, head: Token) -> Speaker:
    """The person an introducing description was found to be, who from now on holds its
    title: "A lawmaker in Norway ... Per Lund said ... The lawmaker said" is Per Lund, and
    "Tarrovia's foreign minister" gives the title "foreign minister"."""
    if named is None:
        return NOBODY
    title = _title_of(head, context.lexicon)
    if title in context.lexicon.titles:
        context.index.entities[named].add_title(title)
    return context.speaker(named, "description")


def _title_of(head: Token, lexicon: Lexicon) -> str:
    """The longest title the head noun ends with the modifiers before it: "foreign
    minister", "attorney general"; else the noun alone."""
    words = [head.lower_]
    for left in reversed(list(head.lefts)):
        longer = f"{left.lower_} {' '.join(words)}"
        if left.dep_ not in ("amod", "compound") or longer not in lexicon.titles:
            break
        words.insert(0, left.lower_)
    return " ".join(words)


def _named_beside(context: ResolutionContext, first: int, last: int) -> frozenset[int]:
    """The people a description that is the subject of a clause (``first..last``) cannot
    be: the subject of a clause above it ("Roe hit back after the front-runner said": not
    Roe); but "Roe was the first candidate to ...", "Roe, with the senator's campaign
    saying ..." and "Roe attacked Doe, and the governor said ..." are Roe."""
    doc = context.doc
    head = doc[head_of(doc, (first, last))]
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return frozenset()
    sentence = sentence_of(doc, head.i)
    above: set[int] = set()
    clause = head.head
    while clause.dep_ != "conj" and clause.head.i != clause.i:
        clause = clause.head
        above.add(clause.i)
    found: set[int] = set()
    for _start, named, number in context.people_between(sentence.start_char, sentence.end_char):
        token = doc[named]
        if first <= named <= last or token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if token.head.i in above:
            found.add(number)
    return frozenset(found)


def _speaking(
    context: ResolutionContext, noun: str, gender: str | None, first: int, position: int
) -> int | None:
    """The person who spoke in the sentences just before ``position``, whom a definite
    description of a person ("the Texan", "the business mogul") goes on describing, unless
    a sentence since has been about someone else (another person its main subject), or
    the description names a role their stated titles do not hold ("the host")."""
    previous = context.previous
    if previous is None or previous.entity is None:
        return None
    entity = context.index.entities[previous.entity]
    if entity.type != "PERSON" or (gender and entity.gender not in (None, gender)):
        return None
    roles = context.lexicon.descriptors.get(noun)
    if roles is not None and not _holds(entity, {noun, *roles}, noun):
        return None
    return previous.entity if _still_speaking(context, previous.entity, first, position) else None


def _still_speaking(
    context: ResolutionContext, speaker: int | None, first: int, position: int
) -> bool:
    """Whether the previous speaker spoke just before ``position`` and no sentence since has
    had another person as its main subject."""
    if position - context.previous_position > _SPEAKING_REACH:
        return False
    doc = context.doc
    for _start, last, number in context.people_between(context.previous_position, doc[first].idx):
        token = doc[last]
        if number != speaker and token.dep_ == "nsubj" and token.head.dep_ == "ROOT":
            return False
    return True


def _other_office(context: ResolutionContext, noun: str) -> bool:
    """Whether the description names an office other than the one of the unnamed person
    who spoke before ("A lawmaker in Tarrovia ... the presidential candidate"): someone else."""
    before = context.unnamed_noun
    titles, descriptors = context.lexicon.titles, context.lexicon.descriptors
    if before is None or before == noun or before not in titles or noun not in titles:
        return False
    return noun not in descriptors.get(before, ()) and before not in descriptors.get(noun, ())


def _unheld_office(context: ResolutionContext, noun: str) -> bool:
    """An office ("mayor", "attorney general") names its holder by the title: when no one
    holds it (``person_by_title`` found nobody), the holder is not one of the people named.
    Epithets ("the nominee", "the mogul") and generic descriptors ("the official") may
    describe a person whose title the article never states."""
    lexicon = context.lexicon
    return (
        noun in lexicon.titles
        and noun not in lexicon.person_nouns
        and noun not in lexicon.descriptors
    )


def _named_next(context: ResolutionContext, after: int, noun: str, owner: set[str]) -> int | None:
    """The first person named within a paragraph or two after ``after`` with that title, in
    a sentence that names its ``owner`` (the words of "for the Parks Department"), if any;
    never someone named before, whom an indefinite description does not introduce."""
    abbreviated = {t for t in context.lexicon.descriptors.get(noun, ()) if t.endswith(".")}
    for _start, last, number in context.people_between(after + 1, after + _NAMED_NEXT_REACH):
        if context.index.entities[number].first_position < after:
            continue
        entity = context.index.entities[number]
        if _holds(entity, {noun} | abbreviated, noun) or _apposed(context.doc[last], noun):
            # the title itself or its abbreviation ("governor": "Gov."), no other title
            if owner and owner.isdisjoint(t.text for t in sentence_of(context.doc, last)):
                continue  # "Okoro spokesperson Ron Roe": not the department's
            return number
    return None


def _introduced_speaking(context: ResolutionContext, head: Token) -> int | None:
    """The person an indefinite subject introduces by role, then names speaking in the
    next paragraph with nothing more said of them ("A lawmaker in Norway is calling
    for a ban on Roe. '...,' Per Lund said."); nobody if a person named before comes first.
    People named in the description's own sentence are what it is about, not who it is."""
    doc = context.doc
    sentence = sentence_of(doc, head.i)
    stop = sentence.end_char + _INTRODUCTION_REACH
    for start, last, number in context.people_between(sentence.end_char, stop):
        if context.is_quoted(start):
            continue  # a name in someone's words ("a Trojan horse")
        entity = context.index.entities[number]
        name = doc[last]
        if entity.mentions[0].start != start:
            return None  # a person the article spoke of before
        speaking = name.dep_ == "nsubj" and context.lexicon.is_speech_verb(name.head.lemma_)
        described = bool(entity.titles) or any(c.dep_ in ("appos", "acl") for c in name.children)
        # "Treasury Secretary Jacob Lew", "Jane Roe, a farmer,": someone else; but "Lev
        # Volkov, who heads the committee," may be the lawmaker
        return number if speaking and not described else None
    return None


def _lede_subject(context: ResolutionContext, headline_end: int, noun: str) -> Token | None:
    """The lede's indefinite subject with the headline's noun: "Tarrowan lawmaker wants
    ..." then "A lawmaker in Tarrow is calling for ...", who the lede goes on to name."""
    doc = context.doc
    start = headline_end + 1
    while start < len(doc) and (doc[start].is_space or doc[start].is_punct):
        start += 1
    if start >= len(doc):
        return None
    for token in sentence_of(doc, start):
        if token.lower_ == noun and token.dep_ == "nsubj":
            opening = doc[token.left_edge.i].lower_
            return token if context.lexicon.is_determiner(opening, "indefinite") else None
    return None


def _apposed(name: Token, noun: str) -> bool:
    """Whether a name stands in apposition to that noun, which is no title: "Ada Roe, an
    organizer with the coalition", "the organizer, Ada Roe"."""
    related = [c for c in name.children if c.dep_ == "appos"]
    if name.dep_ == "appos":
        related.append(name.head)
    return any(other.lower_ == noun and other.pos_ == "NOUN" for other in related)


def owned_role(context: ResolutionContext, head: Token, people: list[int]) -> bool:
    """A person's role held by someone else ("Okoro's campaign manager", "her
    spokeswoman"): a title noun whose only named people are its possessive owner."""
    lower = head.lower_
    lexicon = context.lexicon
    if head.pos_ != "NOUN" or not lexicon.is_person_word(lower):
        return False
    owners = [c for c in head.lefts if c.dep_ == "poss"]
    owned = {context.index.at(t.i) for owner in owners for t in owner.subtree}
    return bool(owners) and set(people) <= owned


def around_others(
    context: ResolutionContext, first: int, last: int, head: Token, people: list[int]
) -> bool:
    """A description of a person that names other people only in its own modifiers: "the
    veteran lawmaker, a close ally of Ivan Petrov" (in a phrase after it), "Petrov ally"
    (a bare name before it, as a headline writes "a Petrov ally"); not "the economist Jane
    Doe", whose name stands beside it."""
    lexicon = context.lexicon
    lower = head.lower_
    if head.pos_ != "NOUN" or head.tag_ != "NN":
        return False
    if not (
        lower in lexicon.person_nouns or lower in lexicon.descriptors or lower in lexicon.titles
    ):
        return False  # "the popularity of Mr. Marrow" is no description of a person
    before = {context.index.at(c.i) for c in head.lefts if c.dep_ in ("compound", "nmod")}
    described = [c for c in head.children if c.i > head.i]
    described += [c for a in head.children if a.dep_ == "appos" for c in a.children]
    nested = {
        context.index.at(t.i)
        for child in described
        if child.dep_ in _DESCRIBING and child.lemma_.lower() not in _NAMING
        for t in child.subtree
    }  # but "a worker named X", "the chief known as Bob" name the person
    doc, index = context.doc, context.index
    apposed = {index.at(t.i) for t in doc[first : last + 1] if t.dep_ == "appos"}
    for number in people:
        for mention in index.entities[number].mentions:
            if first < mention.first <= last and _set_beside(context, mention.first, number):
                apposed.add(number)
    return bool(people) and set(people) <= nested | before and apposed.isdisjoint(people)


def _set_beside(context: ResolutionContext, start: int, person: int) -> bool:
    """Whether a name at token ``start`` of a description stands beside all of it, wherever
    the parser hung it: after a comma ("his partner at Lenox, Jon Roe", "the editor I spoke
    to, Jon Roe") or right after the name of a body or place ("the press secretary of the
    President of the Tarrovian Republic Jon Roe"), as "of President Jon Roe" is not."""
    before = context.doc[start - 1]
    if before.text == ",":
        return True
    owner = context.index.at(before.i)
    return owner is not None and owner != person and context.index.entities[owner].type != "PERSON"


def role_holder(
    context: ResolutionContext, last: int, head: Token, people: list[int], position: int
) -> Speaker:
    """ "Okoro's campaign manager": the manager the article names, never Okoro; "Okoro's
    wife": the owner's kin."""
    after_owner = max(t.i for c in head.lefts if c.dep_ == "poss" for t in c.subtree)
    described = person_by_title(context, after_owner + 1, last, head, position)
    if described is not None:
        return context.speaker(described, "title")
    kin = _kin_of(context, head, people, position)
    return context.speaker(kin, "description") if kin is not None else NOBODY


def _kin_of(
    context: ResolutionContext, head: Token, owners: list[int], position: int
) -> int | None:
    """ "Okoro's wife": of the people of that surname the article has named so far, the
    one of the noun's gender, if there is just one and someone else to be the owner."""
    if head.lower_ not in _KIN or len(owners) != 1:
        return None
    entities = context.index.entities
    gender = context.lexicon.person_nouns.get(head.lower_)
    surname = entities[owners[0]].name.split()[-1]
    family = [
        number
        for number in context.surnames.get(context.lexicon.name_key(surname), ())
        if context.recency(number, position) >= 0
    ]
    # the bare surname of the owner may have been read as the kin's own name
    found = [n for n in family if entities[n].gender in (None, gender)]
    return found[0] if len(family) > 1 and len(found) == 1 else None


def described_subject(context: ResolutionContext, head: int, gender: str) -> int | None:
    """The person a description that is (or owns) the subject of a clause since the last
    quote refers to ("the current nominee's support for X is new. He ..."): the latest one
    of that gender, or None."""
    doc, lexicon = context.doc, context.lexicon
    start = sentence_of(doc, head).start
    limit = max(context.previous_position, doc[head].idx - _DESCRIBED_REACH)
    while start > 0 and doc[start - 1].idx > limit:
        start = sentence_of(doc, start - 1).start
    for token in reversed(doc[start:head]):
        if token.idx <= limit or context.is_reported(token.idx):
            continue
        subject = token.dep_ in ("nsubj", "nsubjpass") or (
            token.dep_ == "poss" and token.head.dep_ in ("nsubj", "nsubjpass")
        )
        if not subject or token.pos_ != "NOUN":
            continue
        if token.lower_ not in lexicon.titles and token.lower_ not in lexicon.descriptors:
            continue
        opening = doc[token.left_edge.i].lower_
        if not lexicon.is_determiner(opening, "definite"):
            continue
        number = person_by_title(context, token.left_edge.i, token.i, token, token.idx)
        if number is not None and context.index.entities[number].gender in (None, gender):
            return number
    return None
