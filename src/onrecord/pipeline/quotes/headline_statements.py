"""Statements a headline makes in a headline's own shapes, which the parse of a title-case
line often misses: "<Label>: <claim>" (a name, a body or a label noun before a colon: "Mara
Quist: Budget will pass", "Poll: Quist leads") and "<Name> Says <claim>" in title case
("Mara Quist Says Budget Will Pass", "Quist May Not Have Said It").

The headline is the text's first line when a line break follows it and it is short.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.lexicon import Lexicon
from onrecord.pipeline.nlp import sentence_of
from onrecord.pipeline.quotes.context import ExtractionState, RawQuote, is_break
from onrecord.pipeline.quotes.ranges import TokRange, trim
from onrecord.record import QuoteType, Span

MAX_HEADLINE_WORDS = 25
_MAX_LABEL_WORDS = 5
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_WHEN = frozenset({"DATE", "TIME"})
_TITLE_CASE_SHARE = 0.75


def headline_line(doc: Doc) -> TokRange | None:
    """The tokens of the text's first line, if a line break and more text follow it and it
    is short enough to be a headline."""
    first = 0
    while first < len(doc) and doc[first].is_space:
        first += 1
    end = first
    while end < len(doc) and not is_break(doc[end]):
        end += 1
    if end >= len(doc) or first >= end:
        return None
    words = [t for t in doc[first:end] if not (t.is_punct or t.is_space)]
    if not words or len(words) > MAX_HEADLINE_WORDS:
        return None
    return first, end - 1


def is_title_case(doc: Doc, line: TokRange) -> bool:
    """Most of the line's longer words are capitalised ("Quist Says Budget Will Pass")."""
    words = [t for t in doc[line[0] : line[1] + 1] if t.is_alpha and len(t) > 3]
    upper = sum(t.text[:1].isupper() for t in words)
    return len(words) >= 2 and upper >= _TITLE_CASE_SHARE * len(words)


