"""Export quotes as JSON Lines, CSV or Parquet: one row per quote, with its article and
speaker. Rows are streamed from the database; a file path is written atomically."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import ColumnElement, Connection, func

from onrecord.corpus.store.errors import StoreError
from onrecord.corpus.store.query import Filters, corrected, newest_first, quote_select
from onrecord.corpus.store.schema import articles, quotes, speakers

FORMATS = ("jsonl", "csv", "parquet")
BATCH = 1000

_speaker_name = func.coalesce(speakers.c.name, quotes.c.speaker_name)
_sentence = func.substr(
    articles.c.text, quotes.c.sentence_start + 1, quotes.c.sentence_end - quotes.c.sentence_start
)

# (column name, SQL expression, kind) — kind: str | int | float | bool | json (a list)
FIELDS: tuple[tuple[str, ColumnElement[Any], str], ...] = (
    ("quote_id", quotes.c.id, "int"),
    ("doc_id", articles.c.doc_id, "str"),
    ("quote", quotes.c.key, "str"),
    ("type", quotes.c.type, "str"),
    ("speech_act", quotes.c.speech_act, "str"),
    ("plover", quotes.c.plover, "str"),
    ("content", quotes.c.content_text, "str"),
    ("spans", quotes.c.spans_json, "json"),
    ("cue", quotes.c.cue_text, "str"),
    ("cue_lemma", quotes.c.cue_lemma, "str"),
    ("source", quotes.c.source_text, "str"),
    ("addressee", quotes.c.addressee_name, "str"),
    ("venue", quotes.c.venue, "str"),
    ("date", quotes.c.date_value, "str"),
    ("date_text", quotes.c.date_text, "str"),
    ("statement_date", quotes.c.statement_date, "str"),
    ("confidence", quotes.c.confidence, "float"),
    ("sentence", _sentence, "str"),
    ("sentence_start", quotes.c.sentence_start, "int"),
    ("sentence_end", quotes.c.sentence_end, "int"),
    ("speaker_id", quotes.c.speaker_id, "int"),
    ("speaker", _speaker_name, "str"),
    ("speaker_in_article", quotes.c.speaker_name, "str"),
    # true when a user corrected the speaker (onrecord correct): speaker_in_article is then
    # the name given, not the analysis's
    ("speaker_corrected", corrected.element, "bool"),
    ("speaker_type", speakers.c.type, "str"),
    ("speaker_country", speakers.c.country, "str"),
    ("speaker_affiliation", speakers.c.affiliation, "str"),
    ("speaker_titles", speakers.c.titles_json, "json"),
    ("title", articles.c.title, "str"),
    ("published", articles.c.published, "str"),
    ("outlet", articles.c.outlet, "str"),
    ("url", articles.c.url, "str"),
    ("origin", articles.c.origin, "str"),
    ("language", articles.c.language, "str"),
    ("text_sha256", articles.c.text_sha256, "str"),
)
COLUMNS = tuple(name for name, _, _ in FIELDS)


def _rows(conn: Connection, filters: Filters) -> Iterator[dict[str, Any]]:
    """The rows to export; the query is built (and the filters checked) before it returns."""
    stmt = quote_select(conn, filters, [expr.label(name) for name, expr, _ in FIELDS])
    if stmt is None:
        return iter(())
    json_fields = [name for name, _, kind in FIELDS if kind == "json"]
    result = conn.execute(newest_first(stmt).execution_options(yield_per=BATCH))

    def generate() -> Iterator[dict[str, Any]]:
        for row in result.mappings():
            item = dict(row)
            item["speaker_corrected"] = bool(item["speaker_corrected"])
            for name in json_fields:
                item[name] = json.loads(item[name]) if item[name] is not None else None
            yield item

    return generate()


def _default_mode() -> int:
    """The mode a new file gets from open(): 0o666 less the umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def _binary_out(out: BinaryIO | str | Path) -> Iterator[BinaryIO]:
    """A regular file (or a new one) is written to a temporary file beside it and put in
    its place at the end, keeping its mode (a new one gets the usual mode); anything else
    (a symlink, a FIFO, a device such as /dev/stdout) is written through, never replaced."""
    if not isinstance(out, str | Path):
        yield out
        return
    path = Path(out)
    try:
        info = path.stat() if path.exists() else None
    except OSError as err:
        raise StoreError(f"cannot write {path}: {err.strerror or err}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise StoreError(f"cannot write {path}: it is a directory; give a file name")
    if path.is_symlink() or (info is not None and not stat.S_ISREG(info.st_mode)):
        try:
            handle = open(path, "wb")  # noqa: SIM115 - closed below
        except OSError as err:
            raise StoreError(f"cannot write {path}: {err.strerror or err}") from None
        with handle:
            yield handle
        return
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    except OSError as err:
        raise StoreError(f"cannot write {path}: {err.strerror or err}") from None
    try:
        os.chmod(temp, stat.S_IMODE(info.st_mode) if info is not None else _default_mode())
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _write_jsonl(rows: Iterator[dict[str, Any]], out: BinaryIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
        count += 1
    return count


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula ("=HYPERLINK(...)", "@SUM",
    "+1", "-1") gets a leading apostrophe, which spreadsheets show as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_csv(rows: Iterator[dict[str, Any]], out: BinaryIO) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.DictWriter(text, fieldnames=COLUMNS)
        writer.writeheader()
        count = 0
        for row in rows:
            writer.writerow(
                {
                    k: csv_cell(json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v)
                    for k, v in row.items()
                }
            )
            count += 1
        text.flush()
        return count
    finally:
        text.detach()


def _arrow_schema() -> Any:
    import pyarrow as pa

    types = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
    }
    fields = []
    for name, _, kind in FIELDS:
        if kind == "json":
            value = pa.list_(pa.list_(pa.int64())) if name == "spans" else pa.list_(pa.string())
            fields.append(pa.field(name, value))
        else:
            fields.append(pa.field(name, types[kind]))
    return pa.schema(fields)


def _write_parquet(rows: Iterator[dict[str, Any]], out: BinaryIO) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema()
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


_WRITERS: dict[str, Callable[[Iterator[dict[str, Any]], BinaryIO], int]] = {
    "jsonl": _write_jsonl,
    "csv": _write_csv,
    "parquet": _write_parquet,
}


def export(conn: Connection, fmt: str, out: BinaryIO | str | Path, filters: Filters) -> int:
    writer = _WRITERS.get(fmt.lower().lstrip("."))
    if writer is None:
        raise StoreError(f"unknown export format {fmt!r}; use {', '.join(FORMATS)}")
    rows = _rows(conn, filters)
    try:
        with _binary_out(out) as handle:
            return writer(rows, handle)
    except OSError as err:
        raise StoreError(f"cannot write {out}: {err.strerror or err}") from None
