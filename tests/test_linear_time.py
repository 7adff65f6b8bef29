"""Time linear in the input: each path that once made a stage quadratic, with a small
invented input and a count of the work done (sentence length, characters scanned,
candidates compared), never a clock. Each test fails on the quadratic version of its path.

The growth of every stage is measured by ``benchmarks/growth.py`` (see SECURITY.md).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

import onrecord
from onrecord.corpus.store import sentences
from onrecord.lexicon import default_lexicon
from onrecord.pipeline import nlp as spacy_layer
from onrecord.pipeline.entities import EntityDraft, EntityIndex, Mention
from onrecord.pipeline.entity_building import _group_people, build_entities
from onrecord.pipeline.occasions import OccasionFinder
from onrecord.pipeline.quotes import clauses as extract_clauses
from onrecord.pipeline.quotes import context as extract_context
from onrecord.pipeline.quotes.extractor import extract
from onrecord.pipeline.quotes.reported import _without_second_statement
from onrecord.pipeline.sourcing import SENTENCE_REACH, find_hedges
from onrecord.pipeline.speakers import SpeakerResolver, bodies, context
from onrecord.record import Cue, Quote, TextSpans
from onrecord.text.clean import find_layout
from onrecord.text.dates import find_dates
from onrecord.text.form_finder import FormFinder
from onrecord.text.marks import pair_quotes

# --- the parser's sentences are bounded ---------------------------------------------------
# The windows later stages scan around a quote are sentences. Without full stops or line
# breaks the parser made one sentence of a whole text ("“word “word ...": 16,000 tokens,
# one sentence), so every cue scanned all of it.


def test_a_line_without_full_stops_is_parsed_as_bounded_sentences() -> None:
    nlp = spacy_layer.load()
    text = " ".join(["“word", "said", "he", "NATO", "“war", "the", "minister,"] * 200)
    doc, _ = next(spacy_layer.parse(nlp, [(text, None)]))
    longest = max(len(sent) for sent in doc.sents)
    assert len(doc) > 1500
    assert longest <= 2 * spacy_layer.LONGEST_SENTENCE


def test_sentences_of_ordinary_length_are_left_to_the_parser() -> None:
    nlp = spacy_layer.load()
    sentence = "The minister said on Tuesday that the talks, which began in Geneva, would go on."
    text = " ".join([sentence] * 40)
    doc, _ = next(spacy_layer.parse(nlp, [(text, None)]))
    assert len(list(doc.sents)) == 40


# --- sourcing.find_hedges: the reporting sentence is a bounded window ---------------------
# find_hedges looked for each quote's reporting sentence between the nearest ". " or line
# break on either side: without them every quote scanned the whole text.


class _CountingText(str):
    """A str that counts the characters its find and rfind calls may scan."""

    scanned = 0

    def find(self, sub: str, start: Any = None, end: Any = None) -> int:
        self._count(start, end)
        return super().find(sub, start, end)

    def rfind(self, sub: str, start: Any = None, end: Any = None) -> int:
        self._count(start, end)
        return super().rfind(sub, start, end)

    def _count(self, start: int | None, end: int | None) -> None:
        begin = 0 if start is None else start
        stop = len(self) if end is None else min(end, len(self))
        _CountingText.scanned += max(0, stop - begin)


def _indirect(number: int, cue_at: int, content: tuple[int, int]) -> Quote:
    return Quote(
        id=f"q{number}",
        type="indirect",
        content=TextSpans(spans=[content], text="x"),
        cue=Cue(spans=[(cue_at, cue_at + 4)], text="said", lemma="say"),
        source=None,
        speaker=None,
        confidence=0.5,
    )


def test_find_hedges_scans_a_bounded_window_around_each_quote() -> None:
    unit = "he said the plan allegedly failed and "  # no ". ", no line break
    count = 300
    text = _CountingText(unit * count)
    quotes = [
        _indirect(n + 1, n * len(unit) + 3, (n * len(unit) + 8, n * len(unit) + 33))
        for n in range(count)
    ]
    _CountingText.scanned = 0
    hedges = find_hedges(text, quotes, default_lexicon())
    assert len(hedges) == count  # every "allegedly" found, once
    # four searches per quote, each over at most SENTENCE_REACH characters beyond the quote
    # (the quadratic version: about twice the text per quote, 6.8 million characters here)
    assert _CountingText.scanned <= count * 4 * (SENTENCE_REACH + len(unit))


def test_find_hedges_still_reads_the_whole_reporting_sentence() -> None:
    text = "Officials allegedly said the plan failed. Then nothing."
    quote = _indirect(1, text.index("said"), (text.index("the plan"), text.index(". Then")))
    hedges = find_hedges(text, [quote], default_lexicon())
    assert [h.text for h in hedges] == ["allegedly"]


# --- reported._without_second_statement: the clause's own conjuncts only ------------------
# For every cue it walked the whole subtree of the reported clause looking for a second
# statement coordinated into it; a clause as long as the text, holding thousands of cues,
# made the frames stage quadratic ("“word “word ..."). Only the clause's right children
# can be that statement.


class _Token:
    """The little of spaCy's Token the function reads, counting the tokens it visits."""

    visited = 0

    def __init__(self, i: int, dep: str, pos: str = "NOUN", text: str = "word") -> None:
        self.i, self.dep_, self.pos_, self.text = i, dep, pos, text
        self.tag_, self.lemma_, self.lower_, self.ent_type_ = "NN", text, text, ""
        self.is_space = self.is_punct = False
        self.head: _Token = self
        self.kids: list[_Token] = []
        self.left_edge: _Token = self
        self.right_edge: _Token = self

    def _visit(self, tokens: list[_Token]) -> Iterator[_Token]:
        for token in tokens:
            _Token.visited += 1
            yield token

    @property
    def children(self) -> Iterator[_Token]:
        return self._visit(self.kids)

    @property
    def rights(self) -> Iterator[_Token]:
        return self._visit([kid for kid in self.kids if kid.i > self.i])

    @property
    def lefts(self) -> Iterator[_Token]:
        return self._visit([kid for kid in self.kids if kid.i < self.i])

    @property
    def subtree(self) -> Iterator[_Token]:
        def walk(token: _Token) -> list[_Token]:
            return [token, *(t for kid in token.kids for t in walk(kid))]

        return self._visit(sorted(walk(self), key=lambda t: t.i))


