"""The Ray engine: the local ingest's reading and analysis on a Ray cluster, with Ray Data.

    files (found here) ─▶ read where they run ─▶ analyse in an actor pool ─▶ here: Parquet,
                           (map_batches, tasks)   (each actor loads spaCy     database, or both
                                                   once; map_batches)

The files are found on this machine and read by Ray tasks, so on a cluster every node must
see them at the same path (a shared or network file system). Texts already in the output
(the database, or the Parquet folder) are skipped before analysis, so a rerun continues
where an interrupted one stopped. Records come back here in input order and are written
in batches: to the database one transaction per batch (as the local engine does), to
Parquet partitioned by publication date (see ``onrecord.corpus.engines.parquet_out``).
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa

from onrecord.corpus.engines import EngineError, require_ray
from onrecord.corpus.engines.parquet_out import ParquetRecords, stored_hashes
from onrecord.corpus.engines.rows import (
    ANALYSED,
    FAILED,
    NEW,
    SKIPPED,
    input_row,
    item_of,
    outcome_of,
    rows_of,
    table,
    with_outcome,
)
from onrecord.corpus.ingest import DEFAULT_BATCH, analyse_articles, classify, stopped
from onrecord.corpus.progress import IngestSummary, Progress
from onrecord.corpus.store import Store, StoredArticle, StoreError
from onrecord.lexicon import Lexicon
from onrecord.pipeline import Analyzer
from onrecord.text.inputs import count_files, discover, read_file, to_article
from onrecord.text.read import DEFAULT_MAX_CHARS

_FILES_PER_READ = 100  # files one read task handles, at most (fewer with few files)
_known_cache: dict[str, frozenset[str]] = {}


# --- what runs on the cluster ----------------------------------------------------------


def _read_files(batch: pa.Table, *, known: Any, max_chars: int, with_dates: bool) -> pa.Table:
    """The rows of the articles in these files (a Ray Data task)."""
    hashes = _resolve(known)
    rows = [
        input_row(entry, hashes)
        for path in batch.column("path").to_pylist()
        for entry in read_file(path, max_chars=max_chars, published_from_metadata=with_dates)
    ]
    return table(rows)


def _resolve(known: Any) -> frozenset[str]:
    """The stored hashes, fetched from the object store once per worker process."""
    import ray

    key = known.hex()
    if key not in _known_cache:
        _known_cache.clear()
        _known_cache[key] = ray.get(known)
    return _known_cache[key]


class AnalysisActor:
    """A Ray Data actor: loads the spaCy pipeline once, then analyses batch after batch."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        analyzer.load()

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = rows_of(batch)
        new = [row for row in rows if row["status"] == NEW]
        articles = [to_article(item_of(row)) for row in new]
        outcomes = iter(analyse_articles(articles, self.analyzer))
        return table(
            with_outcome(row, next(outcomes)) if row["status"] == NEW else row for row in rows
        )


# --- the driver ------------------------------------------------------------------------


def ingest_ray(
    paths: Sequence[str],
    *,
    store: Store | None = None,
    parquet_out: str | Path | None = None,
    address: str | None = None,
    workers: int = 1,
    analyzer: Analyzer | None = None,
    batch_size: int = DEFAULT_BATCH,
    published_from_metadata: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
    report: Callable[[Progress], None] = lambda progress: None,
) -> IngestSummary:
    """Analyse every article under ``paths`` on Ray and store the records in ``store``,
    write them as Parquet under ``parquet_out``, or both.

    ``address`` is that of a running Ray cluster ("auto", "ray://head:10001"); without it
    (and without $RAY_ADDRESS) a Ray instance is started on this machine for the run. If
    Ray is already initialised in this process, that connection is used and left open.
    ``workers`` is the number of analysis actors, each holding one spaCy pipeline and
    ``analyzer``'s lexicon (default: ``Analyzer()``).
    """
    analyzer = analyzer or Analyzer()
    if store is None and parquet_out is None:
        raise EngineError(
            "the ray engine needs somewhere to put the records: a database (--db), a Parquet "
            "folder (--parquet-out), or both"
        )
    ray = require_ray()
    files = discover(paths)  # a path that does not exist is an error before any work
    progress = Progress(total=count_files(paths))
    failures: list[tuple[str, str]] = []
    known = stored_hashes(parquet_out) if parquet_out is not None else set()
    if store is not None:
        known |= store.stored_hashes()
    with _ray_session(ray, address, workers):
        if not files:
            return IngestSummary(progress=progress, failures=failures)
        dataset = _pipeline(
            ray,
            files,
            frozenset(known),
            workers,
            analyzer,
            batch_size,
            max_chars,
            published_from_metadata,
        )
        writer = ParquetRecords(parquet_out) if parquet_out is not None else None
        try:
            _consume(dataset, store, writer, progress, failures, report, analyzer.lexicon)
        except StoreError as err:
            raise type(err)(stopped(err, progress)) from err
        finally:
            if writer is not None:
                writer.close()
    report(progress)
    return IngestSummary(progress=progress, failures=failures)


