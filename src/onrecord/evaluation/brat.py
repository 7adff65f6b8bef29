"""Read a PolNeAR-style split directory: ``text/*.txt``, ``attributions/*.ann`` (brat standoff)
and an optional ``metadata.tsv`` (``filename`` and ``publication_date`` columns)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from onrecord.evaluation.model import EvalQuote, GoldDoc, normalize_spans
from onrecord.evaluation.textfile import read_text
from onrecord.record import Span

_ROLE_DIGITS = re.compile(r"\d+$")


@dataclass(frozen=True)
class TextBound:
    """A brat text-bound annotation (``T`` line)."""

    id: str
    type: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Event:
    """A brat event (``E`` line): its type and its ``(role, annotation id)`` arguments."""

    id: str
    type: str
    trigger: str
    args: tuple[tuple[str, str], ...]


def is_brat_split(path: Path) -> bool:
    return path.is_dir() and (path / "text").is_dir() and (path / "attributions").is_dir()


def parse_ann(ann: str) -> tuple[dict[str, TextBound], list[Event]]:
    """Parse brat standoff text into its text-bound annotations and events; other lines are ignored.

    Role names lose trailing digits (``Content2`` -> ``Content``).
    """
    bounds: dict[str, TextBound] = {}
    events: list[Event] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        ann_id, body = fields[0], fields[1]
        if ann_id.startswith("T"):
            ann_type, _, offsets = body.partition(" ")
            spans = tuple(_parse_span(piece) for piece in offsets.split(";"))
            bounds[ann_id] = TextBound(ann_id, ann_type, spans)
        elif ann_id.startswith("E"):
            head, *rest = body.split()
            event_type, _, trigger = head.partition(":")
            args = tuple(
                (_ROLE_DIGITS.sub("", role), target)
                for role, _, target in (arg.partition(":") for arg in rest)
            )
            events.append(Event(ann_id, event_type, trigger, args))
    return bounds, events


def _parse_span(piece: str) -> Span:
    start, end = piece.split()
    return int(start), int(end)


def quotes_from_ann(ann: str) -> list[EvalQuote]:
    """One gold quote per event with a Content argument, in document order.

    Content, cue and source are the spans of all the event's Content, Cue and Source arguments.
    """
    bounds, events = parse_ann(ann)
    quotes: list[EvalQuote] = []
    for event in events:
        by_role: dict[str, list[Span]] = {"Content": [], "Cue": [], "Source": []}
        for role, target in event.args:
            if role in by_role and target in bounds:
                by_role[role].extend(bounds[target].spans)
        if not by_role["Content"]:
            continue
        quotes.append(
            EvalQuote(
                content=normalize_spans(by_role["Content"]),
                cue=normalize_spans(by_role["Cue"]),
                source=normalize_spans(by_role["Source"]),
                id=event.id,
            )
        )
    quotes.sort(key=lambda q: q.content[0])
    return quotes


def read_metadata(path: Path) -> dict[str, str]:
    """``filename`` -> ``publication_date`` from a split's ``metadata.tsv`` (empty if absent)."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {
            row["filename"]: row["publication_date"]
            for row in rows
            if row.get("filename") and row.get("publication_date")
        }


def load_brat_split(path: Path) -> list[GoldDoc]:
    """Every ``text/<name>.txt`` with its ``attributions/<name>.ann``, sorted by name."""
    published = read_metadata(path / "metadata.tsv")
    docs: list[GoldDoc] = []
    for text_path in sorted((path / "text").glob("*.txt")):
        name = text_path.stem
        ann_path = path / "attributions" / f"{name}.ann"
        ann = read_text(ann_path) if ann_path.is_file() else ""
        text = read_text(text_path)
        docs.append(GoldDoc(name, text, published.get(name), quotes_from_ann(ann)))
    return docs
