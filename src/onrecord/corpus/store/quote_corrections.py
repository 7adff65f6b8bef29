"""Per-quote speaker corrections: "this quote was said by NAME", or "by nobody we know".

A user names a quote by the reference search shows, ``doc_id#q3``. The correction is
kept by the quote's article and its **content spans** (the character spans of the quoted
words in the article text), not by its key: keys are numbered in the order the analysis
finds quotes, so a re-analysis that finds one more quote earlier in the text shifts them,
while the spans of a quote it finds again are the same. After a re-analysis the
correction applies again to the quote with the same spans; if none has them, it is kept,
unapplied, until one does.

The quote's row carries the corrected speaker (so search, timelines, speaker pages and
export need nothing else); the article's stored record stays the analysis, and the
record read back from the store shows the correction (``speaker.how == "corrected"``).
Undoing it restores the speaker the analysis gave.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, delete, exists, insert, select, update

from onrecord.corpus.store import identity
from onrecord.corpus.store.errors import StoreError
from onrecord.corpus.store.schema import (
    article_entities,
    articles,
    quote_corrections,
    quotes,
    speaker_aliases,
    speaker_overrides,
    speakers,
)
from onrecord.corpus.store.timeutil import now_iso
from onrecord.record import ArticleRecord, Quote, Span, SpeakerRef


class UnknownQuoteError(StoreError):
    """No stored quote has the reference the user gave."""


@dataclass(frozen=True)
class QuoteCorrection:
    """A correction as it stands: the quote (by its key now), and the speaker it was
    given (None: no speaker)."""

    doc_id: str
    quote_key: str
    speaker_id: int | None
    speaker: str | None
    at: str


def spans_json(spans: Iterable[Span]) -> str:
    """The content spans as stored in quotes.spans_json: a quote's identity in its article."""
    return json.dumps([list(s) for s in spans])


def parse_ref(ref: str) -> tuple[str, str]:
    """``doc_id#q3`` -> (doc_id, "q3"); the last ``#`` splits, so doc ids may hold one."""
    doc_id, sep, key = ref.strip().rpartition("#")
    if not sep or not doc_id or not key:
        raise UnknownQuoteError(
            f"{ref!r} is not a quote reference; give DOC_ID#QUOTE as search shows it "
            "(rt_2022-02-15#q3)"
        )
    return doc_id, key


def find_quote(conn: Connection, ref: str) -> Row[Any]:
    doc_id, key = parse_ref(ref)
    row = conn.execute(
        select(quotes, articles.c.doc_id)
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(articles.c.doc_id == doc_id, quotes.c.key == key)
    ).first()
    if row is None:
        known = conn.execute(select(articles.c.id).where(articles.c.doc_id == doc_id)).first()
        where = "that article has no such quote" if known else f"no article {doc_id!r}"
        raise UnknownQuoteError(
            f"no quote {ref!r} in the corpus ({where}); search shows each quote's "
            "reference as DOC_ID#QUOTE"
        )
    return row


def speaker_for(conn: Connection, name: str) -> int:
    """The corpus speaker a user's NAME means: an id ("12", "#12"), else the speaker with
    that name or alias (case-insensitive; among several, the one whose own name it is),
    else a new speaker of that name."""
    text = identity.clean_text(name).strip()
    if not text:
        raise StoreError("empty speaker name; give a name, or --none for no speaker")
    digits = text.removeprefix("#")
    if digits.isascii() and digits.isdigit():
        return identity.resolve_speaker(conn, text)
    wanted = identity.norm(text)
    found = {
        int(r.id): str(r.name)
        for r in conn.execute(
            select(speakers.c.id, speakers.c.name)
            .join(speaker_aliases, speaker_aliases.c.speaker_id == speakers.c.id)
            .where(speaker_aliases.c.alias_norm == wanted, speakers.c.merged_into.is_(None))
            .order_by(speakers.c.id)
        )
    }
    if len(found) == 1:
        return next(iter(found))
    own = [i for i, n in found.items() if identity.norm(n) == wanted]
    if len(own) == 1:
        return own[0]
    if found:
        listing = ", ".join(f"#{i} {n}" for i, n in found.items())
        raise StoreError(f"{text!r} names {len(found)} speakers: {listing}; give the speaker id")
    speaker_id = identity.create_speaker(conn, text, "PERSON")
    identity._accumulate(conn, speaker_id, [identity.EntityFacts(type="PERSON", name=text)])
    return speaker_id


