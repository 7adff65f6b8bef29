"""Analyse-and-store: the one way texts sent to the server (the API's /analyze and /ingest,
the Analyze page) are analysed and, when asked, put into the corpus. The routes check the
token and read the request; this computes the outcome, which each renders its own way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from onrecord.article import Article
from onrecord.corpus.ingest import classify
from onrecord.record import ArticleRecord, text_sha256
from onrecord.text.inputs import InputFailure, InputItem
from onrecord.web.context import Context
from onrecord.web.errors import store_call

SENT = "upload:analyze"  # the origin of a text sent for analysis as is


@dataclass(frozen=True)
class Stored:
    stored: int
    skipped: int
    doc_ids: list[str]  # the ids in the store (made unique), in order
    failures: list[tuple[str, str]]
    renamed: list[tuple[str, str, str]]  # (origin, id asked for, id given)


@dataclass(frozen=True)
class Analysed:
    items: list[InputItem]  # the inputs that could be read, in order
    records: list[ArticleRecord]  # their records, in the same order
    unreadable: list[tuple[str, str]]  # (origin, reason) of those that could not


def sent_text(text: str, doc_id: str | None = None, *, title: str | None = None) -> InputItem:
    """A text sent as is: its id is the one given, else "text-" and the start of its hash."""
    digest = text_sha256(text)
    return InputItem(
        origin=SENT,
        text=text,
        doc_id=(doc_id or "").strip() or "text-" + digest[:12],
        kind="text",
        title=title,
    )


def article_of(item: InputItem, published: str | None = None) -> Article:
    return Article(
        text=item.text,
        doc_id=item.doc_id,
        published=published or item.published,
        title=item.title,
        url=item.url,
    )


async def analyse_items(
    ctx: Context, items: Sequence[InputItem | InputFailure], *, published: str | None = None
) -> Analysed:
    """Analyse the readable items; ``published`` dates the undated ones."""
    readable = [i for i in items if isinstance(i, InputItem)]
    records = await ctx.analyser.analyse([article_of(i, published) for i in readable])
    unreadable = [(i.origin, i.reason) for i in items if isinstance(i, InputFailure)]
    return Analysed(readable, records, unreadable)


async def store_analysed(ctx: Context, analysed: Analysed) -> Stored:
    """Store the records (texts already stored are skipped; non-English texts and
    unreadable inputs are failures) and drop the read cache, which no longer holds."""
    keep, rejected = classify(
        analysed.items,
        [(record, None) for record in analysed.records],
        ctx.analyser.lexicon,
    )
    outcomes = await store_call(ctx.store.store_articles, keep) if keep else []
    ctx.cache.clear()
    new = sum(o.new for o in outcomes)
    return Stored(
        stored=new,
        skipped=len(keep) - new,
        doc_ids=[o.doc_id for o in outcomes],
        failures=analysed.unreadable + rejected,
        renamed=[(o.origin, o.requested, o.doc_id) for o in outcomes if o.renamed],
    )
