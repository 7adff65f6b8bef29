"""Record assembly: from the layers' plain data to the validated article record."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import cast

from onrecord.lexicon import Lexicon
from onrecord.pipeline.acts import speech_act
from onrecord.pipeline.entities import EntityIndex
from onrecord.pipeline.occasions import Occasion
from onrecord.pipeline.quotes.extractor import RawQuote
from onrecord.pipeline.speakers import Speaker
from onrecord.record import (
    ArticleRecord,
    Cue,
    DateMention,
    DateRef,
    Entity,
    EntityRef,
    Quote,
    Sourcing,
    Span,
    SpeakerHow,
    SpeakerRef,
    TextSpans,
    text_sha256,
)


def text_of(text: str, spans: Sequence[Span]) -> str:
    return " ".join(text[s:e] for s, e in spans)


def _text_spans(text: str, spans: Sequence[Span]) -> TextSpans:
    ordered = sorted(spans)
    return TextSpans(spans=ordered, text=text_of(text, ordered))


def entity_ids(
    index: EntityIndex, referenced: set[int], *, headline: Span | None = None
) -> dict[int, str]:
    """Record ids of the entities kept; places that are not political bodies only if they
    speak; names found only in the headline only if they speak.

    A headline is written in title case ("Shutdown Deadline Nears"), which the tagger reads
    as names: what it finds there alone is not an entity of the article.
    """

    def headline_only(number: int) -> bool:
        if headline is None:
            return False
        start, end = headline
        mentions = index.entities[number].mentions
        return bool(mentions) and all(start <= m.start and m.end <= end for m in mentions)

    kept = [
        number
        for number, draft in enumerate(index.entities)
        if number in referenced or (draft.label != "LOC" and not headline_only(number))
    ]
    return {number: f"e{position + 1}" for position, number in enumerate(kept)}


def build_entities(index: EntityIndex, ids: dict[int, str]) -> list[Entity]:
    entities: list[Entity] = []
    for number, entity_id in ids.items():
        draft = index.entities[number]
        names = list(dict.fromkeys(_composed(n) for n in [*draft.forms, *draft.descriptions]))
        entities.append(
            Entity(
                id=entity_id,
                type=draft.type,
                name=_composed(draft.name),
                aliases=names,
                titles=draft.titles,
                affiliation=draft.affiliation,
                country=draft.country,
                mentions=sorted({(m.start, m.end) for m in draft.mentions}),
            )
        )
    return entities


def build_quotes(
    text: str,
    raw: Sequence[RawQuote],
    speakers: Sequence[Speaker],
    occasions: Sequence[Occasion],
    token_span: Callable[[tuple[int, int]], Span],
    ids: dict[int, str],
    index: EntityIndex,
    lexicon: Lexicon,
) -> list[Quote]:
    quotes: list[Quote] = []
    for number, (quote, speaker, occasion) in enumerate(zip(raw, speakers, occasions, strict=True)):
        cue = _cue(text, quote)
        source = _text_spans(text, [token_span(quote.source)]) if quote.source else None
        speaker_ref = _speaker_ref(speaker, ids, index)
        pattern = quote.cue.pattern if quote.cue is not None else None
        cue_act = pattern.act if pattern else None
        cue_plover = pattern.plover if pattern else None
        if cue_act == "statement" and quote.governing is not None:
            cue_act, cue_plover = quote.governing.pattern.act, quote.governing.pattern.plover
        act, plover = speech_act(
            cue_act, cue_plover, text_of(text, quote.content), occasion.venue_noun, lexicon
        )
        reporting = occasion.follows is not None and quotes[occasion.follows].speech_act == "report"
        if cue_act in (None, "statement") and reporting:
            act, plover = "report", None  # a report goes on: "the head of the department said"
        quotes.append(
            Quote(
                id=f"q{number + 1}",
                type=quote.type,
                content=_text_spans(text, quote.content),
                cue=cue,
                source=source,
                speaker=speaker_ref,
                addressee=_ref(occasion.addressee, ids, index),
                venue=occasion.venue,
                via=occasion.via,
                date=(
                    DateRef(
                        value=occasion.date.value,
                        text=occasion.date.text,
                        spans=[(occasion.date.start, occasion.date.end)],
                    )
                    if occasion.date is not None and occasion.date.value is not None
                    else None
                ),
                speech_act=act,
                plover=plover,
                confidence=quote.confidence,
            )
        )
    return quotes


def _ref(speaker: Speaker | None, ids: dict[int, str], index: EntityIndex) -> EntityRef | None:
    if speaker is None or not speaker.name:
        return None
    if speaker.entity is None:
        return EntityRef(entity=None, name=_composed(speaker.name))
    name = _composed(index.entities[speaker.entity].name)
    return EntityRef(entity=ids.get(speaker.entity), name=name)


def _composed(name: str) -> str:
    """A name as one character per accented letter: the parser saw mended mojibake as a
    letter and a combining accent (onrecord.text.mojibake)."""
    return unicodedata.normalize("NFC", name)


def _speaker_ref(speaker: Speaker, ids: dict[int, str], index: EntityIndex) -> SpeakerRef | None:
    """The speaker's reference, with how the source mention was resolved to it."""
    ref = _ref(speaker, ids, index)
    if ref is None:
        return None
    # Validated: a value the record does not define is an error, not silently dropped.
    return SpeakerRef(entity=ref.entity, name=ref.name, how=cast(SpeakerHow | None, speaker.how))


def _cue(text: str, quote: RawQuote) -> Cue | None:
    if quote.cue_span is None:
        return None
    spans = [quote.cue_span]
    cue_text = text_of(text, spans)
    lemma = " ".join(quote.cue.pattern.lemmas) if quote.cue is not None else cue_text.lower()
    return Cue(spans=spans, text=cue_text, lemma=lemma)


def build_record(
    *,
    text: str,
    doc_id: str,
    title: str | None,
    published: str | None,
    language: str,
    quotes: list[Quote],
    entities: list[Entity],
    dates: list[DateMention],
    boilerplate: list[Span],
    headings: list[Span],
    source_profile: Sourcing,
) -> ArticleRecord:
    return ArticleRecord(
        doc_id=doc_id,
        title=title,
        published=published,
        language=language,
        text_sha256=text_sha256(text),
        quotes=quotes,
        entities=entities,
        dates=dates,
        boilerplate=boilerplate,
        headings=headings,
        sourcing=source_profile,
    )
