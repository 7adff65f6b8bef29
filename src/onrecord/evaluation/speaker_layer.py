"""A speaker layer over a brat split: who really made each attribution.

One ``<doc_id>.speakers.json`` per article (the format of PolNeAR dev's ``speakers/`` folder)::

    {"doc_id": "...",
     "entities": [{"name": "Ilse Marrow", "aliases": ["Marrow", "the Democratic nominee"]}],
     "speakers": {"E1": "Ilse Marrow", "E2": null}}

Keys of ``speakers`` are the brat event ids; a value is an entity's ``name`` or null (no
identifiable speaker). A document with a layer file is scored for speakers; one without is not.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from onrecord.errors import InputError
from onrecord.evaluation.model import EvalQuote, GoldDoc

LAYER_SUFFIX = ".speakers.json"


def read_speaker_layer(folder: Path) -> dict[str, Mapping[str, Any]]:
    """``doc_id`` -> its parsed layer, for every ``*.speakers.json`` in ``folder``."""
    if not folder.is_dir():
        raise InputError(f"{folder}: no such speaker layer folder")
    layers: dict[str, Mapping[str, Any]] = {}
    for path in sorted(folder.glob(f"*{LAYER_SUFFIX}")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read speaker layer {path}: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("speakers"), dict):
            raise InputError(f"{path}: not a speaker layer (expected a 'speakers' object)")
        layers[str(data.get("doc_id") or path.name.removesuffix(LAYER_SUFFIX))] = data
    return layers


def with_speakers(doc: GoldDoc, layer: Mapping[str, Any]) -> GoldDoc:
    """``doc`` with each quote's speaker (and the speaker's aliases) taken from ``layer``."""
    aliases = {
        entity["name"]: frozenset(entity.get("aliases", ()))
        for entity in layer.get("entities", [])
        if isinstance(entity, Mapping) and isinstance(entity.get("name"), str)
    }
    speakers: Mapping[str, str | None] = layer["speakers"]
    quotes = [_with_speaker(quote, speakers, aliases, doc.doc_id) for quote in doc.quotes]
    return replace(doc, quotes=quotes, annotated=doc.annotated | {"speaker"})


def _with_speaker(
    quote: EvalQuote,
    speakers: Mapping[str, str | None],
    aliases: Mapping[str, frozenset[str]],
    doc_id: str,
) -> EvalQuote:
    if quote.id is None or quote.id not in speakers:
        raise InputError(f"{doc_id}: the speaker layer has no entry for {quote.id}")
    name = speakers[quote.id]
    if name is not None and name not in aliases:
        raise InputError(f"{doc_id}: speaker {name!r} of {quote.id} is not one of its entities")
    return replace(
        quote, speaker=name, speaker_aliases=aliases.get(name, frozenset()) if name else frozenset()
    )


def attach_speaker_layer(docs: Sequence[GoldDoc], folder: Path) -> list[GoldDoc]:
    """Every document, those with a layer file in ``folder`` annotated with their speakers."""
    layers = read_speaker_layer(folder)
    return [with_speakers(doc, layers[doc.doc_id]) if doc.doc_id in layers else doc for doc in docs]
