"""Reading the corpus: quote search, timelines, speakers, counts, records."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, get_args

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    column,
    distinct,
    exists,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy import (
    text as sql_text,
)

from onrecord.corpus.store import identity
from onrecord.corpus.store.dates import lower_bound, upper_bound
from onrecord.corpus.store.errors import StoreError
from onrecord.corpus.store.fts import fts5_query
from onrecord.corpus.store.models import FailureRow, QuoteHit, SpeakerRow
from onrecord.corpus.store.schema import (
    FTS_CONFIG,
    FTS_TABLE,
    articles,
    failures,
    quote_corrections,
    quotes,
    speaker_aliases,
    speakers,
)
from onrecord.record import ArticleRecord, PloverCategory, SpeechAct

SPEECH_ACTS: tuple[str, ...] = get_args(SpeechAct)
PLOVER: tuple[str, ...] = get_args(PloverCategory)


@dataclass(frozen=True)
class Filters:
    """What search, timeline and export select by; every field is optional."""

    text: str | None = None
    speaker: int | str | None = None
    act: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None

    def __post_init__(self) -> None:
        for name in ("text", "speaker", "act", "since", "until", "outlet"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, identity.clean_text(value))


FILTER_NAMES = frozenset(Filters.__dataclass_fields__)


def filters_from(options: dict[str, Any]) -> Filters:
    unknown = sorted(set(options) - FILTER_NAMES)
    if unknown:
        raise StoreError(
            f"unknown filter {', '.join(unknown)}; use {', '.join(sorted(FILTER_NAMES))}"
        )
    return Filters(**options)


_sentence = func.substr(
    articles.c.text,
    quotes.c.sentence_start + 1,
    quotes.c.sentence_end - quotes.c.sentence_start,
)

# Whether a user corrected the quote's speaker (see onrecord.corpus.store.quote_corrections).
corrected: ColumnElement[bool] = (
    exists()
    .where(
        quote_corrections.c.article_id == quotes.c.article_id,
        quote_corrections.c.spans_json == quotes.c.spans_json,
    )
    .label("corrected")
)

HIT_COLUMNS: tuple[ColumnElement[Any], ...] = (
    quotes.c.id,
    articles.c.doc_id,
    quotes.c.key,
    quotes.c.type,
    quotes.c.speech_act,
    quotes.c.plover,
    func.coalesce(speakers.c.name, quotes.c.speaker_name).label("speaker"),
    quotes.c.speaker_id,
    quotes.c.statement_date,
    articles.c.published,
    articles.c.outlet,
    articles.c.title,
    quotes.c.content_text,
    _sentence.label("sentence"),
    quotes.c.sentence_start,
    quotes.c.sentence_end,
    articles.c.origin,
    articles.c.url,
    quotes.c.cue_text,
    quotes.c.source_text,
    quotes.c.confidence,
    corrected,
)


def _act_condition(act: str) -> ColumnElement[bool]:
    value = act.strip()
    if value.lower() in SPEECH_ACTS:
        return quotes.c.speech_act == value.lower()
    if value.upper() in PLOVER:
        return quotes.c.plover == value.upper()
    raise StoreError(
        f"unknown speech act {act!r}; use one of {', '.join(SPEECH_ACTS)} "
        f"or a PLOVER category ({', '.join(PLOVER)})"
    )


def _text_condition(conn: Connection, text: str) -> ColumnElement[bool] | None:
    """The full-text condition, or None when the text cannot match anything."""
    if conn.dialect.name == "sqlite":
        expression = fts5_query(text)
        if expression is None:
            return None
        fts = table(FTS_TABLE, column("rowid"))
        matching = select(fts.c.rowid).where(
            sql_text(f"{FTS_TABLE} MATCH :fts_query").bindparams(fts_query=expression)
        )
        return quotes.c.id.in_(matching)
    config: ColumnElement[Any] = literal_column(f"'{FTS_CONFIG}'")
    vector = func.to_tsvector(config, quotes.c.content_text)
    return vector.op("@@")(func.websearch_to_tsquery(config, text))


def quote_select(
    conn: Connection, filters: Filters, columns: Sequence[ColumnElement[Any]] = HIT_COLUMNS
) -> Select[Any] | None:
    """The quotes that pass the filters, unordered; None when nothing can match."""
    where = conditions(conn, filters)
    if where is None:
        return None
    return (
        select(*columns)
        .select_from(quotes)
        .join(articles, articles.c.id == quotes.c.article_id)
        .outerjoin(speakers, speakers.c.id == quotes.c.speaker_id)
        .where(*where)
    )


def needs_articles(filters: Filters) -> bool:
    """Whether the filters look at the articles table (the outlet filter does)."""
    return filters.outlet is not None and bool(filters.outlet.strip())


def narrow_select(
    filters: Filters, where: Sequence[ColumnElement[bool]], columns: Sequence[ColumnElement[Any]]
) -> Select[Any]:
    """:func:`quote_select` for columns of ``quotes`` only, given the ``conditions`` of
    ``filters``: articles are joined only when a filter needs them (every quote has its
    article, so the join drops nothing) and speakers not at all, so that counts and
    orderings can run on the indexes of ``quotes`` alone."""
    stmt = select(*columns).select_from(quotes)
    if needs_articles(filters):
        stmt = stmt.join(articles, articles.c.id == quotes.c.article_id)
    return stmt.where(*where)


def conditions(conn: Connection, filters: Filters) -> list[ColumnElement[bool]] | None:
    """The conditions on ``quotes`` (and ``articles``, see :func:`needs_articles`) of the
    filters; None when nothing can match."""
    where: list[ColumnElement[bool]] = []
    if filters.text is not None and filters.text.strip():
        condition = _text_condition(conn, filters.text)
        if condition is None:
            return None
        where.append(condition)
    if filters.speaker is not None and str(filters.speaker).strip():
        where.append(quotes.c.speaker_id.in_(identity.resolve_speakers(conn, filters.speaker)))
    if filters.act is not None and filters.act.strip():
        where.append(_act_condition(filters.act))
    if filters.since is not None and filters.since.strip():
        where.append(quotes.c.statement_date >= lower_bound(filters.since))
    if filters.until is not None and filters.until.strip():
        where.append(quotes.c.statement_date <= upper_bound(filters.until))
    if filters.outlet is not None and filters.outlet.strip():
        where.append(func.lower(articles.c.outlet) == filters.outlet.strip().lower())
    return where


def newest_first(stmt: Select[Any]) -> Select[Any]:
    """Latest statement first (undated last), then the latest stored article, then the
    quotes in their order in the article; the index ix_quotes_newest serves it."""
    return stmt.order_by(
        quotes.c.statement_date.desc().nulls_last(),
        quotes.c.article_id.desc(),
        quotes.c.position,
    )


def oldest_first(stmt: Select[Any]) -> Select[Any]:
    return stmt.order_by(
        quotes.c.statement_date.asc().nulls_last(),
        quotes.c.article_id,
        quotes.c.position,
    )


def hit(row: Row[Any]) -> QuoteHit:
    return QuoteHit(
        id=int(row.id),
        doc_id=row.doc_id,
        quote_key=row.key,
        type=row.type,
        speech_act=row.speech_act,
        plover=row.plover,
        speaker=row.speaker,
        speaker_id=None if row.speaker_id is None else int(row.speaker_id),
        date=row.statement_date,
        published=row.published,
        outlet=row.outlet,
        title=row.title,
        content=row.content_text,
        sentence=row.sentence or "",
        sentence_span=(int(row.sentence_start), int(row.sentence_end)),
        origin=row.origin,
        url=row.url,
        cue=row.cue_text,
        source=row.source_text,
        confidence=row.confidence,
        corrected=bool(row.corrected),
    )


def _page(limit: int | None, offset: int) -> None:
    if limit is not None and limit < 0:
        raise StoreError(f"limit must be 0 or more, not {limit}")
    if offset < 0:
        raise StoreError(f"offset must be 0 or more, not {offset}")


def search(
    conn: Connection, filters: Filters, *, limit: int | None, offset: int = 0
) -> list[QuoteHit]:
    _page(limit, offset)
    where = conditions(conn, filters)
    if where is None or limit == 0:
        return []
    if limit is not None and filters.text is not None and filters.text.strip():
        return _text_page(conn, filters, where, limit=limit, offset=offset)
    stmt = newest_first(_hits(where)).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [hit(row) for row in conn.execute(stmt)]


def _hits(where: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """:func:`quote_select` given the conditions."""
    return (
        select(*HIT_COLUMNS)
        .select_from(quotes)
        .join(articles, articles.c.id == quotes.c.article_id)
        .outerjoin(speakers, speakers.c.id == quotes.c.speaker_id)
        .where(*where)
    )


def quote_hit(conn: Connection, quote_id: int) -> QuoteHit:
    """One quote by its row id."""
    return hit(conn.execute(_hits((quotes.c.id == quote_id,))).one())


def _text_page(
    conn: Connection,
    filters: Filters,
    where: Sequence[ColumnElement[bool]],
    *,
    limit: int,
    offset: int,
) -> list[QuoteHit]:
    """A page of a full-text search: every hit must be sorted, no index gives the order.
    So first the ids of the page's quotes, sorted on quotes' own columns, then the hit
    columns of those alone; sorting whole hits would read the article text (for the
    sentence) of every matching quote."""
    page = (
        newest_first(narrow_select(filters, where, (quotes.c.id,)))
        .limit(limit)
        .offset(offset)
        .subquery("page")
    )
    stmt = _hits(()).join(page, page.c.id == quotes.c.id)
    return [hit(row) for row in conn.execute(newest_first(stmt))]


def timeline(conn: Connection, speaker: int | str, *, limit: int | None) -> list[QuoteHit]:
    _page(limit, 0)
    # One person's timeline: an ambiguous name is an error listing the candidates.
    stmt = quote_select(conn, Filters(speaker=identity.resolve_speaker(conn, speaker)))
    if stmt is None or limit == 0:
        return []
    stmt = oldest_first(stmt)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [hit(row) for row in conn.execute(stmt)]


# --- speakers ----------------------------------------------------------------------------


def _speaker_stats() -> Any:
    return (
        select(
            quotes.c.speaker_id,
            func.count(quotes.c.id).label("quotes"),
            func.count(distinct(quotes.c.article_id)).label("articles"),
            func.min(quotes.c.statement_date).label("first"),
            func.max(quotes.c.statement_date).label("last"),
        )
        .where(quotes.c.speaker_id.is_not(None))
        .group_by(quotes.c.speaker_id)
        .subquery("stats")
    )


def speaker_rows(
    conn: Connection,
    *,
    query: str | None = None,
    ids: Sequence[int] | None = None,
    limit: int | None = 50,
) -> list[SpeakerRow]:
    """Speakers, most quoted first; ``query`` matches a name or alias (part of it, or
    the same name up to transliteration)."""
    _page(limit, 0)
    stats = _speaker_stats()
    quoted = func.coalesce(stats.c.quotes, 0)
    stmt = (
        select(
            speakers,
            quoted.label("quotes"),
            func.coalesce(stats.c.articles, 0).label("articles"),
            stats.c.first,
            stats.c.last,
        )
        .outerjoin(stats, stats.c.speaker_id == speakers.c.id)
        .where(speakers.c.merged_into.is_(None))
        .order_by(quoted.desc(), speakers.c.name, speakers.c.id)
    )
    if ids is not None:
        stmt = stmt.where(speakers.c.id.in_(list(ids)))
    if query is not None and identity.clean_text(query).strip():
        q = identity.clean_text(query).strip()
        person = identity.alias_keys(q, "PERSON", identity.lexicon_of(conn))
        matching = select(speaker_aliases.c.speaker_id).where(
            func.lower(speaker_aliases.c.alias).contains(q.lower(), autoescape=True)
            | (speaker_aliases.c.alias_key == person.key)
            | (speaker_aliases.c.alias_key == identity.body_key(q))
            | (speaker_aliases.c.last_key == person.key)
        )
        stmt = stmt.where(speakers.c.id.in_(matching))
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = conn.execute(stmt).all()
    aliases: dict[int, list[str]] = {int(r.id): [] for r in rows}
    if aliases:
        for speaker_id, alias in conn.execute(
            select(speaker_aliases.c.speaker_id, speaker_aliases.c.alias)
            .where(speaker_aliases.c.speaker_id.in_(list(aliases)))
            .order_by(speaker_aliases.c.id)
        ):
            aliases[int(speaker_id)].append(alias)
    return [
        SpeakerRow(
            id=int(r.id),
            name=r.name,
            type=r.type,
            aliases=aliases[int(r.id)],
            titles=json.loads(r.titles_json),
            country=r.country,
            affiliation=r.affiliation,
            quotes=int(r.quotes),
            articles=int(r.articles),
            first_date=r.first,
            last_date=r.last,
        )
        for r in rows
    ]


def speaker_row(conn: Connection, speaker_id: int) -> SpeakerRow:
    rows = speaker_rows(conn, ids=[speaker_id], limit=1)
    if not rows:
        raise StoreError(f"no speaker #{speaker_id} in the corpus")
    return rows[0]


# --- articles, counts, failures ----------------------------------------------------------


def article(conn: Connection, doc_id: str) -> tuple[ArticleRecord, str] | None:
    """The record (with the users' corrections of its quotes) and text of ``doc_id``."""
    from onrecord.corpus.store.quote_corrections import overlay

    row = conn.execute(
        select(articles.c.id, articles.c.record_json, articles.c.text)
        .where(articles.c.doc_id == doc_id)
        .order_by(articles.c.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    record = ArticleRecord.model_validate_json(row.record_json)
    return overlay(conn, int(row.id), record), row.text


def counts(conn: Connection) -> dict[str, int]:
    def count(stmt: Select[Any]) -> int:
        return int(conn.execute(stmt).scalar() or 0)

    return {
        "articles": count(select(func.count()).select_from(articles)),
        "quotes": count(select(func.count()).select_from(quotes)),
        "speakers": count(
            select(func.count()).select_from(speakers).where(speakers.c.merged_into.is_(None))
        ),
        "failures": count(
            select(func.count()).select_from(failures).where(failures.c.resolved.is_(False))
        ),
    }


def failure_rows(conn: Connection) -> list[FailureRow]:
    return [
        FailureRow(origin=r.origin, reason=r.reason, at=r.at)
        for r in conn.execute(
            select(failures.c.origin, failures.c.reason, failures.c.at)
            .where(failures.c.resolved.is_(False))
            .order_by(failures.c.at, failures.c.origin)
        )
    ]
