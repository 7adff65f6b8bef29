"""Documents as sources, and first person: a poll, report or letter speaks for its
producer ("a Bellmore University poll", "a report by the agency", "the poll": the
producer of the latest poll named), and "I" for the writer of a column or letter."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.pipeline.entities import listed_organisation_key
from onrecord.pipeline.nlp import sentence_of
from onrecord.pipeline.speakers import authors, bodies
from onrecord.pipeline.speakers.context import (
    CATAPHORA_CHARS,
    NOBODY,
    MentionResolver,
    ResolutionContext,
    Speaker,
    relabelled,
)
from onrecord.pipeline.speakers.salience import body_subject_before, gendered_pronoun
from onrecord.pipeline.via import is_outlet

POLL_MAKERS = frozenset({"pollster"})  # the maker of a poll, not of a study
_OUTLETS_OWN = frozenset({"editorial"})  # what only a newspaper or broadcaster writes


class DocumentSources:
    """The producers of an article's documents. A producer named in a phrase of its own
    ("an email from X", "the newspaper's editorial") is resolved by ``mention``."""

    def __init__(self, context: ResolutionContext, mention: MentionResolver) -> None:
        self.context = context
        self.mention = mention
        self._documents: list[bodies.DocumentMention] | None = None
        self._signatures: list[authors.Signature] | None = None
        self._author: tuple[int | None] | None = None  # found once: the doc is read whole

    def writer(self, position: int) -> Speaker:
        """ "I", "we": the writer who signs the column or letter at ``position``."""
        if self._signatures is None:
            self._signatures = authors.signatures(self.context.doc, self.context.index)
        writer = authors.writer_at(self._signatures, position)
        byline = self.context.byline
        if writer is None and byline is not None:
            writer = authors.byline_writer(self.context.doc, self.context.index, byline)
        return self.context.speaker(writer, "first person") if writer is not None else NOBODY

    def producer(self, first: int, last: int, head: Token, position: int) -> Speaker:
        """A poll, report or letter speaks for its producer."""
        context = self.context
        owner = next((c for c in head.children if c.dep_ == "poss" and c.i >= first), None)
        found = gendered_pronoun(context, owner) if owner is not None else None
        if found is not None:
            return relabelled(found, "document")
        producer = bodies.producer_in(context.doc, context.index, head, first, last)
        if producer is None and owner is not None:
            producer = self._owner(owner, first)
        if producer is None:
            producer = self._named_by(head, last, position)
        if producer is None:
            producer = self._published_in(head, last)
        if producer is None:
            producer = bodies.published_by(context.index, head, self._owner)
        if producer is None:
            producer = self._antecedent(first, head)
        if producer is None and bodies.is_study(head.lemma_.lower()):
            producer = self._named_author()
        if producer is None:
            producer = self._made_by_verb(head)
        if producer is None:
            producer = self._named_before(head, first)
        return context.speaker(producer, "document") if producer is not None else NOBODY

    def makers(self, first: int, last: int, head: Token) -> Speaker:
        """ "The researchers", "the study's authors": the producer of the latest study the
        article named before, else the person it names as one of a study's authors ("the
        pollster": the latest poll's); not
        the makers of some other study ("a study by other researchers")."""
        context = self.context
        doc = context.doc
        if context.lexicon.is_determiner(doc[first].lower_, "indefinite") or any(
            c.i >= first and (c.lower_ in bodies.SUBSET_WORDS or c.like_num) for c in head.lefts
        ):
            return NOBODY
        start = doc[first].idx
        polls = head.lemma_.lower() in POLL_MAKERS  # "the pollster": the poll's
        if polls and (doc[first].lower_ != "the" or context.index.in_range(first, last)):
            return NOBODY  # "Bloomberg's pollster", "the pollster, X": a person
        made = bodies.is_poll if polls else bodies.is_study
        studies = [d for d in self._document_mentions() if d.start < start and made(d.noun)]
        producer = studies[-1].producer if studies else None
        if producer is None and not polls:
            producer = self._named_author()
        return context.speaker(producer, "document") if producer is not None else NOBODY

    def referred(self, pronoun: Token, position: int) -> Speaker:
        """ "It" after a sentence that names a document ("X cited a memo issued by the
        agency. It says ..."): the latest such document's producer; else nobody."""
        context = self.context
        doc = context.doc
        start = sentence_of(doc, max(0, sentence_of(doc, pronoun.i).start - 1)).start
        for token in reversed(doc[start : pronoun.i]):
            if token.pos_ != "NOUN" or token.tag_ != "NN" or context.is_quoted(token.idx):
                continue
            if token.lemma_.lower() in context.lexicon.document_nouns:
                last = min(token.right_edge.i, pronoun.i - 1)
                return self.producer(token.left_edge.i, last, token, position)
        return NOBODY

    def _named_author(self) -> int | None:
        """The person the article names as one of a study's authors, if any."""
        if self._author is None:
            self._author = (bodies.named_author(self.context.doc, self.context.index),)
        return self._author[0]

    def _named_by(self, head: Token, last: int, position: int) -> int | None:
        """A producer the tagger did not name, after "by" or "from" ("an email from Mira
        Solberg", "an average of recent polls by RealClearPolitics"), read as a source."""
        for target in bodies.producer_objects(head, last):
            named = (
                target.pos_ == "PROPN" or bodies.body_kind(target, self.context.lexicon) is not None
            )  # "a memo issued by the state agency": the agency, as a source of its own
            start = max(target.left_edge.i, target.head.i + 1)
            if named:
                found = self.mention(start, target.i, target.i, position).entity
                return found if found is not None else self._untagged_producer(start, target)
            if target.text[:1].isupper():
                return self._untagged_producer(start, target)
        return None

    def _made_by_verb(self, head: Token) -> int | None:
        """A document the sentence before says someone made with the verb of its name
        ("Jane Doe live tweeted as he spoke. An early tweet quoted ..."): that someone."""
        doc = self.context.doc
        sentence = sentence_of(doc, head.i)
        start = sentence_of(doc, sentence.start - 1).start if sentence.start > 0 else 0
        noun = head.lemma_.lower()
        for token in reversed(doc[start : head.i]):
            if token.pos_ != "VERB" or token.lemma_.lower() != noun:
                continue
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
                found = self.mention(subject.left_edge.i, subject.i, subject.i, subject.idx)
                return found.entity
        return None

    def _named_before(self, head: Token, first: int) -> int | None:
        """A producer's name before the document's noun that the tagger did not tag ("a
        Morning Consult poll", "the RealClearPolitics polling average"): a body of that
        name; not a place or a date ("an Iowa poll", "the June survey")."""
        names = [
            c
            for c in head.lefts
            if c.i >= first
            and c.dep_ in ("compound", "nmod")
            and (c.pos_ == "PROPN" or _inner_capital(c.text))  # not "Lobbying records"
            and not c.ent_type_
        ]
        if not names:
            return None
        start = max(first, names[0].left_edge.i)
        words = self.context.doc[start : names[-1].i + 1]
        if len(words) == 1 and not _inner_capital(words.text):
            return None  # "a Web video", "State records": a capitalised word, no name
        listed = self.context.lexicon.organisations.get(words.text)
        if listed is not None:  # "FEC filings": the Federal Election Commission named before
            known = self.context.index.numbers_by_key().get(listed_organisation_key(listed.name))
            if known is not None:
                return known
        return self._untagged_producer(start, names[-1])

    def _untagged_producer(self, start: int, target: Token) -> int | None:
        """A producer's name that neither the tagger nor the resolver knows ("polls by
        PollTrackers", which the tagger may even read as a plural noun): a body of that
        name, if every word of it is capitalised."""
        context = self.context
        words = [t for t in context.doc[start : target.i + 1] if t.dep_ != "det"]
        if not words or not all(t.text[:1].isupper() for t in words):
            return None
        if (
            target.lower_ in context.lexicon.body_nouns
            or target.lower_ in context.lexicon.person_nouns
        ):
            return None  # "a letter from Democrats": a group, resolved as one
        name = context.doc[words[0].i : target.i + 1].text
        return bodies.add_body(context.index, name, (), context.doc, words[0].i, target.i)

    def _published_in(self, head: Token, last: int) -> int | None:
        """The outlet a piece appeared in ("an article in the Daily Courier"): an
        organisation the article names that is news media; not a court or a place."""
        context = self.context
        index = context.index
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "in" or prep.i > last:
                continue
            for target in prep.children:
                found = index.at(target.i) if target.dep_ == "pobj" else None
                if found is None or target.i > last:
                    continue
                entity = index.entities[found]
                media = bodies.organisation_kind(entity, context.lexicon) == "media"
                if media or (entity.type == "ORG" and is_outlet(entity.name, context.lexicon)):
                    return found  # "the Daily Courier", or "the Des Moines Register"
        return None

    def _owner(self, owner: Token, first: int = 0) -> int | None:
        """The body or person a possessive names ("the newspaper's editorial": the paper the
        article named), resolved as a source mention of its own; not pronouns."""
        if (
            owner.pos_ not in ("NOUN", "PROPN")
            or owner.lemma_.lower() in self.context.lexicon.document_nouns
        ):
            return None  # "the report's findings": the report's producer is found as its own
        start = max(first, owner.left_edge.i)
        return self.mention(start, owner.i, owner.i, owner.idx).entity

    def _antecedent(self, first: int, head: Token) -> int | None:
        """ "the poll": the producer of the latest poll named before; "a new poll", and a
        headline's "Poll finds ...", of the poll named next; "results of exit polls" of the
        one producer the article's other results of exit polls name; "exit polls": nobody
        in particular."""
        context = self.context
        noun = head.lemma_.lower()
        same = [d for d in self._document_mentions() if bodies.same_document_kind(d.noun, noun)]
        start = context.doc[first].idx
        opening = context.doc[first].lower_
        if context.lexicon.is_determiner(opening, "definite"):
            earlier = [d for d in same if d.start < start]
            if earlier:
                return earlier[-1].producer
            # "X reported last week ... the survey found": the body that just published it
            found = body_subject_before(context, head.i, verbs=bodies.PUBLISHING_VERBS)
            if found is None and noun in _OUTLETS_OWN:
                found = self._outlet_before(start)
            return found
        headline = first == head.i and head.tag_ in ("NN", "NNP")  # "Poll finds X ahead"
        indefinite = context.lexicon.is_determiner(opening, "indefinite")
        if (indefinite and head.tag_ == "NN") or headline:
            later = [d for d in same if start < d.start < start + CATAPHORA_CHARS * 2]
            return later[0].producer if later else None
        # "early results of exit polls conducted for X", where the article's other "results
        # of exit polls" name one producer: theirs
        of = bodies.of_object(head)
        producers = {d.producer for d in same if d.noun == noun and d.of == of}
        return producers.pop() if of is not None and len(producers) == 1 else None

    def _outlet_before(self, start: int) -> int | None:
        """The news outlet the article named last before ``start``."""
        context = self.context
        latest: tuple[int, int] | None = None
        for number, entity in enumerate(context.index.entities):
            position = context.index.mentioned_before(number, start)
            if position is None or (latest is not None and position <= latest[0]):
                continue
            # by name whatever the tag: the small model reads "the Alder Gazette" as a person
            if bodies.organisation_kind(entity, context.lexicon) == "media" or is_outlet(
                entity.name, context.lexicon
            ):
                latest = (position, number)
        return latest[1] if latest is not None else None

    def _document_mentions(self) -> list[bodies.DocumentMention]:
        context = self.context
        if self._documents is None:
            self._documents = []  # an owner resolved while they are listed finds none
            self._documents = bodies.document_mentions(
                context.doc, context.index, context.lexicon, self._owner
            )
        return self._documents


def _inner_capital(word: str) -> bool:
    """An acronym or a name written as one word ("FEC", "RealClearPolitics")."""
    return any(ch.isupper() for ch in word[1:])
