"""Article records as Parquet files, partitioned by publication date.

Layout under the output folder (Hive partitioning, read back with
``pyarrow.dataset.dataset(folder, partitioning="hive")``, pandas, DuckDB, Spark or
``ray.data.read_parquet``)::

    date=2016-09-12/part-<run>-00000.parquet   articles published that day
    date=undated/part-<run>-00001.parquet      articles without a publication date
    _failures/part-<run>.parquet               inputs that could not be read or analysed

Each file is written whole under a hidden name and then renamed, so a killed run leaves
only complete files (readers skip names starting with "." or "_"); rows are buffered and
written every ``flush_rows`` articles. A rerun skips the texts already in the folder.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from onrecord.corpus.store.models import StoredArticle

PARTITION = "date"
UNDATED = "undated"
FAILURES = "_failures"

RECORD_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("origin", pa.string()),
        ("text_sha256", pa.string()),
        ("published", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("language", pa.string()),
        ("quotes", pa.int32()),
        ("text", pa.large_string()),
        ("record", pa.large_string()),  # the whole record as JSON (schema onrecord.article/1)
    ]
)
FAILURE_SCHEMA = pa.schema([("origin", pa.string()), ("reason", pa.string())])


def record_row(article: StoredArticle) -> dict[str, Any]:
    record = article.record
    return {
        "doc_id": record.doc_id,
        "origin": article.origin,
        "text_sha256": record.text_sha256,
        "published": record.published,
        "title": record.title,
        "url": article.url,
        "outlet": article.outlet,
        "language": record.language,
        "quotes": len(record.quotes),
        "text": article.text,
        "record": record.to_json(),
    }


def stored_hashes(folder: str | Path) -> set[str]:
    """The text hashes of the records already written under ``folder`` (none if it is new)."""
    import pyarrow.dataset as ds

    root = Path(folder)
    if not root.is_dir() or not any(root.rglob("*.parquet")):
        return set()
    dataset = ds.dataset(root, format="parquet", partitioning="hive")
    return set(dataset.to_table(columns=["text_sha256"]).column("text_sha256").to_pylist())


class ParquetRecords:
    """Writes records (and failures) under one folder; see the module docstring."""

    def __init__(self, folder: str | Path, *, flush_rows: int = 1000) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.flush_rows = flush_rows
        self.run = f"{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}"
        self.rows_written = 0
        self.files: list[Path] = []
        self._buffers: dict[str, list[dict[str, Any]]] = {}
        self._buffered = 0
        self._failures: list[dict[str, str]] = []
        self._sequence = 0

    def add(self, articles: Sequence[StoredArticle]) -> None:
        for article in articles:
            day = article.record.published or UNDATED
            self._buffers.setdefault(day, []).append(record_row(article))
        self._buffered += len(articles)
        if self._buffered >= self.flush_rows:
            self.flush()

    def add_failures(self, failures: Sequence[tuple[str, str]]) -> None:
        self._failures.extend({"origin": origin, "reason": reason} for origin, reason in failures)

    def flush(self) -> None:
        for day, rows in self._buffers.items():
            name = f"part-{self.run}-{self._sequence:05d}.parquet"
            self._sequence += 1
            self._write(
                pa.Table.from_pylist(rows, schema=RECORD_SCHEMA), f"{PARTITION}={day}", name
            )
            self.rows_written += len(rows)
        self._buffers.clear()
        self._buffered = 0

    def close(self) -> None:
        self.flush()
        if self._failures:
            failures = pa.Table.from_pylist(self._failures, schema=FAILURE_SCHEMA)
            self._write(failures, FAILURES, f"part-{self.run}.parquet")
            self._failures = []

    def _write(self, data: pa.Table, subfolder: str, name: str) -> None:
        folder = self.folder / subfolder
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{name}.partial"
        pq.write_table(data, partial, compression="zstd")
        os.replace(partial, folder / name)
        self.files.append(folder / name)

    def __enter__(self) -> ParquetRecords:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()  # what was analysed before an error is kept