def test_second_statement_search_visits_the_clause_children_not_its_subtree() -> None:
    # a clause (token 2) with a subject and an object heading a chain of 2,000 tokens
    size = 2000
    tokens = [_Token(i, "dep") for i in range(size + 4)]
    verb, subject, clause, obj = tokens[:4]
    verb.dep_, verb.pos_, verb.lemma_ = "ROOT", "VERB", "say"
    clause.dep_, clause.pos_ = "ccomp", "VERB"
    subject.dep_, obj.dep_ = "nsubj", "dobj"
    verb.kids, clause.kids = [clause], [subject, obj]
    clause.head = verb
    subject.head = obj.head = clause
    for i in range(4, size + 4):  # a chain under the object: obj -> 4 -> 5 -> ...
        tokens[i].head = tokens[i - 1]
        tokens[i - 1].kids = [tokens[i]]
    for token in tokens[2:]:
        token.right_edge = tokens[-1]
    clause.left_edge = subject
    _Token.visited = 0
    result = _without_second_statement(tokens, clause, verb, default_lexicon())  # type: ignore[arg-type]
    assert result == (1, size + 3)
    assert _Token.visited < 20


# --- extract_clauses: a quote is compared with the frames near it only --------------------
# Finding the frame whose clause holds a quote (and the frame outside a frame) computed the
# clause of every frame of the article for every quote: quotes x frames.


