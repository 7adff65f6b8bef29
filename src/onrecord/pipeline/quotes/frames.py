"""Which reporting frame a quoted passage belongs to: the cue after it or before it, a
frame whose clause holds it, or a lead-in ending in a colon."""

from __future__ import annotations

import bisect
import itertools

from spacy.tokens import Doc, Token

from onrecord.pipeline.nlp import sentence_of
from onrecord.pipeline.quotes.context import OBJECTS, SENTENCE_END, VERBAL_CLASSES, is_break
from onrecord.pipeline.quotes.ranges import TokRange
from onrecord.pipeline.quotes.reported import Frame
from onrecord.pipeline.quotes.source_mentions import SourceFinder

_WINDOW = 16  # tokens searched for a cue next to a quote
_GOVERNOR_DEPTH = 3  # verbs above a cue whose second statements end its clause
_LONG_SUBJECT = 60  # tokens a named subject with its apposition may run before its cue
_FRAME_DEPS = frozenset({"prep", "dative", "npadvmod", "advmod", "agent", "dobj", "advcl", "neg"})


class FrameFinder(SourceFinder):
    """Finds the reporting frame (cue, and with it the speaker) a quoted passage belongs to."""

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
            if is_break(token) or ctx.quote_of[i] >= 0 or token.text in SENTENCE_END:
                return None
            if token.is_space:
                i += 1
                continue
            if not gap and not punctuated and token.text not in (",", "—", "–", "-", "--", "―"):
                return None  # the quote is part of a phrase ('the "unreasonable" activity')
            if ends_sentence and not gap and token.text[:1].isupper() and i not in ctx.frame_at:
                return None  # '"...." He said' starts a new sentence
            index = ctx.frame_at.get(i)
            if index is not None and ctx.cues[index].cls in VERBAL_CLASSES:
                return self._check_gap(index, gap)
            if token.pos_ == "VERB" and not token.text[0].isupper():
                return self._cue_after_long_subject(last) if punctuated else None
            gap.append(token)
            i += 1
        return self._cue_after_long_subject(last) if punctuated else None

    def _cue_after_long_subject(self, last: int) -> tuple[int, TokRange | None] | None:
        """'"...," Okafor, the front-runner who won the primary by a wide margin, said': the
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
            if is_break(doc[i]) or ctx.quote_of[i] >= 0:
                return None
            index = ctx.frame_at.get(i)
            if index is None or ctx.cues[index].cls not in VERBAL_CLASSES:
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
            if frame.cue.cls not in VERBAL_CLASSES or frame.content is None:
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

    def _cue_before(self, first: int) -> int | None:
        """A cue before a quote in the same sentence, with no other verb in between."""
        doc, ctx = self.doc, self.ctx
        seen = 0
        i = first - 1
        while i >= 0 and seen < _WINDOW:
            token = doc[i]
            if is_break(token) or ctx.quote_of[i] >= 0 or token.text in SENTENCE_END:
                return None
            index = ctx.frame_at.get(i)
            if index is not None and token.dep_ != "amod":  # "in a written statement"
                cls = ctx.cues[index].cls
                if cls in VERBAL_CLASSES:
                    return index
                if cls == "noun" and doc[first - 1].text == ":":
                    return self._verb_over_noun(index)
            if token.pos_ == "VERB":
                return None
            if not token.is_space:
                seen += 1
            i -= 1
        return None

    def _verb_over_noun(self, index: int) -> int:
        """ "X said in a statement: ...": the verb that the noun cue's phrase hangs on."""
        noun = self.doc[self.ctx.cues[index].head]
        prep = noun.head
        if noun.dep_ == "pobj" and prep.dep_ == "prep":
            governing = self.ctx.frame_at.get(prep.head.i)
            if governing is not None and self.ctx.cues[governing].cls in VERBAL_CLASSES:
                return governing
        return index

    def _clause_of(self, frame: Frame) -> TokRange | None:
        """A frame's content, run on to the end of the sentence when it stops short of it
        ('said Democrats are to blame for focusing on "he said this"'), but not into a
        second statement of the cue's subject ('and said that ...')."""
        if frame.content is None:
            return None
        first, last = frame.content
        if first > frame.cue.last and frame.content_kind != "clause_part":
            end = sentence_of(self.doc, frame.cue.head).end - 1
            cue_head = self.doc[frame.cue.head]
            # the cue's own conjuncts, and those of the verbs it hangs from ('issued a
            # statement saying A and said B')
            governors = [cue_head, *itertools.islice(cue_head.ancestors, _GOVERNOR_DEPTH)]
            conjuncts = [c for governor in governors for c in governor.children]
            for conj in conjuncts:
                if (
                    conj.dep_ == "conj"
                    and last < conj.left_edge.i <= end
                    and self.lexicon.is_speech_verb(conj.lemma_)
                ):
                    end = conj.left_edge.i - 1
                    while end > last and (self.doc[end].dep_ == "cc" or self.doc[end].is_punct):
                        end -= 1
            last = max(last, end)
        return first, last

    def _clauses(self) -> list[TokRange | None]:
        """Every frame's clause (``_clause_of``), computed once per article."""
        clauses: list[TokRange | None] | None = getattr(self, "_clause_list", None)
        if clauses is None:
            clauses = [self._clause_of(frame) for frame in self.ctx.frames]
            self._clause_list = clauses
            spans = sorted((c[0], c[1], index) for index, c in enumerate(clauses) if c)
            self._clause_starts = [start for start, _, _ in spans]
            self._clause_spans = spans
            self._longest_clause = max([0, *(last - first for first, last, _ in spans)])
        return clauses

    def _frames_over(self, first: int, last: int) -> list[int]:
        """The frames whose clause overlaps tokens first..last, in frame order: found through
        the clauses sorted by start, so a quote is compared with the frames near it only,
        never with every frame of the article."""
        self._clauses()
        low = bisect.bisect_left(self._clause_starts, first - self._longest_clause)
        high = bisect.bisect_right(self._clause_starts, last)
        return sorted(index for _start, end, index in self._clause_spans[low:high] if end >= first)

    def _outer_frame(self, index: int) -> int | None:
        """The outermost frame whose clause holds this frame's cue ('X says she knows that ...')."""
        ctx = self.ctx
        clauses = self._clauses()
        current = index
        for _ in range(4):
            head = ctx.cues[current].head
            outer = None
            for other in self._frames_over(head, head):
                frame = ctx.frames[other]
                if (
                    other == current
                    or other in self.used_frames
                    or frame.cue.cls not in VERBAL_CLASSES
                ):
                    continue
                clause = clauses[other]
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
        clauses = self._clauses()
        current = self.last_direct.frame if self.last_direct is not None else None
        candidates = [
            index
            for index in self._frames_over(first, last)
            if (clause := clauses[index]) is not None
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
            if index is not None and ctx.cues[index].cls in VERBAL_CLASSES:
                return index, None
        return None, self._lead_in_speaker(sent.start, i - 1)

    def _part_of_frame(self, frame: Frame, first: int, last: int) -> bool:
        """A quoted name inside the frame ('told MSNBC's "Morning Joe" that ...')."""
        known = _frame_tokens(frame) | _adjunct_tokens(self.doc, frame)
        inner = [t for t in self.doc[first : last + 1] if not (t.is_punct or t.is_space)]
        if frame.content is not None and frame.content[0] <= first <= frame.content[1]:
            return False
        titled = all(t.text[0].isupper() or not t.is_alpha or len(t.text) <= 3 for t in inner)
        return bool(inner) and titled and all(t.i in known for t in inner)

    def _lead_words(self, frame: Frame, first: int) -> list[Token]:
        """Words between a cue and the quote after it that the cue's frame does not explain."""
        known = _frame_tokens(frame) | _adjunct_tokens(self.doc, frame)
        words = [
            t
            for t in self.ctx.words(frame.cue.last + 1, first - 1)
            if t.i not in known
            # 'scolded him: "..."': the one spoken to
            and not (t.head.i == frame.cue.head and t.dep_ in OBJECTS and t.pos_ == "PRON")
        ]
        if words and words[0].lower_ == "that":
            words = words[1:]
        return words


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