def _entity_key(conn: Connection, article_id: int, speaker_id: int) -> str | None:
    """The key of an entity of the article linked to the speaker, if there is one."""
    key = conn.execute(
        select(article_entities.c.key)
        .where(
            article_entities.c.article_id == article_id,
            article_entities.c.speaker_id == speaker_id,
        )
        .order_by(article_entities.c.id)
        .limit(1)
    ).scalar()
    return None if key is None else str(key)


def _speaker_name(conn: Connection, speaker_id: int) -> str:
    return str(conn.execute(select(speakers.c.name).where(speakers.c.id == speaker_id)).scalar())


def _apply(conn: Connection, quote_id: int, speaker_id: int | None) -> None:
    name = None if speaker_id is None else _speaker_name(conn, speaker_id)
    conn.execute(
        update(quotes)
        .where(quotes.c.id == quote_id)
        .values(speaker_id=speaker_id, speaker_name=name, entity_id=None)
    )


def correct(conn: Connection, ref: str, speaker: str | None) -> int:
    """Give the quote ``ref`` the speaker ``speaker`` (None: no speaker); return its row id."""
    row = find_quote(conn, ref)
    speaker_id = None if speaker is None else speaker_for(conn, speaker)
    old = _drop(conn, int(row.article_id), row.spans_json)
    conn.execute(
        insert(quote_corrections).values(
            article_id=row.article_id,
            spans_json=row.spans_json,
            quote_key=row.key,
            speaker_id=speaker_id,
            created_at=now_iso(),
        )
    )
    _apply(conn, int(row.id), speaker_id)
    if old is not None and old != speaker_id:
        forget_if_unused(conn, old)
    return int(row.id)


def _drop(conn: Connection, article_id: int, spans: str) -> int | None:
    """Delete the correction of these spans; the speaker it gave, if any."""
    old = conn.execute(
        select(quote_corrections.c.id, quote_corrections.c.speaker_id).where(
            quote_corrections.c.article_id == article_id,
            quote_corrections.c.spans_json == spans,
        )
    ).first()
    if old is None:
        return None
    conn.execute(delete(quote_corrections).where(quote_corrections.c.id == old.id))
    return None if old.speaker_id is None else int(old.speaker_id)


def undo(conn: Connection, ref: str) -> int:
    """Remove the correction of the quote ``ref``: it gets the analysis's speaker back."""
    row = find_quote(conn, ref)
    has = conn.execute(
        select(quote_corrections.c.id).where(
            quote_corrections.c.article_id == row.article_id,
            quote_corrections.c.spans_json == row.spans_json,
        )
    ).first()
    if has is None:
        raise StoreError(f"quote {ref!r} has no correction to undo")
    old = _drop(conn, int(row.article_id), row.spans_json)
    record_json = conn.execute(
        select(articles.c.record_json).where(articles.c.id == row.article_id)
    ).scalar_one()
    record = ArticleRecord.model_validate_json(record_json)
    quote = next((q for q in record.quotes if spans_json(q.content.spans) == row.spans_json), None)
    entity_id: int | None = None
    speaker_id: int | None = None
    if quote is not None and quote.speaker is not None and quote.speaker.entity:
        entity = conn.execute(
            select(article_entities.c.id, article_entities.c.speaker_id).where(
                article_entities.c.article_id == row.article_id,
                article_entities.c.key == quote.speaker.entity,
            )
        ).first()
        if entity is not None:
            entity_id = int(entity.id)
            speaker_id = None if entity.speaker_id is None else int(entity.speaker_id)
    conn.execute(
        update(quotes)
        .where(quotes.c.id == row.id)
        .values(
            speaker_id=speaker_id,
            entity_id=entity_id,
            speaker_name=quote.speaker.name if quote and quote.speaker else None,
        )
    )
    if old is not None:
        forget_if_unused(conn, old)
    return int(row.id)