def test_a_quote_is_compared_with_nearby_frames_only(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    original = extract_clauses.clause_of

    def counted(doc: Any, lexicon: Any, frame: Any) -> Any:
        nonlocal calls
        calls += 1
        return original(doc, lexicon, frame)

    monkeypatch.setattr(extract_clauses, "clause_of", counted)
    count = 40
    text = " ".join(
        f"Officials said the plan {n} would work. The “plan” {n} failed." for n in range(count)
    )
    record = onrecord.analyze(text)
    assert sum(q.type == "indirect" for q in record.quotes) >= count // 2
    # once per frame, and a few more per quote; never quotes x frames (1,600 here)
    assert calls <= 4 * count


# --- extract: overlap checks look at the spans near a quote -------------------------------
# Indirect quotes, continuations and the final no-overlap pass each compared a new span
# with every span taken so far: quotes x quotes ("X said the plan would work." x 2,000).


def test_overlap_checks_compare_a_span_with_its_neighbours_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared = 0
    calls = 0
    original = extract_context.SpanGrid.near

    def counted(self: Any, span: Any) -> list[Any]:
        nonlocal compared, calls
        found = original(self, span)
        compared += len(found)
        calls += 1
        return found

    monkeypatch.setattr(extract_context.SpanGrid, "near", counted)
    count = 120
    text = " ".join(
        f"Officials said the plan {n} would work. “It is dead,” the minister said."
        for n in range(count)
    )
    record = onrecord.analyze(text)
    assert len(record.quotes) >= count
    assert calls >= count
    # a 512-character bucket holds a few quotes; every quote would be ~120 per check
    assert compared <= 12 * calls


# --- entities: a bare name is looked up, and forms are counted through a word index -------
# _group_people compared every bare name with every person found so far, and choose_name
# searched the whole text once per form of every entity: names x text.


class _CountedDraft(EntityDraft):
    """An EntityDraft that counts reads of its key."""

    reads = 0

    @property
    def key(self) -> str:
        _CountedDraft.reads += 1
        return self._key

    @key.setter
    def key(self, value: str) -> None:
        self._key = value


def test_a_bare_name_is_looked_up_not_compared_with_every_person() -> None:
    lexicon = default_lexicon()
    count = 400
    people: list[EntityDraft] = []
    for n in range(count):
        person = _CountedDraft("PERSON", f"anna petrova{n}")
        person.mentions.append(Mention(n * 20, n * 20 + 14, n * 3, n * 3 + 1, "Anna Petrova"))
        people.append(person)
    bare = [
        (Mention(10_000 + n * 10, 10_000 + n * 10 + 6, 5000 + n, 5000 + n, f"Okoro{n}"), None)
        for n in range(count)
    ] + [(Mention(20_000, 20_008, 9000, 9000, "Petrova7"), None)]
    _CountedDraft.reads = 0
    _group_people(bare, people, lexicon)
    assert len(people) == 2 * count  # each Okoro is a new person
    assert people[7].mentions[-1].text == "Petrova7"  # the surname found its person
    assert _CountedDraft.reads <= 3 * count  # quadratic version: 160,000


def test_forms_are_counted_without_searching_the_text_per_form(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    count = 300
    text = " ".join(f"Anna Petrova{n} met Anna Petrova{n} and A. Petrova{n}." for n in range(count))
    scanned = 0
    original = re.finditer

    def counted(pattern: Any, string: str, *args: Any) -> Any:
        nonlocal scanned
        scanned += len(string)
        return original(pattern, string, *args)

    monkeypatch.setattr(re, "finditer", counted)  # the module entities searches with
    finder = FormFinder(text)
    drafts = []
    for n in range(count):
        draft = EntityDraft("PERSON", f"anna petrova{n}")
        draft.forms.update({f"A. Petrova{n}": 3, f"Anna Petrova{n}": 1})
        drafts.append(draft)
    names = [draft.chosen_name(text, finder) for draft in drafts]
    assert names[:2] == ["Anna Petrova0", "Anna Petrova1"]
    assert scanned == 0  # the quadratic version: 2 forms x 300 entities x the whole text


def test_forms_of_one_word_with_marks_around_it_read_its_occurrences_once() -> None:
    # The nested marks shape: entities named "“NATO", "«NATO", "NATO»", ... Each form read
    # every occurrence of "NATO" to compare the text there with itself: forms x occurrences.
    marks = list("“”„«»‘’‚‹›`'")
    repeats = 40
    text = " ".join(f"{mark}NATO said" for mark in marks for _ in range(repeats))
    finder = FormFinder(text)
    finder.words = _CountingList(finder.words)
    draft = EntityDraft("ORG", "nato")
    draft.forms.update({f"{mark}NATO": 1 for mark in marks})
    _CountingList.read = 0
    assert draft.chosen_name(text, finder) == "“NATO"  # all as frequent: the earliest
    assert [len(finder(f"{mark}NATO")) for mark in marks] == [repeats] * len(marks)
    words = 2 * len(marks) * repeats
    assert _CountingList.read <= 2 * words  # the quadratic version: 12 forms x 480 + words


def test_a_single_form_is_the_name_without_counting() -> None:
    text = " ".join(f"Anna Petrova{n} spoke." for n in range(100))
    finder = FormFinder(text)
    finder.words = _CountingList(finder.words)
    _CountingList.read = 0
    for n in range(100):
        draft = EntityDraft("PERSON", f"anna petrova{n}")
        draft.forms.update({f"Anna Petrova{n}": 2, f"Petrova{n}": 5})
        assert draft.chosen_name(text, finder) == f"Anna Petrova{n}"  # the one full form
    assert _CountingList.read == 0  # nothing to choose between: nothing read


def test_form_finder_finds_what_the_regular_expression_finds() -> None:
    text = "Ann Lee, ann lee; Ann Lee-Okoro “Ann Lee” Ann  Lee xAnn Lee Ann Lee Ann Lee. é Ann"
    finder = FormFinder(text)
    for form in ["Ann Lee", "Ann Lee Ann", "Lee", "“Ann Lee”", "Ann  Lee", "é", "Ann Lee.", "“"]:
        expected = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]
        assert finder(form) == expected, form


# --- occasions: a quote's date is looked for among the dates of its sentence --------------
# _date_in went through every date of the article for every quote: quotes x dates.


class _CountingList(list[Any]):
    """A list that counts the items read through iteration or slicing."""

    read = 0

    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            _CountingList.read += 1
            yield item

    def __getitem__(self, key: Any) -> Any:
        found = super().__getitem__(key)
        _CountingList.read += len(found) if isinstance(key, slice) else 1
        return found


def test_a_quote_date_is_looked_for_among_nearby_dates_only() -> None:
    count = 150
    text = " ".join(
        f"On March {n % 28 + 1}, the minister said on Monday that talks would go on."
        for n in range(count)
    )
    nlp, lexicon = spacy_layer.load(), default_lexicon()
    doc, _ = next(spacy_layer.parse(nlp, [(text, None)]))
    layout = find_layout(text, lexicon)
    raw = extract(doc, pair_quotes(text, layout.paragraphs), lexicon)
    index = build_entities(doc, lexicon)
    resolver = SpeakerResolver(doc, index, lexicon)
    speakers = resolver.resolve_all(raw)
    dates = find_dates(text, "2022-02-16")
    finder = OccasionFinder(doc, index, resolver, lexicon, dates)
    finder.dates = _CountingList(finder.dates)
    _CountingList.read = 0
    occasions = finder.find(raw, speakers)
    assert len(raw) >= count and len(finder.dates) >= count
    assert sum(o.date is not None for o in occasions) >= count
    assert _CountingList.read <= 4 * len(raw)  # the quadratic version: ~45,000


# --- store: the sentence stored with a quote is found within a bounded reach --------------
# sentence_bounds looked back to the start of the text and forward to its end for a
# sentence boundary: without full stops or line breaks, every quote scanned all of it.


def test_a_quote_sentence_is_looked_for_within_a_bounded_reach() -> None:
    unit = "he said “the plan failed” and "  # no sentence end anywhere
    text = _CountingText(unit * 2000)
    searched = 0
    original = sentences._END

    class _CountingPattern:
        def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
            nonlocal searched
            searched += min(endpos, len(string)) - pos
            return original.finditer(string, pos, endpos)

    sentences._END = _CountingPattern()  # type: ignore[assignment]
    try:
        middle = len(text) // 2
        start, end = sentences.sentence_bounds(text, middle, middle + 20)
    finally:
        sentences._END = original
    assert start >= middle - sentences.REACH and end <= middle + 20 + sentences.REACH
    assert text[start - 1] == " " and text[end] == " "  # whole words
    assert searched <= 3 * sentences.REACH  # the quadratic version: the whole text, 60,000


# --- speakers: a pronoun looks back a bounded stretch -------------------------------------
# Each pronoun compared every person mention of the article before it (whether another
# person had been a subject since the last quote, which person was the latest subject), so
# an article of many people and many "she said" took quotes x mentions.


def _mentions_examined(paragraphs: int, monkeypatch: pytest.MonkeyPatch) -> int:
    examined = 0
    original = context.ResolutionContext.people_between

    def counting(
        self: context.ResolutionContext, start: int, end: int
    ) -> list[tuple[int, int, int]]:
        nonlocal examined
        found = original(self, start, end)
        examined += len(found)
        return found

    monkeypatch.setattr(context.ResolutionContext, "people_between", counting)
    names = ["Susan Clark", "Mary Hill", "Linda Stone", "Karen West", "Nancy Ford"]
    text = "\n\n".join(
        f'{names[i % 5]} spoke at the meeting on Monday. "We need more time," she said.'
        for i in range(paragraphs)
    )
    onrecord.analyze(text)
    return examined


def test_a_pronoun_examines_a_bounded_number_of_person_mentions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    small = _mentions_examined(150, monkeypatch)
    large = _mentions_examined(600, monkeypatch)
    assert small > 0
    # linear: 4x the article, about 4x the work (a little more while the first pronouns'
    # stretch fills up); the quadratic version does about 16x
    assert large <= 5 * small


# --- speakers: a bare body noun looks at the organisations nearby -------------------------
# "the agency said" compared every organisation of the article (and "Her advisers" every
# body it named), so an article of many agencies and many "the agency said" took
# sources x organisations.


def _organisations_examined(paragraphs: int, monkeypatch: pytest.MonkeyPatch) -> int:
    examined = 0
    original = bodies.organisation_named_with

    def counting(index: EntityIndex, noun: str, nearby: Mapping[int, list[int]]) -> int | None:
        nonlocal examined
        examined += len(nearby)
        return original(index, noun, nearby)

    monkeypatch.setattr(bodies, "organisation_named_with", counting)
    text = "\n\n".join(
        f"The Department of Area {i} published its figures on Monday. "
        "The agency said the figures were complete."
        for i in range(paragraphs)
    )
    onrecord.analyze(text)
    return examined


def test_a_bare_body_noun_examines_the_organisations_nearby_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # with a reach of 2,000 characters (about 20 of these paragraphs) each source past it
    # sees the same number of organisations
    monkeypatch.setattr(context, "_DESCRIPTION_REACH", 2000)
    small = _organisations_examined(150, monkeypatch)
    large = _organisations_examined(600, monkeypatch)
    assert small > 0
    assert large <= 5 * small  # the quadratic version does about 16x


# --- Doc.text, Doc.ents, Token.is_sent_start: whole-document work per call ----------------
# Doc.text joins every token and Doc.ents walks every token on each call; assigning
# Token.is_sent_start checks every token for a parse. Read per quote (occasions' find_via),
# per lead-in (extract's named source), per short line (a sign-off's untagged signer) or
# per sentence start (many short lines), they made those stages quadratic.


class _CountingDoc:
    """A stand-in for a Doc whose whole-document reads count the tokens they walk."""

    walked = 0

    def __init__(self, doc: Any) -> None:
        self._doc = doc

    @property
    def text(self) -> str:
        _CountingDoc.walked += len(self._doc)
        return str(self._doc.text)

    @property
    def ents(self) -> Any:
        _CountingDoc.walked += len(self._doc)
        return self._doc.ents

    def __getattr__(self, name: str) -> Any:
        return getattr(self._doc, name)

    def __getitem__(self, key: Any) -> Any:
        return self._doc[key]

    def __len__(self) -> int:
        return len(self._doc)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._doc)


