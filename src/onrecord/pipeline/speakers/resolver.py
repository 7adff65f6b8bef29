"""The resolver: one source mention to the person or body it refers to.

Names resolve to their entity; bodies and groups to the body the article names ("police"
-> "Alder County police", "the fund" -> "International Monetary Fund"); documents
and polls to their producer; first person to the writer of a column or letter; pronouns to
the most salient compatible person or body (the previous speaker unless another person has
since been the subject of a sentence); descriptions ("the Russian leader", "the head of the
department") to the most recent person whose stated title the description can refer to,
else, for a description of a person ("the GOP nominee"), to the person the article is most
about so far.

Each kind of rule has its module; this one keeps the order in which :meth:`mention` tries
them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from spacy.tokens import Doc, Token

from onrecord.lexicon import Country, Lexicon
from onrecord.pipeline.entities import LISTED_ORGANISATION, EntityIndex
from onrecord.pipeline.nlp import head_of
from onrecord.pipeline.quotes.extractor import RawQuote
from onrecord.pipeline.quotes.subject_shapes import reduced_passive
from onrecord.pipeline.speakers import (
    authors,
    bodies,
    collectives,
    descriptions,
    generations,
    salience,
)
from onrecord.pipeline.speakers.appositions import apposed, in_apposition, titled
from onrecord.pipeline.speakers.authors import Byline
from onrecord.pipeline.speakers.body_sources import BodySources
from onrecord.pipeline.speakers.context import (
    NOBODY,
    UNNAMED,
    ResolutionContext,
    Speaker,
    relabelled,
)
from onrecord.pipeline.speakers.controllers import controller
from onrecord.pipeline.speakers.documents import DocumentSources
from onrecord.pipeline.speakers.genders import FEMININE, MASCULINE, pronoun_gender
from onrecord.pipeline.speakers.headline_labels import (
    capitalised_in_headline,
    label_source,
    quote_with_label,
)
from onrecord.pipeline.speakers.interviews import Interview, interview_of
from onrecord.pipeline.speakers.partitives import partitive_head
from onrecord.pipeline.speakers.unnamed import anonymous, unnamed_before, unnamed_person
from onrecord.pipeline.speakers.untagged import names_in_full, untagged_name

_PLURAL = frozenset({"they", "them", "their"})
_NEUTER = frozenset({"it", "its"})
_PRONOUNS = MASCULINE | FEMININE | _PLURAL | _NEUTER
_NAMED_PLACES_AND_BODIES = frozenset({"GPE", "LOC", "FAC", "ORG"})
_NOT_HEADS = frozenset({"NUM", "ADP", "DET", "PUNCT", "CCONJ", "PART", "SPACE"})


class SpeakerResolver:
    def __init__(
        self,
        doc: Doc,
        index: EntityIndex,
        lexicon: Lexicon,
        home: Country | None = None,
        byline: Byline | None = None,
    ) -> None:
        self.context = ResolutionContext.of(doc, index, lexicon, home, byline)
        self.documents = DocumentSources(self.context, self.mention)
        self.bodies = BodySources(self.context, self.mention)

    @cached_property
    def interview(self) -> Interview | None:
        """The questions and answers the article prints, and whom they are put to."""
        context = self.context
        return interview_of(context.doc, context.index, context.headline)

    def resolve_all(self, quotes: Sequence[RawQuote]) -> list[Speaker]:
        context = self.context
        doc = context.doc
        context.note_quotes(quotes)
        speakers: list[Speaker] = []
        by_id: dict[int, Speaker] = {}
        later = [
            n
            for n, quote in enumerate(quotes)
            if quote_with_label(context, quote) or self._headline_title(quote)
        ]
        deferred = set(later)
        for number, quote in enumerate(quotes):
            if number in deferred:
                speakers.append(NOBODY)  # resolved below, once the article's bodies are known
                continue
            speaker = self._resolve(quote, by_id)
            by_id[id(quote)] = speaker
            speakers.append(speaker)
            if speaker.how == "document" and _written_by_a_person(context, speaker):
                continue  # "The book accuses Roe of lying. He said ...": Roe, not its author
            if speaker.how == "first person" or self._asked_in_interview(quote):
                continue  # "I think he is right": whoever says "I" is not the next "he"
            if speaker.entity is not None or speaker.name is not None:
                if speaker.entity is not None:
                    context.last_spoke[speaker.entity] = quote.start
                context.previous = speaker
                context.previous_position = quote.start
                if quote.continues is None:
                    context.previous_plural = _plural_source(doc, quote)
            elif unnamed_person(context, quote):
                context.previous = UNNAMED  # '"...," said the woman. "...," she said': nobody
                context.previous_position = quote.start
                context.previous_plural = False
                source = quote.source
                context.unnamed_noun = doc[head_of(doc, source)].lower_ if source else None
            elif (one_asked := self._asked(quote)).entity is not None:
                context.previous = one_asked  # "Asked about X, Roe said ... She added": Roe
                context.previous_position = quote.start
                context.previous_plural = False
        for number in later:
            speakers[number] = by_id[id(quotes[number])] = self._resolve(quotes[number], by_id)
        return speakers

    def _headline_title(self, quote: RawQuote) -> bool:
        """A headline's bare title as its source ("Pope calls for ..."): the person holding it
        is introduced in the body, so it is resolved once the body's sources are."""
        context = self.context
        if quote.source is None or quote.source[0] != quote.source[1]:
            return False
        token = context.doc[quote.source[0]]
        return context.in_headline(token) and context.lexicon.is_person_word(token.lower_)

    def _asked_in_interview(self, quote: RawQuote) -> bool:
        """A question put to the person interviewed ("Q: You said ..."), who answers in
        the first person and is not the next "he"."""
        if quote.source is None or quote.source[0] != quote.source[1]:
            return False
        return self._interviewee_addressed(self.context.doc[quote.source[0]])

    def _interviewee_addressed(self, token: Token) -> bool:
        """ "you" in an interview's question: the person interviewed."""
        if token.lower_ != "you":
            return False
        interview = self.interview
        return interview is not None and interview.asking(token.idx)

    def _resolve(self, quote: RawQuote, by_id: dict[int, Speaker]) -> Speaker:
        doc = self.context.doc
        if quote.source is not None:
            first, last = quote.source
            head = quote.source_head if quote.source_head is not None else last
            if doc[head].pos_ in _NOT_HEADS:
                head = head_of(doc, (first, last))  # "a study by X based on data from 2014"
            return self.mention(first, last, head, quote.start)
        if quote.continues is not None:
            return relabelled(by_id.get(id(quote.continues), NOBODY), "continuation")
        subject = controller(doc, quote.cue.head) if quote.cue is not None else None
        if subject is not None and not _put_to(doc, quote):
            # "she has tacked left, criticizing the pipeline"
            return self.mention(subject.left_edge.i, subject.i, subject.i, quote.start)
        return NOBODY

    def _asked(self, quote: RawQuote) -> Speaker:
        """Whom a question with no source was put to ("Asked about X, Roe said": Roe)."""
        doc = self.context.doc
        if quote.source is not None or quote.continues is not None or quote.cue is None:
            return NOBODY
        subject = controller(doc, quote.cue.head) if _put_to(doc, quote) else None
        if subject is None:
            return NOBODY
        return self.mention(subject.left_edge.i, subject.i, subject.i, quote.start)

    def mention(self, first: int, last: int, head: int, position: int) -> Speaker:
        """The speaker of the source mention at tokens ``first``-``last`` (its head word at
        ``head``) of the quote at offset ``position``: the first rule below that decides."""
        context = self.context
        doc, index, lexicon = context.doc, context.index, context.lexicon
        while doc[head].dep_ in ("poss", "compound", "case") and first <= doc[head].head.i <= last:
            head = doc[head].head.i  # "Okoro's family": the family, not Okoro
        head = partitive_head(doc, head, last)  # "some of Okoro's allies": the allies
        head_token = doc[head]
        lower = head_token.lower_
        opening = doc[first].lower_
        if first == last and lower in authors.FIRST_PERSON:
            lead = authors.named_before_colon(doc, index, first)  # "Jane Doe: I'd run"
            if lead is not None:
                return context.speaker(lead, "name")
            interview = self.interview
            if interview is not None and interview.answering(head_token.idx):
                return context.speaker(interview.person, "first person")  # "A: I think ..."
            return self.documents.writer(position)
        interview = self.interview if first == last and lower == "you" else None
        if interview is not None and self._interviewee_addressed(head_token):
            return context.speaker(interview.person, "pronoun")  # "Q: You said ..."
        members = self.bodies.members(head_token)
        if members is not None:
            return members
        together = collectives.named_together(
            context, first, last, head_token
        ) or collectives.bodies_together(context, first, last, head_token)
        if together is not None:
            return together  # "both", "neither man": the people just named together
        joined = collectives.joined_people(context, first, last, head_token)
        if joined is not None:
            return joined  # "Quist and Renn said": both of them
        if collectives.part_of_group(context, head_token):
            return NOBODY  # "some of her allies": not her
        if anonymous(context, head_token):
            return NOBODY  # "the woman, who did not want to be named", "an official who
            # requested anonymity": unnamed, whoever was named before
        tagged = index.at(head)
        if tagged is None or bodies.is_generic(index.entities[tagged], lexicon):
            label = label_source(context, first, last, head_token)
            if label is not None:
                return label  # "Newspaper Says ...", "Agency says ...": the one named
        if tagged is None:
            if {head_token.lemma_.lower(), lower} & lexicon.document_nouns:  # "data": "datum"
                return self.documents.producer(first, last, head_token, position)
            kind = bodies.body_kind(head_token, lexicon)
            if kind == "makers":
                made = self.documents.makers(first, last, head_token)  # "the researchers"
                if made != NOBODY or head_token.tag_ == "NNS":
                    return made
                kind = None  # "the pollster" where the article named no poll: a person
            if kind is not None:
                return self.bodies.body(first, last, head_token, position, kind)
            owner = bodies.organisation_owning(index, lexicon, head_token, first)
            if owner is not None:
                return context.speaker(owner, "document")  # "Marlow Media's ad tracker"
        people = [e for e in index.in_range(first, last) if index.entities[e].type == "PERSON"]
        untagged_head = head_token.pos_ == "PROPN" and index.at(head) is None
        containing = index.at(head)
        named_head = containing is not None and containing not in people
        if people and not untagged_head and not named_head:
            # "Black, who has been friends with Brandt": Black; but "The Acme Association,
            # which has endorsed Okoro" is the association (handled below as the head's name)
            if containing in people:
                older_or_younger = generations.by_age(context, first, head, containing)
                if older_or_younger != containing:  # "the younger Mr. Roe": Roe's son
                    return context.speaker(older_or_younger, "surname")
                return context.speaker(containing, "name")
            named_beside = in_apposition(context, head_token)
            if named_beside in people:
                return context.speaker(named_beside, "name")  # "a man named John Roe"
            indefinite = lexicon.is_determiner(opening, "indefinite")
            if head_token.pos_ == "NOUN" and (head_token.tag_ == "NNS" or indefinite):
                return NOBODY  # "Marrow allies", "a spokesman for Mr. Marrow": not Marrow
            if descriptions.owned_role(context, head_token, people):
                # "Okoro's campaign manager": the manager the article names, never Okoro
                return descriptions.role_holder(context, last, head_token, people, position)
            if descriptions.around_others(context, first, last, head_token, people):
                # "the veteran lawmaker, a close ally of Ivan Petrov", "Petrov ally": the
                # lawmaker, the ally, never Petrov
                titled_one = self._by_title(
                    first, last, head_token, position, others=frozenset(people)
                )
                if titled_one is not None:
                    return titled_one
                return descriptions.person_described(
                    context, first, last, head_token, position, of_others=True
                )
            return context.speaker(apposed(context, head_token, people), "name")
        if head_token.pos_ == "PRON" or lower in _PRONOUNS:
            person = salience.gendered_pronoun(context, head_token)
            gender = pronoun_gender(lower)
            if person == NOBODY and gender is not None and context.previous is UNNAMED:
                # '"...," said a man. The nominee's plan is new. He said': the nominee
                described = descriptions.described_subject(context, head, gender)
                if described is not None:
                    return context.speaker(described, "pronoun")
            if person is not None:
                return person
            if lower in _NEUTER | _PLURAL:
                plural = lower in _PLURAL
                body = salience.body_pronoun(context, head, plural=plural, mention=self.mention)
                if body == NOBODY and lower == "it":
                    return self.documents.referred(head_token, position)
                if body == NOBODY and lower == "they":  # '"...," Roe said. Doe replied, "..." They'
                    return relabelled(
                        collectives.speakers_in_turn(context, head_token) or NOBODY, "pronoun"
                    )
                return body
            return NOBODY
        entity_at_head = index.at(head)
        if entity_at_head is not None:
            found = index.entities[entity_at_head]
            if found.type != "PERSON" and first == last and " " not in found.name:
                person_named = context.by_name(head_token.text, position)  # "Nefzi", as ORG
                if person_named is None:
                    person_named = _first_name_of(context, entity_at_head, head_token.text)
                if person_named is not None:
                    return context.speaker(person_named, "surname")
            if (
                found.type == "ORG"
                and not found.key.startswith(LISTED_ORGANISATION)
                and titled(context, head_token)
            ):
                context.make_person(entity_at_head)  # "Orrin Tulley, the GOP chairman"
            return context.speaker(entity_at_head, "name")
        if head_token.pos_ != "PROPN" and capitalised_in_headline(context, head_token):
            named = context.by_name(head_token.text, position, first_word=True)  # "Quist hints"
            if named is not None:
                return context.speaker(named, "surname")
        if head_token.pos_ == "PROPN" or names_in_full(context, head_token):
            named = context.by_name(head_token.text, position, first_word=True)
            if named is not None:
                return context.speaker(named, "surname")
            titled_word = (
                lexicon.is_title_word(lower)
                or lower in lexicon.descriptors
                or lower in lexicon.person_nouns
            )
            untagged = None if titled_word else untagged_name(context, first, last, head_token)
            if untagged is not None:
                return untagged
        named_beside = in_apposition(context, head_token)
        if named_beside is not None:
            return context.speaker(named_beside, "name")  # "X, an investor who ..."
        if head_token.tag_ in ("NNS", "NNPS"):
            return NOBODY  # "experts", "officials": unnamed, collective
        principal = _described_owner(head_token, lexicon)
        if principal is not None:
            # "the prime minister's spokesman": whoever holds that role for the one the
            # owner's description finds, never that one
            held_for = self.mention(principal.left_edge.i, principal.i, principal.i, position)
            if held_for.entity is None:
                return NOBODY
            return descriptions.role_holder(context, last, head_token, [held_for.entity], position)
        by_title = self._by_title(first, last, head_token, position)
        if by_title is not None:
            return by_title
        if all(t.is_space for t in doc[first:last]) and head == last:
            headlined = descriptions.headline_subject(context, head_token)
            if headlined is not None:  # "Roe apologizes" / "Justice vows ...": Roe
                return context.speaker(headlined, "title")
        return descriptions.person_described(context, first, last, head_token, position)

    def _by_title(
        self,
        first: int,
        last: int,
        head: Token,
        position: int,
        others: frozenset[int] = frozenset(),
    ) -> Speaker | None:
        """The person a description at tokens ``first``-``last`` names by a title the article
        gave them, never one of the ``others`` it names; never for "one former senior
        official", who is somebody new."""
        context = self.context
        if context.lexicon.is_determiner(context.doc[first].lower_, "indefinite"):
            return None
        if context.previous is UNNAMED and unnamed_before(context, first, head.lower_):
            return NOBODY  # '"A U.S. official ... said ... The official said": still unnamed
        described = descriptions.person_by_title(context, first, last, head, position, others)
        return context.speaker(described, "title") if described is not None else None