def forget_if_unused(conn: Connection, speaker_id: int) -> None:
    """Delete a speaker nothing refers to any more (one a correction made, now undone)."""
    uses = (
        exists().where(quotes.c.speaker_id == speaker_id),
        exists().where(article_entities.c.speaker_id == speaker_id),
        exists().where(quote_corrections.c.speaker_id == speaker_id),
        exists().where(speaker_overrides.c.speaker_id == speaker_id),
        exists().where(speakers.c.merged_into == speaker_id),
    )
    for use in uses:
        if conn.execute(select(use)).scalar():
            return
    conn.execute(delete(speaker_aliases).where(speaker_aliases.c.speaker_id == speaker_id))
    conn.execute(
        delete(speakers).where(speakers.c.id == speaker_id, speakers.c.merged_into.is_(None))
    )


def _of_article(conn: Connection, article_id: int) -> list[Row[Any]]:
    return list(
        conn.execute(
            select(quote_corrections)
            .where(quote_corrections.c.article_id == article_id)
            .order_by(quote_corrections.c.id)
        )
    )


def reapply(conn: Connection, article_id: int) -> int:
    """Apply the article's corrections to its quotes (after they were stored again); return
    how many found their quote."""
    applied = 0
    for correction in _of_article(conn, article_id):
        quote_id = conn.execute(
            select(quotes.c.id).where(
                quotes.c.article_id == article_id, quotes.c.spans_json == correction.spans_json
            )
        ).scalar()
        if quote_id is None:
            continue
        speaker_id = correction.speaker_id
        if speaker_id is not None:
            speaker_id = identity.final_speaker(conn, int(speaker_id))
        _apply(conn, int(quote_id), speaker_id)
        applied += 1
    return applied


def overlay(conn: Connection, article_id: int, record: ArticleRecord) -> ArticleRecord:
    """The record with the article's corrections: a corrected quote's speaker is the one
    the user gave (``how`` "corrected"), or none."""
    found = _of_article(conn, article_id)
    if not found:
        return record
    by_spans = {c.spans_json: c.speaker_id for c in found}
    changed: list[Quote] = []
    for quote in record.quotes:
        key = spans_json(quote.content.spans)
        if key not in by_spans:
            changed.append(quote)
            continue
        speaker_id = by_spans[key]
        speaker: SpeakerRef | None = None
        if speaker_id is not None:
            final = identity.final_speaker(conn, int(speaker_id))
            speaker = SpeakerRef(
                entity=_entity_key(conn, article_id, final),
                name=_speaker_name(conn, final),
                how="corrected",
            )
        changed.append(quote.model_copy(update={"speaker": speaker}))
    return record.model_copy(update={"quotes": changed})


def of_article(conn: Connection, doc_id: str) -> list[QuoteCorrection]:
    """The corrections of the article ``doc_id`` that apply to one of its quotes now."""
    out: list[QuoteCorrection] = []
    for r in conn.execute(
        select(
            articles.c.doc_id,
            quotes.c.key,
            quote_corrections.c.speaker_id,
            quote_corrections.c.created_at,
        )
        .select_from(quote_corrections)
        .join(articles, articles.c.id == quote_corrections.c.article_id)
        .join(
            quotes,
            (quotes.c.article_id == quote_corrections.c.article_id)
            & (quotes.c.spans_json == quote_corrections.c.spans_json),
        )
        .where(articles.c.doc_id == doc_id)
        .order_by(quotes.c.position)
    ):
        speaker_id = None
        if r.speaker_id is not None:
            speaker_id = identity.final_speaker(conn, int(r.speaker_id))
        out.append(
            QuoteCorrection(
                doc_id=r.doc_id,
                quote_key=r.key,
                speaker_id=speaker_id,
                speaker=None if speaker_id is None else _speaker_name(conn, speaker_id),
                at=r.created_at,
            )
        )
    return out