def test_occasions_read_the_text_once_not_per_quote() -> None:
    count = 150
    text = " ".join(f"“The plan {n} is dead,” the minister said." for n in range(count))
    nlp, lexicon = spacy_layer.load(), default_lexicon()
    doc, _ = next(spacy_layer.parse(nlp, [(text, None)]))
    raw = extract(doc, pair_quotes(text, find_layout(text, lexicon).paragraphs), lexicon)
    index = build_entities(doc, lexicon)
    resolver = SpeakerResolver(doc, index, lexicon)
    speakers = resolver.resolve_all(raw)
    counting = _CountingDoc(doc)
    _CountingDoc.walked = 0
    finder = OccasionFinder(counting, index, resolver, lexicon, [])  # type: ignore[arg-type]
    finder.find(raw, speakers)
    assert len(raw) >= count
    assert _CountingDoc.walked <= 2 * len(doc)  # the quadratic version: quotes x tokens


def test_signatures_read_the_text_once_not_per_short_line() -> None:
    from onrecord.pipeline.speakers import authors

    lines = 300
    text = "\n".join(f"Peter Lindqvist{n}, Duluth" for n in range(lines))
    nlp, lexicon = spacy_layer.load(), default_lexicon()
    doc, _ = next(spacy_layer.parse(nlp, [(text, None)]))
    index = build_entities(doc, lexicon)
    counting = _CountingDoc(doc)
    _CountingDoc.walked = 0
    authors.signatures(counting, index)  # type: ignore[arg-type]
    assert _CountingDoc.walked <= 2 * len(doc)  # the quadratic version: lines x tokens


