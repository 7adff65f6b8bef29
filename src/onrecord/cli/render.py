"""The plain-text report of one article record, for reading in a terminal."""

from __future__ import annotations

import re
import textwrap

from onrecord.record import ArticleRecord, Entity, Quote

# C0 and C1 controls but tab and newline, and the bidirectional controls (overrides,
# embeddings, isolates and marks), which can make printed text read otherwise than it is
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_WIDTH = 100


def safe(text: str) -> str:
    """Article text with terminal control characters (escapes, bidi overrides) made inert."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _one_line(text: str) -> str:
    return safe(re.sub(r"\s+", " ", text).strip())


def _speaker_line(quote: Quote, entities: dict[str, Entity]) -> str:
    if quote.speaker is None:
        return (
            "unattributed" if quote.source is None else f"unnamed ({_one_line(quote.source.text)})"
        )
    parts = [_one_line(quote.speaker.name)]
    if quote.speaker.how is not None:
        parts[0] += f" (by {quote.speaker.how})"
    entity = entities.get(quote.speaker.entity or "")
    if entity is not None:
        if entity.titles:
            parts.append(_one_line(entity.titles[0]))
        if entity.affiliation and not any(entity.affiliation in t for t in entity.titles[:1]):
            parts.append(_one_line(entity.affiliation))
        if entity.country:
            parts.append(entity.country)
    return ", ".join(parts)


def counted(number: int, noun: str) -> str:
    """ "1 article", "2 articles", "0 articles"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def format_record(record: ArticleRecord) -> str:
    entities = {e.id: e for e in record.entities}
    counts: dict[str, int] = {}
    for quote in record.quotes:
        counts[quote.type] = counts.get(quote.type, 0) + 1
    kinds = ", ".join(f"{n} {t}" for t, n in sorted(counts.items())) or "none"
    lines = [
        f"{safe(record.doc_id)}: {counted(len(record.quotes), 'quote')} ({kinds}), "
        f"{counted(record.sourcing.distinct_sources, 'source')}",
    ]
    if record.title:
        lines.append(f"title: {_one_line(record.title)}")
    if record.published:
        lines.append(f"published: {record.published}")
    lines.append("")
    wrapper = textwrap.TextWrapper(width=_WIDTH, initial_indent="    ", subsequent_indent="    ")
    for quote in record.quotes:
        header = f"{quote.id:<4} {quote.type} · {quote.speech_act}"
        if quote.date is not None:
            header += f" · {quote.date.value}"
        lines.append(header)
        lines.append(f"    speaker: {_speaker_line(quote, entities)}")
        frame = []
        if quote.cue is not None:
            frame.append(f'cue "{_one_line(quote.cue.text)}"')
        if quote.source is not None:
            frame.append(f'source "{_one_line(quote.source.text)}"')
        if quote.addressee is not None:
            frame.append(f"to {_one_line(quote.addressee.name)}")
        if quote.venue:
            frame.append(_one_line(quote.venue))
        if quote.via:
            frame.append(f"via {_one_line(quote.via)}")
        if frame:
            lines.extend(wrapper.wrap(" · ".join(frame)))
        lines.extend(wrapper.wrap(_one_line(quote.content.text)))
        lines.append("")
    sourcing = record.sourcing
    lines.append("People and bodies quoted")
    if not sourcing.sources:
        lines.append("    none")
    for source in sorted(sourcing.sources, key=lambda s: -(s.direct + s.reported)):
        entity = entities.get(source.entity or "")
        details: list[str] = [source.kind]
        if entity is not None and entity.titles:
            details.append(_one_line(entity.titles[0]))
        if source.affiliation and not any(source.affiliation in d for d in details):
            details.append(_one_line(source.affiliation))
        if source.country:
            details.append(source.country)
        lines.append(
            f"    {_one_line(source.name)} ({'; '.join(details)}): "
            f"{source.direct} direct, {source.reported} reported"
        )
    for label, grouped in (("kind", sourcing.by_kind), ("country", sourcing.by_country)):
        if grouped:
            parts = [
                f"{safe(key)} {c.sources} ({c.direct} direct, {c.reported} reported)"
                for key, c in sorted(grouped.items(), key=lambda kv: -kv[1].sources)
            ]
            lines.append(f"    by {label}: " + "; ".join(parts))
    if sourcing.unnamed:
        lines.append(f"    unnamed sources: {counted(sourcing.unnamed, 'statement')}")
    if sourcing.hedges:
        hedged = ", ".join(f'"{safe(h.text)}" ({h.quote})' for h in sourcing.hedges)
        lines.append(f"    hedges: {hedged}")
    if sourcing.direct_share is not None:
        lines.append(
            f"    {sourcing.direct} direct/mixed/partial and {sourcing.reported} reported "
            f"statements ({sourcing.direct_share:.0%} direct)"
        )
    return "\n".join(lines) + "\n"