# Ray's notice that token authentication is off (2.52+) or was turned on for a local
# instance (2.59+) is logged at warning level whatever ray.init's logging_level says: it is
# Ray's business, not the user's, when onrecord runs Ray for them.
RAY_AUTH_LOGGER = "ray._private.authentication"


def ray_init_options(address: str | None, workers: int) -> dict[str, Any]:
    """The ``ray.init`` options for a run: quiet (no dashboard, only Ray's warnings, the
    workers' output kept in Ray's log files rather than copied here), and for a Ray of our
    own on this machine one CPU per analysis actor, at least."""
    options: dict[str, Any] = {
        "include_dashboard": False,
        "logging_level": logging.WARNING,
        "log_to_driver": False,
    }
    if address is None and not os.environ.get("RAY_ADDRESS"):
        options["num_cpus"] = max(workers, os.cpu_count() or 1)
    return options


@contextmanager
def _ray_session(ray: Any, address: str | None, workers: int) -> Iterator[None]:
    if ray.is_initialized():
        yield
        return
    logging.getLogger(RAY_AUTH_LOGGER).setLevel(logging.ERROR)
    try:
        ray.init(address=address, **ray_init_options(address, workers))
    except (ConnectionError, RuntimeError, ValueError) as err:
        raise EngineError(
            f"cannot connect to Ray at {address or os.environ.get('RAY_ADDRESS')}: {err}; "
            "check that the cluster is running (`ray status` on its head node) and the address "
            "(e.g. --address auto on a cluster node, or --address ray://HEAD:10001)"
        ) from None
    try:
        yield
    finally:
        ray.shutdown()


def _pipeline(
    ray: Any,
    files: list[Path],
    known: frozenset[str],
    workers: int,
    analyzer: Analyzer,
    batch_size: int,
    max_chars: int,
    with_dates: bool,
) -> Any:
    blocks = min(len(files), max(2 * workers, math.ceil(len(files) / _FILES_PER_READ)))
    dataset = ray.data.from_items(
        [{"path": str(path)} for path in files], override_num_blocks=blocks
    )
    context = dataset.context
    context.execution_options.preserve_order = True  # records come out as the local engine's
    context.enable_progress_bars = False  # ours is shown instead
    context.print_on_execution_start = False
    context.enable_auto_log_stats = False
    read = dataset.map_batches(
        _read_files,
        batch_size=None,
        batch_format="pyarrow",
        fn_kwargs={
            "known": ray.put(known),
            "max_chars": max_chars,
            "with_dates": with_dates,
        },
        # reading is light: it must not wait for the CPUs the actors hold
        num_cpus=0,
    )
    return read.map_batches(
        AnalysisActor,
        fn_constructor_kwargs={"analyzer": analyzer},
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
    )


def _consume(
    dataset: Any,
    store: Store | None,
    writer: ParquetRecords | None,
    progress: Progress,
    failures: list[tuple[str, str]],
    report: Callable[[Progress], None],
    lexicon: Lexicon,
) -> None:
    seen: set[str] = set()
    for batch in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
        rows = rows_of(batch)
        failed = [(row["origin"], row["reason"]) for row in rows if row["status"] == FAILED]
        done = [row for row in rows if row["status"] == ANALYSED]
        kept, refused = classify(
            [item_of(row) for row in done], [outcome_of(row) for row in done], lexicon
        )
        failed += refused
        fresh: list[StoredArticle] = []
        for article in kept:  # the same text twice in one run: stored once
            if article.record.text_sha256 in seen:
                progress.skipped += 1
                continue
            seen.add(article.record.text_sha256)
            fresh.append(article)
        new = len(fresh)
        if store is not None:
            new = store.add_articles(fresh) if fresh else 0
            if fresh:
                store.resolve_failures(a.origin for a in fresh)
            if failed:
                store.add_failures(failed)
        if writer is not None:
            writer.add(fresh)
            writer.add_failures(failed)
        failures.extend(failed)
        progress.stored += new
        progress.skipped += len(fresh) - new + sum(row["status"] == SKIPPED for row in rows)
        progress.failed += len(failed)
        progress.done += len(rows)
        report(progress)
