"""Articles as Arrow rows, as they travel between the stages of a distributed ingest.

One schema for every stage: a row starts as ``new`` (read, not yet analysed), ``failed``
(could not be read: ``reason`` says why) or ``skipped`` (its text is already stored); the
analysis turns ``new`` into ``analysed`` (``record`` holds the record's JSON) or ``failed``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa

from onrecord.corpus.ingest import Outcome
from onrecord.record import ArticleRecord, text_sha256
from onrecord.text.inputs import InputFailure, InputItem

NEW = "new"
SKIPPED = "skipped"
FAILED = "failed"
ANALYSED = "analysed"

SCHEMA = pa.schema(
    [
        ("status", pa.string()),
        ("origin", pa.string()),
        ("reason", pa.string()),
        ("text_sha256", pa.string()),
        ("doc_id", pa.string()),
        ("kind", pa.string()),
        ("title", pa.string()),
        ("published", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("text", pa.large_string()),
        ("record", pa.large_string()),
    ]
)

Row = dict[str, Any]


def input_row(entry: InputItem | InputFailure, known: frozenset[str] | set[str]) -> Row:
    """The row of one input: new, already stored (its hash is in ``known``) or failed."""
    if isinstance(entry, InputFailure):
        return {"status": FAILED, "origin": entry.origin, "reason": entry.reason}
    digest = text_sha256(entry.text)
    return {
        "status": SKIPPED if digest in known else NEW,
        "origin": entry.origin,
        "text_sha256": digest,
        "doc_id": entry.doc_id,
        "kind": entry.kind,
        "title": entry.title,
        "published": entry.published,
        "url": entry.url,
        "outlet": entry.outlet,
        # a skipped text need not travel further
        "text": None if digest in known else entry.text,
    }


def item_of(row: Row) -> InputItem:
    return InputItem(
        origin=row["origin"],
        text=row["text"],
        doc_id=row["doc_id"],
        kind=row["kind"],
        title=row["title"],
        published=row["published"],
        url=row["url"],
        outlet=row["outlet"],
    )


def with_outcome(row: Row, outcome: Outcome) -> Row:
    record, reason = outcome
    if record is None:
        return {**row, "status": FAILED, "reason": reason or "analysis failed"}
    return {**row, "status": ANALYSED, "record": record.to_json()}


def outcome_of(row: Row) -> Outcome:
    """The outcome an analysed or failed row carries."""
    if row["status"] == ANALYSED:
        return ArticleRecord.model_validate_json(row["record"]), None
    return None, row["reason"]


def table(rows: Iterable[Row]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=SCHEMA)


def rows_of(batch: pa.Table) -> Sequence[Row]:
    rows: list[Row] = batch.to_pylist()
    return rows