def _described_owner(head: Token, lexicon: Lexicon) -> Token | None:
    """The description of a person that owns a person's role ("the minister" of "the
    minister's spokesman"); not a name nor a pronoun, which are looked up as such."""
    if head.pos_ != "NOUN" or not lexicon.is_person_word(head.lower_):
        return None
    return next(
        (
            c
            for c in head.children
            if c.dep_ == "poss" and c.pos_ == "NOUN" and lexicon.is_person_word(c.lower_)
        ),
        None,
    )


def _put_to(doc: Doc, quote: RawQuote) -> bool:
    """A question someone was asked, reported ("Asked about X, Roe said"): the asker's,
    whom the article leaves out, not Roe's; Roe's answer after "when asked about X:" is
    Roe's."""
    return (
        quote.type == "indirect" and quote.cue is not None and reduced_passive(doc[quote.cue.head])
    )


def _first_name_of(context: ResolutionContext, number: int, word: str) -> int | None:
    """The person whose full name begins with the word the tagger read as a body here ("Pak"
    for "Pak Sung-ho"), unless the article names that body more often than the person."""
    person = context.by_first_word(word)
    if person is None:
        return None
    entities = context.index.entities
    return person if len(entities[number].mentions) <= len(entities[person].mentions) else None


def _plural_source(doc: Doc, quote: RawQuote) -> bool:
    """A source that counts its speaker as many: "they", "Republicans", "Roe and Doe"; not
    a name that is plural in form ("the United States")."""
    if quote.source is None:
        return False
    first, last = quote.source
    head = doc[quote.source_head if quote.source_head is not None else last]
    if head.lower_ in _PLURAL or any(t.dep_ == "conj" for t in doc[first : last + 1]):
        return True
    return head.tag_ in ("NNS", "NNPS") and head.ent_type_ not in _NAMED_PLACES_AND_BODIES


def _written_by_a_person(context: ResolutionContext, speaker: Speaker) -> bool:
    """A document a person wrote speaks for them, but "he" after it is not its author."""
    return speaker.entity is not None and context.index.entities[speaker.entity].type == "PERSON"
