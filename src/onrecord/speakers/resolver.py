"""The resolver: one source mention to the person or body it refers to.

Names resolve to their entity; bodies and groups to the body the article names ("police"
-> "Charlotte-Mecklenburg police", "the fund" -> "International Monetary Fund"); documents
and polls to their producer; first person to the writer of a column or letter; pronouns to
the most salient compatible person or body (the previous speaker unless another person has
since been the subject of a sentence); descriptions ("the Russian leader", "the head of the
department") to the most recent person whose stated title the description can refer to,
else, for a description of a person ("the GOP nominee"), to the person the article is most
about so far.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.entities import EntityDraft, EntityIndex
from onrecord.extract import RawQuote
from onrecord.lexicon import Lexicon
from onrecord.nlp import head_of, sentence_of
from onrecord.speakers import authors, bodies, names, teams
from onrecord.speakers.genders import FEMININE, MASCULINE

_PLURAL = frozenset({"they", "them", "their"})
_NEUTER = frozenset({"it", "its"})
_NOT_HEADS = frozenset({"NUM", "ADP", "DET", "PUNCT", "CCONJ", "PART", "SPACE"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "its", "their"})
# what a body does to a poll, survey or report it produces ("X reported", "X released")
_PUBLISHING_VERBS = frozenset(
    {"report", "release", "publish", "conduct", "issue", "commission", "survey", "poll",
     "find", "announce", "say", "send", "post", "compile", "produce"}
)  # fmt: skip
_KIN = frozenset(
    {"wife", "husband", "widow", "widower", "mother", "father", "son", "daughter", "brother",
     "sister", "nephew", "niece", "uncle", "aunt"}
)  # fmt: skip
_NAMING_VERBS = frozenset({"identify", "name", "call"})  # "a woman identified as X"
_INDEFINITE = frozenset({"a", "an", "one", "another"})
_CATAPHORA_CHARS = 400
# How far back a pronoun or a description looks for its person: a few paragraphs, so each
# mention costs the same however long the article is.
_PRONOUN_REACH = 3000
_DESCRIPTION_REACH = 20000
_TOPIC_REACH = 1500


@dataclass(frozen=True, slots=True)
class Speaker:
    entity: int | None  # index into EntityIndex.entities
    name: str | None
    how: str | None = None  # name, surname, pronoun, title, description, body, ...


NOBODY = Speaker(None, None)
UNNAMED = Speaker(None, None, "unnamed")  # the previous speaker was a person not named


class SpeakerResolver:
    def __init__(self, doc: Doc, index: EntityIndex, lexicon: Lexicon) -> None:
        self.doc = doc
        self.index = index
        self.lexicon = lexicon
        self.last_spoke: dict[int, int] = {}  # entity -> offset of its latest quote
        self.previous: Speaker | None = None
        self.previous_position = 0
        self._named_bodies: list[bodies.NamedBody] | None = None
        self._teams: teams.TeamIndex | None = None
        self._documents: list[bodies.DocumentMention] | None = None
        self._signatures: list[authors.Signature] | None = None
        self._quoted: list[tuple[int, int]] = []
        self._quoted_starts: list[int] = []
        self._reported: list[tuple[int, int]] = []
        self._reported_starts: list[int] = []
        # every person mention, by position: (start, last token, entity)
        self._people: list[tuple[int, int, int]] = sorted(
            (m.start, m.last, number)
            for number, entity in enumerate(index.entities)
            if entity.type == "PERSON"
            for m in entity.mentions
        )
        self._full_names: dict[str, str] | None = None
        self._surnames: dict[str, list[int]] = {}
        for number in range(len(index.entities)):
            self._index_surnames(number)

    def resolve_all(self, quotes: Sequence[RawQuote]) -> list[Speaker]:
        self._quoted = _merged(
            span for quote in quotes if quote.type != "indirect" for span in quote.content
        )
        self._quoted_starts = [start for start, _ in self._quoted]
        self._reported = _merged(span for quote in quotes for span in quote.content)
        self._reported_starts = [start for start, _ in self._reported]
        speakers: list[Speaker] = []
        by_id: dict[int, Speaker] = {}
        for quote in quotes:
            speaker = self._resolve(quote, by_id)
            by_id[id(quote)] = speaker
            speakers.append(speaker)
            if speaker.entity is not None or speaker.name is not None:
                if speaker.entity is not None:
                    self.last_spoke[speaker.entity] = quote.start
                self.previous = speaker
                self.previous_position = quote.start
            elif self._unnamed_person(quote):
                self.previous = UNNAMED  # '"...," said the woman. "...," she said': nobody
                self.previous_position = quote.start
        return speakers

    def _unnamed_person(self, quote: RawQuote) -> bool:
        """The source is one person the article does not name ("a cashier", "the woman")."""
        if quote.source is None:
            return False
        first, last = quote.source
        head = self.doc[head_of(self.doc, (first, last))]
        lower = head.lower_
        if head.pos_ != "NOUN" or head.tag_ != "NN":
            return False
        if not (lower in self.lexicon.person_nouns or self.lexicon.is_title_word(lower)):
            return False
        if self._anonymous(head):
            return True
        opening = self.doc[first].lower_
        return opening in _INDEFINITE or (opening == "the" and self._unnamed_before(first, lower))

    def _resolve(self, quote: RawQuote, by_id: dict[int, Speaker]) -> Speaker:
        if quote.source is not None:
            first, last = quote.source
            head = quote.source_head if quote.source_head is not None else last
            if self.doc[head].pos_ in _NOT_HEADS:
                head = head_of(self.doc, (first, last))  # "a study by X based on data from 2014"
            return self.mention(first, last, head, quote.start)
        if quote.continues is not None:
            found = by_id.get(id(quote.continues), NOBODY)
            return Speaker(found.entity, found.name, "continuation") if found.name else NOBODY
        return NOBODY

    # --- one mention ----------------------------------------------------------------

    def mention(self, first: int, last: int, head: int, position: int) -> Speaker:
        doc = self.doc
        while doc[head].dep_ in ("poss", "compound", "case") and first <= doc[head].head.i <= last:
            head = doc[head].head.i  # "Scott's family": the family, not Scott
        head_token = doc[head]
        lower = head_token.lower_
        opening = doc[first].lower_
        if first == last and lower in authors.FIRST_PERSON:
            return self._writer(position)
        members = self._members(head_token)
        if members is not None:
            return members
        if self._anonymous(head_token):
            return NOBODY  # "the woman, who did not want to be named", "an official who
            # requested anonymity": unnamed, whoever was named before
        if self.index.at(head) is None:
            if head_token.lemma_.lower() in self.lexicon.document_nouns:
                return self._document(first, last, head_token, position)
            kind = bodies.body_kind(head_token, self.lexicon)
            if kind is not None:
                return self._body(first, last, head_token, position, kind)
        people = [
            e for e in self.index.in_range(first, last) if self.index.entities[e].type == "PERSON"
        ]
        untagged_head = head_token.pos_ == "PROPN" and self.index.at(head) is None
        containing = self.index.at(head)
        named_head = containing is not None and containing not in people
        if people and not untagged_head and not named_head:
            # "Black, who has been friends with Manafort": Black; but "The Acme Association,
            # which has endorsed Smith" is the association (handled below as the head's name)
            if containing in people:
                return self._speaker(containing, "name")
            named_beside = self._in_apposition(head_token)
            if named_beside in people:
                return self._speaker(named_beside, "name")  # "a man named John Roe"
            if head_token.pos_ == "NOUN" and (head_token.tag_ == "NNS" or opening in _INDEFINITE):
                return NOBODY  # "Clinton allies", "a spokesman for Mr. Clinton": not Clinton
            if self._owned_role(head_token, people):
                # "Smith's campaign manager": the manager the article names, never Smith
                after_owner = max(
                    t.i for c in head_token.lefts if c.dep_ == "poss" for t in c.subtree
                )
                described = self._description(after_owner + 1, last, head_token, position)
                if described is not None:
                    return self._speaker(described, "title")
                kin = self._kin_of(head_token, people, position)
                return self._speaker(kin, "description") if kin is not None else NOBODY
            return self._speaker(self._apposed(head_token, people), "name")
        if head_token.pos_ == "PRON" or lower in MASCULINE | FEMININE | _PLURAL | _NEUTER:
            if lower in MASCULINE | FEMININE:
                return self._pronoun("m" if lower in MASCULINE else "f", position, head)
            if lower in _NEUTER | _PLURAL:
                return self._body_pronoun(head, plural=lower in _PLURAL)
            return NOBODY
        entity_at_head = self.index.at(head)
        if entity_at_head is not None:
            found = self.index.entities[entity_at_head]
            if found.type != "PERSON" and first == last and " " not in found.name:
                person = self._by_name(head_token.text, position)  # "Nefzi said", read as ORG
                if person is not None:
                    return self._speaker(person, "surname")
            if (
                found.type == "ORG"
                and not found.key.startswith("org:")
                and self._titled(head_token)
            ):
                self._make_person(entity_at_head)  # "Reince Priebus, the GOP chairman": a person
            return self._speaker(entity_at_head, "name")
        if head_token.pos_ == "PROPN" or self._names_in_full(head_token):
            named = self._by_name(head_token.text, position)
            if named is not None:
                return self._speaker(named, "surname")
            titled = (
                self.lexicon.is_title_word(lower)
                or lower in self.lexicon.descriptors
                or lower in self.lexicon.person_nouns
            )
            untagged = None if titled else self._untagged_name(first, last, head_token)
            if untagged is not None:
                return untagged
        named_beside = self._in_apposition(head_token)
        if named_beside is not None:
            return self._speaker(named_beside, "name")  # "X, an investor who ..."
        if head_token.tag_ in ("NNS", "NNPS"):
            return NOBODY  # "experts", "officials": unnamed, collective
        # "one former senior official" introduces somebody new: never a person named before
        described = (
            None if opening in _INDEFINITE else self._description(first, last, head_token, position)
        )
        if described is not None:
            return self._speaker(described, "title")
        return self._person_described(first, last, head_token, position)

    def _anonymous(self, head: Token) -> bool:
        """A source the article says is not named: "who requested anonymity", "speaking
        anonymously", "who did not want to be named" or "identified"."""
        scope = list(head.subtree)
        verb = head.head
        if head.dep_ == "nsubj" and not self.lexicon.is_speech_verb(verb.lemma_.lower()):
            # "said the woman, who ... did not want to be quoted", parsed as her wanting
            scope += [t for c in verb.children if c.dep_ == "xcomp" for t in c.subtree]
        for token in scope:
            lemma = token.lemma_.lower()
            if lemma in ("anonymity", "anonymously"):
                return True
            if lemma in _NAMING_VERBS | {"quote"} and token.tag_ == "VBN":
                governor = token.head
                negated = any(c.dep_ == "neg" for c in (*token.children, *governor.children))
                if negated or governor.lemma_.lower() in ("decline", "refuse"):
                    return True
        return False

    def _titled(self, token: Token) -> bool:
        """A name with a person's title beside it ("X, the party chairman")."""
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                lower = child.lower_
                if self.lexicon.is_title_word(lower) or lower in self.lexicon.person_nouns:
                    return True
        return False

    def _make_person(self, number: int) -> None:
        """A name the tagger read as an organisation is a person's: index it as one."""
        entity = self.index.entities[number]
        entity.type = entity.label = "PERSON"
        entity.key = f"name:{entity.key}"
        entity.fixed_name = None
        if self._full_names is None:
            self._full_names = names.full_names(self.doc.text, self.lexicon)
        for form in list(entity.forms):
            fuller = self._full_names.get(form) if " " not in form else None
            if fuller is not None:
                entity.forms[fuller] += 1  # "Priebus": "Reince Priebus", as the text has it
        for mention in entity.mentions:
            bisect.insort(self._people, (mention.start, mention.last, number))
        self._index_surnames(number)

    def _owned_role(self, head: Token, people: list[int]) -> bool:
        """A person's role held by someone else ("Smith's campaign manager", "her
        spokeswoman"): a title noun whose only named people are its possessive owner."""
        lower = head.lower_
        if head.pos_ != "NOUN" or not (
            self.lexicon.is_title_word(lower) or lower in self.lexicon.person_nouns
        ):
            return False
        owners = [c for c in head.lefts if c.dep_ == "poss"]
        owned = {self.index.at(t.i) for owner in owners for t in owner.subtree}
        return bool(owners) and set(people) <= owned

    def _kin_of(self, head: Token, owners: list[int], position: int) -> int | None:
        """ "Scott's wife": of the people of that surname the article has named so far, the
        one of the noun's gender, if there is just one and someone else to be the owner."""
        if head.lower_ not in _KIN or len(owners) != 1:
            return None
        gender = self.lexicon.person_nouns.get(head.lower_)
        surname = self.index.entities[owners[0]].name.split()[-1]
        family = [
            number
            for number in self._surnames.get(self.lexicon.name_key(surname), ())
            if self._recency(number, position) >= 0
        ]
        # the bare surname of the owner may have been read as the kin's own name
        found = [n for n in family if self.index.entities[n].gender in (None, gender)]
        return found[0] if len(family) > 1 and len(found) == 1 else None

    def _apposed(self, head: Token, people: list[int]) -> int:
        """Of the people inside a mention, the one named beside its head ("the economist
        Jane Doe, a former adviser in the X White House": Jane Doe), else the last named."""
        for child in head.children:
            if child.dep_ in ("appos", "compound") and child.i > head.i:
                found = self.index.at(child.i)
                if found in people:
                    return found
        return people[-1]

    def _members(self, head: Token) -> Speaker | None:
        """A group that names its members ("other candidates, including A and B", "advisers
        like C"): the one member, or the members as one group."""
        if head.tag_ != "NNS":
            return None
        named: list[int] = []
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("like", "including"):
                continue
            for token in prep.subtree:
                found = self.index.at(token.i)
                if found is None or found in named:
                    continue
                if self.index.entities[found].type == "PERSON":
                    named.append(found)
        if len(named) == 1:
            return self._speaker(named[0], "name")
        if len(named) > 1:
            names = [self.index.entities[n].name for n in named]
            joined = f"{', '.join(names[:-1])} and {names[-1]}"
            first, last = head.left_edge.i, head.right_edge.i
            return self._speaker(
                bodies.add_body(self.index, joined, (), self.doc, first, last), "group"
            )
        return None

    # --- first person, documents, bodies ------------------------------------------------

    def _writer(self, position: int) -> Speaker:
        if self._signatures is None:
            self._signatures = authors.signatures(self.doc, self.index)
        writer = authors.writer_at(self._signatures, position)
        return self._speaker(writer, "first person") if writer is not None else NOBODY

    def _document(self, first: int, last: int, head: Token, position: int) -> Speaker:
        """A poll, report or letter speaks for its producer."""
        owner = next((c for c in head.children if c.dep_ == "poss" and c.i >= first), None)
        if owner is not None and owner.lower_ in MASCULINE | FEMININE:
            found = self._pronoun("m" if owner.lower_ in MASCULINE else "f", position, owner.i)
            return Speaker(found.entity, found.name, "document") if found.name else NOBODY
        producer = bodies.producer_in(self.doc, self.index, head, first, last)
        if producer is None and owner is not None:
            producer = self._owner(owner, first)
        if producer is None:
            producer = self._named_by(head, last, position)
        if producer is None:
            producer = self._document_antecedent(first, head)
        return self._speaker(producer, "document") if producer is not None else NOBODY

    def _named_by(self, head: Token, last: int, position: int) -> int | None:
        """A producer the tagger did not name, after "by" or "from" ("an email from Neera
        Tanden", "an average of recent polls by RealClearPolitics"), read as a source."""
        for token in head.subtree:
            if token.i > last or token.dep_ not in ("prep", "agent"):
                continue
            if token.lower_ not in ("by", "from"):
                continue
            target = next((c for c in token.children if c.dep_ == "pobj"), None)
            if target is not None and target.pos_ == "PROPN":
                start = max(target.left_edge.i, token.i + 1)
                return self.mention(start, target.i, target.i, position).entity
        return None

    def _owner(self, owner: Token, first: int = 0) -> int | None:
        """The body or person a possessive names ("the newspaper's editorial": the paper the
        article named), resolved as a source mention of its own; not pronouns."""
        if (
            owner.pos_ not in ("NOUN", "PROPN")
            or owner.lemma_.lower() in self.lexicon.document_nouns
        ):
            return None  # "the report's findings": the report's producer is found as its own
        start = max(first, owner.left_edge.i)
        return self.mention(start, owner.i, owner.i, owner.idx).entity

    def _document_antecedent(self, first: int, head: Token) -> int | None:
        """ "the poll": the producer of the latest poll named before; "a new poll": of the
        poll named next; "exit polls": nobody in particular."""
        if self._documents is None:
            self._documents = []  # an owner resolved while they are listed finds none
            self._documents = bodies.document_mentions(
                self.doc, self.index, self.lexicon, self._owner
            )
        noun = head.lemma_.lower()
        same = [d for d in self._documents if bodies.same_document_kind(d.noun, noun)]
        start = self.doc[first].idx
        opening = self.doc[first].lower_
        if opening in ("the", "this", "that"):
            earlier = [d for d in same if d.start < start]
            if earlier:
                return earlier[-1].producer
            # "X reported last week ... the survey found": the body that just published it
            return self._body_subject_before(head.i, verbs=_PUBLISHING_VERBS)
        if opening in _INDEFINITE and head.tag_ == "NN":
            later = [d for d in same if start < d.start < start + _CATAPHORA_CHARS * 2]
            return later[0].producer if later else None
        return None

    def _body(self, first: int, last: int, head: Token, position: int, kind: str) -> Speaker:
        if kind == "staff":
            found = bodies.staff_body(self.doc, self.index, head, first, last)
            if isinstance(found, str):
                found = bodies.add_body(self.index, found, (), self.doc, first, last)
            if found is None:
                team_word = next(
                    (
                        c.lower_
                        for c in head.lefts
                        if c.dep_ == "compound" and c.lower_ in bodies.TEAMS
                    ),
                    None,
                )  # "Hale campaign officials": the Hale campaign, named so if nowhere else
                found = self._team_of_owner(head, first, position, own=team_word)
            return self._speaker(found, "body") if found is not None else NOBODY
        if kind == "group" and bodies.is_subset(self.doc, head, first):
            return NOBODY
        named_org = bodies.organisation_modifier(self.doc, self.index, head, first, self.lexicon)
        if named_org is not None:
            return self._speaker(named_org, "body")  # "the nationalist Global Times tabloid"
        placed = bodies.only_placed(self.doc, head, first, last, self.lexicon)
        named = None if placed else bodies.body_name(self.doc, head, first, last)
        apposed = bodies.apposed_name(head) if named is None else None
        if apposed is not None:
            named = (apposed, ())  # "the website FiveThirtyEight", "the newspaper Le Monde"
        noun = bodies.noun_lemma(head)
        if named is None and noun in bodies.TEAMS:
            team = self._team_of_owner(head, first, position, own=noun)
            if team is not None:
                return self._speaker(team, "body")  # "Sanders' campaign", "his campaign"
        if named is not None:
            name, aliases = named
            number = bodies.add_body(self.index, name, aliases, self.doc, first, last)
            return self._speaker(number, "group" if kind == "group" else "body")
        if kind == "group" or self.doc[first].lower_ in _INDEFINITE:
            return NOBODY  # "lawmakers", "a group of leaders": unnamed
        earlier = [b for b in self._bodies_before(self.doc[first].idx) if b.noun == noun]
        if earlier:
            body = earlier[-1]
            number = bodies.add_body(
                self.index, body.name, body.aliases, self.doc, body.first, body.last
            )
            return self._speaker(number, "body")
        nearby = self.index.organisations_between(position - _DESCRIPTION_REACH, position)
        organisation = bodies.organisation_named_with(self.index, noun, nearby)
        if organisation is None:
            organisation = bodies.organisation_like(
                self.index, self.lexicon, noun, nearby, self.last_spoke
            )
        return self._speaker(organisation, "body") if organisation is not None else NOBODY

    def _bodies_before(self, start: int) -> list[bodies.NamedBody]:
        """The bodies the article named in the stretch before ``start``, in text order."""
        named = self._all_named_bodies()
        low = bisect.bisect_left(named, start - _DESCRIPTION_REACH, key=_start)
        high = bisect.bisect_left(named, start, key=_start)
        return named[low:high]

    def _all_named_bodies(self) -> list[bodies.NamedBody]:
        if self._named_bodies is None:
            self._named_bodies = bodies.named_bodies(self.doc, self.lexicon)
        return self._named_bodies

    def _team_of_owner(
        self, head: Token, first: int, position: int, *, own: str | None = None
    ) -> int | None:
        """ "Her advisers", "Sanders advisers": the campaign or team of that person, when the
        article names one ("the Clinton campaign"); else nobody in particular. With ``own``
        (a team noun: "Sanders' campaign"), the person's team of that kind, named for them
        if the article names it nowhere."""
        owner = next(
            (
                c
                for c in head.lefts
                if c.i >= first
                and (c.dep_ in ("poss", "compound") or (c.dep_ == "amod" and c.text[:1].isupper()))
                and c.lower_ not in bodies.TEAMS
            ),
            None,
        )
        person = self._owner_person(owner, position) if owner is not None else None
        if person is None:
            return None
        full_name = self.index.entities[person].name
        surname = full_name.split()[-1]
        if self._teams is None:
            self._teams = teams.TeamIndex.of(self._all_named_bodies())
        nouns = frozenset({own}) if own is not None else bodies.TEAMS
        body = self._teams.team_of(surname, self.doc[first].idx, nouns)
        if body is not None:
            return bodies.add_body(
                self.index, body.name, body.aliases, self.doc, body.first, body.last
            )
        made = self._teams.made.get(surname)
        if made is not None and (own is None or own in self.index.entities[made].name.split()):
            self.index.attach(made, self.doc, first, head.i)  # a team named for them before
            return made
        if own is None:
            return None
        name, aliases = teams.team_name(surname, full_name, own)
        number = bodies.add_body(self.index, name, aliases, self.doc, first, head.i)
        self._teams.made[surname] = number
        return number

    def _owner_person(self, owner: Token, position: int) -> int | None:
        """The person a possessive or a name before a noun is: "her", "Clinton", and a
        surname the tagger missed or took for a body ("Sanders advisers")."""
        if owner.lower_ in MASCULINE | FEMININE:
            gender = "m" if owner.lower_ in MASCULINE else "f"
            return self._pronoun(gender, position, owner.i).entity
        person = self.index.at(owner.i)
        if person is not None and self.index.entities[person].type == "PERSON":
            return person
        if owner.text[:1].isupper() and (person is None or " " not in owner.text):
            return self._by_name(owner.text, position)
        return None

    def _in_apposition(self, token: Token) -> int | None:
        """The person a noun stands in apposition to ("Jane Doe, an investor"), or whom it is
        identified as ("a woman later identified as Jane Doe", "a man named John Roe")."""
        related = [token.head] if token.dep_ == "appos" else []
        related += [child for child in token.children if child.dep_ == "appos"]
        person_noun = token.lower_ in self.lexicon.person_nouns
        identified = self._identified_as(token) if person_noun else []
        for other in related + identified:
            entity = self.index.at(other.i)
            if entity is None and other in identified and other.pos_ == "PROPN":
                start = min((t.i for t in other.lefts if t.dep_ == "compound"), default=other.i)
                untagged = self._untagged_name(start, other.i, other)
                entity = untagged.entity if untagged is not None else None  # a name untagged
            elif (
                entity is not None
                and other in identified
                and self.index.entities[entity].type == "ORG"
            ):
                self._make_person(entity)  # "a woman identified as X": X is a person
            if entity is not None and self.index.entities[entity].type == "PERSON":
                return entity
        return None

    def _identified_as(self, token: Token) -> list[Token]:
        verbs = [c for c in token.children if c.dep_ == "acl"]
        if token.dep_ in ("nsubj", "nsubjpass"):
            verbs.append(token.head)
        found: list[Token] = []
        for verb in verbs:
            if verb.lemma_.lower() not in _NAMING_VERBS:
                continue
            for child in verb.children:
                if child.dep_ in ("oprd", "dobj", "attr"):
                    found.append(child)
                elif child.dep_ == "prep" and child.lower_ == "as":
                    found.extend(c for c in child.children if c.dep_ == "pobj")
        return found

    def _names_in_full(self, token: Token) -> bool:
        """A capitalised word the tagger took for a noun that the text gives a fuller name
        for ("Hannity" after "Sean Hannity")."""
        if not token.text[:1].isupper() or token.pos_ != "NOUN":
            return False
        if self._full_names is None:
            self._full_names = names.full_names(self.doc.text, self.lexicon)
        return token.text in self._full_names

    def _untagged_name(self, first: int, last: int, head: Token) -> Speaker | None:
        """A proper name the tagger missed: a body after "the" or an acronym, else a person,
        named as fully as the article names them anywhere."""
        run = names.proper_run(self.doc, head, first, last)
        after_the = head.i > 0 and self.doc[head.i - 1].lower_ == "the" and head.tag_ == "NNP"
        if head.ent_type_ == "NORP" and not (after_the and self._country_of(head.text) is None):
            return None  # "Another Muslim", "Republicans"; but "The Federalist" is a name
        if run is None or self.doc[first].lower_ in _INDEFINITE:
            return None  # "a Democrat": somebody, unnamed
        start, end = run
        text = self.doc[start : end + 1].text
        if any(self.lexicon.is_title_word(t.text) for t in self.doc[start : end + 1]):
            return None  # "the Russian Foreign Minister": a description, not a name
        if names.is_body_name(self.doc, start, end):
            number = names.add_name(self.index, "ORG", text, self.doc, start, end)
            return self._speaker(number, "name")
        if self.lexicon.is_title_word(text) or self.lexicon.country(text) is not None:
            return None
        if self._full_names is None:
            self._full_names = names.full_names(self.doc.text, self.lexicon)
        name = self._full_names.get(text, text) if start == end else text
        number = names.add_name(self.index, "PERSON", name, self.doc, start, end)
        span = self.doc[start : end + 1]
        bisect.insort(self._people, (span.start_char, end, number))
        self._index_surnames(number)
        entity = self.index.entities[number]
        if entity.gender is None and " " in name:
            entity.gender = self.lexicon.first_names.get(name.split()[0])
        return self._speaker(number, "name")

    def _body_pronoun(self, head: int, *, plural: bool) -> Speaker:
        """ "it" and "they" as sources: the body that spoke last, if the last speaker is one
        and no other body has been a subject since; else an organisation that is the subject
        of a clause in the sentence or two before ("The ministry issued a statement. It
        said ...")."""
        after = self.previous_position if self.previous is not None else -1
        group = self._group_subject_before(head, after) if plural else None
        if group is not None:  # "Bush campaign officials looked into it. They determined"
            found = self.mention(group.left_edge.i, group.i, group.i, group.idx)
            return Speaker(found.entity, found.name, "pronoun") if found.name else NOBODY
        body = self.previous.entity if self.previous is not None else None
        if body is not None and self.index.entities[body].type != "PERSON":
            subject = self._body_subject_before(head, after=self.previous_position)
            return self._speaker(subject if subject is not None else body, "pronoun")
        if plural:
            return NOBODY  # "they" after a person: people the article may not name
        subject = self._body_subject_before(head)
        return self._speaker(subject, "pronoun") if subject is not None else NOBODY

    def _group_subject_before(self, head: int, after: int) -> Token | None:
        """The latest plural noun that is the subject of a clause in the sentence before
        ``head`` (after the offset ``after``), outside anyone's words."""
        sentence = sentence_of(self.doc, head)
        start = sentence_of(self.doc, max(0, sentence.start - 1)).start
        for token in reversed(self.doc[start:head]):
            if token.idx <= after:
                break
            if (
                token.dep_ == "nsubj"
                and token.tag_ == "NNS"
                and token.pos_ == "NOUN"
                and not self._is_reported(token.idx)
            ):
                return token
        return None

    def _body_subject_before(
        self, head: int, after: int = -1, verbs: frozenset[str] | None = None
    ) -> int | None:
        """The latest organisation that is the subject of a clause in the sentence or two
        before ``head`` (and after the offset ``after``); with ``verbs``, of one of those or
        of a verb of saying."""
        window = sentence_of(self.doc, max(0, sentence_of(self.doc, head).start - 1))
        horizon = max(after, sentence_of(self.doc, max(0, window.start - 1)).start_char)
        end = self.doc[head].idx
        nearby = self.index.organisations_between(horizon, end)
        best: tuple[int, int] | None = None
        for number, starts in nearby.items():
            for start in starts:
                token = self.doc.char_span(start, start + 1, alignment_mode="expand")
                if token is None or self._is_reported(start):
                    continue
                mention_head = self.doc[head_of(self.doc, (token.start, token.end - 1))]
                last = mention_head
                while last.dep_ == "compound" and last.head.i > last.i:
                    last = last.head
                verb = last.head.lemma_.lower()
                if verbs is not None and not (verb in verbs or self.lexicon.is_speech_verb(verb)):
                    continue
                if _is_subject(last) and (best is None or start > best[0]):
                    best = (start, number)
        return best[1] if best else None

    def _index_surnames(self, number: int) -> None:
        entity = self.index.entities[number]
        if entity.type != "PERSON":
            return
        for form in entity.forms:
            found = self._surnames.setdefault(self.lexicon.name_key(form.split()[-1]), [])
            if number not in found:
                found.append(number)

    def _people_between(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Person mentions starting in ``[start, end)``, in text order."""
        low = bisect.bisect_left(self._people, (start, -1, -1))
        high = bisect.bisect_left(self._people, (end, -1, -1))
        return self._people[low:high]

    def _people_near(self, position: int) -> list[int]:
        """The people mentioned or quoted in the stretch of text before ``position``."""
        start = position - _DESCRIPTION_REACH
        found = dict.fromkeys(n for _s, _l, n in self._people_between(start, position))
        found.update(dict.fromkeys(n for n, at in self.last_spoke.items() if start <= at))
        return [n for n in found if self.index.entities[n].type == "PERSON"]

    def _by_name(self, word: str, position: int) -> int | None:
        """A person whose name the tagger missed here: match it by spelling key."""
        found = self._surnames.get(self.lexicon.name_key(word), [])
        if not found:
            return None
        return max(found, key=lambda number: self._recency(number, position))

    def _speaker(self, entity: int, how: str) -> Speaker:
        return Speaker(entity, self.index.entities[entity].name, how)

    def _recency(self, entity: int, position: int) -> int:
        mentioned = self.index.mentioned_before(entity, position)
        spoke = self.last_spoke.get(entity, -1)
        return max(mentioned if mentioned is not None else -1, spoke if spoke < position else -1)

    def _pronoun(self, gender: str, position: int, head: int) -> Speaker:
        entities = self.index.entities
        previous = self.previous
        if previous is UNNAMED and not self._other_subject_between(
            -1, self.previous_position, head
        ):
            return NOBODY
        if previous is not None and previous.entity is not None:
            prev_entity = entities[previous.entity]
            if (
                prev_entity.type == "PERSON"
                and prev_entity.gender in (None, gender)
                and not self._is_family(previous.entity)
                and not self._other_subject_between(previous.entity, self.previous_position, head)
            ):
                return Speaker(previous.entity, previous.name, "pronoun")
        return self._latest_subject(gender, head)

    def _latest_subject(self, gender: str, head: int) -> Speaker:
        """The person of that gender most recently the subject of a clause before the pronoun,
        within a few sentences; else the one most recently mentioned, within a few paragraphs."""
        subject, mentioned = self._subject_before(gender, head)
        chosen = subject if subject is not None else mentioned
        return self._speaker(chosen, "pronoun") if chosen is not None else NOBODY

    def _subject_before(self, gender: str | None, head: int) -> tuple[int | None, int | None]:
        """The latest person (of a compatible gender) who is the subject of a clause in the
        sentence or two before ``head``, and the latest one mentioned at all."""
        end = self.doc[head].idx
        window = sentence_of(self.doc, max(0, sentence_of(self.doc, head).start - 1))
        horizon = sentence_of(self.doc, max(0, window.start - 1)).start_char
        mentioned: int | None = None
        for start, last, number in reversed(self._people_between(end - _PRONOUN_REACH, end)):
            if gender and self.index.entities[number].gender not in (None, gender):
                continue
            if self._is_quoted(start) or self._is_family(number):
                continue  # a name inside someone's words is not who speaks next
            if mentioned is None:
                mentioned = number
            if start < horizon:
                break
            if _is_subject(self.doc[last]):
                return number, mentioned
        return None, mentioned

    def _is_family(self, number: int) -> bool:
        """ "The Clintons": a family named by the plural of a person's surname, not one person."""
        forms = self.index.entities[number].forms
        return all(
            " " not in form
            and form.endswith("s")
            and any(
                other != number
                for other in self._surnames.get(self.lexicon.name_key(form[:-1]), ())
            )
            for form in forms
        )

    def _is_quoted(self, offset: int) -> bool:
        """Inside someone's own words."""
        return _inside(self._quoted, self._quoted_starts, offset)

    def _is_reported(self, offset: int) -> bool:
        """Inside what someone said, in their words or reported."""
        return _inside(self._reported, self._reported_starts, offset)

    def _other_subject_between(self, speaker: int, start: int, head: int) -> bool:
        """Whether another person is the subject of a clause between the previous quote and
        the pronoun (or the two are too far apart to tell)."""
        end = self.doc[head].idx
        if end - start > _PRONOUN_REACH:
            start = end - _PRONOUN_REACH
        return any(
            number != speaker
            and not self._is_reported(mention_start)
            and _is_subject(self.doc[last])
            for mention_start, last, number in self._people_between(start + 1, end)
        )

    def _description(self, first: int, last: int, head: Token, position: int) -> int | None:
        """'the Russian leader' -> the latest person whose title a 'leader' can be;
        'the Foreign Minister of Poland' -> the latest Polish person who can be one."""
        words = [t for t in self.doc[first : last + 1] if not t.is_punct]
        while words and words[0].lower_ in _DETERMINERS:
            words = words[1:]
        country = None
        while words and self._country_of(words[0].text):
            country = self._country_of(words[0].text)
            words = words[1:]
        for i, token in enumerate(words[:-1]):
            place = self._country_of(" ".join(t.text for t in words[i + 1 :]))
            if token.lower_ == "of" and place:
                country, words = place, words[:i]  # "the Foreign Minister of Poland"
                break
        if not words:
            return None
        phrase = " ".join(t.lower_ for t in words)
        refers: set[str] = set()
        last_two = " ".join(phrase.split()[-2:])
        # "the senior vice president" is no president: the head alone only where the words
        # before it make no title of their own
        candidates = [phrase, last_two]
        if last_two not in self.lexicon.titles:
            candidates.append(head.lower_)
        for candidate in candidates:
            refers |= set(self.lexicon.descriptors.get(candidate, ()))
        if not refers and (phrase in self.lexicon.titles or head.lower_ in self.lexicon.titles):
            refers = {phrase, head.lower_}
        if not refers:
            return None
        best: tuple[int, int] | None = None
        for number in self._people_near(position):
            entity = self.index.entities[number]
            if country and entity.country and entity.country != country:
                continue
            # A person of that country whose office the article has not stated may hold it.
            untitled = bool(country) and entity.country == country and not entity.titles
            if not (_holds(entity, refers, phrase) or untitled):
                continue
            recency = self._recency(number, position)
            if recency >= 0 and (best is None or recency > best[0]):
                best = (recency, number)
        return best[1] if best else None

    def _person_described(self, first: int, last: int, head: Token, position: int) -> Speaker:
        """A description of a person no stated title matches: "A New York judge" is the
        person named next with that title; "the GOP nominee", "the 34-year-old mother of
        three" the person the article is most about so far (of a compatible gender)."""
        noun = head.lower_
        if not (
            noun in self.lexicon.person_nouns
            or noun in self.lexicon.descriptors
            or self.lexicon.is_title_word(noun)
        ):
            return NOBODY
        opening = self.doc[first].lower_
        if opening in _INDEFINITE:
            named = self._named_next(self.doc[last].idx, noun)
            return self._speaker(named, "description") if named is not None else NOBODY
        if opening not in ("the", "this", "that"):
            return NOBODY
        if self._unnamed_before(first, noun):
            return NOBODY  # "a young woman asked ... the woman said": nobody named
        gender = self.lexicon.person_nouns.get(noun) or self.lexicon.gendered_words.get(noun)
        subject, _mentioned = self._subject_before(gender, first)
        if subject is not None:  # "McConnell criticised X. ... the Kentucky Republican said"
            return self._speaker(subject, "description")
        counts: dict[int, int] = {}
        latest: dict[int, int] = {}
        for start, _last, number in self._people_between(position - _TOPIC_REACH, position):
            if gender and self.index.entities[number].gender not in (None, gender):
                continue
            counts[number] = counts.get(number, 0) + 1
            latest[number] = start
        if not counts:
            return NOBODY
        chosen = max(counts, key=lambda number: (counts[number], latest[number]))
        return self._speaker(chosen, "description")

    def _unnamed_before(self, first: int, noun: str) -> bool:
        """An unnamed person introduced just before with the same noun ("a cashier", "a
        middle-aged woman"), whom a definite description ("the woman") refers back to."""
        start = self.doc[first].idx - _CATAPHORA_CHARS
        i = first - 1
        while i >= 0 and self.doc[i].idx >= start:
            token = self.doc[i]
            if token.lower_ == noun and token.pos_ == "NOUN" and self.index.at(i) is None:
                opening = self.doc[token.left_edge.i].lower_
                return opening in _INDEFINITE and self._in_apposition(token) is None
            i -= 1
        return False

    def _named_next(self, after: int, noun: str) -> int | None:
        """The first person named within a few sentences after ``after`` with that title."""
        for _start, _last, number in self._people_between(after + 1, after + _CATAPHORA_CHARS):
            if any(noun in title.lower().split() for title in self.index.entities[number].titles):
                return number
        return None

    def _country_of(self, text: str) -> str | None:
        found = self.lexicon.country_adjectives.get(text) or self.lexicon.country_names.get(text)
        return found.iso2 if found else None


def _start(body: bodies.NamedBody) -> int:
    return body.start


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """Whether ``offset`` falls in one of the sorted, disjoint ``spans``."""
    k = bisect.bisect_right(starts, offset)
    return k > 0 and offset < spans[k - 1][1]


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted and joined where they overlap, so a bisection finds the one holding an
    offset."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_SUBJECT_LINKS = frozenset({"like", "including"})


def _is_subject(token: Token) -> bool:
    """The subject of a clause, or a person named inside the subject ("Some defenders of
    free trade, like Jane Doe, acknowledge")."""
    if token.dep_ in ("nsubj", "nsubjpass"):
        return True
    if token.dep_ == "attr" and any(c.dep_ == "expl" for c in token.head.children):
        return True  # "Then there's Axelrod."
    if token.dep_ == "pobj" and token.head.lower_ in _SUBJECT_LINKS:
        return token.head.head.dep_ in ("nsubj", "nsubjpass")
    return False


def _holds(entity: EntityDraft, refers: set[str], phrase: str) -> bool:
    for title in entity.titles:
        lowered = f" {title.lower()} "
        if f" {phrase} " in lowered:
            return True
        if any(f" {word} " in lowered for word in refers):
            return True
    return False
