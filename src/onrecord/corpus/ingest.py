"""Corpus ingest: files and folders in, records stored, one committed batch at a time.

Inputs are read and hashed in this process; texts already stored are skipped (so a
rerun after an interruption continues where it stopped); the rest go, in batches, to
worker processes that each load the spaCy pipeline once (each gets the
:class:`~onrecord.pipeline.Analyzer` of the run); every batch of records is
written in one transaction, so killing the process at any moment loses nothing
committed and leaves no half-written article. A document that cannot be read or
analysed becomes a recorded failure with its reason; the batch goes on.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace

from onrecord.article import Article
from onrecord.corpus.progress import IngestSummary, Progress
from onrecord.corpus.store import Store, StoredArticle, StoreError
from onrecord.lexicon import Lexicon
from onrecord.pipeline import Analyzer
from onrecord.record import ArticleRecord, text_sha256
from onrecord.text.inputs import (
    InputFailure,
    InputItem,
    count_files,
    discover,
    iter_inputs,
    to_article,
)
from onrecord.text.language import ENGLISH, not_english
from onrecord.text.read import DEFAULT_MAX_CHARS

DEFAULT_BATCH = 16
# Articles spaCy parses at once inside a batch. The parser's working memory grows with the
# tokens in flight: on PolNeAR dev, 16 at a time peak at 520 MB per process, 4 at 300 MB,
# for about 5 % more CPU (docs/scale.md). Annotations do not depend on it.
PARSE_BATCH = 4
_HASH_LOOKUP = 256  # texts checked against the store at once


# --- analysis, in this process or in workers -------------------------------------------

Outcome = tuple[ArticleRecord | None, str | None]  # (record, or the reason it failed)

_worker_analyzer: Analyzer | None = None


def _init_worker(analyzer: Analyzer) -> None:
    global _worker_analyzer
    _worker_analyzer = analyzer
    analyzer.load()  # once per worker process


def analyse_articles(articles: Sequence[Article], analyzer: Analyzer) -> list[Outcome]:
    """One outcome per article, in order; a failure never takes the others with it."""
    try:
        records = analyzer.analyze_many(articles, batch_size=PARSE_BATCH)
        return [(record, None) for record in records]
    except Exception:  # one bad document must not sink the batch: retry one by one
        outcomes: list[Outcome] = []
        for article in articles:
            try:
                outcomes.append((analyzer.analyze(article), None))
            except Exception as err:
                outcomes.append((None, f"analysis failed ({type(err).__name__}: {err})"))
        return outcomes


def _analyse_in_worker(articles: Sequence[Article]) -> list[Outcome]:
    assert _worker_analyzer is not None, "the pool's initializer gives every worker one"
    return analyse_articles(articles, _worker_analyzer)


# --- the ingest loop -------------------------------------------------------------------


def _dated(item: InputItem | InputFailure, published: str) -> InputItem | InputFailure:
    # a date given on the command line beats a guess from the file name, not metadata
    if isinstance(item, InputItem) and item.dated_by != "metadata":
        return replace(item, published=published, dated_by="--published")
    return item


def _batches(
    inputs: Iterator[InputItem | InputFailure],
    store: Store,
    progress: Progress,
    failures: list[tuple[str, str]],
    batch_size: int,
    report: Callable[[Progress], None],
    reanalyse: bool = False,
) -> Iterator[list[InputItem]]:
    """New items in batches (with ``reanalyse``, stored ones too); failures and
    already-stored texts are counted on the way."""
    pending: list[tuple[InputItem, str]] = []
    batch: list[InputItem] = []
    seen: set[str] = set()

    def flush_pending() -> Iterator[list[InputItem]]:
        nonlocal batch
        known = store.known_hashes(h for _, h in pending)
        for item, digest in pending:
            if digest in seen or (digest in known and not reanalyse):
                progress.skipped += 1
                progress.done += 1
                continue
            seen.add(digest)
            batch.append(item)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        pending.clear()

    for entry in inputs:
        if isinstance(entry, InputFailure):
            failures.append((entry.origin, entry.reason))
            store.add_failures([(entry.origin, entry.reason)])
            progress.failed += 1
            progress.done += 1
            report(progress)
            continue
        pending.append((entry, text_sha256(entry.text)))
        if len(pending) >= _HASH_LOOKUP:
            yield from flush_pending()
            report(progress)
    yield from flush_pending()
    if batch:
        yield batch


def classify(
    items: Sequence[InputItem], outcomes: Sequence[Outcome], lexicon: Lexicon
) -> tuple[list[StoredArticle], list[tuple[str, str]]]:
    """The articles to keep, and the (origin, reason) of those that failed or are not
    English (by the function words of ``lexicon``, the one they were analysed with)."""
    stored: list[StoredArticle] = []
    failed: list[tuple[str, str]] = []
    for item, (record, reason) in zip(items, outcomes, strict=True):
        if record is None:
            failed.append((item.origin, reason or "analysis failed"))
            continue
        if record.language != ENGLISH:
            failed.append((item.origin, not_english(item.text, lexicon.function_words)))
            continue
        stored.append(
            StoredArticle(
                record=record, text=item.text, origin=item.origin, url=item.url, outlet=item.outlet
            )
        )
    return stored, failed


@dataclass(slots=True)
class _Run:
    """One ingest or re-analysis: where records go, what analyses them, what it did."""

    store: Store
    analyzer: Analyzer
    report: Callable[[Progress], None]
    progress: Progress
    reanalyse: bool = False
    failures: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> IngestSummary:
        return IngestSummary(progress=self.progress, failures=self.failures)

    def analyse_and_store(self, batches: Iterator[list[InputItem]], workers: int) -> None:
        try:
            if workers <= 1:
                self.analyzer.load()  # a missing model is one error, not a failure per article
                for items in batches:
                    outcomes = analyse_articles([to_article(i) for i in items], self.analyzer)
                    self.store_batch(items, outcomes)
            else:
                self._in_workers(batches, workers)
        except StoreError as err:
            raise type(err)(stopped(err, self.progress)) from err
        self.report(self.progress)

    def _in_workers(self, batches: Iterator[list[InputItem]], workers: int) -> None:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(self.analyzer,),
        ) as pool:
            in_flight: list[tuple[list[InputItem], Future[list[Outcome]]]] = []
            for items in batches:
                in_flight.append(
                    (items, pool.submit(_analyse_in_worker, [to_article(i) for i in items]))
                )
                # keep every worker busy with one batch queued behind it, no more
                while len(in_flight) >= 2 * workers:
                    done_items, future = in_flight.pop(0)
                    self.store_batch(done_items, future.result())
            for done_items, future in in_flight:
                self.store_batch(done_items, future.result())

    def store_batch(self, items: Sequence[InputItem], outcomes: Sequence[Outcome]) -> None:
        store, progress = self.store, self.progress
        stored, failed = classify(items, outcomes, self.analyzer.lexicon)
        kept = store.store_articles(stored, reanalysed=self.reanalyse) if stored else []
        new = sum(o.new for o in kept)
        dating = {item.origin: item.dated_by or "undated" for item in items}
        for outcome in kept:
            if outcome.new:
                source = dating.get(outcome.origin, "undated")
                progress.dated_by[source] = progress.dated_by.get(source, 0) + 1
        progress.renamed.extend((o.origin, o.requested, o.doc_id) for o in kept if o.renamed)
        if stored:
            store.resolve_failures(s.origin for s in stored)
        if failed:
            store.add_failures(failed)
            self.failures.extend(failed)
        again = [o for o in kept if o.reanalysed]
        progress.stored += new
        progress.reanalysed += len(again)
        progress.changed += sum(o.changed for o in again)
        progress.skipped += len(stored) - new - len(again)
        progress.failed += len(failed)
        progress.done += len(items)
        self.report(progress)


def ingest(
    paths: Sequence[str],
    store: Store,
    *,
    workers: int = 1,
    analyzer: Analyzer | None = None,
    batch_size: int = DEFAULT_BATCH,
    published_from_metadata: bool = True,
    published: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    report: Callable[[Progress], None] = lambda progress: None,
    reanalyse: bool = False,
) -> IngestSummary:
    """Analyse and store every article under ``paths``; see the module docstring.

    ``analyzer``: the model and lexicon to analyse with (default: ``Analyzer()``).
    ``published`` (YYYY-MM-DD) is the publication date of every input that gives none.
    ``reanalyse``: a text already stored is analysed again and its record replaced, with
    the users' corrections kept (see :meth:`Store.store_articles`); a failure leaves the
    stored record as it was.
    """
    discover(paths)  # a path that does not exist is an error before any work
    run = _Run(store, analyzer or Analyzer(), report, Progress(total=count_files(paths)), reanalyse)
    inputs = iter_inputs(
        paths, max_chars=max_chars, published_from_metadata=published_from_metadata
    )
    if published is not None:
        inputs = (_dated(item, published) for item in inputs)
    batches = _batches(inputs, store, run.progress, run.failures, batch_size, report, reanalyse)
    run.analyse_and_store(batches, workers)
    return run.summary()


def _stored_batches(store: Store, batch_size: int) -> Iterator[list[InputItem]]:
    after = 0
    while True:
        found = store.stored_inputs(after=after, limit=batch_size)
        if not found:
            return
        after = found[-1].id
        yield [
            InputItem(
                origin=s.origin,
                text=s.text,
                doc_id=s.doc_id,
                kind="text",
                title=s.title,
                published=s.published,
                dated_by="stored" if s.published else None,
            )
            for s in found
        ]


def reanalyse(
    store: Store,
    *,
    workers: int = 1,
    analyzer: Analyzer | None = None,
    batch_size: int = DEFAULT_BATCH,
    report: Callable[[Progress], None] = lambda progress: None,
) -> IngestSummary:
    """Analyse every stored article again from its stored text (with its stored title and
    publication date) and replace its record, keeping the users' corrections: speaker
    merges and splits, and quote corrections, matched by content spans. Each batch is
    replaced in one transaction, so an interruption leaves every article with its old
    record or its new one; a failure leaves the old one."""
    progress = Progress(total=store.counts()["articles"])
    run = _Run(store, analyzer or Analyzer(), report, progress, reanalyse=True)
    run.analyse_and_store(_stored_batches(store, batch_size), workers)
    return run.summary()


def stopped(err: StoreError, progress: Progress) -> str:
    """The store's error (what failed, what to do), and what became of this run."""
    kept = (
        "Nothing is half-written (each batch is stored whole or not at all); the "
        f"{progress.stored} new article(s) stored before the failure are kept."
        if progress.stored
        else "This run stored no article."
    )
    if progress.reanalysed:
        kept += (
            f" The {progress.reanalysed} article(s) re-analysed before it have their new "
            "records; the others keep their old ones."
        )
    return (
        f"ingest stopped: {err}.\n{kept} Once that is fixed, run the same command again: "
        "it skips the texts already stored and continues where this run stopped."
    )
