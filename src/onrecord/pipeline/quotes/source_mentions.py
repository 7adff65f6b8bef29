"""Who speaks: the source mention of a reporting frame, of a lead-in, or after a dash."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.pipeline.nlp import sentence_of
from onrecord.pipeline.quotes.context import (
    DASHES,
    OBJECTS,
    VERBAL_CLASSES,
    ExtractionState,
    Span,
    is_break,
    root_subject,
    subtree,
)
from onrecord.pipeline.quotes.ranges import TokRange, trim
from onrecord.pipeline.quotes.reported import Frame, agent_like

_NOT_A_SPEAKER = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_PERSONAL_PRONOUNS = frozenset({"i", "we", "he", "she", "they"})
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_LEADING_JUNK = frozenset(
    {"but", "and", "though", "although", "when", "as", "while", "because", "if", "so"}
)


class SourceFinder(ExtractionState):
    """Finds and trims the words that name who speaks."""

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
                subtree(doc, child.i)
            ):
                return self._trim_source(*subtree(doc, child.i))
        if head.tag_ == "VBG":
            return None  # 'comparing him to ...': a participle's next word is its object
        i = frame.cue.last + 1
        while i < len(doc) and doc[i].is_space and not is_break(doc[i]):
            i += 1
        if i < len(doc) and doc[i].head.i == head.i and doc[i].dep_ in OBJECTS:
            return None  # 'scolded him:'
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
                if index is None or ctx.cues[index].cls not in VERBAL_CLASSES:
                    continue
                source = ctx.frames[index].source
                return source if source is not None and not self._inside_quote(source) else None
        lead = [t for t in doc[sent.start : frame.cue.first] if not (t.is_space or t.is_punct)]
        after_root = sent.root.i < head.i and sent.root.pos_ in ("VERB", "AUX")
        before_main = all(t.pos_ in ("ADP", "SCONJ", "ADV") for t in lead)
        if (after_root and after_comma) or before_main:
            subject = root_subject(sent)
            if subject is not None and (subject.i > head.i or after_root):
                source = self._trim_source(*subtree(doc, subject.i))
                return None if self._inside_quote(source) else source
        return None

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
        named = [ent for ent in ctx.ents_within(*span) if ent.label_ in _SPEAKER_LABELS]
        if named:
            return self._trim_source(named[-1].start, named[-1].end - 1)
        if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
            return self._clip_source(subject, span)
        return None

    def _clip_source(self, head: Token, span: TokRange) -> TokRange:
        first, last = subtree(self.doc, head.i)
        return self._trim_source(max(first, span[0]), min(last, span[1]))

    def _dash_name(self, last: int) -> TokRange | None:
        """'"..." ― Jane Doe': a name after a dash that ends the paragraph."""
        doc = self.doc
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

    def _inverted_lead(self, frame: Frame, lead: list[Token], first: int) -> TokRange | None:
        """Lead words that are the speaker's name before a colon ('Said Ellis: "..."'), not
        the one spoken to ('X scolded him: "..."')."""
        doc = self.doc
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
        return self._trim_source(lead[0].i, lead[-1].i)
