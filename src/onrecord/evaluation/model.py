"""The plain data the evaluation works on: gold documents and quotes reduced to what is scored."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from onrecord.record import Span

Spans = tuple[Span, ...]

#: Attributes a gold source may annotate besides spans (``GoldDoc.annotated`` lists which).
ANNOTATABLE = frozenset({"type", "speaker", "speech_act", "date"})


def normalize_spans(spans: Iterable[Iterable[int]]) -> Spans:
    """Sort spans, drop empty ones and merge spans that overlap or touch.

    Two span lists that cover the same characters compare equal after this.
    """
    cleaned = sorted((int(s), int(e)) for s, e in (tuple(sp) for sp in spans) if int(e) > int(s))
    merged: list[list[int]] = []
    for start, end in cleaned:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


@dataclass(frozen=True)
class EvalQuote:
    """One quote, gold or predicted, as the metrics see it.

    Span tuples are normalised (sorted, merged); an empty tuple means "none" (no cue, no source).
    ``speaker_aliases`` holds the other names of the speaker's entity, ``speaker_kind`` its type
    (PERSON, ORG, ...) when known. ``date_accepted`` lists every date value counted as right
    (the gold ``date`` itself plus accepted alternatives).
    """

    content: Spans
    cue: Spans = ()
    source: Spans = ()
    type: str | None = None
    speaker: str | None = None
    speaker_aliases: frozenset[str] = frozenset()
    speech_act: str | None = None
    date: str | None = None
    date_accepted: frozenset[str] = frozenset()
    speaker_kind: str | None = None
    id: str | None = None

    def accepts_date(self, value: str | None) -> bool:
        """Whether a predicted date value counts as right against this (gold) quote."""
        return value is not None and (value == self.date or value in self.date_accepted)


@dataclass(frozen=True)
class GoldDoc:
    """One gold-annotated document.

    ``annotated`` names the attributes the gold source annotates (a subset of ``ANNOTATABLE``):
    PolNeAR annotates none of them, the sample gold JSON all of them.
    """

    doc_id: str
    text: str
    published: str | None
    quotes: list[EvalQuote]
    annotated: frozenset[str] = field(default=frozenset())


def span_text(text: str, spans: Spans) -> str:
    """The text a span list covers, pieces joined by a space (as in the record's ``TextSpans``)."""
    return " ".join(text[s:e] for s, e in spans)
