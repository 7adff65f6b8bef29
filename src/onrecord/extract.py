"""Extraction: quoted passages and reporting frames become quotes with cue and source.

Input is the parsed Doc (of the blanked text, same offsets as the original) and
the quoted spans found by :mod:`onrecord.marks`; output is a list of
:class:`RawQuote` whose speakers are resolved later.

A quoted passage is attached, in this order of preference, to
- the cue right after it (``"...," the minister said`` / ``"...," said X``);
- the cue right before it (``X said: "..."``, ``X told reporters "..."``), or a
  reporting clause it completes (``X said the plan was "dead"``: a mixed quote);
- a reporting frame whose content contains it;
- a lead-in sentence ending with a colon, or a dash and a name after it;
- the direct quote it continues (``"A," she said. "B."`` is one quote);
and otherwise is a partial quote of the current speaker, or a scare quote (dropped).
Reporting frames left over become indirect quotes.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as Sentence

from onrecord.cues import CueMatch, find_cues
from onrecord.lexicon import Lexicon
from onrecord.marks import QuotedSpan
from onrecord.nlp import sentence_of
from onrecord.reported import Frame, TokRange, agent_like, frame_for, trim

Span = tuple[int, int]

_WINDOW = 16  # tokens searched for a cue next to a quote
_NOT_A_SPEAKER = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_LONG_SUBJECT = 60  # tokens a named subject with its apposition may run before its cue
_SENTENCE_END = frozenset({".", "!", "?"})
_DASHES = frozenset({"―", "—", "–", "-", "--"})
_SCARE_MAX_WORDS = 2
_VERBAL_CLASSES = frozenset({"speech", "cognition", "evidence", "phrase"})
_OBJECTS = frozenset({"dobj", "dative", "iobj", "oprd", "attr"})
_PERSONAL_PRONOUNS = frozenset({"i", "we", "he", "she", "they"})
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_FRAME_DEPS = frozenset({"prep", "dative", "npadvmod", "advmod", "agent", "dobj", "advcl", "neg"})
_MAX_CONTINUATION_GAP = 400
_LEADING_JUNK = frozenset(
    {"but", "and", "though", "although", "when", "as", "while", "because", "if", "so"}
)


@dataclass(slots=True)
class RawQuote:
    type: str  # direct | mixed | partial | indirect
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


class _Context:
    """Token-level indexes over one parsed article."""

    def __init__(self, doc: Doc, quoted: Sequence[QuotedSpan], lexicon: Lexicon) -> None:
        self.doc = doc
        self.text = doc.text
        self.lexicon = lexicon
        self.quoted = list(quoted)
        self.starts = [token.idx for token in doc]
        self.quote_of: list[int] = [-1] * len(doc)
        self.quote_tokens: list[TokRange] = []
        for index, quote in enumerate(self.quoted):
            first = bisect.bisect_left(self.starts, quote.start)
            last = max(first, bisect.bisect_left(self.starts, quote.end) - 1)
            self.quote_tokens.append((first, last))
            for i in range(first, min(last + 1, len(doc))):
                self.quote_of[i] = index
        self.cues = find_cues(doc, lexicon, [q >= 0 for q in self.quote_of])
        self.frames = [frame_for(doc, cue, lexicon) for cue in self.cues]
        self.frame_at: dict[int, int] = {}  # every token of a cue -> frame index
        for index, cue in enumerate(self.cues):
            for i in range(cue.first, cue.last + 1):
                self.frame_at.setdefault(i, index)

    def char_span(self, first: int, last: int) -> Span:
        return (self.doc[first].idx, self.doc[last].idx + len(self.doc[last].text))

    def token_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def words(self, first: int, last: int) -> list[Token]:
        """The words of a token range that lie outside quotation marks."""
        return [
            t
            for t in self.doc[first : last + 1]
            if not (t.is_punct or t.is_space) and self.quote_of[t.i] < 0
        ]


def _is_break(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def _frame_tokens(frame: Frame) -> set[int]:
    """Tokens that belong to a frame's own words: cue, source, addressee, adjuncts."""
    tokens = set(range(frame.cue.first, frame.cue.last + 1))
    for part in (frame.source, frame.addressee):
        if part is not None:
            tokens.update(range(part[0], part[1] + 1))
    return tokens


def _adjunct_tokens(doc: Doc, frame: Frame) -> set[int]:
    """Prepositional phrases and adverbs hanging off the cue ('in an interview', 'on Tuesday')."""
    tokens: set[int] = set()
    head = doc[frame.cue.head]
    for child in head.children:
        if child.dep_ in _FRAME_DEPS and not (child.dep_ == "dobj" and frame.content_kind == "np"):
            tokens.update(range(child.left_edge.i, child.right_edge.i + 1))
        if child.dep_ in ("aux", "auxpass", "neg", "punct", "mark") or child.lower_ == "that":
            tokens.add(child.i)
    return tokens


