"""Who speaks: the source mention of a reporting frame, of a lead-in, or after a dash."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.pipeline.nlp import sentence_of
from onrecord.pipeline.quotes.context import (
    DASHES,
    OBJECTS,
    VERBAL_CLASSES,
    Context,
    is_break,
    root_subject,
    subtree,
)
from onrecord.pipeline.quotes.ranges import TokRange, title_cased, trim
from onrecord.pipeline.quotes.reported import Frame, agent_like, names_who_can_speak
from onrecord.record import Span

_NOT_A_SPEAKER = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_PERSONAL_PRONOUNS = frozenset({"i", "we", "he", "she", "they"})
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_LEADING_JUNK = frozenset(
    {"but", "and", "though", "although", "when", "as", "while", "because", "if", "so"}
)
_COUNTING_DETERMINERS = frozenset({"all", "the", "these", "those"})  # "all three said"


def can_be_named_source(ctx: Context, i: int) -> bool:
    """Token i can be the name of who speaks (not a date, a number or a word of a title)."""
    token = ctx.doc[i]
    return (
        token.ent_type_ not in _NOT_A_SPEAKER
        and agent_like(token)
        and ctx.quote_of[i] < 0  # not a word of a quoted title ('on “Fox and Friends”')
    )


def trim_source(doc: Doc, first: int, last: int) -> TokRange:
    """A source range without edge punctuation or a leading conjunction ('but X')."""
    first, last = trim(doc, first, last, connectives=frozenset())
    while first < last and (
        doc[first].dep_ in ("cc", "mark") or doc[first].lower_ in _LEADING_JUNK
    ):
        first += 1
    return first, last


def plausible_source(ctx: Context, tokens: TokRange) -> bool:
    """A source range outside quotation marks that names someone or something; a quoted
    title inside it is no quote ('X, host of Channel 9's "Morning Hour,"')."""
    words = ctx.doc[tokens[0] : tokens[1] + 1]
    quoted = [t for t in words if ctx.quote_of[t.i] >= 0]
    titles_only = ctx.quote_of[tokens[0]] < 0 and title_cased(quoted)
    return (not quoted or titles_only) and (
        any(
            t.pos_ in ("PROPN", "NOUN", "PRON") or t.lower_ in ctx.lexicon.document_nouns
            for t in words  # 'the editorial', which the small model may tag as an adjective
        )
        or _counted_people(list(words))
    )


def _counted_people(words: list[Token]) -> bool:
    """ "All three", "the two": people the text named before, counted."""
    return len(words) == 2 and words[0].lower_ in _COUNTING_DETERMINERS and words[1].like_num


def off_quote_edges(ctx: Context, tokens: TokRange, quoted: Span | None = None) -> TokRange:
    """A source range without the quotation mark the parse hung on its edge
    ('," Jane Doe, a writer, said'), nor the quote it is the source of."""

    def off(i: int) -> bool:
        quote = ctx.quote_of[i]
        return quote >= 0 and (ctx.doc[i].is_punct or ctx.quoted[quote].span == quoted)

    first, last = tokens
    while first < last and off(first):
        first += 1
    while last > first and off(last):
        last -= 1
    return trim_source(ctx.doc, first, last) if (first, last) != tokens else tokens


def _inside_quote(ctx: Context, tokens: TokRange) -> bool:
    return any(ctx.quote_of[i] >= 0 for i in range(tokens[0], tokens[1] + 1))


def inverted_subject(ctx: Context, frame: Frame) -> TokRange | None:
    """'"...," said Jane Doe, an analyst': the subject after the cue."""
    doc = ctx.doc
    head = doc[frame.cue.head]
    for child in head.rights:
        if child.dep_ in ("nsubj", "nsubjpass") and not _inside_quote(ctx, subtree(doc, child.i)):
            return trim_source(doc, *subtree(doc, child.i))
    if head.tag_ == "VBG":
        return None  # 'comparing him to ...': a participle's next word is its object
    i = frame.cue.last + 1
    while i < len(doc) and doc[i].is_space and not is_break(doc[i]):
        i += 1
    if i < len(doc) and doc[i].head.i == head.i and doc[i].dep_ in OBJECTS:
        return None  # 'scolded him:'
    if i < len(doc) and doc[i].tag_ in ("WDT", "WP", "WRB"):
        return None  # 'Asked which town ...': what was asked, not who
    if i < len(doc) and ctx.quote_of[i] < 0 and doc[i].pos_ in ("PROPN", "NOUN", "PRON", "DET"):
        node = doc[i]
        while (
            node.head.i != node.i
            and node.head.i > frame.cue.last
            and node.head.pos_ in ("PROPN", "NOUN")
        ):
            node = node.head
        first, last = subtree(doc, node.i)
        for j in range(i, last + 1):
            if ctx.quote_of[j] >= 0 or doc[j].text in (":", ";") or is_break(doc[j]):
                last = j - 1
                break
        if first > frame.cue.last and first <= last:
            return trim_source(doc, first, last)
    return None


def participle_source(ctx: Context, frame: Frame) -> TokRange | None:
    """The subject a participle cue shares with its clause when the parse lost it:
    'X said, suggesting ...' (X) and 'Claiming ..., X told' or 'After saying ..., X was'."""
    doc = ctx.doc
    head = doc[frame.cue.head]
    if head.tag_ != "VBG":
        return None
    sent = sentence_of(doc, head.i)
    i = frame.cue.first - 1
    while i >= sent.start and doc[i].is_space:
        i -= 1
    after_comma = i >= sent.start and doc[i].text == ","
    if after_comma:
        for j in range(i - 1, sent.start - 1, -1):
            index = ctx.frame_at.get(j)
            if index is None or ctx.cues[index].cls not in VERBAL_CLASSES:
                continue
            source = ctx.frames[index].source
            return source if source is not None and not _inside_quote(ctx, source) else None
    lead = [t for t in doc[sent.start : frame.cue.first] if not (t.is_space or t.is_punct)]
    after_root = sent.root.i < head.i and sent.root.pos_ in ("VERB", "AUX")
    before_main = all(t.pos_ in ("ADP", "SCONJ", "ADV") for t in lead)
    if (after_root and after_comma) or before_main:
        subject = root_subject(sent)
        if subject is not None and (subject.i > head.i or after_root):
            source = trim_source(doc, *subtree(doc, subject.i))
            return None if _inside_quote(ctx, source) else source
    return None


def lead_in_speaker(ctx: Context, first: int, last: int) -> TokRange | None:
    """Who speaks after a lead-in with no cue: its subject when that can speak ('X went
    even further:'), else the last person or body it names ('The timing does not
    surprise pollster Jane Doe:', 'Here is Doe in December 1992:')."""
    doc = ctx.doc
    outside = [t for t in doc[first : last + 1] if ctx.quote_of[t.i] < 0 and not t.is_space]
    if not outside:
        return None
    span = (outside[0].i, outside[-1].i)
    subjects = [
        t for t in outside if t.dep_ in ("nsubj", "nsubjpass") and span[0] <= t.head.i <= span[1]
    ]
    # the main clause's subject, not that of a clause before it ('When X died, Y said:')
    subject = next((t for t in subjects if t.head.dep_ == "ROOT"), None) or next(
        iter(subjects), None
    )
    if subject is not None and _names_a_speaker(ctx, subject):
        return _clip_source(doc, subject, span)
    named = [ent for ent in ctx.ents_within(*span) if ent.label_ in _SPEAKER_LABELS]
    if named:
        return trim_source(doc, named[-1].start, named[-1].end - 1)
    if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
        return _clip_source(doc, subject, span)
    return None


def _names_a_speaker(ctx: Context, subject: Token) -> bool:
    """The subject's own head can speak: 'Her aide went further', not 'The timing of X's
    surge does not surprise Y' (a name inside a phrase about a thing)."""
    if subject.lower_ == "you":
        return False  # the reader
    return names_who_can_speak(subject, ctx.lexicon) or any(
        agent_like(c) for c in subject.children if c.dep_ in ("compound", "appos")
    )


def _clip_source(doc: Doc, head: Token, span: TokRange) -> TokRange:
    first, last = subtree(doc, head.i)
    return trim_source(doc, max(first, span[0]), min(last, span[1]))


def dash_name(doc: Doc, last: int) -> TokRange | None:
    """'"..." ― Jane Doe': a name after a dash that ends the paragraph."""
    i = last + 1
    while i < len(doc) and doc[i].is_space and not is_break(doc[i]):
        i += 1
    if i >= len(doc) or doc[i].text not in DASHES:
        return None
    j = i + 1
    while j < len(doc) and doc[j].is_space and not is_break(doc[j]):
        j += 1
    start = j
    while j < len(doc) and doc[j].pos_ == "PROPN" and j - start < 5:
        j += 1
    if j == start:
        return None
    return start, j - 1


def inverted_lead(doc: Doc, frame: Frame, lead: list[Token], first: int) -> TokRange | None:
    """Lead words that are the speaker's name before a colon ('Said Ellis: "..."'), not
    the one spoken to ('X scolded him: "..."')."""
    if frame.source is not None and frame.source[1] < frame.cue.first:
        return None
    if any(t.head.i == frame.cue.head and t.dep_ in OBJECTS for t in lead):
        return None
    before = first - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if not lead or before < 0 or doc[before].text != ":" or len(lead) > 8:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in lead):
        return None
    return trim_source(doc, lead[0].i, lead[-1].i)
