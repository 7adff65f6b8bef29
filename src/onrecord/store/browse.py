"""Reading the corpus for a browser: pages of hits with totals, facet counts, a speaker's
activity by date and speech act, the people a speaker talks about, article listings.

Every function runs inside the caller's (read) transaction and reuses the filters of
:mod:`onrecord.store.query`, so a page shows exactly what ``search`` would return.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, distinct, func, select

from onrecord.store import identity
from onrecord.store import query as queries
from onrecord.store.errors import StoreError
from onrecord.store.models import QuoteHit, SpeakerRow
from onrecord.store.schema import article_entities, articles, quotes, speaker_aliases, speakers


@dataclass(frozen=True)
class HitPage:
    hits: list[QuoteHit]
    total: int  # quotes that pass the filters, over all pages
    limit: int
    offset: int


@dataclass(frozen=True)
class FacetValue:
    value: str  # what to filter by: a speech act, an outlet, a speaker id
    label: str  # what to show
    count: int


@dataclass(frozen=True)
class Facets:
    speakers: list[FacetValue]
    acts: list[FacetValue]
    outlets: list[FacetValue]
    total: int  # quotes that pass the filters


@dataclass(frozen=True)
class ActivityCell:
    date: str  # a statement date: YYYY, YYYY-MM or YYYY-MM-DD
    act: str
    count: int


@dataclass(frozen=True)
class Mentioned:
    """Someone a speaker talks about: a corpus speaker when the person is one, else a name."""

    name: str
    speaker_id: int | None
    quotes: int  # how many of the speaker's quotes mention them


@dataclass(frozen=True)
class ArticleRow:
    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    origin: str
    quotes: int


def hit_page(conn: Connection, filters: queries.Filters, *, limit: int, offset: int) -> HitPage:
    hits = queries.search(conn, filters, limit=limit, offset=offset)
    stmt = queries.quote_select(conn, filters, columns=(quotes.c.id,))
    total = 0
    if stmt is not None:
        total = int(conn.execute(select(func.count()).select_from(stmt.subquery())).scalar() or 0)
    return HitPage(hits=hits, total=total, limit=limit, offset=offset)


def facets(conn: Connection, filters: queries.Filters, *, top: int = 10) -> Facets:
    """Counts of the quotes that pass ``filters``, by speaker (the ``top`` most quoted), by
    speech act and by outlet, most first; and their total. One grouped scan of the
    matching quotes gives all three."""
    stmt = queries.quote_select(
        conn,
        filters,
        columns=(
            quotes.c.speaker_id.label("speaker_id"),
            quotes.c.speech_act.label("act"),
            articles.c.outlet.label("outlet"),
        ),
    )
    if stmt is None:
        return Facets([], [], [], total=0)
    m = stmt.subquery("matching").c
    by_speaker: Counter[int] = Counter()
    by_act: Counter[str] = Counter()
    by_outlet: Counter[str] = Counter()
    total = 0
    for speaker_id, act, outlet, n in conn.execute(
        select(m.speaker_id, m.act, m.outlet, func.count()).group_by(m.speaker_id, m.act, m.outlet)
    ):
        total += int(n)
        by_act[act] += int(n)
        if speaker_id is not None:
            by_speaker[int(speaker_id)] += int(n)
        if outlet is not None:
            by_outlet[outlet] += int(n)

    def ranked(counter: Counter[Any], limit: int | None) -> list[tuple[Any, int]]:
        return sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))[:limit]

    chosen = ranked(by_speaker, top)
    names: dict[int, str] = {}
    if chosen:
        names = {
            int(i): str(name)
            for i, name in conn.execute(
                select(speakers.c.id, speakers.c.name).where(
                    speakers.c.id.in_([i for i, _ in chosen])
                )
            )
        }
    return Facets(
        speakers=[FacetValue(str(i), names.get(i, f"#{i}"), n) for i, n in chosen],
        acts=[FacetValue(a, a, n) for a, n in ranked(by_act, None)],
        outlets=[FacetValue(o, o, n) for o, n in ranked(by_outlet, top)],
        total=total,
    )


def activity(conn: Connection, speaker_id: int) -> tuple[list[ActivityCell], int]:
    """A speaker's quotes counted by statement date and speech act, oldest first, and the
    number of undated ones."""
    rows = conn.execute(
        select(quotes.c.statement_date, quotes.c.speech_act, func.count().label("n"))
        .where(quotes.c.speaker_id == speaker_id)
        .group_by(quotes.c.statement_date, quotes.c.speech_act)
        .order_by(quotes.c.statement_date, quotes.c.speech_act)
    )
    cells: list[ActivityCell] = []
    undated = 0
    for date, act, n in rows:
        if date is None:
            undated += int(n)
        else:
            cells.append(ActivityCell(date, act, int(n)))
    return cells, undated


def _named_in(content: str, forms: list[str]) -> bool:
    """Whether one of the names occurs in ``content`` as whole words."""
    for form in forms:
        start = content.find(form)
        while start >= 0:
            end = start + len(form)
            before = content[start - 1] if start else " "
            after = content[end] if end < len(content) else " "
            if not before.isalnum() and not after.isalnum():
                return True
            start = content.find(form, start + 1)
    return False


def mentioned_people(conn: Connection, speaker_id: int, *, limit: int = 10) -> list[Mentioned]:
    """The people a speaker talks about most: persons of the same article named (by any
    of their names in that article) in the content of the speaker's quotes, themselves
    excepted, counted once per quote and gathered by corpus speaker where they are one."""
    said = conn.execute(
        select(quotes.c.article_id, quotes.c.content_text, quotes.c.entity_id).where(
            quotes.c.speaker_id == speaker_id
        )
    ).all()
    if not said:
        return []
    article_ids = sorted({int(r.article_id) for r in said})
    people: dict[int, list[tuple[int, int | None, str, list[str]]]] = {}
    name_like: dict[str, bool] = {}

    def named(form: str) -> bool:
        """A name, not a description ("the candidate" would match other people)."""
        if form not in name_like:
            name_like[form] = len(form) > 1 and identity.looks_like_name(form)
        return name_like[form]

    for start in range(0, len(article_ids), 500):
        for row in conn.execute(
            select(
                article_entities.c.id,
                article_entities.c.article_id,
                article_entities.c.speaker_id,
                article_entities.c.name,
                article_entities.c.aliases_json,
            ).where(
                article_entities.c.article_id.in_(article_ids[start : start + 500]),
                article_entities.c.type == "PERSON",
            )
        ):
            forms = sorted(
                f
                for f in {a.strip() for a in [row.name, *json.loads(row.aliases_json)]}
                if named(f)
            )
            if forms:
                people.setdefault(int(row.article_id), []).append(
                    (int(row.id), row.speaker_id, row.name, forms)
                )
    # A person named but not quoted in an article is not linked to a corpus speaker; when
    # their name is the full name or alias of exactly one speaker, count them as that one.
    unlinked = {
        identity.norm(name)
        for entities in people.values()
        for _, other, name, _ in entities
        if other is None
    }
    known: dict[str, set[int]] = {}
    listed = sorted(unlinked)
    for start in range(0, len(listed), 500):
        for alias, owner in conn.execute(
            select(speaker_aliases.c.alias_norm, speaker_aliases.c.speaker_id).where(
                speaker_aliases.c.alias_norm.in_(listed[start : start + 500]),
                speaker_aliases.c.full.is_(True),
            )
        ):
            known.setdefault(alias, set()).add(int(owner))
    counts: Counter[tuple[int | None, str]] = Counter()
    names: dict[tuple[int | None, str], str] = {}
    for article_id, content, own_entity in said:
        seen: set[tuple[int | None, str]] = set()
        for entity_row, other_speaker, name, forms in people.get(int(article_id), []):
            if entity_row == own_entity or other_speaker == speaker_id:
                continue
            if not _named_in(content, forms):
                continue
            if other_speaker is None:
                owners = known.get(identity.norm(name), set())
                other_speaker = next(iter(owners)) if len(owners) == 1 else None
            if other_speaker == speaker_id:
                continue
            key = (int(other_speaker), "") if other_speaker is not None else (None, name.lower())
            if key not in seen:
                seen.add(key)
                counts[key] += 1
                names.setdefault(key, name)
    linked = [k[0] for k in counts if k[0] is not None]
    if linked:
        for linked_id, linked_name in conn.execute(
            select(speakers.c.id, speakers.c.name).where(speakers.c.id.in_(linked))
        ):
            names[(int(linked_id), "")] = linked_name
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names[item[0]].lower()))
    return [Mentioned(names[key], key[0], n) for key, n in ranked[:limit]]


def article_rows(conn: Connection, *, limit: int, offset: int) -> tuple[list[ArticleRow], int]:
    """Stored articles, latest published first, with their number of quotes; and the total."""
    counted = (
        select(quotes.c.article_id, func.count().label("n"))
        .group_by(quotes.c.article_id)
        .subquery("counted")
    )
    rows = conn.execute(
        select(
            articles.c.doc_id,
            articles.c.title,
            articles.c.published,
            articles.c.outlet,
            articles.c.url,
            articles.c.origin,
            func.coalesce(counted.c.n, 0).label("n"),
        )
        .outerjoin(counted, counted.c.article_id == articles.c.id)
        .order_by(articles.c.published.desc().nulls_last(), articles.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    out = [
        ArticleRow(r.doc_id, r.title, r.published, r.outlet, r.url, r.origin, int(r.n))
        for r in rows
    ]
    total = int(conn.execute(select(func.count()).select_from(articles)).scalar() or 0)
    return out, total


def article_row(conn: Connection, doc_id: str) -> ArticleRow | None:
    """The listing row of the article ``doc_id`` (the latest stored, as ``Store.article``)."""
    row = conn.execute(
        select(
            articles.c.id,
            articles.c.doc_id,
            articles.c.title,
            articles.c.published,
            articles.c.outlet,
            articles.c.url,
            articles.c.origin,
        )
        .where(articles.c.doc_id == doc_id)
        .order_by(articles.c.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    n = conn.execute(
        select(func.count()).select_from(quotes).where(quotes.c.article_id == row.id)
    ).scalar()
    return ArticleRow(
        row.doc_id, row.title, row.published, row.outlet, row.url, row.origin, int(n or 0)
    )


def article_speakers(conn: Connection, doc_id: str) -> dict[str, int]:
    """Entity id in the record of the article ``doc_id`` -> its corpus speaker id."""
    latest = (
        select(articles.c.id)
        .where(articles.c.doc_id == doc_id)
        .order_by(articles.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return {
        str(key): int(speaker_id)
        for key, speaker_id in conn.execute(
            select(article_entities.c.key, article_entities.c.speaker_id).where(
                article_entities.c.article_id == latest,
                article_entities.c.speaker_id.is_not(None),
            )
        )
    }


def speaker_row(conn: Connection, speaker_id: int) -> SpeakerRow:
    """What ``query.speaker_row`` gives, counting only this speaker's quotes (that one
    groups every quote of the corpus first)."""
    row = conn.execute(select(speakers).where(speakers.c.id == speaker_id)).first()
    if row is None:
        raise StoreError(f"no speaker #{speaker_id} in the corpus")
    quoted, in_articles, first, last = conn.execute(
        select(
            func.count(quotes.c.id),
            func.count(distinct(quotes.c.article_id)),
            func.min(quotes.c.statement_date),
            func.max(quotes.c.statement_date),
        ).where(quotes.c.speaker_id == speaker_id)
    ).one()
    aliases = conn.execute(
        select(speaker_aliases.c.alias)
        .where(speaker_aliases.c.speaker_id == speaker_id)
        .order_by(speaker_aliases.c.id)
    ).scalars()
    return SpeakerRow(
        id=int(row.id),
        name=row.name,
        type=row.type,
        aliases=list(aliases),
        titles=json.loads(row.titles_json),
        country=row.country,
        affiliation=row.affiliation,
        quotes=int(quoted or 0),
        articles=int(in_articles or 0),
        first_date=first,
        last_date=last,
    )
