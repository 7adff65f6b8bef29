"""Record assembly: from the layers' plain data to the validated article record."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence

from onrecord.acts import speech_act
from onrecord.entities import EntityIndex
from onrecord.extract import RawQuote
from onrecord.lexicon import Lexicon
from onrecord.occasions import Occasion
from onrecord.record import (
    ArticleRecord,
    Cue,
    DateMention,
    DateRef,
    Entity,
    EntityRef,
    Quote,
    SourceProfile,
    Sourcing,
    TextSpans,
)
from onrecord.speakers import Speaker

Span = tuple[int, int]

_DIRECT_TYPES = frozenset({"direct", "mixed", "partial"})
_ORG_KINDS = {"media": "journalist", "research": "expert", "legislature": "legislator"}


def text_of(text: str, spans: Sequence[Span]) -> str:
    return " ".join(text[s:e] for s, e in spans)


def _text_spans(text: str, spans: Sequence[Span]) -> TextSpans:
    ordered = sorted(spans)
    return TextSpans(spans=ordered, text=text_of(text, ordered))


def entity_ids(index: EntityIndex, referenced: set[int]) -> dict[int, str]:
    """Record ids of the entities kept; places that are not political bodies only if they speak."""
    kept = [
        number
        for number, draft in enumerate(index.entities)
        if draft.label != "LOC" or number in referenced
    ]
    return {number: f"e{position + 1}" for position, number in enumerate(kept)}


def build_entities(index: EntityIndex, ids: dict[int, str]) -> list[Entity]:
    entities: list[Entity] = []
    for number, entity_id in ids.items():
        draft = index.entities[number]
        names = list(dict.fromkeys([*draft.forms, *draft.descriptions]))
        entities.append(
            Entity(
                id=entity_id,
                type=draft.type,
                name=draft.name,
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
    lexicon: Lexicon,
) -> list[Quote]:
    quotes: list[Quote] = []
    for number, (quote, speaker, occasion) in enumerate(zip(raw, speakers, occasions, strict=True)):
        cue = _cue(text, quote)
        source = _text_spans(text, [token_span(quote.source)]) if quote.source else None
        speaker_ref = (
            EntityRef(
                entity=ids.get(speaker.entity) if speaker.entity is not None else None,
                name=speaker.name,
            )
            if speaker.name
            else None
        )
        pattern = quote.cue.pattern if quote.cue is not None else None
        cue_act = pattern.act if pattern else None
        cue_plover = pattern.plover if pattern else None
        if cue_act == "statement" and quote.governing is not None:
            cue_act, cue_plover = quote.governing.pattern.act, quote.governing.pattern.plover
        act, plover = speech_act(
            cue_act, cue_plover, text_of(text, quote.content), occasion.venue_noun, lexicon
        )
        if cue_act in (None, "statement") and occasion.follows is not None:
            if quotes[occasion.follows].speech_act == "report":
                act, plover = "report", None  # a report goes on: "the head of the department said"
        quotes.append(
            Quote(
                id=f"q{number + 1}",
                type=quote.type,
                content=_text_spans(text, quote.content),
                cue=cue,
                source=source,
                speaker=speaker_ref,
                addressee=_ref(occasion.addressee, ids),
                venue=occasion.venue,
                date=(
                    DateRef(
                        value=occasion.date.value,
                        text=occasion.date.text,
                        spans=[(occasion.date.start, occasion.date.end)],
                    )
                    if occasion.date is not None and occasion.date.value is not None
                    else None
                ),
                speech_act=act,  # type: ignore[arg-type]
                plover=plover,  # type: ignore[arg-type]
                confidence=quote.confidence,
            )
        )
    return quotes


def _ref(speaker: Speaker | None, ids: dict[int, str]) -> EntityRef | None:
    if speaker is None or not speaker.name:
        return None
    return EntityRef(
        entity=ids.get(speaker.entity) if speaker.entity is not None else None, name=speaker.name
    )


def _cue(text: str, quote: RawQuote) -> Cue | None:
    if quote.cue_span is None:
        return None
    spans = [quote.cue_span]
    cue_text = text_of(text, spans)
    lemma = " ".join(quote.cue.pattern.lemmas) if quote.cue is not None else cue_text.lower()
    return Cue(spans=spans, text=cue_text, lemma=lemma)


def sourcing(
    quotes: Sequence[Quote], index: EntityIndex, ids: dict[int, str], lexicon: Lexicon
) -> Sourcing:
    by_id = {entity_id: number for number, entity_id in ids.items()}
    profiles: dict[str, SourceProfile] = {}
    unnamed = 0
    for quote in quotes:
        direct = quote.type in _DIRECT_TYPES
        if quote.speaker is None:
            if quote.source is not None:
                unnamed += 1
            continue
        key = quote.speaker.entity or quote.speaker.name
        profile = profiles.get(key)
        if profile is None:
            draft = index.entities[by_id[quote.speaker.entity]] if quote.speaker.entity else None
            kind = "other"
            affiliation = country = None
            if draft is not None:
                affiliation, country = draft.affiliation, draft.country
                if draft.type == "PERSON":
                    kinds = [lexicon.title_kind(t) for t in draft.titles]
                    kind = next((k for k in kinds if k), "other")
                elif draft.type == "GPE":
                    kind = "state"
                else:
                    org = lexicon.organisations.get(draft.name)
                    kind = _ORG_KINDS.get(org.kind, "organisation") if org else "organisation"
            profile = SourceProfile(
                name=quote.speaker.name,
                entity=quote.speaker.entity,
                kind=kind,
                affiliation=affiliation,
                country=country,
                direct=0,
                reported=0,
            )
            profiles[key] = profile
        if direct:
            profile.direct += 1
        else:
            profile.reported += 1
    sources = list(profiles.values())
    direct_total = sum(1 for q in quotes if q.type in _DIRECT_TYPES)
    reported_total = len(quotes) - direct_total
    return Sourcing(
        distinct_sources=len(sources),
        sources=sources,
        by_kind=dict(Counter(s.kind for s in sources)),
        by_country=dict(Counter(s.country for s in sources if s.country)),
        by_affiliation=dict(Counter(s.affiliation for s in sources if s.affiliation)),
        direct=direct_total,
        reported=reported_total,
        direct_share=round(direct_total / len(quotes), 3) if quotes else None,
        unnamed=unnamed,
        hedges=[],
    )


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
        text_sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        quotes=quotes,
        entities=entities,
        dates=dates,
        boilerplate=boilerplate,
        headings=headings,
        sourcing=source_profile,
    )