class _Extractor:
    def __init__(self, doc: Doc, quoted: Sequence[QuotedSpan], lexicon: Lexicon) -> None:
        self.ctx = _Context(doc, quoted, lexicon)
        self.doc = doc
        self.lexicon = lexicon
        self.quotes: list[RawQuote] = []
        self.used_frames: set[int] = set()
        self.last_direct: RawQuote | None = None

    # --- attaching one quoted passage ---------------------------------------------------

    def _cue_after(self, first: int, last: int) -> tuple[int, TokRange | None] | None:
        """A cue in the frame right after a quote, and the source when the parse missed it."""
        doc, ctx = self.doc, self.ctx
        inner = ctx.text[ctx.quoted[ctx.quote_of[first]].start : doc[last].idx].rstrip()
        inner = inner.rstrip("’'\"”").rstrip()  # a nested quote closing with it: '‘miracles,’”'
        ends_sentence = inner.endswith(".")
        punctuated = inner.endswith((",", ".", "!", "?", "…", "—", "–", "-", ";"))
        gap: list[Token] = []
        i = last + 1
        while i < len(doc) and len(gap) < _WINDOW:
            token = doc[i]
            if _is_break(token) or ctx.quote_of[i] >= 0 or token.text in _SENTENCE_END:
                return None
            if token.is_space:
                i += 1
                continue
            if not gap and not punctuated and token.text not in (",", "—", "–", "-", "--", "―"):
                return None  # the quote is part of a phrase ('the "unreasonable" activity')
            if ends_sentence and not gap and token.text[:1].isupper() and i not in ctx.frame_at:
                return None  # '"...." He said' starts a new sentence
            index = ctx.frame_at.get(i)
            if index is not None and ctx.cues[index].cls in _VERBAL_CLASSES:
                return self._check_gap(index, gap)
            if token.pos_ == "VERB" and not token.text[0].isupper():
                return self._cue_after_long_subject(last) if punctuated else None
            gap.append(token)
            i += 1
        return self._cue_after_long_subject(last) if punctuated else None

    def _cue_after_long_subject(self, last: int) -> tuple[int, TokRange | None] | None:
        """'"...," Trump, the front-runner who won the primary by a wide margin, said': the
        next cue in the sentence, when its subject (apposition and all) is what follows the
        quote."""
        doc, ctx = self.doc, self.ctx
        j = last + 1
        while j < len(doc) and (doc[j].is_space or doc[j].text == ","):
            j += 1
        if j >= len(doc) or not (doc[j].pos_ == "PROPN" or doc[j].ent_type_ == "PERSON"):
            return None
        end = min(sentence_of(doc, j).end, j + _LONG_SUBJECT)
        for i in range(j, end):
            if _is_break(doc[i]) or ctx.quote_of[i] >= 0:
                return None
            index = ctx.frame_at.get(i)
            if index is None or ctx.cues[index].cls not in _VERBAL_CLASSES:
                continue
            frame = ctx.frames[index]
            head = frame.source_head
            if head is not None and ctx.quote_of[head] < 0:
                return (index, None) if doc[head].left_edge.i == j else None
            # No subject outside the quote in the parse (it hung the name on the quote): a
            # name, then its apposition between commas, then the cue.
            name_end = j
            while name_end + 1 < i and doc[name_end + 1].pos_ == "PROPN":
                name_end += 1
            if doc[name_end + 1].text == "," and doc[i - 1].text == "," and name_end + 1 < i - 1:
                return index, (j, name_end)
            return None
        return None

    def _lead_cue_holds(self, first: int, last: int) -> bool:
        """A verbal cue earlier in the quote's sentence reports a clause that holds the quote."""
        doc, ctx = self.doc, self.ctx
        sent_first = sentence_of(doc, first).start
        for i in range(sent_first, first):
            index = ctx.frame_at.get(i)
            if index is None or index in self.used_frames:
                continue
            frame = ctx.frames[index]
            if frame.cue.cls not in _VERBAL_CLASSES or frame.content is None:
                continue
            if frame.content[0] <= first and last <= frame.content[1]:
                return True
        return False

    def _check_gap(self, index: int, gap: list[Token]) -> tuple[int, TokRange | None] | None:
        """Between a quote and its following cue only the cue's subject may stand."""
        frame = self.ctx.frames[index]
        words = [t for t in gap if not t.is_punct]
        if not words:
            return index, None
        opener = words[0]
        if opener.lower_ != "as" and (
            opener.pos_ in ("CCONJ", "SCONJ") or opener.dep_ in ("cc", "mark")
        ):
            return None  # '"...," but pledged', '"...," while others said': a new clause
        source = frame.source
        if source is not None and all(
            source[0] <= t.i <= source[1] or t.pos_ in ("ADV", "AUX", "PART") for t in words
        ):
            return index, None
        if frame.cue.cls == "phrase":
            return index, None  # 'according to X' names its source after itself
        inverted = frame.source_head if source is not None and source[0] > frame.cue.last else None
        if inverted is not None and self._can_be_named_source(inverted):
            return index, None  # '"...," like the recent slump, said X': the gap is an aside
        if any(t.pos_ == "VERB" and not t.text[0].isupper() for t in words):
            return None  # a capitalised "verb" is a mistagged name ('Tulsa police Chief')
        # The parse put the subject somewhere else (often inside the quote): take the gap.
        first, last = self._trim_source(gap[0].i, gap[-1].i)
        return (index, (first, last)) if first <= last else None

    def _can_be_named_source(self, i: int) -> bool:
        token = self.doc[i]
        return (
            token.ent_type_ not in _NOT_A_SPEAKER
            and agent_like(token)
            and self.ctx.quote_of[i] < 0  # not a word of a quoted title ('on “Fox and Friends”')
        )

    def _trim_source(self, first: int, last: int) -> TokRange:
        first, last = trim(self.doc, first, last, connectives=frozenset())
        while first < last and (
            self.doc[first].dep_ in ("cc", "mark") or self.doc[first].lower_ in _LEADING_JUNK
        ):
            first += 1
        return first, last

    def _plausible_source(self, tokens: TokRange) -> bool:
        return not self._inside_quote(tokens) and any(
            t.pos_ in ("PROPN", "NOUN", "PRON") for t in self.doc[tokens[0] : tokens[1] + 1]
        )

    def _off_quote_edges(self, tokens: TokRange, quoted: Span | None = None) -> TokRange:
        """A source range without the quotation mark the parse hung on its edge
        ('," Jane Doe, a writer, said'), nor the quote it is the source of."""
        ctx = self.ctx

        def off(i: int) -> bool:
            quote = ctx.quote_of[i]
            return quote >= 0 and (self.doc[i].is_punct or ctx.quoted[quote].span == quoted)

        first, last = tokens
        while first < last and off(first):
            first += 1
        while last > first and off(last):
            last -= 1
        return self._trim_source(first, last) if (first, last) != tokens else tokens

    def _inside_quote(self, tokens: TokRange) -> bool:
        return any(self.ctx.quote_of[i] >= 0 for i in range(tokens[0], tokens[1] + 1))

    def _inverted_subject(self, frame: Frame) -> TokRange | None:
        """'"...," said Jane Doe, an analyst': the subject after the cue."""
        doc, ctx = self.doc, self.ctx
        head = doc[frame.cue.head]
        for child in head.rights:
            if child.dep_ in ("nsubj", "nsubjpass") and not self._inside_quote(
                _subtree(doc, child.i)
            ):
                return self._trim_source(*_subtree(doc, child.i))
        if head.tag_ == "VBG":
            return None  # 'comparing him to ...': a participle's next word is its object
        i = frame.cue.last + 1
        while i < len(doc) and doc[i].is_space and not _is_break(doc[i]):
            i += 1
        if i < len(doc) and doc[i].head.i == head.i and doc[i].dep_ in _OBJECTS:
            return None  # 'scolded him:'
        if i < len(doc) and ctx.quote_of[i] < 0 and doc[i].pos_ in ("PROPN", "NOUN", "PRON", "DET"):
            node = doc[i]
            while (
                node.head.i != node.i
                and node.head.i > frame.cue.last
                and node.head.pos_ in ("PROPN", "NOUN")
            ):
                node = node.head
            first, last = _subtree(doc, node.i)
            for j in range(i, last + 1):
                if ctx.quote_of[j] >= 0 or doc[j].text in (":", ";") or _is_break(doc[j]):
                    last = j - 1
                    break
            if first > frame.cue.last and first <= last:
                return self._trim_source(first, last)
        return None

    def _participle_source(self, frame: Frame) -> TokRange | None:
        """The subject a participle cue shares with its clause when the parse lost it:
        'X said, suggesting ...' (X) and 'Claiming ..., X told' or 'After saying ..., X was'."""
        doc, ctx = self.doc, self.ctx
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
                if index is None or ctx.cues[index].cls not in _VERBAL_CLASSES:
                    continue
                source = ctx.frames[index].source
                return source if source is not None and not self._inside_quote(source) else None
        lead = [t for t in doc[sent.start : frame.cue.first] if not (t.is_space or t.is_punct)]
        after_root = sent.root.i < head.i and sent.root.pos_ in ("VERB", "AUX")
        before_main = all(t.pos_ in ("ADP", "SCONJ", "ADV") for t in lead)
        if (after_root and after_comma) or before_main:
            subject = _root_subject(sent)
            if subject is not None and (subject.i > head.i or after_root):
                source = self._trim_source(*_subtree(doc, subject.i))
                return None if self._inside_quote(source) else source
        return None

    def _cue_before(self, first: int) -> int | None:
        """A cue before a quote in the same sentence, with no other verb in between."""
        doc, ctx = self.doc, self.ctx
        seen = 0
        i = first - 1
        while i >= 0 and seen < _WINDOW:
            token = doc[i]
            if _is_break(token) or ctx.quote_of[i] >= 0 or token.text in _SENTENCE_END:
                return None
            index = ctx.frame_at.get(i)
            if index is not None:
                cls = ctx.cues[index].cls
                if cls in _VERBAL_CLASSES:
                    return index
                if cls == "noun" and doc[first - 1].text == ":":
                    return index
            if token.pos_ == "VERB":
                return None
            if not token.is_space:
                seen += 1
            i -= 1
        return None

    def _clause_of(self, frame: Frame) -> TokRange | None:
        """A frame's content, run on to the end of the sentence when it stops short of it
        ('said Democrats are to blame for focusing on "he said this"'), but not into a
        second statement of the cue's subject ('and said that ...')."""
        if frame.content is None:
            return None
        first, last = frame.content
        if first > frame.cue.last and frame.content_kind != "clause_part":
            end = sentence_of(self.doc, frame.cue.head).end - 1
            for conj in self.doc[frame.cue.head].children:
                if (
                    conj.dep_ == "conj"
                    and last < conj.left_edge.i <= end
                    and any(p.cls == "speech" for p in self.lexicon.cue_patterns(conj.lemma_))
                ):
                    end = conj.left_edge.i - 1
                    while end > last and (self.doc[end].dep_ == "cc" or self.doc[end].is_punct):
                        end -= 1
            last = max(last, end)
        return first, last

    def _outer_frame(self, index: int) -> int | None:
        """The outermost frame whose clause holds this frame's cue ('X says she knows that ...')."""
        ctx = self.ctx
        current = index
        for _ in range(4):
            head = ctx.cues[current].head
            outer = None
            for other, frame in enumerate(ctx.frames):
                if (
                    other == current
                    or other in self.used_frames
                    or frame.cue.cls not in _VERBAL_CLASSES
                ):
                    continue
                clause = self._clause_of(frame)
                if (
                    clause is not None
                    and clause[0] <= head <= clause[1]
                    and frame.cue.head < head
                    and self._governs(frame, head)
                ):
                    outer = other
                    break
            if outer is None:
                break
            current = outer
        return current if current != index else None

    def _governs(self, frame: Frame, head: int) -> bool:
        """Whether a frame reports the clause of another cue: 'X says she knows that ...',
        'According to Y, X said', 'X said, most people believe'; not 'Claiming ..., X told'
        or 'when Y mentioned it, X said'."""
        outer, inner = self.doc[frame.cue.head], self.doc[head]
        if inner.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in inner.children):
            return False  # 'She said ..., and when pressed, the mother of three replied'
        return outer.is_ancestor(inner) or frame.cue.cls == "phrase" or outer.dep_ == "parataxis"

    def _containing_frame(self, first: int, last: int) -> int | None:
        """The outermost unused frame whose content (its clause) overlaps the quote's tokens."""
        ctx, doc = self.ctx, self.doc
        clauses = {index: self._clause_of(frame) for index, frame in enumerate(ctx.frames)}
        current = self.last_direct.frame if self.last_direct is not None else None
        candidates = [
            index
            for index, clause in clauses.items()
            if clause is not None
            and (index not in self.used_frames or ctx.frames[index] is current)
            and clause[0] <= last
            and clause[1] >= first
        ]

        def inside_other(index: int) -> bool:
            head = ctx.cues[index].head
            return any(
                other != index
                and clauses[other][0] <= head <= clauses[other][1]  # type: ignore[index]
                and not doc[head].is_ancestor(doc[ctx.cues[other].head])
                for other in candidates
            )

        pool = [index for index in candidates if not inside_other(index)] or candidates
        if not pool:
            return None

        def rank(index: int) -> tuple[bool, bool, bool, int]:
            frame = ctx.frames[index]
            content = frame.content
            holds = content is not None and content[0] <= first and last <= content[1]
            return (
                not holds,  # its own clause holds the quote, not just the sentence after it
                frame.cue.cls == "noun",  # a verb of saying before a noun ("in a message")
                frame.cue.head > first,  # the cue that comes before
                abs(frame.cue.head - first),
            )

        return min(pool, key=rank)

    def _colon_lead_in(self, first: int) -> tuple[int | None, TokRange | None]:
        """(frame, or else speaker) of a lead-in ending in a colon right before the quote."""
        doc, ctx = self.doc, self.ctx
        i = first - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i < 0 or doc[i].text != ":" or ctx.quote_of[i] >= 0:
            return None, None
        sent = sentence_of(doc, i)
        for j in range(i - 1, sent.start - 1, -1):
            index = ctx.frame_at.get(j)
            if index is not None and ctx.cues[index].cls in _VERBAL_CLASSES:
                return index, None
        return None, self._lead_in_speaker(sent.start, i - 1)

    def _lead_in_speaker(self, first: int, last: int) -> TokRange | None:
        """Who speaks after a lead-in with no cue: its subject when that can speak ('X went
        even further:'), else the last person or body it names ('The timing does not
        surprise pollster Jane Doe:', 'Here is Doe in December 1992:')."""
        doc, ctx = self.doc, self.ctx
        outside = [t for t in doc[first : last + 1] if ctx.quote_of[t.i] < 0 and not t.is_space]
        if not outside:
            return None
        span = (outside[0].i, outside[-1].i)
        subjects = [
            t
            for t in outside
            if t.dep_ in ("nsubj", "nsubjpass") and span[0] <= t.head.i <= span[1]
        ]
        # the main clause's subject, not that of a clause before it ('When X died, Y said:')
        subject = next((t for t in subjects if t.head.dep_ == "ROOT"), None) or next(
            iter(subjects), None
        )
        if subject is not None and (
            subject.lower_ in _PERSONAL_PRONOUNS or any(agent_like(t) for t in subject.subtree)
        ):
            return self._clip_source(subject, span)
        named = [
            ent
            for ent in doc.ents
            if span[0] <= ent.start and ent.end - 1 <= span[1] and ent.label_ in _SPEAKER_LABELS
        ]
        if named:
            return self._trim_source(named[-1].start, named[-1].end - 1)
        if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
            return self._clip_source(subject, span)
        return None

    def _clip_source(self, head: Token, span: TokRange) -> TokRange:
        first, last = _subtree(self.doc, head.i)
        return self._trim_source(max(first, span[0]), min(last, span[1]))

    def _dash_name(self, last: int) -> TokRange | None:
        """'"..." ― Jane Doe': a name after a dash that ends the paragraph."""
        doc = self.doc
        i = last + 1
        while i < len(doc) and doc[i].is_space and not _is_break(doc[i]):
            i += 1
        if i >= len(doc) or doc[i].text not in _DASHES:
            return None
        j = i + 1
        while j < len(doc) and doc[j].is_space and not _is_break(doc[j]):
            j += 1
        start = j
        while j < len(doc) and doc[j].pos_ == "PROPN" and j - start < 5:
            j += 1
        if j == start:
            return None
        return start, j - 1

    def _part_of_frame(self, frame: Frame, first: int, last: int) -> bool:
        """A quoted name inside the frame ('told MSNBC's "Morning Joe" that ...')."""
        known = _frame_tokens(frame) | _adjunct_tokens(self.doc, frame)
        inner = [t for t in self.doc[first : last + 1] if not (t.is_punct or t.is_space)]
        if frame.content is not None and frame.content[0] <= first <= frame.content[1]:
            return False
        titled = all(t.text[0].isupper() or not t.is_alpha or len(t.text) <= 3 for t in inner)
        return bool(inner) and titled and all(t.i in known for t in inner)

    def _inverted_lead(self, frame: Frame, lead: list[Token], first: int) -> TokRange | None:
        """Lead words that are the speaker's name before a colon ('Said Ellis: "..."'), not
        the one spoken to ('X scolded him: "..."')."""
        doc = self.doc
        if frame.source is not None and frame.source[1] < frame.cue.first:
            return None
        if any(t.head.i == frame.cue.head and t.dep_ in _OBJECTS for t in lead):
            return None
        before = first - 1
        while before >= 0 and doc[before].is_space:
            before -= 1
        if not lead or before < 0 or doc[before].text != ":" or len(lead) > 8:
            return None
        if any(t.pos_ in ("VERB", "AUX") for t in lead):
            return None
        return self._trim_source(lead[0].i, lead[-1].i)

    def _lead_words(self, frame: Frame, first: int) -> list[Token]:
        """Words between a cue and the quote after it that the cue's frame does not explain."""
        known = _frame_tokens(frame) | _adjunct_tokens(self.doc, frame)
        words = [
            t
            for t in self.ctx.words(frame.cue.last + 1, first - 1)
            if t.i not in known
            # 'scolded him: "..."': the one spoken to
            and not (t.head.i == frame.cue.head and t.dep_ in _OBJECTS and t.pos_ == "PRON")
        ]
        if words and words[0].lower_ == "that":
            words = words[1:]
        return words

    def attach(self, index: int) -> None:
        ctx, doc = self.ctx, self.doc
        first, last = ctx.quote_tokens[index]
        span = ctx.quoted[index].span
        previous = self.last_direct

        if previous is not None and self._interrupts(previous, span):
            self._extend(previous, span)  # '"Every time," Tester said, "you give ..."'
            return

        if previous is not None and self._same_report(previous, first):
            self._extend(previous, span, replace=(previous.content[0][0], span[1]))
            return  # 'called Trump a "liar" who is "amoral," a "bully" and a "narcissist"'

        after = self._cue_after(first, last)
        if after is not None and self._lead_cue_holds(first, last):
            after = None  # 'X said they want "justice," but pledged ...': the quote is X's
        if after is not None:
            frame_index, gap_source = after
            frame = ctx.frames[frame_index]
            if previous is not None and previous.frame is frame:
                self._extend(previous, span)
                return
            sent_first = sentence_of(doc, first).start
            lead_first, _ = trim(doc, sent_first, first - 1, connectives=self.lexicon.connectives)
            lead_in = ctx.words(lead_first, first - 1)
            mark = first - 1
            while mark > lead_first and doc[mark].is_space:
                mark -= 1
            if doc[mark].text == ":":
                lead_in = []  # 'X scolded him: "...," she said': an introduction, not content
            if lead_first < first and len(lead_in) >= 3:
                content = (ctx.char_span(lead_first, first)[0], span[1])
                self._add("mixed", [content], span, frame_index, gap_source, 0.7)
            else:
                self._add("direct", [span], span, frame_index, gap_source, 0.9)
            return

        before = self._cue_before(first)
        if before is not None and self._part_of_frame(ctx.frames[before], first, last):
            return  # 'told MSNBC's "Morning Joe" that ...': a name in the frame, not what was said
        if before is not None:
            frame = ctx.frames[before]
            if previous is not None and previous.frame is frame:
                self._extend(previous, span)
                return
            outer = self._outer_frame(before)
            if outer is not None:
                self._add_mixed_in(outer, first, last, span)
                return
            lead = self._lead_words(frame, first)
            named = self._inverted_lead(frame, lead, first)
            if named is not None:
                self._add("direct", [span], span, before, named, 0.85)  # 'Said Jane Doe: "..."'
                return
            c_first = lead[0].i if lead else first
            c_last = last
            if frame.content is not None and frame.content[0] <= first <= frame.content[1]:
                c_first = min(c_first, frame.content[0])
                c_last = max(c_last, frame.content[1])  # 'said "as training ends," troops will
            c_first, c_last = self._whole_quotes(c_first, c_last)
            if lead or len(ctx.words(last + 1, c_last)) >= 2:
                self._add("mixed", [ctx.char_span(c_first, c_last)], span, before, None, 0.7)
            else:
                self._add("direct", [span], span, before, None, 0.9)
            return

        containing = self._containing_frame(first, last)
        if containing is not None and self._outer_frame(containing) is not None:
            self._add_mixed_in(self._outer_frame(containing), first, last, span)  # type: ignore[arg-type]
            return
        if containing is not None:
            frame = ctx.frames[containing]
            clause = self._clause_of(frame)
            assert clause is not None and frame.content is not None
            c_first = min(frame.content[0], first)
            c_last = max(frame.content[1], last)
            if clause[1] > frame.content[1] and last > frame.content[1]:
                c_last = max(c_last, trim(doc, c_first, clause[1], connectives=frozenset())[1])
            c_first, c_last = self._whole_quotes(c_first, c_last)
            if previous is not None and previous.frame is frame:
                self._extend(previous, span, replace=ctx.char_span(c_first, c_last))
                return
            if len(ctx.words(c_first, c_last)) <= 1:
                self._add("direct", [span], span, containing, None, 0.8)
            else:
                self._add("mixed", [ctx.char_span(c_first, c_last)], span, containing, None, 0.7)
            return

        colon_frame, colon_speaker = self._colon_lead_in(first)
        if colon_frame is not None:
            self._add("direct", [span], span, colon_frame, None, 0.8)
            return
        if colon_speaker is not None:
            quote = RawQuote("direct", [span], quoted=[span], confidence=0.6)
            quote.source, quote.source_head = colon_speaker, _head_of(doc, colon_speaker)
            self._push(quote)
            return
        dash = self._dash_name(last)
        if dash is not None:
            quote = RawQuote("direct", [span], quoted=[span], confidence=0.7)
            quote.source, quote.source_head = dash, dash[1]
            cue_token = doc[dash[0] - 1] if doc[dash[0] - 1].text in _DASHES else doc[last + 1]
            quote.cue_span = ctx.char_span(cue_token.i, cue_token.i)
            self._push(quote)
            return

        alone = self._stands_alone(first, last)
        if alone and previous is not None and self._continues(previous, first):
            self._extend(previous, span)
            return
        if self._is_scare_quote(first, last):
            return
        speaker_from = self.quotes[-1] if self.quotes else None
        if alone:
            quote = RawQuote(
                "direct", [span], continues=speaker_from, quoted=[span], confidence=0.5
            )
            subject = self._narrative_subject(first)
            if subject is not None and self.doc[subject].pos_ != "PRON":
                quote.source = self._off_quote_edges(
                    self._trim_source(*_subtree(self.doc, subject))
                )
                quote.source_head = subject  # 'Jones disagreed. "B."'
            self._push(quote)
        else:
            self.quotes.append(
                RawQuote("partial", [span], continues=speaker_from, quoted=[span], confidence=0.4)
            )

    # --- building quotes ----------------------------------------------------------------

    def _add_mixed_in(self, index: int, first: int, last: int, span: Span) -> None:
        """A quoted passage inside the clause an outer cue reports: one mixed quote."""
        frame = self.ctx.frames[index]
        clause = self._clause_of(frame)
        assert clause is not None and frame.content is not None
        c_first = min(frame.content[0], first)
        c_last = max(frame.content[1], last)
        c_first, c_last = self._whole_quotes(c_first, c_last)
        previous = self.last_direct
        if previous is not None and previous.frame is frame:
            self._extend(previous, span, replace=self.ctx.char_span(c_first, c_last))
            return
        self._add("mixed", [self.ctx.char_span(c_first, c_last)], span, index, None, 0.7)

    def _add(
        self,
        quote_type: str,
        content: list[Span],
        span: Span,
        frame_index: int,
        source: TokRange | None,
        confidence: float,
    ) -> None:
        frame = self.ctx.frames[frame_index]
        self.used_frames.add(frame_index)
        quote = RawQuote(quote_type, content, quoted=[span], confidence=confidence)
        quote.frame = frame
        quote.cue = frame.cue
        quote.cue_span = self.ctx.char_span(frame.cue.first, frame.cue.last)
        frame_source = (
            self._off_quote_edges(frame.source, span) if frame.source is not None else None
        )
        if source is None and frame_source is not None and self._plausible_source(frame_source):
            quote.source, quote.source_head = frame_source, frame.source_head
        else:
            source = source or self._inverted_subject(frame) or self._participle_source(frame)
            if source is not None and self._plausible_source(source):
                quote.source, quote.source_head = source, _head_of(self.doc, source)
        if quote_type == "direct":
            self._push(quote)
        else:
            self.quotes.append(quote)
            self.last_direct = quote if quote_type == "mixed" else self.last_direct

    def _push(self, quote: RawQuote) -> None:
        self.quotes.append(quote)
        self.last_direct = quote

    def _extend(self, quote: RawQuote, span: Span, *, replace: Span | None = None) -> None:
        quote.quoted.append(span)
        if replace is not None and quote.type == "mixed":
            start = min(quote.content[0][0], replace[0])
            quote.content = [(start, max(quote.content[-1][1], replace[1]))]
        elif quote.type == "mixed" and span[0] <= quote.content[-1][1] + 200:
            quote.content[-1] = (quote.content[-1][0], max(quote.content[-1][1], span[1]))
        else:
            quote.content.append(span)

    def _whole_quotes(self, first: int, last: int) -> TokRange:
        """Stretch a token range so that it does not cut a quoted passage in two."""
        for i in (first, last):
            quote = self.ctx.quote_of[i] if 0 <= i < len(self.doc) else -1
            if quote >= 0:
                first = min(first, self.ctx.quote_tokens[quote][0])
                last = max(last, self.ctx.quote_tokens[quote][1])
        return first, last

    # --- tests on the text around a quote ----------------------------------------------

    def _same_report(self, previous: RawQuote, first: int) -> bool:
        """Another quoted passage later in the sentence a mixed quote's cue governs, with no
        new cue in between."""
        if previous.type != "mixed" or previous.cue is None:
            return False
        doc, ctx = self.doc, self.ctx
        sent = sentence_of(doc, previous.cue.head)
        if not sent.start <= first < sent.end or previous.cue.head > first:
            return False
        start = ctx.token_at(previous.content[-1][1])
        clause = self._clause_of(previous.frame) if previous.frame is not None else None

        def new_cue(i: int) -> bool:
            index = ctx.frame_at.get(i)
            if index is None or ctx.cues[index].cls not in _VERBAL_CLASSES:
                return False
            # a cue inside the reported clause ("and let them know that") is part of it
            return clause is None or not clause[0] <= i <= clause[1]

        return not any(new_cue(i) for i in range(start, first))

    def _interrupts(self, previous: RawQuote, span: Span) -> bool:
        """'"Every time you say that," Tester said, referring to X, "you give ..."'."""
        text = self.ctx.text
        prev_end = previous.content[-1][1]
        if not previous.quoted or span[0] - prev_end > 200 or span[0] < prev_end:
            return False
        last_quote = previous.quoted[-1]
        inner_end = text[last_quote[0] : last_quote[1] - 1].rstrip()
        between = text[prev_end : span[0]]
        if "\n" in between or any(p in between for p in (". ", "! ", "? ")):
            return False
        opening = text[span[0] + 1 : span[0] + 3].lstrip(" .…")
        return inner_end.endswith((",", "—", "–", "-", "…")) and opening[:1].islower()

    def _stands_alone(self, first: int, last: int) -> bool:
        """The quote is a sentence or paragraph of its own (nothing but punctuation around it)."""
        doc, ctx = self.doc, self.ctx
        i = first - 1
        while i >= 0 and (doc[i].is_space or doc[i].is_punct) and not _is_break(doc[i]):
            if doc[i].text in _SENTENCE_END or ctx.quote_of[i] >= 0:
                break
            i -= 1
        before = i < 0 or _is_break(doc[i]) or doc[i].text in _SENTENCE_END or ctx.quote_of[i] >= 0
        j = last + 1
        while (
            j < len(doc)
            and doc[j].is_punct
            and ctx.quote_of[j] < 0
            and doc[j].text not in _SENTENCE_END
        ):
            j += 1
        after = (
            j >= len(doc)
            or _is_break(doc[j])
            or doc[j].text in _SENTENCE_END
            or ctx.quote_of[j] >= 0
            or (self._ends_a_sentence(last) and doc[j].text[:1].isupper())
        )
        return before and after

    def _ends_a_sentence(self, last: int) -> bool:
        """The quoted passage closing at token ``last`` ends with its own full stop ('"B."
        Then ...'): what follows starts a new sentence."""
        text = self.ctx.text
        inner = text[self.ctx.quoted[self.ctx.quote_of[last]].start : self.doc[last].idx]
        return inner.rstrip(" '\"’”»").endswith((".", "!", "?", "…"))

    def _continues(self, previous: RawQuote, first: int) -> bool:
        """A cue-less quote after a direct quote continues it: in the same paragraph unless
        someone else has become the subject since, in the next one only across its frame."""
        doc, ctx = self.doc, self.ctx
        prev_end = previous.content[-1][1]
        start = doc[first].idx
        between = ctx.text[prev_end:start]
        if (
            len(between) > _MAX_CONTINUATION_GAP
            or between.count("\n\n") > 1
            or between.count("\n") > 2
        ):
            return False
        gap = [t for t in ctx.words(ctx.token_at(prev_end), first - 1) if t.idx >= prev_end]
        if not gap:
            return True
        cue_sentence = (
            sentence_of(doc, previous.cue.head).start if previous.cue is not None else None
        )
        frame_only = cue_sentence is not None and all(
            sentence_of(doc, t.i).start == cue_sentence for t in gap
        )
        if frame_only:
            return True
        if "\n" in between:
            return False
        subject = self._narrative_subject(first)
        return subject is None or doc[subject].pos_ == "PRON"

    def _narrative_subject(self, first: int) -> int | None:
        """The subject of the sentence just before a quote, when that sentence has no quote."""
        doc, ctx = self.doc, self.ctx
        i = first - 1
        while i >= 0 and (doc[i].is_space or doc[i].is_punct):
            i -= 1
        if i < 0:
            return None
        sent = sentence_of(doc, i)
        # A title or scare quote in that sentence ('On "Face the Nation," X said') is no quote.
        taken = {span for quote in self.quotes for span in quote.quoted}
        if any(
            ctx.quote_of[j] >= 0 and ctx.quoted[ctx.quote_of[j]].span in taken
            for j in range(sent.start, sent.end)
        ):
            return None
        subject = _root_subject(sent)
        if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
            return None
        return int(subject.i)

    def _is_scare_quote(self, first: int, last: int) -> bool:
        inner = [t for t in self.doc[first + 1 : last] if not (t.is_punct or t.is_space)]
        if not inner:
            return True
        if len(inner) <= _SCARE_MAX_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in inner):
            return True
        # A title of a work or a name: every word capitalised ("Shark Tank", "The Art of the Deal").
        long_words = [t for t in inner if t.is_alpha and len(t.text) > 3]
        return len(inner) <= 8 and bool(long_words) and all(t.text[0].isupper() for t in long_words)

    # --- indirect speech ----------------------------------------------------------------

    def add_indirect(self) -> None:
        ctx = self.ctx
        taken = [span for quote in self.quotes for span in quote.content]
        kept: list[RawQuote] = []
        for index, frame in enumerate(ctx.frames):
            if index in self.used_frames or frame.content is None:
                continue
            first, last = frame.content
            if last - first < 1 and frame.content_kind != "np":
                continue
            if first == last and self.doc[first].pos_ == "PRON":
                continue  # 'criticised him': whom, not what
            span = ctx.char_span(first, last)
            if any(_overlaps(span, other) for other in taken):
                continue
            cue_span = ctx.char_span(frame.cue.first, frame.cue.last)
            if any(_inside(cue_span, other) for other in taken):
                continue  # a report nested inside another report's content
            quote = RawQuote("indirect", [span], confidence=0.6, frame=frame, cue=frame.cue)
            quote.cue_span = cue_span
            if frame.source is not None and self._plausible_source(frame.source):
                quote.source, quote.source_head = frame.source, frame.source_head
            kept.append(quote)
            taken.append(span)
        self.quotes.extend(kept)

    def add_continuations(self) -> None:
        """'X said that A. At the same time, B.': B, with no cue of its own, is still X's."""
        doc, ctx = self.doc, self.ctx
        taken = [span for quote in self.quotes for span in quote.content]
        for quote in self.quotes:
            if quote.type not in ("indirect", "mixed") or quote.cue is None:
                continue
            end = ctx.token_at(quote.content[-1][1] - 1)
            sent = sentence_of(doc, end)
            if any(not (t.is_punct or t.is_space) for t in doc[end + 1 : sent.end]):
                continue  # the reported clause does not close its sentence
            nxt = sent.end
            while nxt < len(doc) and doc[nxt].is_space and doc[nxt].text.count("\n") <= 2:
                nxt += 1
            if nxt >= len(doc) or doc[nxt].is_space:
                continue
            following = sentence_of(doc, nxt)
            opening = tuple(t.lower_ for t in doc[nxt : nxt + 4])
            if not any(opening[: len(c)] == c for c in self.lexicon.continuations):
                continue
            inside = range(following.start, following.end)
            if any(ctx.quote_of[i] >= 0 or i in ctx.frame_at for i in inside):
                continue
            first, last = trim(
                doc, following.start, following.end - 1, connectives=self.lexicon.connectives
            )
            if first > last:
                continue
            span = ctx.char_span(first, last)
            if any(_overlaps(span, other) for other in taken):
                continue
            quote.content.append(span)
            taken.append(span)

    def run(self) -> list[RawQuote]:
        for index in range(len(self.ctx.quoted)):
            self.attach(index)
        self.add_indirect()
        self.add_continuations()
        for quote in self.quotes:
            if quote.cue is not None:
                head = self.doc[quote.cue.head]
                if head.dep_ in ("advcl", "xcomp", "conj") and head.head.i != head.i:
                    governing = self.ctx.frame_at.get(head.head.i)
                    if governing is not None:
                        quote.governing = self.ctx.cues[governing]
        self.quotes.sort(key=lambda q: q.start)
        return _without_overlaps(self.quotes)


def _root_subject(sent: Sentence) -> Token | None:
    return next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _head_of(doc: Doc, tokens: TokRange) -> int:
    """The token of a range whose head lies outside it."""
    for i in range(tokens[0], tokens[1] + 1):
        head = doc[i].head.i
        if head < tokens[0] or head > tokens[1] or head == i:
            return i
    return tokens[1]


def _subtree(doc: Doc, i: int) -> TokRange:
    token = doc[i]
    return (token.left_edge.i, token.right_edge.i)


def _without_overlaps(quotes: list[RawQuote]) -> list[RawQuote]:
    """No two quotes of one type share characters: a later quote that would is dropped
    (rules that each hold can still meet on broken input)."""
    kept: list[RawQuote] = []
    for quote in quotes:
        clash = any(
            other.type == quote.type and _overlaps(a, b)
            for other in kept
            for a in other.content
            for b in quote.content
        )
        if not clash:
            kept.append(quote)
    return kept


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def extract(doc: Doc, quoted: Sequence[QuotedSpan], lexicon: Lexicon) -> list[RawQuote]:
    """All quotes of one parsed article, in text order, with cue and source mention."""
    return _Extractor(doc, quoted, lexicon).run()
