"""The writes behind analyse-and-store and ingest: analysed records into the corpus."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from onrecord.article import Article
from onrecord.corpus.ingest import classify
from onrecord.corpus.store import Store
from onrecord.lexicon import Lexicon
from onrecord.record import ArticleRecord
from onrecord.text.inputs import InputFailure, InputItem
from onrecord.web.analysis import Analyser
from onrecord.web.errors import store_call


@dataclass(frozen=True)
class Stored:
    stored: int
    skipped: int
    doc_ids: list[str]  # the ids in the store (made unique), in order
    failures: list[tuple[str, str]]
    renamed: list[tuple[str, str, str]]  # (origin, id asked for, id given)


def article_of(item: InputItem, published: str | None = None) -> Article:
    return Article(
        text=item.text,
        doc_id=item.doc_id,
        published=published or item.published,
        title=item.title,
        url=item.url,
    )


async def store_records(
    store: Store, pairs: Sequence[tuple[InputItem, ArticleRecord]], lexicon: Lexicon
) -> Stored:
    """Store the records (texts already stored are skipped); non-English texts are failures
    (by the function words of ``lexicon``, the one the records were made with)."""
    analysed = [(record, None) for _, record in pairs]
    keep, failures = classify([item for item, _ in pairs], analysed, lexicon)
    outcomes = await store_call(store.store_articles, keep) if keep else []
    new = sum(o.new for o in outcomes)
    return Stored(
        stored=new,
        skipped=len(keep) - new,
        doc_ids=[o.doc_id for o in outcomes],
        failures=failures,
        renamed=[(o.origin, o.requested, o.doc_id) for o in outcomes if o.renamed],
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
    pairs = list(zip(readable, records, strict=True))
    result = await store_records(store, pairs, analyser.lexicon)
    return Stored(
        stored=result.stored,
        skipped=result.skipped,
        doc_ids=result.doc_ids,
        failures=failures + result.failures,
        renamed=result.renamed,
    )
