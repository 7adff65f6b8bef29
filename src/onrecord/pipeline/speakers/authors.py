"""First person outside quotation marks: "I" and "we" of a column or a letter are its writer.

The writer is the person a signed letter ends with (a short paragraph that is a name,
perhaps with a place: "Jane Doe, Austin, Texas"), else the article's author: a byline
("By Jane Doe", read from the text, since a byline is boilerplate the parser does not
see), a closing note ("Jane Doe is a columnist ...", "Follow Jane Doe on Twitter").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from onrecord.pipeline.entities import EntityIndex, Mention
from onrecord.pipeline.speakers import names
from onrecord.text.clean import Layout

FIRST_PERSON = frozenset({"i", "we", "me", "us"})
_MAX_SIGN_OFF_WORDS = 12
_BYLINE = re.compile(r"^\s*(?:By|BY)\s+\S")
_CLOSING = re.compile(r"^\s*(?:Follow\s+\S|[^.]{3,60}?\s+(?:is|was)\s+(?:a|an|the)\s)")


@dataclass(frozen=True, slots=True)
class Signature:
    position: int  # character offset of the name
    entity: int
    closes_letter: bool  # a sign-off line: it ends the letter before it


def signatures(doc: Doc, index: EntityIndex) -> list[Signature]:
    """The people who sign the article or its letters, in text order."""
    found: list[Signature] = []
    text = doc.text
    paragraphs = _paragraphs(text)
    for number, (start, end) in enumerate(paragraphs):
        line = text[start:end]
        opening, closing = number < 3, number >= len(paragraphs) - 3
        words = line.split()
        person = _person_at(doc, index, start, end)
        short = len(words) <= _MAX_SIGN_OFF_WORDS and (
            not line.endswith(".") or _NAME_AND_STOP.fullmatch(line) is not None
        )
        if short and (person is None or person[1] - start > 2):
            person = _untagged_signer(doc, text, index, start, end) or person
        if person is None:
            continue
        entity, offset = person
        if short and offset - start <= 2:
            found.append(Signature(offset, entity, closes_letter=True))
        elif (opening and _BYLINE.match(line)) or (closing and _CLOSING.match(line)):
            found.append(Signature(offset, entity, closes_letter=False))
    return found


def writer_at(found: list[Signature], position: int) -> int | None:
    """The writer of the text at ``position``: the letter's signer (the next sign-off), else
    the article's author (a byline or closing note)."""
    for signature in found:
        if signature.closes_letter and signature.position > position:
            return signature.entity
    authors = [s.entity for s in found if not s.closes_letter]
    return authors[0] if authors else None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]+", text):
        start = match.start()
        stripped = match.group().strip()
        if stripped:
            lead = len(match.group()) - len(match.group().lstrip())
            spans.append((start + lead, start + lead + len(stripped)))
    return spans


# a sign-off that is a name and a full stop, as letters pages print it: "Jane Q. Doe."
_NAME_AND_STOP = re.compile(r"[A-Z][\w'’-]+(?: [A-Z]\.)?(?: [A-Z][\w'’-]+){1,2}\.")
_SIGNER = re.compile(r"[-—–]?\s*([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3})(?:,|$)")


def _untagged_signer(
    doc: Doc, text: str, index: EntityIndex, start: int, end: int
) -> tuple[int, int] | None:
    """A sign-off line the tagger found no name in: "Peter Lindqvist, Duluth". ``text`` is
    ``doc.text``, read once by the caller (``Doc.text`` joins every token on each call)."""
    found = _SIGNER.match(text, start, end - 1 if text[end - 1] == "." else end)
    if found is None:
        return None
    span = doc.char_span(found.start(1), found.end(1), alignment_mode="contract")
    if span is None or not all(t.pos_ in ("PROPN", "NOUN", "ADJ") for t in span):
        return None
    number = names.add_name(index, "PERSON", span.text, doc, span.start, span.end - 1)
    return number, span.start_char


def _person_at(doc: Doc, index: EntityIndex, start: int, end: int) -> tuple[int, int] | None:
    """The first person named within the paragraph's first few words, and where."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for token in span[:8]:
        entity = index.at(token.i)
        if entity is not None and index.entities[entity].type == "PERSON":
            return entity, token.idx
    return None


@dataclass(frozen=True, slots=True)
class Byline:
    """The author a byline names, where the parser does not see it (a byline is
    boilerplate, blanked for the parser): the name and its character span."""

    start: int
    end: int
    name: str


_BYLINE_PARAGRAPHS = 3  # a headline, perhaps a standfirst, then the byline
_BYLINE_NAME = re.compile(r"\s*(?:By|BY)\s+([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3})\s*")


def byline(text: str, layout: Layout) -> Byline | None:
    """The byline among the first paragraphs' boilerplate ("By Jane Doe"), if any: one
    author, not "By Jane Doe and John Roe"."""
    opening = layout.paragraphs[:_BYLINE_PARAGRAPHS]
    before = opening[-1][1] if opening else 0
    for start, end in layout.boilerplate:
        if start >= before:
            break
        found = _BYLINE_NAME.fullmatch(text, start, end)
        if found is not None:
            return Byline(found.start(1), found.end(1), found.group(1))
    return None


def byline_writer(doc: Doc, index: EntityIndex, found: Byline) -> int | None:
    """The person a byline names, as an entity (made if new) with the byline as its mention."""
    span = doc.char_span(found.start, found.end, alignment_mode="expand")
    if span is None:
        return None
    number = names.entity_named(index, "PERSON", found.name, fixed=True)
    entity = index.entities[number]
    entity.forms[found.name] += 1
    if not any(m.start == found.start for m in entity.mentions):
        # the name's own characters: the parser's token there is the blanked byline's space
        entity.mentions.append(
            Mention(found.start, found.end, span.start, span.end - 1, found.name)
        )
        entity.mentions.sort(key=lambda m: m.start)
    return number


def named_before_colon(doc: Doc, index: EntityIndex, first: int) -> int | None:
    """The person whose name and a colon open the sentence of a first person ("Jane Doe:
    I'd consider a run", a headline's way of quoting): that person, else None."""
    colon = first - 1
    while colon >= 0 and doc[colon].is_space:
        colon -= 1
    if colon < 1 or doc[colon].text != ":":
        return None
    person = index.at(colon - 1)
    if person is None or index.entities[person].type != "PERSON":
        return None
    start = colon - 1
    while start > 0 and index.at(start - 1) == person:
        start -= 1
    opening = start == 0 or doc[start - 1].is_sent_end or "\n" in doc[start - 1].text
    return person if opening or doc[start].is_sent_start else None
