"""Read gold annotations in the sample format (``<stem>.gold.json`` next to ``<stem>.txt``).

A quote's ``content``, ``cue`` and ``source`` are ``{"spans": [[s, e], ...]}`` or null; its
``speaker`` is ``{"name", ...}`` or null and is looked up by name in ``entities`` for aliases.
Accepted alternative dates come from three places, all optional and merged: a quote's own
``date_alternatives`` list, the file's top-level ``date_alternatives`` mapping (``date_text`` ->
values) and the caller's mapping of the same shape.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from onrecord.errors import InputError
from onrecord.evaluation.model import ANNOTATABLE, EvalQuote, GoldDoc, Spans, normalize_spans
from onrecord.evaluation.textfile import read_text

GOLD_SUFFIX = ".gold.json"

DateAlternatives = Mapping[str, Sequence[str]]


def is_gold_json_dir(path: Path) -> bool:
    return path.is_dir() and any(path.glob(f"*{GOLD_SUFFIX}"))


def load_gold_json_dir(
    path: Path, date_alternatives: DateAlternatives | None = None
) -> list[GoldDoc]:
    return [load_gold_json(p, date_alternatives) for p in sorted(path.glob(f"*{GOLD_SUFFIX}"))]


def load_gold_json(path: Path, date_alternatives: DateAlternatives | None = None) -> GoldDoc:
    """Read one gold JSON file; its text is its ``"text"`` key or the sibling ``.txt`` file."""
    try:
        data = json.loads(read_text(path))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read gold JSON {path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("quotes"), list):
        raise InputError(f"{path}: not a gold annotation (expected an object with a 'quotes' list)")
    stem = path.name.removesuffix(GOLD_SUFFIX).removesuffix(".json")
    text = data.get("text")
    if not isinstance(text, str):
        text_path = path.with_name(f"{stem}.txt")
        if not text_path.is_file():
            raise InputError(f"{path}: no 'text' key and no article text at {text_path}")
        text = read_text(text_path)
    try:
        return gold_doc_from_dict(data, text, default_id=stem, date_alternatives=date_alternatives)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{path}: malformed gold annotation: {exc!r}") from exc


def gold_doc_from_dict(
    data: Mapping[str, Any],
    text: str,
    *,
    default_id: str,
    date_alternatives: DateAlternatives | None = None,
) -> GoldDoc:
    """Build a ``GoldDoc`` from a parsed gold JSON object and its article text."""
    alternatives = merge_date_alternatives(data.get("date_alternatives") or {}, date_alternatives)
    entities = {e["name"]: e for e in data.get("entities", [])}
    raw_quotes: list[Mapping[str, Any]] = data["quotes"]
    quotes = [_quote(q, entities, alternatives) for q in raw_quotes]
    annotated = frozenset(
        key for key in ANNOTATABLE if raw_quotes and all(key in q for q in raw_quotes)
    )
    return GoldDoc(
        doc_id=str(data.get("doc_id") or default_id),
        text=text,
        published=data.get("published"),
        quotes=quotes,
        annotated=annotated,
    )


def merge_date_alternatives(*mappings: DateAlternatives | None) -> dict[str, frozenset[str]]:
    """Union of several ``date_text`` -> accepted values mappings."""
    merged: dict[str, frozenset[str]] = {}
    for mapping in mappings:
        for date_text, values in (mapping or {}).items():
            if isinstance(values, str):
                values = [values]
            merged[date_text] = merged.get(date_text, frozenset()) | frozenset(values)
    return merged


def _spans(obj: Mapping[str, Any] | None) -> Spans:
    return () if obj is None else normalize_spans(obj["spans"])


def _quote(
    q: Mapping[str, Any],
    entities: Mapping[str, Mapping[str, Any]],
    alternatives: Mapping[str, frozenset[str]],
) -> EvalQuote:
    speaker = q.get("speaker")
    name: str | None = speaker.get("name") if isinstance(speaker, Mapping) else speaker
    entity = entities.get(name, {}) if name is not None else {}
    date: str | None = q.get("date")
    accepted = frozenset(q.get("date_alternatives") or ()) | alternatives.get(
        q.get("date_text") or "", frozenset()
    )
    if date is not None:
        accepted |= {date}
    return EvalQuote(
        content=_spans(q["content"]),
        cue=_spans(q.get("cue")),
        source=_spans(q.get("source")),
        type=q.get("type"),
        speaker=name,
        speaker_aliases=frozenset(entity.get("aliases", ())),
        speech_act=q.get("speech_act"),
        date=date,
        date_accepted=accepted,
        speaker_kind=entity.get("type"),
        id=q.get("id"),
    )