class _StartToken:
    """A token whose is_sent_start assignment walks the document, as spaCy's does."""

    def __init__(self, doc: _StartDoc, i: int, text: str, space: str) -> None:
        self.doc, self.i, self.text, self.whitespace_ = doc, i, text, space
        self.is_space = text.isspace()
        self.start: bool | None = None

    @property
    def is_sent_start(self) -> bool | None:
        return self.start

    @is_sent_start.setter
    def is_sent_start(self, value: bool) -> None:
        self.doc.has_annotation("DEP")
        self.start = value


class _StartDoc:
    """The little of a Doc sentence_starts reads; whole-document checks count tokens."""

    walked = 0

    def __init__(self, words: list[str]) -> None:
        self.tokens = [
            _StartToken(self, i, w, "" if w == "\n" else " ") for i, w in enumerate(words)
        ]

    def __len__(self) -> int:
        return len(self.tokens)

    def __getitem__(self, key: Any) -> Any:
        return self.tokens[key]

    def has_annotation(self, attr: str) -> bool:
        _StartDoc.walked += len(self.tokens)
        return False

    def to_array(self, attrs: Any) -> Any:
        import numpy

        _StartDoc.walked += len(self.tokens)
        return numpy.array([1 if t.start else 0 for t in self.tokens], dtype="uint64")

    def from_array(self, attrs: Any, values: Any) -> None:
        _StartDoc.walked += len(self.tokens)
        for token, value in zip(self.tokens, values, strict=True):
            token.start = True if value == 1 else token.start


