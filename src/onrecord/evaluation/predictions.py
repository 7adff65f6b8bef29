"""Turn predicted article records into evaluation quotes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from pydantic import ValidationError

from onrecord.errors import InputError
from onrecord.evaluation.model import EvalQuote, normalize_spans
from onrecord.evaluation.textfile import read_text
from onrecord.record import ArticleRecord, Entity, Quote


def quotes_from_record(record: ArticleRecord) -> list[EvalQuote]:
    """The record's quotes, each with its speaker's entity aliases and type attached."""
    entities = {entity.id: entity for entity in record.entities}
    return [_quote(q, entities) for q in record.quotes]


def predictions_from_records(records: Iterable[ArticleRecord]) -> dict[str, list[EvalQuote]]:
    """``doc_id`` -> quotes for records already in memory; a repeated ``doc_id`` is an error."""
    predictions: dict[str, list[EvalQuote]] = {}
    for record in records:
        if record.doc_id in predictions:
            raise InputError(f"two predicted records for doc_id {record.doc_id!r}")
        predictions[record.doc_id] = quotes_from_record(record)
    return predictions


def load_predictions(path: str | Path) -> dict[str, list[EvalQuote]]:
    """Read predicted records: a JSONL file (one record a line), a JSON file with one record, or
    a directory of ``*.json`` record files. Keyed by each record's ``doc_id``."""
    return predictions_from_records(read_records(Path(path)))


def read_records(path: Path) -> list[ArticleRecord]:
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise InputError(f"{path}: no *.json record files")
        return [_parse(read_text(p), f"{p}") for p in files]
    if not path.is_file():
        raise InputError(f"{path}: no such predictions file or directory")
    content = read_text(path)
    if path.suffix == ".jsonl":
        return [
            _parse(line, f"{path}:{number}")
            for number, line in enumerate(content.split("\n"), start=1)
            if line.strip()
        ]
    return [_parse(content, f"{path}")]


def _parse(raw: str, where: str) -> ArticleRecord:
    try:
        return ArticleRecord.model_validate_json(raw)
    except ValidationError as exc:
        raise InputError(f"{where}: not a valid article record: {exc}") from exc


def _quote(q: Quote, entities: Mapping[str, Entity]) -> EvalQuote:
    speaker = q.speaker
    entity = entities.get(speaker.entity) if speaker and speaker.entity else None
    date = q.date.value if q.date is not None else None
    return EvalQuote(
        content=normalize_spans(q.content.spans),
        cue=normalize_spans(q.cue.spans) if q.cue is not None else (),
        source=normalize_spans(q.source.spans) if q.source is not None else (),
        type=q.type,
        speaker=speaker.name if speaker is not None else None,
        speaker_aliases=frozenset([*entity.aliases, entity.name]) if entity else frozenset(),
        speech_act=q.speech_act,
        date=date,
        date_accepted=frozenset() if date is None else frozenset({date}),
        speaker_kind=entity.type if entity else None,
        id=q.id,
    )
