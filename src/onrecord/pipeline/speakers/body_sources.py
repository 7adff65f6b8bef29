"""Bodies as sources: "police" -> the "Alder County police" the article named,
"the fund" -> "International Monetary Fund", "Voss' campaign" and "her advisers" -> the
person's team, and a group that names its members ("other candidates, including A and
B")."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.pipeline.speakers import bodies, teams
from onrecord.pipeline.speakers.context import (
    CATAPHORA_CHARS,
    NOBODY,
    MentionResolver,
    ResolutionContext,
    Speaker,
)
from onrecord.pipeline.speakers.names import country_entity
from onrecord.pipeline.speakers.salience import gendered_pronoun, subject_before

# a person's office speaks for them as their team does ("Her office said"), named like it
_OWN_OFFICES = frozenset({"office"})


class BodySources:
    """The bodies an article's sources are, and the teams it names for its people."""

    def __init__(self, context: ResolutionContext, mention: MentionResolver) -> None:
        self.context = context
        self.mention = mention
        self._teams: teams.TeamIndex | None = None

    def members(self, head: Token) -> Speaker | None:
        """A group that names its members ("other candidates, including A and B", "advisers
        like C"): the one member, or the members as one group."""
        if head.tag_ != "NNS":
            return None
        context = self.context
        index = context.index
        named: list[int] = []
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("like", "including"):
                continue
            for token in prep.subtree:
                found = index.at(token.i)
                if found is None or found in named:
                    continue
                if index.entities[found].type == "PERSON":
                    named.append(found)
        if len(named) == 1:
            return context.speaker(named[0], "name")
        if len(named) > 1:
            names = [index.entities[n].name for n in named]
            joined = f"{', '.join(names[:-1])} and {names[-1]}"
            first, last = head.left_edge.i, head.right_edge.i
            return context.speaker(
                bodies.add_body(index, joined, (), context.doc, first, last), "group"
            )
        return None

    def body(self, first: int, last: int, head: Token, position: int, kind: str) -> Speaker:
        """A body noun of that kind (``bodies.body_kind``) at ``head``: the body it names,
        or the one it refers back to."""
        context = self.context
        doc, index, lexicon = context.doc, context.index, context.lexicon
        if kind in ("staff", "aides"):
            return self._staff(first, last, head, position, aides=kind == "aides")
        if kind == "group" and bodies.is_subset(doc, head, first):
            return NOBODY
        named_org = bodies.organisation_modifier(doc, index, head, first, lexicon)
        if named_org is not None:
            return context.speaker(named_org, "body")  # "the nationalist Global Times tabloid"
        placed = bodies.only_placed(doc, head, first, last, lexicon)
        named = None if placed else bodies.body_name(doc, head, first, last)
        apposed = bodies.apposed_name(head)
        if apposed is not None:  # "the website FiveThirtyEight", "Voss' advocacy group One
            # Future": the name beside the noun, before the owner's
            named = (apposed, (named[0],) if named else ())
        noun = bodies.noun_lemma(head)
        if named is None and (noun in bodies.TEAMS or noun in _OWN_OFFICES):
            team = self._team_of_owner(head, first, position, own=noun)
            if team is None:
                team = self._team_of_described(head, last, position, own=noun)
            if team is not None:
                return context.speaker(team, "body")  # "Voss' campaign", "his campaign"
        if named is not None:
            name, aliases = named
            number = bodies.add_body(index, name, aliases, doc, first, last)
            return context.speaker(number, "group" if kind == "group" else "body")
        owner = self._body_owner(head, first, position)
        if owner is not None and kind == "body":
            return context.speaker(owner, "body")  # "the bloc's foreign service": the bloc
        if kind == "group" and first == head.i:
            group = self._named_group(head, noun)
            if group is not None:
                return context.speaker(group, "group")  # "prosecutors": "X County prosecutors"
        if kind == "group" or lexicon.is_determiner(doc[first].lower_, "indefinite"):
            return NOBODY  # "lawmakers", "a group of leaders": unnamed
        earlier = [b for b in context.bodies_before(doc[first].idx) if b.noun == noun]
        if earlier:
            body = earlier[-1]
            number = bodies.add_body(index, body.name, body.aliases, doc, body.first, body.last)
            return context.speaker(number, "body")
        nearby = context.organisations_near(position)
        organisation = bodies.organisation_named_with(index, noun, nearby)
        if organisation is None:
            organisation = bodies.organisation_called(index, lexicon, noun, nearby)
        if organisation is None:
            organisation = bodies.organisation_like(
                index, lexicon, noun, nearby, context.last_spoke
            )
        if organisation is None:
            organisation = self._named_next(doc[first].idx, noun)
        if organisation is None and noun == "government" and first == head.i - 1:
            organisation = self._home_country(first, last)  # "ANKARA - ... The government"
        return context.speaker(organisation, "body") if organisation is not None else NOBODY

    def _home_country(self, first: int, last: int) -> int | None:
        """The country the article's dateline names, as the entity a bare "the government"
        of the article speaks for (made if the text names it nowhere else)."""
        context = self.context
        home = context.home
        if home is None:
            return None
        number = country_entity(context.index, home)
        context.index.attach(number, context.doc, first, last)
        return number

    def _named_next(self, start: int, noun: str) -> int | None:
        """A definite body noun nothing before names ("The country's largest rail union
        rejected the offer. The RTW union said ..."): the body named with that noun a short
        way after it, if only one is."""
        context = self.context
        later = [
            b
            for b in context.named_bodies()
            if b.noun == noun
            and start < b.start <= start + CATAPHORA_CHARS
            and b.name.split()[-1].casefold() in (noun, f"{noun}s")
        ]  # not "Police Commissioner Jon Roe", a person's title
        if not later or len({b.name.casefold() for b in later}) != 1:
            return None
        body = later[0]
        return bodies.add_body(
            context.index, body.name, body.aliases, context.doc, body.first, body.last
        )

    def _body_owner(self, head: Token, first: int, position: int) -> int | None:
        """The organisation a body noun's possessive owner is, where the owner is itself a
        body noun ("the bloc's foreign service", "the company's board"): the part speaks for
        the whole the article named."""
        context = self.context
        for owner in head.children:
            if owner.dep_ != "poss" or owner.i < first or owner.pos_ != "NOUN":
                continue
            if bodies.body_kind(owner, context.lexicon) != "body":
                continue
            found = self.mention(owner.left_edge.i, owner.i, owner.i, position).entity
            if found is not None and context.index.entities[found].type == "ORG":
                return found
        return None

    def _named_group(self, head: Token, noun: str) -> int | None:
        """A bare group noun ("prosecutors") is the group the article names with it ("Alder
        County prosecutors"): the latest named before, else the one it names after, if it
        names just one."""
        context = self.context
        doc = context.doc
        named = [g for g in context.named_groups() if g.noun == noun and g.first != head.i]
        before = [g for g in named if g.start < head.idx]
        if not before and len({g.name.casefold() for g in named}) != 1:
            return None
        group = before[-1] if before else named[0]
        return bodies.add_body(
            context.index, group.name, group.aliases, doc, group.first, group.last
        )

    def _staff(
        self, first: int, last: int, head: Token, position: int, *, aides: bool = False
    ) -> Speaker:
        """ "Campaign officials", "Hale campaign officials", "her advisers": the body they
        work for."""
        context = self.context
        found = bodies.staff_body(context.doc, context.index, head, first, last)
        if isinstance(found, str):
            found = bodies.add_body(context.index, found, (), context.doc, first, last)
        if found is None:
            team_word = next(
                (c.lower_ for c in head.lefts if c.dep_ == "compound" and c.lower_ in bodies.TEAMS),
                None,
            )  # "Hale campaign officials": the Hale campaign, named so if nowhere else
            found = self._team_of_owner(head, first, position, own=team_word)
        if found is None and aides and first == head.i and head.tag_ == "NNS":
            # "Aides say ...": the aides of the person the text is about, when the article
            # names that person's team
            subject, mentioned = subject_before(context, None, head.i)
            person = subject if subject is not None else mentioned
            if person is not None:
                found = self._team_of_person(person, first, head.i)
        return context.speaker(found, "body") if found is not None else NOBODY

    def _team_of_owner(
        self, head: Token, first: int, position: int, *, own: str | None = None
    ) -> int | None:
        """ "Her advisers", "Voss advisers": the campaign or team of that person, when the
        article names one ("the Marrow campaign"); else nobody in particular. With ``own``
        (a team noun: "Voss' campaign"), the person's team of that kind, named for them
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
        return self._team_of_person(person, first, head.i, own=own)

    def _team_of_described(self, head: Token, last: int, position: int, *, own: str) -> int | None:
        """ "The campaign of the former senator": the team of the person the words after
        "of" describe."""
        context = self.context
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "of" or prep.i > last:
                continue
            for target in prep.children:
                if target.dep_ != "pobj" or target.pos_ != "NOUN" or target.i > last:
                    continue
                found = self.mention(target.left_edge.i, target.i, target.i, position).entity
                if found is not None and context.index.entities[found].type == "PERSON":
                    return self._team_of_person(found, head.left_edge.i, head.i, own=own)
        return None

    def _team_of_person(
        self, person: int, first: int, last: int, *, own: str | None = None
    ) -> int | None:
        """The team of that person the article names; with ``own``, their team of that
        kind, named for them if the article names it nowhere."""
        context = self.context
        doc, index = context.doc, context.index
        full_name = index.entities[person].name
        surname = full_name.split()[-1]
        if self._teams is None:
            self._teams = teams.TeamIndex.of(context.named_bodies())
        nouns = frozenset({own}) if own is not None else bodies.TEAMS
        body = self._teams.team_of(surname, doc[first].idx, nouns)
        if body is not None:
            return bodies.add_body(index, body.name, body.aliases, doc, body.first, body.last)
        made = self._teams.made.get(surname)
        if made is not None and (own is None or own in index.entities[made].name.split()):
            index.attach(made, doc, first, last)  # a team named for them before
            return made
        if own is None:
            return None
        name, aliases = teams.team_name(surname, full_name, own)
        number = bodies.add_body(index, name, aliases, doc, first, last)
        self._teams.made[surname] = number
        return number

    def _owner_person(self, owner: Token, position: int) -> int | None:
        """The person a possessive or a name before a noun is: "her", "Marrow", a surname
        the tagger missed or took for a body ("Voss advisers"), and a title ("the mayor's
        office")."""
        context = self.context
        pronoun = gendered_pronoun(context, owner)
        if pronoun is not None:
            return pronoun.entity
        person = context.index.at(owner.i)
        if person is not None and context.index.entities[person].type == "PERSON":
            return person
        if owner.text[:1].isupper() and (person is None or " " not in owner.text):
            return context.by_name(owner.text, position)
        lexicon = context.lexicon
        if owner.pos_ == "NOUN" and lexicon.is_person_word(owner.lower_):  # "the mayor's office"
            found = self.mention(owner.left_edge.i, owner.i, owner.i, position).entity
            if found is not None and context.index.entities[found].type == "PERSON":
                return found
        return None
