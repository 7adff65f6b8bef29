"""The reader view of one article: its text cut into runs, each quote one highlighted run
(or several, when other marks cut it), cues and sources marked, boilerplate and headings
flagged; and per quote what the page shows when it is hovered or focused.

Plain data only: the templates escape every piece of text they print.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection
from dataclasses import dataclass, field

from onrecord.record import ArticleRecord, Entity, Quote, Span

PALETTE_SIZE = 14  # speaker colours c0..c13 in onrecord.css; c-none for unknown speakers


@dataclass(frozen=True)
class QuoteView:
    id: str
    type: str
    speech_act: str
    date: str | None  # the value ("2022-02-15"), with the words it was read from
    date_text: str | None
    speaker: str | None
    speaker_how: str | None  # how the source was resolved to the speaker: "pronoun", ...
    titles: list[str]
    affiliation: str | None
    country: str | None
    cue: str | None
    source: str | None
    addressee: str | None
    venue: str | None
    colour: str  # CSS class
    content: str
    corrected: bool = False  # a user corrected the speaker (onrecord correct)
    via: str | None = None  # the outlet the article credits


@dataclass(frozen=True)
class Piece:
    text: str
    cue: bool = False
    source: bool = False
    boilerplate: bool = False
    heading: bool = False

    @property
    def classes(self) -> str:
        names = [
            name
            for name, on in (
                ("cue", self.cue),
                ("src", self.source),
                ("bp", self.boilerplate),
                ("hd", self.heading),
            )
            if on
        ]
        return " ".join(names)


@dataclass
class Run:
    """Consecutive pieces inside the same quote (or outside any quote)."""

    quote: QuoteView | None
    anchor: bool  # the first run of its quote: it carries the quote's id
    pieces: list[Piece] = field(default_factory=list)
    last: bool = False  # the last run of its quote: the link to its statement follows it


@dataclass(frozen=True)
class SpeakerView:
    name: str
    colour: str
    kind: str | None
    titles: list[str]
    affiliation: str | None
    country: str | None
    direct: int
    reported: int
    entity: str | None


@dataclass(frozen=True)
class ReaderView:
    runs: list[Run]  # the text, without its headline when the page shows that as its title
    quotes: list[QuoteView]
    speakers: list[SpeakerView]
    headline: list[Run] = field(default_factory=list)  # the text's headline line, if any


def headline_span(text: str, title: str | None) -> tuple[int, int] | None:
    """The first line of the text when it is the record's title (the page shows it once,
    as its heading), else None."""
    if not title:
        return None
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end]
    if " ".join(line.split()) != " ".join(title.split()):
        return None
    return (start, start + len(line.rstrip()))


def speaker_key(quote: Quote) -> str | None:
    if quote.speaker is None:
        return None
    return quote.speaker.entity or f"name:{quote.speaker.name.casefold()}"


def colours(record: ArticleRecord) -> dict[str, str]:
    """A colour class per speaker, in order of first quote; beyond the palette they repeat."""
    out: dict[str, str] = {}
    for quote in record.quotes:
        key = speaker_key(quote)
        if key is not None and key not in out:
            out[key] = f"c{len(out) % PALETTE_SIZE}"
    return out


def _quote_view(
    quote: Quote, entities: dict[str, Entity], colour: str, corrected: bool = False
) -> QuoteView:
    entity = entities.get(quote.speaker.entity or "") if quote.speaker else None
    return QuoteView(
        id=quote.id,
        type=quote.type,
        speech_act=quote.speech_act,
        date=quote.date.value if quote.date else None,
        date_text=quote.date.text if quote.date else None,
        speaker=quote.speaker.name if quote.speaker else None,
        speaker_how=quote.speaker.how if quote.speaker else None,
        titles=list(entity.titles) if entity else [],
        affiliation=entity.affiliation if entity else None,
        country=entity.country if entity else None,
        cue=quote.cue.text if quote.cue else None,
        source=quote.source.text if quote.source else None,
        addressee=quote.addressee.name if quote.addressee else None,
        venue=quote.venue,
        colour=colour,
        content=quote.content.text,
        corrected=corrected or (quote.speaker is not None and quote.speaker.how == "corrected"),
        via=quote.via,
    )


def _clip(spans: list[Span], length: int) -> list[Span]:
    return [(max(0, s), min(length, e)) for s, e in spans if min(length, e) > max(0, s)]


def reader_view(record: ArticleRecord, text: str, corrected: Collection[str] = ()) -> ReaderView:
    """``corrected``: ids of quotes whose speaker a user corrected (to nobody, too)."""
    entities = {e.id: e for e in record.entities}
    palette = colours(record)
    views = [
        _quote_view(q, entities, palette.get(speaker_key(q) or "", "c-none"), q.id in corrected)
        for q in record.quotes
    ]
    by_id = {v.id: v for v in views}
    length = len(text)
    # (start, end, what, quote id): quotes, cues, sources, boilerplate, headings
    marks: list[tuple[int, int, str, str]] = []
    for quote in record.quotes:
        marks += [(s, e, "quote", quote.id) for s, e in _clip(quote.content.spans, length)]
        if quote.cue:
            marks += [(s, e, "cue", quote.id) for s, e in _clip(quote.cue.spans, length)]
        if quote.source:
            marks += [(s, e, "source", quote.id) for s, e in _clip(quote.source.spans, length)]
    marks += [(s, e, "boilerplate", "") for s, e in _clip(record.boilerplate, length)]
    marks += [(s, e, "heading", "") for s, e in _clip(record.headings, length)]
    quote_size = {q.id: sum(e - s for s, e in q.content.spans) or 1 for q in record.quotes}

    headline = headline_span(text, record.title)
    head_end, body_start = 0, 0
    if headline is not None:
        head_end = headline[1]
        body_start = len(text) - len(text[head_end:].lstrip())
    cuts = sorted(
        {0, length, head_end, body_start}
        | {s for s, _, _, _ in marks}
        | {e for _, e, _, _ in marks}
    )
    # Sweep: each mark is active on [start, end); events sorted by position.
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for index, (s, e, _, _) in enumerate(marks):
        starts.setdefault(s, []).append(index)
        ends.setdefault(e, []).append(index)
    active: set[int] = set()
    runs: list[Run] = []
    head_runs: list[Run] = []
    anchored: set[str] = set()
    for here, nxt in itertools.pairwise(cuts):
        active.difference_update(ends.get(here, ()))
        active.update(starts.get(here, ()))
        if nxt <= here:
            continue
        target = runs
        if headline is not None and here < body_start:
            if not headline[0] <= here < head_end:
                continue  # the space around the headline
            target = head_runs  # the headline: shown as the page's heading
        kinds = {marks[i][2] for i in active}
        inside = [marks[i][3] for i in active if marks[i][2] == "quote"]
        # Nested or overlapping quotes: the innermost (shortest) one owns the run.
        quote_id = min(inside, key=lambda q: (quote_size[q], q)) if inside else None
        piece = Piece(
            text[here:nxt],
            cue="cue" in kinds,
            source="source" in kinds,
            boilerplate="boilerplate" in kinds,
            heading="heading" in kinds,
        )
        last = target[-1] if target else None
        current = last.quote.id if last and last.quote else None
        if last is not None and current == quote_id:
            last.pieces.append(piece)
            continue
        view = by_id[quote_id] if quote_id is not None else None
        anchor = quote_id is not None and quote_id not in anchored
        if quote_id is not None:
            anchored.add(quote_id)
        target.append(Run(quote=view, anchor=anchor, pieces=[piece]))
    ending: dict[str, Run] = {run.quote.id: run for run in runs if run.quote is not None}
    for run in ending.values():
        run.last = True
    return ReaderView(
        runs=runs, quotes=views, speakers=_speakers(record, palette), headline=head_runs
    )


def _speakers(record: ArticleRecord, palette: dict[str, str]) -> list[SpeakerView]:
    entities = {e.id: e for e in record.entities}
    out: list[SpeakerView] = []
    for source in record.sourcing.sources:
        key = source.entity or f"name:{source.name.casefold()}"
        entity = entities.get(source.entity or "")
        out.append(
            SpeakerView(
                name=source.name,
                colour=palette.get(key, "c-none"),
                kind=source.kind,
                titles=list(entity.titles) if entity else [],
                affiliation=source.affiliation,
                country=source.country,
                direct=source.direct,
                reported=source.reported,
                entity=source.entity,
            )
        )
    return out
