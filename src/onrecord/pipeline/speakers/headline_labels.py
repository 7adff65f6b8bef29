"""A headline's label noun as a source ("Newspaper Says ...", "Newspaper: ..."): it
stands for the organisation of that kind the article's first paragraphs name, else for
nobody. A poll or report label is a document, whose producer is found as such. A body noun
stands for the body the first paragraphs name with it ("Fund warns ...": the International
Monetary Fund; "Union rejects ...": the RMT union; "Alliance warns ...": NATO).

The organisation may be one the resolver only comes to know from a later source ("The
Daily Courier wrote ..."), so such a mention is resolved after all the others."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.pipeline.quotes.extractor import RawQuote
from onrecord.pipeline.speakers import bodies
from onrecord.pipeline.speakers.context import NOBODY, ResolutionContext, Speaker

# how far into the article the organisation a headline label stands for is looked for
_REACH_CHARS = 1200


def is_label(context: ResolutionContext, first: int, last: int, head: Token) -> bool:
    """Whether a source mention is a bare capitalised label or body noun of the headline
    that is not a document ("Newspaper", "Fund", not "Poll")."""
    lexicon = context.lexicon
    noun = head.lower_
    if first != last:
        return False
    if lexicon.headline_words.get(noun) != "label" and bodies.body_kind(head, lexicon) != "body":
        return False
    if head.lemma_.lower() in lexicon.document_nouns or noun in lexicon.document_nouns:
        return False
    return context.in_headline(head) and head.text[:1].isupper()


def capitalised_in_headline(context: ResolutionContext, token: Token) -> bool:
    """A capitalised word of the headline, which title case or a lone surname leaves the
    tagger unable to read as a name ("Quist hints", tagged an adjective)."""
    return context.in_headline(token) and token.is_alpha and token.text[:1].isupper()


def quote_with_label(context: ResolutionContext, quote: RawQuote) -> bool:
    if quote.source is None:
        return False
    first, last = quote.source
    return is_label(context, first, last, context.doc[last])


def label_source(context: ResolutionContext, first: int, last: int, head: Token) -> Speaker | None:
    """The speaker of a headline label noun, or None when the mention is not one."""
    if not is_label(context, first, last, head):
        return None
    doc = context.doc
    assert context.headline is not None
    closing = doc[context.headline[1]]
    line_end = closing.idx + len(closing.text)
    reach = line_end + _REACH_CHARS
    nearby = context.index.organisations_between(line_end, reach)
    found = _first_called(context, head, nearby, line_end, reach)
    if found is None:
        found = _first_of_kind(context, head.lower_, nearby)
    return context.speaker(found, "body") if found is not None else NOBODY


def _first_called(
    context: ResolutionContext, head: Token, nearby: dict[int, list[int]], start: int, end: int
) -> int | None:
    """The body named first after the headline that the noun calls it by: an organisation
    whose name holds it or that the lexicon lists it for ("the alliance": NATO), or a body
    named with it ("The RMT union")."""
    index, lexicon = context.index, context.lexicon
    noun = bodies.noun_lemma(head)
    firsts: list[tuple[int, int | bodies.NamedBody]] = []
    for number, starts in nearby.items():
        if bodies.name_holds(index, noun, number) or bodies.listed_noun_of(
            index, lexicon, noun, number
        ):
            firsts.append((starts[0], number))
    firsts.extend(
        (body.start, body)
        for body in context.named_bodies()
        if body.noun == noun and start <= body.start < end
    )
    if not firsts:
        return None
    _, found = min(firsts, key=lambda pair: pair[0])
    if isinstance(found, int):
        return found
    doc = context.doc
    return bodies.add_body(index, found.name, found.aliases, doc, found.first, found.last)


def _first_of_kind(
    context: ResolutionContext, noun: str, nearby: dict[int, list[int]]
) -> int | None:
    """The organisation of the noun's kind named first, else the first of no known kind
    ("The Daily Courier" is a paper, though no word of its name says so); not a name that
    only says where an unnamed one is ("a Duluth newspaper")."""
    index, lexicon, doc = context.index, context.lexicon, context.doc
    wanted = lexicon.organisation_kinds.get(noun)
    if wanted is None:
        return None
    unknown: int | None = None
    for number in sorted(nearby, key=lambda n: nearby[n][0]):
        entity = index.entities[number]
        words = {w.casefold() for form in entity.forms for w in form.split()}
        if words <= lexicon.organisation_kinds.keys() | lexicon.body_nouns.keys():
            continue  # "Newspaper" itself, as a headline capitalises it
        placing = [
            m.last + 1 < len(doc) and doc[m.last + 1].lemma_.lower() == noun
            for m in entity.mentions
            if m.start in nearby[number]
        ]
        if placing and all(placing):
            continue
        kind = bodies.organisation_kind(entity, lexicon)
        if kind == wanted:
            return number
        if kind is None and unknown is None:
            unknown = number
    return unknown
