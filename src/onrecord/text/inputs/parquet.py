"""Parquet articles: a table with the columns of FIELDS, one article a row."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from onrecord.text.inputs.items import InputFailure, InputItem
from onrecord.text.inputs.jsonl import FIELDS, fields_item

_PARQUET_BATCH = 256  # rows read at once


def read_parquet(
    path: Path, *, max_chars: int, with_dates: bool
) -> Iterator[InputItem | InputFailure]:
    """The articles of a Parquet file, one a row."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    origin = str(path)
    try:
        table = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as err:
        yield InputFailure(origin, _parquet_reason(err))
        return
    columns = [name for name in FIELDS if name in table.schema_arrow.names]
    if "text" not in columns:
        yield InputFailure(
            origin,
            'no "text" column; a Parquet corpus needs the article text in a "text" column '
            "(and may have id, title, published, url, outlet)",
        )
        return
    number = 0
    try:
        for batch in table.iter_batches(batch_size=_PARQUET_BATCH, columns=columns):
            for row in batch.to_pylist():
                number += 1
                published = row.get("published")
                if isinstance(published, date):  # a date (or timestamp) column
                    row["published"] = published.isoformat()[:10]
                yield fields_item(
                    row,
                    f"{origin}:{number}",
                    f"{path.stem}-{number}",
                    max_chars,
                    with_dates,
                    kind="parquet",
                )
    except (OSError, pa.ArrowException) as err:
        yield InputFailure(f"{origin}:{number + 1}", _parquet_reason(err))
        return
    if number == 0:
        yield InputFailure(origin, "empty file")


def parquet_rows(path: Path) -> int:
    """How many rows a Parquet file holds; 0 when it cannot be read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except (OSError, pa.ArrowException):
        return 0


def _parquet_reason(err: Exception) -> str:
    return f"not a readable Parquet file ({err}); check that the file is whole and is Parquet"
