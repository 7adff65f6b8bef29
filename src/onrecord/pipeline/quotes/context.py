"""What the extraction steps share: the quote record they build, the quoted passages,
token-level indexes over one parsed article, the state extraction builds up, and small
helpers on the parse."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as Sentence

from onrecord.lexicon import Lexicon
from onrecord.pipeline.cues import CueMatch, find_cues
from onrecord.pipeline.nlp import FULL_STOPS, token_starts
from onrecord.pipeline.quotes.attitudes import held_attitudes
from onrecord.pipeline.quotes.clauses import ClauseIndex
from onrecord.pipeline.quotes.ranges import TokRange
from onrecord.pipeline.quotes.reported import Frame, frame_for
from onrecord.pipeline.quotes.source_phrases import end_before_source_phrases
from onrecord.record import QuoteType, Span
from onrecord.text.interview_turns import question_paragraphs, within
from onrecord.text.marks import QuotedSpan

SENTENCE_END = FULL_STOPS
DASHES = frozenset({"―", "—", "–", "-", "--"})
VERBAL_CLASSES = frozenset({"speech", "cognition", "evidence", "phrase"})
OBJECTS = frozenset({"dobj", "dative", "iobj", "oprd", "attr"})


@dataclass(slots=True)
class RawQuote:
    type: QuoteType
    content: list[Span]
    source: TokRange | None = None
    source_head: int | None = None
    cue: CueMatch | None = None
    cue_span: Span | None = None
    frame: Frame | None = None
    continues: RawQuote | None = None  # the quote whose speaker this one shares
    confidence: float = 0.5
    quoted: list[Span] = field(default_factory=list)  # the quoted passages it contains
    governing: CueMatch | None = None  # "criticized X, saying ...": the verb that frames the cue

    @property
    def start(self) -> int:
        return self.content[0][0]


@dataclass(frozen=True, slots=True)
class Passage:
    """One quoted passage: its place among the article's quoted spans, its first and last
    token, and its characters."""

    index: int
    first: int
    last: int
    span: Span


class SpanGrid:
    """Character spans kept in buckets of BUCKET characters, so that asking whether a span
    overlaps (or lies inside) one of them looks at the spans near it, not at all of them."""

    BUCKET = 512

    def __init__(self, spans: Sequence[Span] = ()) -> None:
        self.buckets: dict[int, list[Span]] = {}
        for span in spans:
            self.add(span)

    def _cells(self, start: int, end: int) -> range:
        return range(start // self.BUCKET, max(start, end - 1) // self.BUCKET + 1)

    def add(self, span: Span) -> None:
        for cell in self._cells(*span):
            self.buckets.setdefault(cell, []).append(span)

    def near(self, span: Span) -> list[Span]:
        """The spans sharing a bucket with this one: all that overlap it or hold it."""
        return [other for cell in self._cells(*span) for other in self.buckets.get(cell, ())]

    def overlaps(self, span: Span) -> bool:
        return any(span[0] < other[1] and other[0] < span[1] for other in self.near(span))

    def only_inside(self, span: Span) -> bool:
        """Whether every span this one overlaps lies inside it."""
        return all(
            span[0] <= other[0] and other[1] <= span[1]
            for other in self.near(span)
            if span[0] < other[1] and other[0] < span[1]
        )

    def holds(self, span: Span) -> bool:
        """Whether one of the spans holds this one (start and end inside it)."""
        cell = self.buckets.get(span[0] // self.BUCKET, ())
        return any(other[0] <= span[0] and span[1] <= other[1] for other in cell)


class Context:
    """Token-level indexes over one parsed article."""

    def __init__(self, doc: Doc, quoted: Sequence[QuotedSpan], lexicon: Lexicon) -> None:
        self.doc = doc
        self.text = doc.text
        self.lexicon = lexicon
        self.quoted = list(quoted)
        self.starts = token_starts(doc)
        # Doc.ents walks every token on each call: read once, looked up by bisection
        self.ents = list(doc.ents)
        self.ent_starts = [ent.start for ent in self.ents]
        self.quote_of: list[int] = [-1] * len(doc)
        self.quote_tokens: list[TokRange] = []
        for index, quote in enumerate(self.quoted):
            # the tokens the quote overlaps: a mark glued inside a token ('0"0"0' is one
            # token) starts the quote in the middle of its first token
            first = max(0, bisect.bisect_right(self.starts, quote.start) - 1)
            last = max(first, bisect.bisect_left(self.starts, quote.end) - 1)
            self.quote_tokens.append((first, last))
            for i in range(first, min(last + 1, len(doc))):
                self.quote_of[i] = index
        cues = find_cues(doc, lexicon, [q >= 0 for q in self.quote_of])
        framed = [(cue, frame_for(doc, cue, lexicon)) for cue in cues]
        # 'What do you think of X saying "..."?': the article asking its reader reports
        # nothing
        readers = [_reader_asked(doc, f, self.quote_of) for _, f in framed]
        if any(at is not None for at in readers):
            questions = question_paragraphs(self.text)
            framed = [
                (c, f)
                for (c, f), at in zip(framed, readers, strict=True)
                if at is None or within(questions, at)  # "Q: You said ...": not the reader
            ]
        framed = held_attitudes(doc, framed, lexicon)
        self.cues = [cue for cue, _ in framed]
        frames = [frame for _, frame in framed]
        self.frames = end_before_source_phrases(doc, frames, lexicon)
        self.frame_at: dict[int, int] = {}  # every token of a cue -> frame index
        for index, cue in enumerate(self.cues):
            for i in range(cue.first, cue.last + 1):
                self.frame_at.setdefault(i, index)

    def passages(self) -> list[Passage]:
        return [
            Passage(index, *self.quote_tokens[index], quoted.span)
            for index, quoted in enumerate(self.quoted)
        ]

    def char_span(self, first: int, last: int) -> Span:
        return (self.doc[first].idx, self.doc[last].idx + len(self.doc[last].text))

    def token_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def ents_within(self, first: int, last: int) -> list[Sentence]:
        """The named entities lying wholly within tokens first..last, in text order."""
        low = bisect.bisect_left(self.ent_starts, first)
        high = bisect.bisect_right(self.ent_starts, last)
        return [ent for ent in self.ents[low:high] if ent.end - 1 <= last]

    def words(self, first: int, last: int) -> list[Token]:
        """The words of a token range that lie outside quotation marks."""
        return [
            t
            for t in self.doc[first : last + 1]
            if not (t.is_punct or t.is_space) and self.quote_of[t.i] < 0
        ]


def _reader_asked(doc: Doc, frame: Frame, quote_of: list[int]) -> int | None:
    """Where a frame's subject is 'you' outside any quotation (the reader, not a speaker),
    that 'you''s character offset; else None."""
    head = frame.source_head
    if head is None or doc[head].lower_ != "you" or quote_of[head] >= 0:
        return None
    return doc[head].idx


class ExtractionState:
    """The article's indexes and what extraction has built so far: quotes, the frames they
    used, and the last direct or mixed quote (which a following passage may continue).
    Every attachment rule reads and changes it; none keeps state of its own."""

    def __init__(self, doc: Doc, quoted: Sequence[QuotedSpan], lexicon: Lexicon) -> None:
        self.ctx = Context(doc, quoted, lexicon)
        self.clauses = ClauseIndex(doc, lexicon, self.ctx.frames)
        self.quotes: list[RawQuote] = []
        self.used_frames: set[int] = set()
        self.last_direct: RawQuote | None = None


def is_break(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def root_subject(sent: Sentence) -> Token | None:
    return next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def subtree(doc: Doc, i: int) -> TokRange:
    token = doc[i]
    return (token.left_edge.i, token.right_edge.i)
