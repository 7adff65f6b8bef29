"""Occasions: when a statement was made, to whom, and where ("in an interview with RT").

A quote's occasion comes from its own reporting sentence (a date expression and a
venue phrase outside the quoted content; "told X", "reported to X"). A statement
that does not state its occasion shares the occasion of the statement it follows
when the speaker is the same ("he added"), and an interview's addressee carries
over to the same speaker's later quotes. Two statements by one speaker at occasions
involving the same counterpart ("talks with X", later "a meeting with X") share
a date. No date is better than a wrong one: nothing else is guessed.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as Span_

from onrecord.lexicon import Lexicon
from onrecord.pipeline.entities import EntityIndex
from onrecord.pipeline.nlp import sentence_of, token_starts
from onrecord.pipeline.quotes.extractor import RawQuote
from onrecord.pipeline.speakers import Speaker, SpeakerResolver
from onrecord.pipeline.via import find_via, same_name
from onrecord.record import Span
from onrecord.text.dates import DateExpression

_VENUE_PREPS = frozenset({"in", "at", "during", "on", "after", "following", "before"})
_OWN_CLAUSES = frozenset({"ccomp", "advcl", "xcomp", "conj", "parataxis", "relcl", "acl"})
_MAX_ADJACENT_GAP = 1200  # characters between a statement and the one it follows


@dataclass(slots=True)
class Occasion:
    date: DateExpression | None = None
    addressee: Speaker | None = None
    venue: str | None = None
    venue_noun: str | None = None  # the venue lexicon's word for it ("interview", "report")
    venue_given: bool = False  # the quote's own sentence names an occasion
    counterparts: tuple[int, ...] = ()  # entities the venue involves ("talks with X")
    media_addressee: bool = False  # the addressee came from an interview with a media outlet
    follows: int | None = None  # index of the same speaker's statement this one continues
    via: str | None = None  # the outlet the article credits ("told RIA Novosti")


class OccasionFinder:
    def __init__(
        self,
        doc: Doc,
        index: EntityIndex,
        resolver: SpeakerResolver,
        lexicon: Lexicon,
        dates: Sequence[DateExpression],
    ) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each call: read it once
        self.index = index
        self.resolver = resolver
        self.lexicon = lexicon
        self.dates = [d for d in dates if d.value is not None]  # sorted by start
        self.date_starts = [d.start for d in self.dates]
        self.starts = token_starts(doc)

    def find(self, quotes: Sequence[RawQuote], speakers: Sequence[Speaker]) -> list[Occasion]:
        occasions = [self._own(quote) for quote in quotes]
        last_by_speaker: dict[int, int] = {}
        for i, (quote, speaker) in enumerate(zip(quotes, speakers, strict=True)):
            occasion = occasions[i]
            if occasion.via is not None and self._is_speaker(occasion.via, speaker):
                occasion.via = None  # "according to Interfax" quoting Interfax itself
            if speaker.entity is None:
                continue
            previous = i - 1 if i > 0 else None
            follows = (
                previous is not None
                and speakers[previous].entity == speaker.entity
                and quote.start - quotes[previous].content[-1][1] < _MAX_ADJACENT_GAP
            )
            if follows and previous is not None and not occasion.venue_given:
                occasion.follows = previous
                before = occasions[previous]
                occasion.date = occasion.date or before.date
                occasion.addressee = occasion.addressee or before.addressee
                occasion.venue = occasion.venue or before.venue
                occasion.venue_noun = occasion.venue_noun or before.venue_noun
                occasion.via = occasion.via or before.via
                occasion.media_addressee = occasion.media_addressee or before.media_addressee
                occasion.counterparts = occasion.counterparts or before.counterparts
            earlier = last_by_speaker.get(speaker.entity)
            if earlier is not None and not follows and not occasion.venue_given:
                before = occasions[earlier]
                if occasion.addressee is None and before.media_addressee:
                    occasion.addressee, occasion.media_addressee = before.addressee, True
            if occasion.date is None and occasion.counterparts:
                occasion.date = self._same_counterpart(i, quotes, speakers, occasions)
            last_by_speaker[speaker.entity] = i
        self._carry_back(quotes, speakers, occasions)
        return occasions

    def _carry_back(
        self, quotes: Sequence[RawQuote], speakers: Sequence[Speaker], occasions: list[Occasion]
    ) -> None:
        """'X is sure that ...' then '"...," X said in an interview with RT': the same interview."""
        for i in range(len(quotes) - 2, -1, -1):
            here, after = occasions[i], occasions[i + 1]
            same = speakers[i].entity is not None and speakers[i].entity == speakers[i + 1].entity
            if same and not here.venue_given and after.media_addressee and here.addressee is None:
                here.addressee, here.media_addressee = after.addressee, True

    def _same_counterpart(
        self,
        i: int,
        quotes: Sequence[RawQuote],
        speakers: Sequence[Speaker],
        occasions: list[Occasion],
    ) -> DateExpression | None:
        for j in range(i - 1, -1, -1):
            if speakers[j].entity != speakers[i].entity or occasions[j].date is None:
                continue
            if set(occasions[j].counterparts) & set(occasions[i].counterparts):
                return occasions[j].date
        return None

    # --- a quote's own sentence -------------------------------------------------------

    def _own(self, quote: RawQuote) -> Occasion:
        occasion = Occasion()
        if quote.cue is None:
            return occasion
        doc = self.doc
        sent = sentence_of(doc, quote.cue.head)
        content = quote.content
        occasion.date = self._date_in(sent.start_char, sent.end_char, content, quote.cue.head)
        if quote.frame is not None and quote.frame.addressee is not None:
            first, last = quote.frame.addressee
            occasion.addressee = self._resolve(first, last, quote.start)
        occasion.via = find_via(
            self.text, sent.start_char, sent.end_char, content, self.lexicon,
            open_tail=quote.type == "indirect",
        )  # fmt: skip
        venue = self._venue(sent, content)
        if venue is not None:
            prep, noun, addressee_token, occasion.venue_noun = venue
            occasion.venue_given = True
            occasion.venue = doc[prep.i : prep.right_edge.i + 1].text.strip(" ,")
            if addressee_token is not None and occasion.addressee is None:
                found = self._resolve(
                    addressee_token.left_edge.i, addressee_token.right_edge.i, quote.start
                )
                if found is not None:
                    occasion.addressee = found
                    occasion.media_addressee = self._is_media(found)
            occasion.counterparts = tuple(
                e
                for e in self.index.in_range(noun.i, prep.right_edge.i)
                if self.index.entities[e].type == "PERSON"
            ) or self._described(noun, prep, quote.start)
        interviewer = self._interviewed_by(sent, content, quote.start)
        if interviewer is not None and occasion.addressee is None:
            occasion.addressee, occasion.media_addressee = interviewer, self._is_media(interviewer)
        return occasion

    def _date_in(
        self, start: int, end: int, content: list[Span], cue: int
    ) -> DateExpression | None:
        """The date in the reporting clause itself ('On March 3, X said'; 'X said on March 3';
        'X, at a briefing on March 3, said'), not one in a clause of its own ('..., referring
        to the period before 1972') or in what was said. A bare year is a reference to a
        period more often than the day of a statement: never taken."""
        doc = self.doc
        head = doc[cue]
        framing = set(range(head.left_edge.i, head.right_edge.i + 1))
        for child in head.children:
            if child.dep_ in _OWN_CLAUSES:
                framing -= set(range(child.left_edge.i, child.right_edge.i + 1))
        cue_at = head.idx
        # only the dates that start inside the window, found by bisection, not all of them
        low = bisect.bisect_left(self.date_starts, start)
        high = bisect.bisect_right(self.date_starts, end)
        candidates = [
            d
            for d in self.dates[low:high]
            if start <= d.start
            and d.end <= end
            and d.value is not None
            and "-" in d.value  # month or day precision
            and not any(s <= d.start < e for s, e in content)
            and self._token_at(d.start) in framing
        ]
        if not candidates:
            return None
        return min(candidates, key=lambda d: abs(d.start - cue_at))

    def _token_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def _venue(
        self, sent: Span_, content: list[Span]
    ) -> tuple[Token, Token, Token | None, str] | None:
        for token in sent:
            if token.lower_ not in _VENUE_PREPS or token.dep_ not in ("prep", "mark", "advmod"):
                continue
            if any(s <= token.idx < e for s, e in content):
                continue
            noun = next((c for c in token.children if c.dep_ in ("pobj", "pcomp")), None)
            if noun is None:
                continue
            compound = next((c for c in noun.children if c.dep_ == "compound"), None)
            names = [noun.lemma_.lower(), noun.lower_]
            if compound is not None:
                names.insert(0, f"{compound.lower_} {noun.lower_}")
            key = next((n for n in names if n in self.lexicon.venues), None)
            if key is None:
                continue
            preps = self.lexicon.venues[key]
            addressee = None
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ in preps:
                    addressee = next((g for g in child.children if g.dep_ == "pobj"), None)
            return token, noun, addressee, key
        return None

    def _interviewed_by(self, sent: Span_, content: list[Span], position: int) -> Speaker | None:
        """'Experts interviewed by RT note ...': the interviewer is who they speak to."""
        for token in sent:
            if token.lemma_.lower() != "interview" or any(s <= token.idx < e for s, e in content):
                continue
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            target = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
            if target is not None:
                last = target.right_edge.i
                while last > target.left_edge.i and self.doc[last].pos_ not in ("PROPN",):
                    last -= 1  # "by RT note that": the tagger may have swallowed the cue
                return self._resolve(target.left_edge.i, last, position)
        return None

    def _described(self, noun: Token, prep: Token, position: int) -> tuple[int, ...]:
        """People a venue names by description ('a meeting with the Foreign Minister of X')."""
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "with":
                target = next((g for g in child.children if g.dep_ == "pobj"), None)
                if target is not None:
                    found = self._resolve(target.left_edge.i, target.right_edge.i, position)
                    if found is not None and found.entity is not None:
                        return (found.entity,)
        return ()

    def _resolve(self, first: int, last: int, position: int) -> Speaker | None:
        head = first
        for i in range(first, last + 1):
            if self.doc[i].head.i < first or self.doc[i].head.i > last or self.doc[i].head.i == i:
                head = i
                break
        found = self.resolver.mention(first, last, head, position)
        if found.entity is not None:
            return found
        text = self.doc[first : last + 1].text
        return Speaker(None, text) if text else None

    def _is_speaker(self, via: str, speaker: Speaker) -> bool:
        names = [speaker.name]
        if speaker.entity is not None:
            names.append(self.index.entities[speaker.entity].name)
        return any(same_name(via, name) for name in names)

    def _is_media(self, speaker: Speaker) -> bool:
        if speaker.entity is None:
            return False
        entity = self.index.entities[speaker.entity]
        org = self.lexicon.organisations.get(entity.name)
        return entity.type == "ORG" and (org is None or org.kind == "media")