def test_sentence_starts_are_set_without_a_document_walk_per_start() -> None:
    lines = 2000
    doc = _StartDoc([w for n in range(lines) for w in (f"word{n}", "said", "\n")])
    _StartDoc.walked = 0
    spacy_layer.sentence_starts(doc)
    assert sum(bool(t.start) for t in doc.tokens) == lines - 1
    # the quadratic version: one walk of the document per line
    assert _StartDoc.walked <= 4 * len(doc)


# --- entities and speakers: a person mentioned everywhere (issue 16, growth.py) -----------
# Weighing a bare name read every mention of each candidate person, moving organisations
# that are people searched the list of mentions once per move, and noting a quote's source
# as a mention read every mention of its speaker: all mentions x mentions (or quotes) when
# one person is everywhere in a text (the one-liner, short lines and nested marks shapes).


def test_a_bare_name_is_weighed_without_reading_every_mention_per_name() -> None:
    lexicon = default_lexicon()
    count = 600
    person = EntityDraft("PERSON", "anna petrova")
    person.mentions = _CountingList(
        [Mention(0, 12, 0, 1, "Anna Petrova"), Mention(40, 52, 8, 9, "Anna Petrova")]
    )
    other = EntityDraft("PERSON", "boris petrova")
    other.mentions = _CountingList([Mention(20, 33, 4, 5, "Boris Petrova")])
    bare = [
        (Mention(100 + n * 10, 107 + n * 10, 10 + n, 10 + n, "Petrova"), None) for n in range(count)
    ]
    _CountingList.read = 0
    _group_people(bare, [person, other], lexicon)
    # each bare "Petrova" goes to the Petrova mentioned most so far: Anna
    assert len(person.mentions) == count + 2 and len(other.mentions) == 1
    assert _CountingList.read <= 6 * count  # the quadratic version: about 180,000


