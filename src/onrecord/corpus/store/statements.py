"""Statements across reports in the store: grouping on ingest, reading them back.

:func:`assign` runs inside the transaction that stores (or re-analyses) an article, so
an article and its statements are stored together or not at all. It compares each new
quote only with the quotes that share a MinHash/LSH key with it (``statement_keys``),
with the rules of :mod:`onrecord.statements.grouping`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from onrecord.corpus.store import identity
from onrecord.corpus.store.quote_corrections import find_quote
from onrecord.corpus.store.schema import (
    articles,
    quotes,
    speakers,
    statement_keys,
    statement_quotes,
    statements,
)
from onrecord.statements.candidates import CandidateIndex
from onrecord.statements.drift import DriftFlag, Version, drift
from onrecord.statements.grouping import (
    Prepared,
    Report,
    best_match,
    keys,
    prepare,
    query_keys,
)
from onrecord.statements.model import Statement, StatementReport, StatementRow

_QUOTE_COLUMNS = (
    quotes.c.id,
    quotes.c.speaker_id,
    quotes.c.statement_date,
    quotes.c.type,
    quotes.c.content_text,
)


def _prepared(row: Any, *, indexed: bool = True) -> Prepared:
    return prepare(
        Report(str(row.id), row.speaker_id, row.statement_date, row.type, row.content_text),
        indexed=indexed,
    )


def _stored_candidates(conn: Connection, wanted: set[int]) -> CandidateIndex:
    """The stored quotes indexed under any of the ``wanted`` keys, as an index of candidate
    versions (bounded per statement and key, :mod:`onrecord.statements.candidates`); one
    query for a whole article."""
    index = CandidateIndex()
    if not wanted:
        return index
    found = conn.execute(
        select(statement_keys.c.key, *_QUOTE_COLUMNS, statement_quotes.c.statement_id)
        .join(quotes, quotes.c.id == statement_keys.c.quote_id)
        .join(statement_quotes, statement_quotes.c.quote_id == quotes.c.id)
        .where(statement_keys.c.key.in_(sorted(wanted)))
    ).all()
    under: dict[int, list[int]] = {}
    rows: dict[int, Any] = {}
    for row in found:
        under.setdefault(int(row.id), []).append(int(row.key))
        rows[int(row.id)] = row
    for quote_id in sorted(rows):  # in storage order, as the index wants them
        row = rows[quote_id]
        prepared = _prepared(row, indexed=False)
        index.add(quote_id, int(row.statement_id), prepared, under=sorted(under[quote_id]))
    return index


def forget_article(conn: Connection, article_id: int) -> set[int]:
    """Take the article's quotes out of their statements (before they are deleted, on a
    re-analysis); return the statements touched."""
    touched = set(
        conn.execute(
            select(statement_quotes.c.statement_id)
            .join(quotes, quotes.c.id == statement_quotes.c.quote_id)
            .where(quotes.c.article_id == article_id)
        ).scalars()
    )
    ids = select(quotes.c.id).where(quotes.c.article_id == article_id)
    conn.execute(delete(statement_quotes).where(statement_quotes.c.quote_id.in_(ids)))
    conn.execute(delete(statement_keys).where(statement_keys.c.quote_id.in_(ids)))
    return {int(s) for s in touched}


def assign(
    conn: Connection,
    article_id: int,
    *,
    touched: set[int] | None = None,
    vias: dict[str, str] | None = None,
) -> None:
    """Put each quote of the article into a statement: the one of its best matching
    candidate, or a new one; then bring the statements touched up to date. ``vias``: the
    outlet each quote credits, by quote key ("q3")."""
    touched = set(touched or ())
    vias = vias or {}
    rows = conn.execute(
        select(*_QUOTE_COLUMNS, quotes.c.key)
        .where(quotes.c.article_id == article_id)
        .order_by(quotes.c.position)
    ).all()
    prepared = [_prepared(row) for row in rows]
    index = _stored_candidates(conn, {k for p in prepared for k in query_keys(p)})
    members: list[dict[str, Any]] = []
    keyed: list[dict[str, Any]] = []
    for row, p in zip(rows, prepared, strict=True):
        candidates = ((c.statement, c.prepared) for c in index.find(p))
        matched = best_match(p, candidates)
        if matched is None:
            # a statement of one report is up to date as inserted: no refresh needed
            statement_id = int(
                conn.execute(
                    insert(statements)
                    .values(speaker_id=row.speaker_id, first_date=row.statement_date, reports=1,
                            drift=0)
                    .returning(statements.c.id)
                ).scalar_one()
            )  # fmt: skip
        else:
            statement_id = matched
            touched.add(statement_id)
        members.append({"quote_id": row.id, "statement_id": statement_id,
                        "via": vias.get(row.key)})  # fmt: skip
        keyed.extend({"key": k, "quote_id": row.id} for k in sorted(set(keys(p))))
        index.add(int(row.id), statement_id, p)  # the article's later quotes find it too
    if members:  # one statement each for the whole article: fewer round trips
        conn.execute(insert(statement_quotes), members)
    if keyed:
        conn.execute(insert(statement_keys), keyed)
    for statement_id in sorted(touched):
        refresh(conn, statement_id)


def _versions(conn: Connection, statement_id: int) -> list[Any]:
    """The statement's reports, earliest first (undated last), then in storage order."""
    return list(
        conn.execute(
            select(
                quotes.c.id,
                quotes.c.key,
                quotes.c.type,
                quotes.c.content_text,
                quotes.c.speaker_id,
                func.coalesce(speakers.c.name, quotes.c.speaker_name).label("speaker"),
                quotes.c.statement_date,
                quotes.c.venue,
                statement_quotes.c.via,
                articles.c.doc_id,
                articles.c.outlet,
                articles.c.published,
                articles.c.url,
            )
            .join(statement_quotes, statement_quotes.c.quote_id == quotes.c.id)
            .join(articles, articles.c.id == quotes.c.article_id)
            .outerjoin(speakers, speakers.c.id == quotes.c.speaker_id)
            .where(statement_quotes.c.statement_id == statement_id)
            .order_by(
                quotes.c.statement_date.is_(None),
                quotes.c.statement_date,
                articles.c.published.is_(None),
                articles.c.published,
                articles.c.id,
                quotes.c.position,
            )
        )
    )