def in_title_case(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is in a sentence set in title case (a headline)."""
    sentence = sentence_of(doc, i)
    return is_title_case(doc, (sentence.start, sentence.end - 1))


def speech_verb_form(token: Token, lexicon: Lexicon, *, capitalised: bool = True) -> bool:
    """An inflected verb of saying, capitalised unless told: "Says", "Warns", "Suggested",
    "Promises"."""
    word = token.lower_
    if not token.is_alpha or (capitalised and not token.text[:1].isupper()):
        return False
    stems: list[str] = []
    if word.endswith("ies") or word.endswith("ied"):
        stems.append(word[:-3] + "y")
    if word.endswith("s"):
        stems += [word[:-1], word[:-2]]
    if word.endswith("ed"):
        stems += [word[:-2], word[:-1]]
    return any(len(stem) > 2 and _verb_of_saying(lexicon, stem) for stem in stems)


def words_named_after(doc: Doc, start: int, end: int) -> bool:
    """Whether the text after the headline names someone with the words of tokens
    ``start``..``end - 1`` ("United States" where "States" might be read as a verb)."""
    words = doc[start:end].text
    line_end = doc[end - 1].idx + len(doc[end - 1].text)
    return words in doc.text[line_end:]


def _said_in(doc: Doc, start: int, token: Token, lexicon: Lexicon) -> bool:
    """A verb of saying among the words of a name from ``start``, unless the text after the
    headline names someone with the words up to it ("United States") or a verb follows it
    ("Plant Rules Face Test")."""
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if following is not None and following.tag_ in ("VBP", "VBZ", "VBD"):
        return False  # "Power Plant Rules Face Key Test": a noun, the verb after it
    return speech_verb_form(token, lexicon) and not words_named_after(doc, start, token.i + 1)


def _verb_of_saying(lexicon: Lexicon, lemma: str) -> bool:
    """A verb of saying on its own ("say", "warn"), not the first word of a phrase that is
    one ("turn down")."""
    return any(p.cls == "speech" and len(p.lemmas) == 1 for p in lexicon.cue_patterns(lemma))


def add_headline_statements(state: ExtractionState) -> None:
    """The headline's statement, when it has one of the shapes above and no quote found so
    far with its own speaker holds most of it."""
    ctx = state.ctx
    doc = ctx.doc
    line = headline_line(doc)
    if line is None:
        return
    found = (
        _labelled(state, line)
        or _acting(state, line)
        or _said(state, line)
        or _said_after(state, line)
    )
    if found is None:
        return
    source, content, frame_index = found
    span = ctx.char_span(*content)
    overlapping = [
        q for q in state.quotes if any(s < span[1] and span[0] < e for s, e in q.content)
    ]
    size = span[1] - span[0]
    found_whole = [q for q in overlapping if q.source is not None and _chars(q) * 2 >= size]
    if found_whole:  # "Jane Doe: 'A whole quote'": the colon lead-in already found it
        for quote in found_whole:
            assert quote.source is not None
            if quote.source[1] < source[0] or quote.source[0] > source[1]:
                # "Jane Doe mocks Roe backers: '...'": the name opening the line speaks
                quote.source, quote.source_head = source, source[1]
        return
    dropped = {id(q) for q in overlapping}
    state.quotes = [q for q in state.quotes if id(q) not in dropped]
    if id(state.last_direct) in dropped:
        state.last_direct = None
    quote = RawQuote(_kind(state, span), [span], confidence=0.6)
    quote.source, quote.source_head = source, source[1]
    quote.quoted = [p for p in (q.span for q in ctx.quoted) if span[0] <= p[0] < span[1]]
    if frame_index is not None:
        frame = ctx.frames[frame_index]
        state.used_frames.add(frame_index)
        quote.frame, quote.cue = frame, frame.cue
        quote.cue_span = ctx.char_span(frame.cue.first, frame.cue.last)
    state.quotes.append(quote)


def _chars(quote: RawQuote) -> int:
    return sum(e - s for s, e in quote.content)


def _kind(state: ExtractionState, span: Span) -> QuoteType:
    inside = [q.span for q in state.ctx.quoted if span[0] <= q.span[0] < span[1]]
    # a quotation that runs on past the headline is not the headline's own words
    if len(inside) == 1 and inside[0][0] <= span[0] and span[1] - 1 <= inside[0][1] <= span[1]:
        return "direct"
    return "mixed" if inside else "indirect"


def _labelled(state: ExtractionState, line: TokRange) -> tuple[TokRange, TokRange, None] | None:
    """ "<Label>: <claim>": the label's leading name (or label noun) and the claim."""
    doc = state.ctx.doc
    lead = _name_before_colon(state, line)
    if lead is None:
        return None
    colon, run = lead
    rest = [t for t in doc[run[1] + 1 : colon] if not t.is_space]
    # "Quist to voters:", "Quist at the rally:": a place or an audience after the name
    if rest and not (rest[0].tag_ == "IN" and rest[0].text[:1].islower()):
        return None
    return _speaker_and_claim(state, run, colon, line)


def _acting(state: ExtractionState, line: TokRange) -> tuple[TokRange, TokRange, None] | None:
    """ "<Name> <verb> [whom]: <claim>" ("Mara Quist mocks Harlow backers: 'Go home'"):
    the name that opens the line, a verb right after it, a colon a few words on."""
    doc = state.ctx.doc
    lead = _name_before_colon(state, line)
    if lead is None:
        return None
    colon, run = lead
    if run[1] + 1 >= colon or colon - run[1] > _MAX_LABEL_WORDS + 2:
        return None
    verb = doc[run[1] + 1]
    if not (verb.is_alpha and verb.text.islower() and verb.lower_.endswith(("s", "ed"))):
        return None
    if verb.pos_ not in ("VERB", "NOUN") or verb.lower_ in state.ctx.lexicon.function_words:
        return None
    return _speaker_and_claim(state, run, colon, line)


def _name_before_colon(state: ExtractionState, line: TokRange) -> tuple[int, TokRange] | None:
    """The line's first colon outside quotation marks, and the name run that opens the line
    before it."""
    ctx = state.ctx
    doc = ctx.doc
    colon = next(
        (i for i in range(line[0] + 1, line[1]) if doc[i].text == ":" and ctx.quote_of[i] < 0),
        None,
    )
    if colon is None:
        return None
    run = _name_run(doc, line[0], colon - 1)
    return (colon, run) if run is not None else None


def _speaker_and_claim(
    state: ExtractionState, run: TokRange, colon: int, line: TokRange
) -> tuple[TokRange, TokRange, None] | None:
    """The name run as the speaker and the words after the colon as the claim, if the run
    can speak and the claim has a few words."""
    doc = state.ctx.doc
    if not _speaks(doc, run, state.ctx.lexicon, named_later=_named_in_body(state, run)):
        return None
    claim = trim(doc, colon + 1, line[1], connectives=frozenset())
    if _word_count(doc, claim) < 2:
        return None
    return run, claim, None


def _said(state: ExtractionState, line: TokRange) -> tuple[TokRange, TokRange, int | None] | None:
    """ "<Name> Says <claim>" in title case, auxiliaries allowed between ("May Not Have")."""
    ctx = state.ctx
    doc, lexicon = ctx.doc, ctx.lexicon
    if not is_title_case(doc, line):
        return None
    verb = next(
        (
            i
            for i in range(line[0] + 1, min(line[1], line[0] + _MAX_LABEL_WORDS + 3))
            if _said_in(doc, line[0], doc[i], lexicon)
        ),
        None,
    )
    if verb is None:
        return None
    last = verb - 1
    while last > line[0] and lexicon.headline_words.get(doc[last].lower_) == "auxiliary":
        last -= 1
    run = _name_run(doc, line[0], last)
    if run is None or run[1] != last or not _speaks(doc, run, lexicon, named_later=False):
        return None
    end = line[1]
    for i in range(verb + 1, line[1]):
        if doc[i].text == ";" or (doc[i].text == "," and doc[i + 1].pos_ == "CCONJ"):
            end = i - 1  # "..., But He Did": a second statement
            break
    claim = trim(doc, verb + 1, end, connectives=frozenset())
    if doc[claim[0]].pos_ == "ADP":
        return None  # "Responded To ...": what was answered, not what was said
    if _word_count(doc, claim) < 2:
        return None
    return run, claim, ctx.frame_at.get(verb)


def _said_after(
    state: ExtractionState, line: TokRange
) -> tuple[TokRange, TokRange, int | None] | None:
    """ "<claim>, <Name> says" closing the headline ("Budget will pass, Quist says")."""
    ctx = state.ctx
    doc, lexicon = ctx.doc, ctx.lexicon
    verb = line[1]
    while verb > line[0] and (doc[verb].is_punct or doc[verb].is_space):
        verb -= 1
    if not speech_verb_form(doc[verb], lexicon, capitalised=False):
        return None
    comma = next(
        (i for i in range(verb - 1, max(line[0], verb - _MAX_LABEL_WORDS - 2), -1)
         if doc[i].text == ","),
        None,
    )  # fmt: skip
    if comma is None or comma + 1 > verb - 1:
        return None
    run = _name_run(doc, comma + 1, verb - 1)
    if run != (comma + 1, verb - 1) or not _speaks(doc, run, lexicon, named_later=False):
        return None
    claim = trim(doc, line[0], comma - 1, connectives=frozenset())
    if claim[0] > claim[1] or _word_count(doc, claim) < 2:
        return None
    return run, claim, ctx.frame_at.get(verb)


def _name_run(doc: Doc, first: int, last: int) -> TokRange | None:
    """The capitalised words that open tokens first..last, at most a few of them."""
    end = first - 1
    for i in range(first, last + 1):
        token = doc[i]
        if token.is_alpha and not token.text[:1].isupper():
            break
        if not (token.is_alpha or token.text in (".", "-", "'s", "’s", "&")):
            break
        end = i
    if end < first or not doc[end].is_alpha:
        return None
    words = [t for t in doc[first : end + 1] if t.is_alpha]
    return (first, end) if len(words) <= _MAX_LABEL_WORDS else None


def _speaks(doc: Doc, run: TokRange, lexicon: Lexicon, *, named_later: bool) -> bool:
    """Whether words can name who made a statement: a name (or a word the article names
    someone by further on), or a label noun ("Poll"); not a kicker ("Watch"), a function
    word or an auxiliary."""
    tokens = list(doc[run[0] : run[1] + 1])
    kinds = [lexicon.headline_words.get(t.lower_) for t in tokens]
    if kinds == ["kicker"] or "auxiliary" in kinds:
        return False  # "Watch: ...", but "Tarrow Watch: ..." is a name
    if any(t.lower_ in lexicon.function_words or _said_in(doc, run[0], t, lexicon) for t in tokens):
        return False
    if any(t.ent_type_ in _WHEN for t in tokens):
        return False  # "Monday's Morning Email:": a column's name, not who speaks
    if kinds[-1] == "label" or named_later:
        return True
    return any(t.pos_ == "PROPN" or t.ent_type_ in _NAMED for t in tokens)


def _named_in_body(state: ExtractionState, run: TokRange) -> bool:
    """A capitalised word the tagger did not read as a name in the headline ("Quist:"),
    which the article names someone by further on."""
    ctx = state.ctx
    last = ctx.doc[run[1]]
    return any(
        ent.start > run[1] and ent.label_ in _NAMED and ent[-1].text == last.text
        for ent in ctx.ents
    )


def _word_count(doc: Doc, tokens: TokRange) -> int:
    return sum(1 for t in doc[tokens[0] : tokens[1] + 1] if not (t.is_punct or t.is_space))
