"""What every rule of the speaker resolver reads: the article, its entities and lexicon,
the per-article indexes (every person mention by position, people by surname, the spans of
quoted words, the bodies the article names) and the state of the conversation so far (who
spoke last, and where)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from onrecord.lexicon import Country, Lexicon
from onrecord.pipeline.entities import EntityIndex
from onrecord.pipeline.quotes.extractor import RawQuote
from onrecord.pipeline.quotes.headline_statements import headline_line
from onrecord.pipeline.quotes.ranges import TokRange
from onrecord.pipeline.speakers import bodies, names
from onrecord.pipeline.speakers.authors import Byline
from onrecord.pipeline.speakers.controllers import controller

# How far an unnamed person introduced ("a cashier") reaches to "the cashier", and how far
# ahead "a new poll" or "a New York judge" looks for what names it.
CATAPHORA_CHARS = 400
# How far back a description or a bare body noun looks for its person or body: a few
# paragraphs, so each mention costs the same however long the article is.
_DESCRIPTION_REACH = 20000


@dataclass(frozen=True, slots=True)
class Speaker:
    entity: int | None  # index into EntityIndex.entities
    name: str | None
    how: str | None = None  # name, surname, pronoun, title, description, body, ...


NOBODY = Speaker(None, None)
UNNAMED = Speaker(None, None, "unnamed")  # the previous speaker was a person not named

# A source mention to its speaker: (first token, last token, head token, offset of the quote).
MentionResolver = Callable[[int, int, int, int], Speaker]


def relabelled(found: Speaker, how: str) -> Speaker:
    """The speaker another mention resolved to, reached this way; nobody if unnamed."""
    return Speaker(found.entity, found.name, how) if found.name else NOBODY


@dataclass(slots=True)
class ResolutionContext:
    doc: Doc
    index: EntityIndex
    lexicon: Lexicon
    last_spoke: dict[int, int] = field(default_factory=dict)  # entity -> its latest quote
    previous: Speaker | None = None
    previous_position: int = 0
    previous_plural: bool = False  # the previous speaker was a group the source counted as many
    unnamed_noun: str | None = None  # the head noun of the previous speaker, when UNNAMED
    # every person mention, by position: (start, last token, entity)
    people: list[tuple[int, int, int]] = field(default_factory=list)
    surnames: dict[str, list[int]] = field(default_factory=dict)
    first_words: dict[str, list[int]] = field(default_factory=dict)  # of names in full
    headline: TokRange | None = None  # the tokens of the text's headline line, if it has one
    home: Country | None = None  # the country the article's dateline names
    byline: Byline | None = None  # the author its byline names
    _quoted: list[tuple[int, int]] = field(default_factory=list)
    _quoted_starts: list[int] = field(default_factory=list)
    _reported: list[tuple[int, int]] = field(default_factory=list)
    _reported_starts: list[int] = field(default_factory=list)
    _unsourced: list[tuple[int, int]] = field(default_factory=list)
    _unsourced_starts: list[int] = field(default_factory=list)
    _full_names: dict[str, str] | None = None
    _named_bodies: list[bodies.NamedBody] | None = None
    _named_groups: list[bodies.NamedBody] | None = None

    @classmethod
    def of(
        cls,
        doc: Doc,
        index: EntityIndex,
        lexicon: Lexicon,
        home: Country | None = None,
        byline: Byline | None = None,
    ) -> ResolutionContext:
        context = cls(doc, index, lexicon, headline=headline_line(doc), home=home, byline=byline)
        context.people = sorted(
            (m.start, m.last, number)
            for number, entity in enumerate(index.entities)
            if entity.type == "PERSON"
            for m in entity.mentions
        )
        for number in range(len(index.entities)):
            context.index_surnames(number)
        context.people = sorted(context.people + context.untagged_surnames())
        return context

    def speaker(self, entity: int, how: str) -> Speaker:
        return Speaker(entity, self.index.entities[entity].name, how)

    def in_headline(self, token: Token) -> bool:
        return self.headline is not None and self.headline[0] <= token.i <= self.headline[1]

    # --- what was said ------------------------------------------------------------------

    def note_quotes(self, quotes: Sequence[RawQuote]) -> None:
        self._quoted = _merged(
            span for quote in quotes if quote.type != "indirect" for span in quote.content
        )
        self._quoted_starts = [start for start, _ in self._quoted]
        self._reported = _merged(span for quote in quotes for span in quote.content)
        self._reported_starts = [start for start, _ in self._reported]
        self._unsourced = _merged(
            span
            for quote in quotes
            if quote.source is None
            and quote.continues is None
            and (quote.cue is None or controller(self.doc, quote.cue.head) is None)
            for span in quote.content
        )
        self._unsourced_starts = [start for start, _ in self._unsourced]

    def is_quoted(self, offset: int) -> bool:
        """Inside someone's own words."""
        return _inside(self._quoted, self._quoted_starts, offset)

    def is_reported(self, offset: int) -> bool:
        """Inside what someone said, in their words or reported."""
        return _inside(self._reported, self._reported_starts, offset)

    def is_unsourced(self, offset: int) -> bool:
        """Inside a report no one is said to make ("it is assumed that ...")."""
        return _inside(self._unsourced, self._unsourced_starts, offset)

    # --- people -------------------------------------------------------------------------

    def index_surnames(self, number: int) -> None:
        entity = self.index.entities[number]
        if entity.type != "PERSON":
            return
        for form in entity.forms:
            words = form.split()
            found = self.surnames.setdefault(self.lexicon.name_key(words[-1]), [])
            if number not in found:
                found.append(number)
            if len(words) > 1:
                firsts = self.first_words.setdefault(self.lexicon.name_key(words[0]), [])
                if number not in firsts:
                    firsts.append(number)

    def untagged_surnames(self) -> list[tuple[int, int, int]]:
        """The surname of a person named in full, where the tagger left it untagged
        ("declared Novak was a leader"): a mention of that person, when only one has it."""
        doc, index = self.doc, self.index
        found: list[tuple[int, int, int]] = []
        for token in doc:
            untagged = token.pos_ == "PROPN" and index.at(token.i) is None
            if not untagged or not token.text[:1].isupper():
                continue
            if any(
                0 <= j < len(doc) and doc[j].pos_ == "PROPN" for j in (token.i - 1, token.i + 1)
            ):
                continue  # part of another name
            people = self.surnames.get(self.lexicon.name_key(token.text), [])
            if len(people) != 1:
                continue
            forms = index.entities[people[0]].forms
            if any(" " in form and form.split()[-1] == token.text for form in forms):
                found.append((token.idx, token.i, people[0]))
        return found

    def people_between(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Person mentions starting in ``[start, end)``, in text order."""
        low = bisect.bisect_left(self.people, (start, -1, -1))
        high = bisect.bisect_left(self.people, (end, -1, -1))
        return self.people[low:high]

    def people_near(self, position: int) -> list[int]:
        """The people mentioned or quoted in the stretch of text before ``position``."""
        start = position - _DESCRIPTION_REACH
        found = dict.fromkeys(n for _s, _l, n in self.people_between(start, position))
        found.update(dict.fromkeys(n for n, at in self.last_spoke.items() if start <= at))
        return [n for n in found if self.index.entities[n].type == "PERSON"]

    def recency(self, entity: int, position: int) -> int:
        mentioned = self.index.mentioned_before(entity, position)
        spoke = self.last_spoke.get(entity, -1)
        return max(mentioned if mentioned is not None else -1, spoke if spoke < position else -1)

    def by_name(self, word: str, position: int, *, first_word: bool = False) -> int | None:
        """A person whose name the tagger missed here: match it by spelling key, as a
        surname; with ``first_word``, else as the first word of one person's full name ("Ri"
        for "Ri Yong-ho", whose family name comes first)."""
        found = self.surnames.get(self.lexicon.name_key(word), [])
        if not found:
            return self.by_first_word(word) if first_word else None
        return max(found, key=lambda number: self.recency(number, position))

    def by_first_word(self, word: str) -> int | None:
        """The one person whose full name begins with ``word``, if only one does."""
        found = self.first_words.get(self.lexicon.name_key(word), [])
        return found[0] if len(found) == 1 else None

    def full_names(self) -> dict[str, str]:
        """Each name the text gives in part, to the fullest form it gives it in."""
        if self._full_names is None:
            self._full_names = names.full_names(self.doc.text, self.lexicon)
        return self._full_names

    def make_person(self, number: int) -> None:
        """A name the tagger read as an organisation is a person's: index it as one."""
        entity = self.index.entities[number]
        entity.type = entity.label = "PERSON"
        entity.key = f"name:{entity.key}"
        entity.fixed_name = None
        full_names = self.full_names()
        for form in list(entity.forms):
            fuller = full_names.get(form) if " " not in form else None
            if fuller is not None:
                entity.forms[fuller] += 1  # "Tulley": "Orrin Tulley", as the text has it
        for mention in entity.mentions:
            bisect.insort(self.people, (mention.start, mention.last, number))
        self.index_surnames(number)

    def add_person(self, name: str, start: int, end: int) -> int:
        """A person named at tokens ``start``-``end`` whom the tagger missed, indexed."""
        number = names.add_name(self.index, "PERSON", name, self.doc, start, end)
        span = self.doc[start : end + 1]
        bisect.insort(self.people, (span.start_char, end, number))
        self.index_surnames(number)
        entity = self.index.entities[number]
        if entity.gender is None and " " in name:
            entity.gender = self.lexicon.first_names.get(name.split()[0])
        return number

    def country_of(self, text: str) -> str | None:
        found = self.lexicon.country_adjectives.get(text) or self.lexicon.country_names.get(text)
        return found.iso2 if found else None

    # --- bodies -------------------------------------------------------------------------

    def named_bodies(self) -> list[bodies.NamedBody]:
        if self._named_bodies is None:
            self._named_bodies = bodies.named_bodies(self.doc, self.lexicon)
        return self._named_bodies

    def named_groups(self) -> list[bodies.NamedBody]:
        """The groups the article names ("Alder County prosecutors"), in text order."""
        if self._named_groups is None:
            self._named_groups = bodies.named_bodies(self.doc, self.lexicon, "group")
        return self._named_groups

    def bodies_before(self, start: int) -> list[bodies.NamedBody]:
        """The bodies the article named in the stretch before ``start``, in text order."""
        named = self.named_bodies()
        low = bisect.bisect_left(named, start - _DESCRIPTION_REACH, key=_start)
        high = bisect.bisect_left(named, start, key=_start)
        return named[low:high]

    def organisations_near(self, position: int) -> dict[int, list[int]]:
        """The organisations mentioned in the stretch before ``position``, with where."""
        return self.index.organisations_between(position - _DESCRIPTION_REACH, position)


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
