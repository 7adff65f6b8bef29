"""Entities: the mentions of people and bodies in one text, and the index that finds them.

An ``EntityDraft`` is one person or body with its mentions, forms, titles, affiliation and
country; an ``EntityIndex`` holds a text's drafts and which tokens mention which. They are
built by :mod:`onrecord.pipeline.entity_building`.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from onrecord.lexicon import Lexicon
from onrecord.text.form_finder import FormFinder

__all__ = ["EntityDraft", "EntityIndex", "Mention", "SourceNote", "first_name_gender"]


@dataclass(slots=True)
class Mention:
    start: int  # characters
    end: int
    first: int  # tokens, inclusive
    last: int
    text: str


@dataclass(frozen=True, slots=True)
class SourceNote:
    """A name or description that introduced a quote, found to be its speaker's."""

    entity: int
    mention: Mention
    description: bool  # "the minister"; else a spelling of the speaker's name


LISTED_ORGANISATION = "org:"  # the key prefix of organisations named in organisations.tsv


def country_key(iso2: str) -> str:
    """The key of the entity of a country (``countries.tsv``), however the text names it."""
    return f"country:{iso2}"


def listed_organisation_key(name: str) -> str:
    """The key of the entity of an organisation named in ``organisations.tsv``."""
    return f"{LISTED_ORGANISATION}{name}"


@dataclass(slots=True)
class EntityDraft:
    type: str
    key: str
    forms: Counter[str] = field(default_factory=Counter)
    mentions: list[Mention] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    affiliation: str | None = None
    country: str | None = None
    gender: str | None = None
    fixed_name: str | None = None  # canonical name from a lexicon
    label: str = ""  # the tagger's label of the first mention (LOC for non-political places)
    canonical: str | None = None  # chosen once all mentions are known (chosen_name)

    @property
    def name(self) -> str:
        if self.fixed_name:
            return self.fixed_name
        return self.canonical or next(iter(self.forms))

    def chosen_name(self, text: str, occurrences: FormFinder | None = None) -> str | None:
        """The canonical name: the full form the whole text (captions too) uses most, the
        earliest on a tie; None for a name fixed by a lexicon. Give every entity of one text
        the same ``occurrences``, so that the text's words are indexed once, not searched
        once per form."""
        if self.fixed_name or not self.forms:
            return None
        full = [form for form in self.forms if " " in form] or list(self.forms)
        if len(full) == 1:  # nothing to choose between: no need to count
            return full[0]
        occurrences = occurrences or FormFinder(text)

        def standing(form: str) -> tuple[int, int]:
            found = occurrences(form)
            return (len(found), -(found[0] if found else len(text)))

        return max(full, key=standing)

    @property
    def first_position(self) -> int:
        return self.mentions[0].start if self.mentions else 0

    def add_title(self, title: str) -> None:
        if title and title not in self.titles:
            self.titles.append(title)


@dataclass(slots=True)
class EntityIndex:
    entities: list[EntityDraft]
    token_entity: dict[int, int]  # token index -> entity index
    _by_key: dict[str, int] = field(default_factory=dict)
    _org_mentions: list[tuple[int, int]] | None = None  # (start, entity), sorted

    def at(self, token: int) -> int | None:
        return self.token_entity.get(token)

    def with_genders(self, genders: Mapping[int, str]) -> EntityIndex:
        """This index with the people's genders given, by entity number."""
        entities = [
            replace(entity, gender=genders[number]) if number in genders else entity
            for number, entity in enumerate(self.entities)
        ]
        return EntityIndex(entities, dict(self.token_entity))

    def add_source_mentions(self, notes: Iterable[SourceNote]) -> None:
        """Make the names and descriptions that introduced quotes mentions of their
        speakers: a name one of their forms, a description one of their descriptions."""
        for note in notes:
            entity = self.entities[note.entity]
            entity.mentions.append(note.mention)
            if note.description:
                entity.descriptions.append(note.mention.text)
            else:
                entity.forms[note.mention.text] += 1
        for entity in self.entities:
            entity.mentions.sort(key=lambda m: m.start)

    def set_names(self, names: Mapping[int, str]) -> None:
        """Give the entities their canonical names, by entity number."""
        for number, name in names.items():
            self.entities[number].canonical = name

    def add(self, entity: EntityDraft) -> int:
        """Add an entity found after the index was built (a body named by a source mention);
        the caller attaches its mentions."""
        self.entities.append(entity)
        self.numbers_by_key()[entity.key] = len(self.entities) - 1
        return len(self.entities) - 1

    def attach(self, number: int, doc: Doc, first: int, last: int) -> None:
        """Add tokens ``first..last`` as a mention of entity ``number`` (once)."""
        entity = self.entities[number]
        if any(m.first == first for m in entity.mentions):
            return
        span = doc[first : last + 1]
        entity.mentions.append(Mention(span.start_char, span.end_char, first, last, span.text))
        entity.mentions.sort(key=lambda m: m.start)
        if self._org_mentions is not None and entity.type == "ORG":
            bisect.insort(self._org_mentions, (span.start_char, number))
        for i in range(first, last + 1):
            self.token_entity.setdefault(i, number)

    def numbers_by_key(self) -> dict[str, int]:
        """Entity number by key (the first entity of a key), built once."""
        if not self._by_key:
            for number, entity in enumerate(self.entities):
                self._by_key.setdefault(entity.key, number)
        return self._by_key

    def in_range(self, first: int, last: int) -> list[int]:
        found: list[int] = []
        for i in range(first, last + 1):
            index = self.token_entity.get(i)
            if index is not None and index not in found:
                found.append(index)
        return found

    def organisations_between(self, start: int, end: int) -> dict[int, list[int]]:
        """The organisations mentioned in ``[start, end)`` with their mentions' offsets there,
        found through one sorted list of mentions, so a window costs what it holds."""
        if self._org_mentions is None:
            self._org_mentions = sorted(
                (m.start, number)
                for number, entity in enumerate(self.entities)
                if entity.type == "ORG"
                for m in entity.mentions
            )
        low = bisect.bisect_left(self._org_mentions, (start, -1))
        high = bisect.bisect_left(self._org_mentions, (end, -1))
        found: dict[int, list[int]] = {}
        for offset, number in self._org_mentions[low:high]:
            if self.entities[number].type == "ORG":
                found.setdefault(number, []).append(offset)
        return found

    def mention_positions(self, index: int) -> list[int]:
        return [m.start for m in self.entities[index].mentions]

    def mentioned_before(self, index: int, position: int) -> int | None:
        """Offset of the entity's last mention before a position, if any."""
        mentions = self.entities[index].mentions
        k = bisect.bisect_left(mentions, position, key=lambda m: m.start)
        return mentions[k - 1].start if k else None


def first_name_gender(forms: Iterable[str], lexicon: Lexicon) -> str | None:
    """The gender the first names of a person's full forms tell, when they all agree."""
    genders = {lexicon.first_names.get(form.split()[0]) for form in forms if " " in form}
    genders.discard(None)
    return genders.pop() if len(genders) == 1 else None
