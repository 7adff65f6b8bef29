"""Extraction: quoted passages and reporting frames become quotes with cue and source.

Input is the parsed Doc (of the blanked text, same offsets as the original) and
the quoted spans found by :mod:`onrecord.text.marks`; output is a list of
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

import heapq
from collections.abc import Sequence

from spacy.tokens import Doc

from onrecord.lexicon import Lexicon
from onrecord.pipeline.nlp import head_of, sentence_of
from onrecord.pipeline.quotes.context import DASHES, RawQuote, Span, SpanGrid, subtree
from onrecord.pipeline.quotes.ranges import TokRange, trim
from onrecord.pipeline.quotes.shapes import QuoteShapes
from onrecord.record import QuoteType
from onrecord.text.marks import QuotedSpan

__all__ = ["RawQuote", "extract"]


class _Extractor(QuoteShapes):
    """Attaches each quoted passage in turn, then adds indirect quotes and continuations."""

    # --- attaching one quoted passage ---------------------------------------------------

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
            return  # 'called Okafor a "liar" who is "amoral," a "bully" and a "narcissist"'

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
            quote.source, quote.source_head = colon_speaker, head_of(doc, colon_speaker)
            self._push(quote)
            return
        dash = self._dash_name(last)
        if dash is not None:
            quote = RawQuote("direct", [span], quoted=[span], confidence=0.7)
            quote.source, quote.source_head = dash, dash[1]
            cue_token = doc[dash[0] - 1] if doc[dash[0] - 1].text in DASHES else doc[last + 1]
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
                quote.source = self._off_quote_edges(self._trim_source(*subtree(self.doc, subject)))
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
        quote_type: QuoteType,
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
                quote.source, quote.source_head = source, head_of(self.doc, source)
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

    # --- indirect speech ----------------------------------------------------------------

    def add_indirect(self) -> None:
        ctx = self.ctx
        taken = SpanGrid([span for quote in self.quotes for span in quote.content])
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
            if taken.overlaps(span):
                continue
            cue_span = ctx.char_span(frame.cue.first, frame.cue.last)
            if taken.holds(cue_span):
                continue  # a report nested inside another report's content
            quote = RawQuote("indirect", [span], confidence=0.6, frame=frame, cue=frame.cue)
            quote.cue_span = cue_span
            if frame.source is not None and self._plausible_source(frame.source):
                quote.source, quote.source_head = frame.source, frame.source_head
            kept.append(quote)
            taken.add(span)
        self.quotes.extend(kept)

    def add_continuations(self) -> None:
        """'X said that A. At the same time, B.': B, with no cue of its own, is still X's."""
        doc, ctx = self.doc, self.ctx
        taken = SpanGrid([span for quote in self.quotes for span in quote.content])
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
            if taken.overlaps(span):
                continue
            quote.content.append(span)
            taken.add(span)

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
        _continue_latest(self.quotes)
        return _without_overlaps(self.quotes)


def _continue_latest(quotes: list[RawQuote]) -> None:
    """A quote with no cue continues the statement that ends last before it, reported speech
    included, not beliefs or nouns ('she said she had made progress. "I really believe ..."').
    Direct quotes are attached before reported ones are found: they first point at the last
    direct one."""
    ended: list[tuple[int, int, RawQuote]] = []  # a heap of (end, order, quote)
    latest: RawQuote | None = None
    for order, quote in enumerate(quotes):
        while ended and ended[0][0] <= quote.start:
            done = heapq.heappop(ended)[2]
            if latest is None or done.content[-1][1] >= latest.content[-1][1]:
                latest = done
        if (
            quote.continues is not None
            and latest is not None
            and latest.content[-1][1] > quote.continues.content[-1][1]
        ):
            quote.continues = latest
        spoken = quote.cue is None or quote.cue.cls in ("speech", "phrase")
        if spoken and (quote.source is not None or quote.continues is not None):
            heapq.heappush(ended, (quote.content[-1][1], order, quote))


def _without_overlaps(quotes: list[RawQuote]) -> list[RawQuote]:
    """No two quotes of one type share characters: a later quote that would is dropped
    (rules that each hold can still meet on broken input)."""
    kept: list[RawQuote] = []
    by_type: dict[QuoteType, SpanGrid] = {}  # the kept quotes' contents, per type
    for quote in quotes:
        grid = by_type.setdefault(quote.type, SpanGrid())
        if not any(grid.overlaps(span) for span in quote.content):
            kept.append(quote)
            for span in quote.content:
                grid.add(span)
    return kept


def extract(doc: Doc, quoted: Sequence[QuotedSpan], lexicon: Lexicon) -> list[RawQuote]:
    """All quotes of one parsed article, in text order, with cue and source mention."""
    return _Extractor(doc, quoted, lexicon).run()
