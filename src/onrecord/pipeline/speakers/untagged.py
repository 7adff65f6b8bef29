"""Names the entity tagger missed: a proper name it left untagged ("Nefzi", "The
Federalist"), or a capitalised word it took for a noun ("Whitcombe" after "Dale Whitcombe")."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.pipeline.entity_building import goes_by_first_word
from onrecord.pipeline.quotes.headline_statements import in_title_case
from onrecord.pipeline.speakers import names
from onrecord.pipeline.speakers.context import ResolutionContext, Speaker


def untagged_name(context: ResolutionContext, first: int, last: int, head: Token) -> Speaker | None:
    """A proper name the tagger missed: a body after "the" or an acronym, else a person,
    named as fully as the article names them anywhere."""
    doc, lexicon = context.doc, context.lexicon
    run = names.proper_run(doc, head, first, last)
    after_the = head.i > 0 and doc[head.i - 1].lower_ == "the" and head.tag_ == "NNP"
    if head.ent_type_ == "NORP" and not (after_the and context.country_of(head.text) is None):
        return None  # "Another Muslim", "Republicans"; but "The Federalist" is a name
    if run is None or lexicon.is_determiner(doc[first].lower_, "indefinite"):
        return None  # "a Democrat": somebody, unnamed
    start, end = run
    text = doc[start : end + 1].text
    if any(lexicon.is_title_word(t.text) for t in doc[start : end + 1]):
        return None  # "the Russian Foreign Minister": a description, not a name
    if names.is_body_name(doc, start, end):
        number = names.add_name(context.index, "ORG", text, doc, start, end)
        return context.speaker(number, "name")
    longer = _organisation_begun(context, text, doc[start].idx) if start == end else None
    if longer is not None:  # "Meridian Technologies was fined ... Meridian said"
        context.index.entities[longer].forms[text] += 1
        context.index.attach(longer, doc, start, end)
        return context.speaker(longer, "name")
    seat = lexicon.country_metonyms.get(text)
    if seat is not None:  # "Downing Street said", "Whitehall said": the government there
        country = names.country_entity(context.index, seat)
        context.index.entities[country].forms[text] += 1
        context.index.attach(country, doc, start, end)
        return context.speaker(country, "name")
    if lexicon.is_title_word(text) or lexicon.country(text) is not None:
        return None
    while start < end and (doc[start].ent_type_ == "NORP" or lexicon.party_named(doc[start].text)):
        start += 1  # "Democrat Ana Ruiz": the name is Ana Ruiz
    text = doc[start : end + 1].text
    name = context.full_names().get(text, text) if start == end else text
    person = context.add_person(name, start, end)
    title_start = start
    while title_start > 0 and _title_word_before(context, title_start):
        title_start -= 1  # "Pope Leo", where the tagger saw no name: the pope
    if title_start < start:
        context.index.entities[person].add_title(doc[title_start:start].text)
    return context.speaker(person, "name")


def _title_word_before(context: ResolutionContext, i: int) -> bool:
    word = context.doc[i - 1].text
    return word[:1].isupper() and context.lexicon.is_title_word(word)


def _organisation_begun(context: ResolutionContext, word: str, before: int) -> int | None:
    """The one organisation named before ``before`` whose name of several words begins
    with ``word`` (not only in a title-case headline, nor two names joined), unless a
    person's name holds the word."""
    doc = context.doc
    if word in context.lexicon.organisations:
        return None  # "U.N." names the United Nations, not the "U.N. Security Council"
    found = {
        number
        for number, entity in enumerate(context.index.entities)
        if entity.type == "ORG"
        and any(
            form.split()[0] == word and goes_by_first_word(form.split(), context.lexicon)
            for form in entity.forms
        )
        and entity.first_position < before
        and not all(in_title_case(doc, mention.first) for mention in entity.mentions)
    }
    people = (
        e
        for e in context.index.entities
        if e.type == "PERSON"
        for form in e.forms
        if word in form.split()
    )
    if len(found) != 1 or next(people, None) is not None:
        return None
    return found.pop()


def names_in_full(context: ResolutionContext, token: Token) -> bool:
    """A capitalised word the tagger took for a noun that the text gives a fuller name
    for ("Whitcombe" after "Dale Whitcombe"), or that is a named person's surname."""
    if not token.text[:1].isupper() or token.pos_ != "NOUN":
        return False
    key = context.lexicon.name_key(token.text)
    return token.text in context.full_names() or key in context.surnames