def test_organisations_that_are_people_are_moved_without_a_search_per_move(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from spacy.tokens import Doc

    count = 300
    words = ["Anna", "Nefzi", "spoke", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O"]
    for _ in range(count):  # organisations first: each later move searched past them all
        words += ["NATO", "met", "."]
        ents += ["B-ORG", "O", "O"]
    for _ in range(count):  # "Nefzi" read as an organisation: a person, the surname of Anna's
        words += ["Nefzi", "said", "."]
        ents += ["B-ORG", "O", "O"]
    vocab = spacy_layer.load().vocab
    doc = Doc(
        vocab, words=words, ents=ents, sent_starts=[w == "." or i == 0 for i, w in enumerate(words)]
    )
    compared = _count_calls(monkeypatch, Mention, "__eq__")
    index = build_entities(doc, default_lexicon())
    people = [e for e in index.entities if e.type == "PERSON"]
    assert len(people) == 1 and len(people[0].mentions) == count + 1
    assert compared.calls <= count  # the quadratic version: 90,000


def test_a_source_is_checked_against_its_speaker_s_nearby_mentions_only() -> None:
    from types import SimpleNamespace

    from spacy.tokens import Doc

    from onrecord.pipeline.speakers import note_source_mentions

    count = 400
    words = ["Anna", "Petrova", "spoke", "."] + ["Petrova", "said", "."] * count
    pos = ["PROPN", "PROPN", "VERB", "PUNCT"] + ["PROPN", "VERB", "PUNCT"] * count
    doc = Doc(spacy_layer.load().vocab, words=words, pos=pos)
    person = EntityDraft("PERSON", "anna petrova")
    person.forms["Anna Petrova"] += 1
    person.mentions = _CountingList([Mention(0, 12, 0, 1, "Anna Petrova")])
    index = EntityIndex([person], {0: 0, 1: 0})
    quotes = [SimpleNamespace(source=(4 + 3 * n, 4 + 3 * n)) for n in range(count)]
    speakers = [SimpleNamespace(entity=0)] * count
    _CountingList.read = 0
    notes = note_source_mentions(doc, quotes, speakers, index, default_lexicon())  # type: ignore[arg-type]
    assert len(notes) == count  # every "Petrova" is a mention of hers
    assert _CountingList.read <= 4 * count  # the quadratic version: about 80,000


# --- the store: a quote repeated a thousand times -----------------------------------------
# An article's quotes were compared with every earlier quote sharing an index key with them
# ("X said" lists repeat a few quotes: quotes x quotes). A quote alike in all that matching
# reads (speaker, date, type, words) to an earlier one can never be the better candidate, so
# the index keeps the earliest of each kind under a key.


def test_a_repeated_quote_is_compared_once_per_kind_not_with_every_repeat(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from onrecord.corpus.store import StoredArticle, open_store
    from onrecord.corpus.store.schema import statement_quotes, statements
    from onrecord.statements import Grouper, grouping

    count = 150
    text = " ".join(
        "“The plan is dead,” Lavrov said." if n % 3 else "“We will not move,” Lavrov said."
        for n in range(count)
    )
    record = onrecord.analyze(text, doc_id="repeats", published="2022-02-16")
    assert len(record.quotes) == count
    compared = _count_calls(monkeypatch, grouping, "match")
    with open_store(f"sqlite:///{tmp_path}/repeats.db") as store:
        store.add_articles([StoredArticle(record=record, text=text, origin="repeats.txt")])
        with store._engine.connect() as conn:
            groups = conn.execute(statements.select()).all()
            members = conn.execute(statement_quotes.select()).all()
    assert sorted(g.reports for g in groups) == [count // 3, count - count // 3]
    assert len(members) == count
    assert compared.calls <= 4 * count  # the quadratic version: about 6,000
    # the in-memory grouping (onrecord.trace_statements) does the same
    g = Grouper()
    for n in range(count):
        g.add(grouping.Report(f"a#q{n}", "Lavrov", "2022-02-16", "direct", "The plan is dead"))
    assert len(g.groups()) == 1
    assert g.compared <= count  # the quadratic version: 11,175


def test_a_statement_s_reference_is_found_without_a_search_per_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from onrecord.statements.drift import Version, reference

    count = 500
    versions = [
        Version(f"a#q{n}", 1, "Lavrov", "direct", "The plan is dead" if n % 3 else "No")
        for n in range(count)
    ]
    compared = _count_calls(monkeypatch, Version, "__eq__")
    found = reference(versions)
    assert found is not None and found.ref == "a#q1"  # the most repeated wording, earliest
    assert compared.calls <= count  # the quadratic version: 62,500


def test_a_short_quote_from_many_people_is_compared_with_its_own_speaker_s_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    # The names and titles shape: "“We agree,” Senator X said" from a thousand different
    # people. Words this few can only be a version of the same speaker's (grouping.match),
    # but every earlier "We agree" shared an index key with it and was compared.
    from onrecord.corpus.store import StoredArticle, open_store
    from onrecord.corpus.store.schema import statements
    from onrecord.statements import Grouper, grouping

    firsts = ["Anna", "Maria", "Elena", "Olga", "Irina", "Sofia", "Laura", "Clara", "Julia"]
    lasts = ["Petrova", "Ivanova", "Sokolova", "Novak", "Kell", "Moravec", "Lindqvist", "Berg"]
    names = [f"{first} {last}" for last in lasts for first in firsts]
    count = len(names)
    text = " ".join(f"“We agree,” Senator {name} said." for name in names)
    record = onrecord.analyze(text, doc_id="agree", published="2022-02-16")
    assert len(record.quotes) == count
    assert len({q.speaker.name for q in record.quotes if q.speaker}) == count
    compared = _count_calls(monkeypatch, grouping, "match")
    with open_store(f"sqlite:///{tmp_path}/agree.db") as store:
        store.add_articles([StoredArticle(record=record, text=text, origin="agree.txt")])
        with store._engine.connect() as conn:
            assert len(conn.execute(statements.select()).all()) == count  # one each
    assert compared.calls <= count  # the quadratic version: 2,556
    g = Grouper()
    for n in range(count):
        g.add(grouping.Report(f"a#q{n}", names[n], "2022-02-16", "direct", "We agree"))
    assert len(g.groups()) == count
    assert g.compared <= count  # the quadratic version: 2,556


def test_a_statement_offers_a_bounded_number_of_its_versions_as_candidates(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    # One long statement reported again and again, each version a word apart (so none is
    # alike another): every new version was compared with all the earlier ones.
    from onrecord.corpus.store import StoredArticle, open_store
    from onrecord.corpus.store.schema import statements
    from onrecord.statements import Grouper, grouping
    from onrecord.statements.candidates import VERSIONS_KEPT

    said = "The talks on the grain corridor will resume in Valmora next week, round {}"
    count = 200
    g = Grouper()
    for n in range(count):
        g.add(grouping.Report(f"a#q{n}", "Kell", "2022-02-16", "direct", said.format(n)))
    assert len(g.groups()) == 1
    assert g.compared <= 10 * count  # the quadratic version: 19,900
    assert count >= VERSIONS_KEPT * 20  # the bound, not the input, is what limits it

    count = 120
    text = " ".join(f"“{said.format(n)},” Senator Ilse Kell said." for n in range(count))
    record = onrecord.analyze(text, doc_id="rounds", published="2022-02-16")
    assert len(record.quotes) == count
    compared = _count_calls(monkeypatch, grouping, "match")
    with open_store(f"sqlite:///{tmp_path}/rounds.db") as store:
        store.add_articles([StoredArticle(record=record, text=text, origin="rounds.txt")])
        with store._engine.connect() as conn:
            groups = conn.execute(statements.select()).all()
    assert [s.reports for s in groups] == [count]
    assert compared.calls <= 10 * count  # the quadratic version: 7,140


class _Counter:
    calls = 0


def _count_calls(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> _Counter:
    """Count the calls of ``owner.name`` for the rest of the test."""
    counter = _Counter()
    original = getattr(owner, name)

    def counted(*args: Any) -> Any:
        counter.calls += 1
        return original(*args)

    monkeypatch.setattr(owner, name, counted)
    return counter