def _drift(rows: list[Any]) -> list[DriftFlag]:
    return drift(
        [
            Version(f"{r.doc_id}#{r.key}", r.speaker_id, r.speaker, r.type, r.content_text)
            for r in rows
        ]
    )


def refresh(conn: Connection, statement_id: int) -> None:
    """Recount a statement's reports and drift flags, its speaker and first date; delete
    it when no report is left."""
    rows = _versions(conn, statement_id)
    if not rows:
        conn.execute(delete(statements).where(statements.c.id == statement_id))
        return
    said = Counter(r.speaker_id for r in rows if r.speaker_id is not None)
    speaker = max(said, key=lambda s: said[s]) if said else None
    dates = [r.statement_date for r in rows if r.statement_date]
    conn.execute(
        update(statements)
        .where(statements.c.id == statement_id)
        .values(
            speaker_id=speaker,
            first_date=min(dates) if dates else None,
            reports=len(rows),
            drift=len(_drift(rows)),
        )
    )


# --- reading -----------------------------------------------------------------------------


def statement(conn: Connection, statement_id: int) -> Statement | None:
    head = conn.execute(
        select(statements.c.id, statements.c.speaker_id, statements.c.first_date).where(
            statements.c.id == statement_id
        )
    ).first()
    if head is None:
        return None
    rows = _versions(conn, statement_id)
    speaker_id = None if head.speaker_id is None else identity.final_speaker(conn, head.speaker_id)
    name = next((r.speaker for r in rows if r.speaker_id == head.speaker_id), None)
    reports = [
        StatementReport(
            f"{r.doc_id}#{r.key}", r.doc_id, r.key, r.type, r.content_text, r.speaker,
            r.statement_date, r.outlet, r.published, r.url, r.venue, r.via, i == 0,
        )
        for i, r in enumerate(rows)
    ]  # fmt: skip
    return Statement(int(head.id), name, speaker_id, head.first_date, reports, _drift(rows))


def statement_of(conn: Connection, ref: str) -> int | None:
    """The statement the quote ``ref`` (doc_id#q3) is in; raises UnknownQuoteError for a
    reference no stored quote has, and gives None for a quote stored before statements."""
    quote = find_quote(conn, ref)
    found = conn.execute(
        select(statement_quotes.c.statement_id).where(statement_quotes.c.quote_id == quote.id)
    ).scalar()
    return None if found is None else int(found)


def statement_ids(conn: Connection, doc_id: str) -> dict[str, int]:
    """The statement of each quote of the article, by quote key."""
    rows = conn.execute(
        select(quotes.c.key, statement_quotes.c.statement_id)
        .join(statement_quotes, statement_quotes.c.quote_id == quotes.c.id)
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(articles.c.doc_id == doc_id)
    )
    return {str(k): int(s) for k, s in rows}


@dataclass(frozen=True)
class StatementFilters:
    speaker: int | str | None = None  # a speaker's id, name or alias
    since: str | None = None  # first made on or after YYYY-MM-DD
    drift_only: bool = False  # only statements whose versions differ
    min_reports: int = 1


def statement_rows(
    conn: Connection, chosen: StatementFilters, *, limit: int = 50, offset: int = 0
) -> list[StatementRow]:
    """Statements, most reported first, then the latest first."""
    where = [statements.c.reports >= chosen.min_reports]
    speaker = chosen.speaker
    if speaker is not None and str(speaker).strip():
        where.append(statements.c.speaker_id.in_(identity.resolve_speakers(conn, speaker)))
    if chosen.since:
        where.append(statements.c.first_date >= chosen.since)
    if chosen.drift_only:
        where.append(statements.c.drift > 0)
    heads = conn.execute(
        select(statements)
        .where(*where)
        .order_by(statements.c.reports.desc(), statements.c.first_date.desc(), statements.c.id)
        .limit(limit)
        .offset(offset)
    ).all()
    out: list[StatementRow] = []
    for h in heads:
        first = _versions(conn, int(h.id))[0]
        out.append(
            StatementRow(
                int(h.id),
                first.speaker,
                h.first_date,
                int(h.reports),
                int(h.drift),
                first.content_text,
                f"{first.doc_id}#{first.key}",
            )
        )
    return out
