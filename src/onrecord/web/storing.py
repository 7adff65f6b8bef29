"""The writes behind analyse-and-store and ingest: analysed records into the corpus."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool

from onrecord.article import Article
from onrecord.ingest import classify
from onrecord.record import ArticleRecord
from onrecord.sources import InputFailure, InputItem
from onrecord.store import Store
from onrecord.web.analysis import Analyser


@dataclass(frozen=True)
class Stored:
    stored: int
    skipped: int
    doc_ids: list[str]
    failures: list[tuple[str, str]]


def article_of(item: InputItem, published: str | None = None) -> Article:
    return Article(
        text=item.text,
        doc_id=item.doc_id,
        published=published or item.published,
        title=item.title,
        url=item.url,
    )


async def store_records(store: Store, pairs: Sequence[tuple[InputItem, ArticleRecord]]) -> Stored:
    """Store the records (texts already stored are skipped); non-English texts are failures."""
    keep, failures = classify([item for item, _ in pairs], [(record, None) for _, record in pairs])
    new = await run_in_threadpool(store.add_articles, keep) if keep else 0
    return Stored(
        stored=new,
        skipped=len(keep) - new,
        doc_ids=[k.record.doc_id for k in keep],
        failures=failures,
    )


async def ingest_items(
    store: Store,
    analyser: Analyser,
    items: Sequence[InputItem | InputFailure],
    *,
    published: str | None = None,
) -> Stored:
    """Analyse and store what an upload holds; unreadable parts are reported, not stored."""
    readable = [i for i in items if isinstance(i, InputItem)]
    failures = [(i.origin, i.reason) for i in items if isinstance(i, InputFailure)]
    records = await analyser.analyse([article_of(i, published) for i in readable])
    result = await store_records(store, list(zip(readable, records, strict=True)))
    return Stored(
        stored=result.stored,
        skipped=result.skipped,
        doc_ids=result.doc_ids,
        failures=failures + result.failures,
    )
