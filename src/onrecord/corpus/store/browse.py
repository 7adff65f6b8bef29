"""Reading the corpus for a browser: pages of hits with totals, facet counts, a speaker's
activity by date and speech act, the people a speaker talks about, article listings.

Every function runs inside the caller's (read) transaction and reuses the filters of
:mod:`onrecord.corpus.store.query`, so a page shows exactly what ``search`` would return.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    CompoundSelect,
    Connection,
    Select,
    Text,
    cast,
    distinct,
    func,
    literal_column,
    select,
    union_all,
)

from onrecord.corpus.store import identity
from onrecord.corpus.store import query as queries
from onrecord.corpus.store.errors import StoreError
from onrecord.corpus.store.models import QuoteHit, SpeakerRow
from onrecord.corpus.store.schema import (
    article_entities,
    articles,
    quotes,
    speaker_aliases,
    speakers,
)


@dataclass(frozen=True)
class HitPage:
    hits: list[QuoteHit]
    total: int | None  # quotes that pass the filters, over all pages; None: not counted
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


def hit_page(
    conn: Connection, filters: queries.Filters, *, limit: int, offset: int, count: bool
) -> HitPage:
    """A page of hits; with ``count`` also how many there are over all pages."""
    hits = queries.search(conn, filters, limit=limit, offset=offset)
    if not count:
        return HitPage(hits=hits, total=None, limit=limit, offset=offset)
    where = queries.conditions(conn, filters)
    total = 0
    if where is not None:
        counted = queries.narrow_select(filters, where, (func.count(),))
        total = int(conn.execute(counted).scalar() or 0)
    return HitPage(hits=hits, total=total, limit=limit, offset=offset)


def facets(conn: Connection, filters: queries.Filters, *, top: int = 10) -> Facets:
    """Counts of the quotes that pass ``filters``, by speaker (the ``top`` most quoted), by
    speech act and by outlet, most first; and their total."""
    where = queries.conditions(conn, filters)
    if where is None:
        return Facets([], [], [], total=0)
    by_act: Counter[str] = Counter()
    by_speaker: Counter[int] = Counter()
    by_outlet: Counter[str] = Counter()
    if _few_match(filters):
        # One grouped count of the matching quotes gives all three.
        for speaker_id, act, outlet, n in conn.execute(
            select(quotes.c.speaker_id, quotes.c.speech_act, articles.c.outlet, func.count())
            .select_from(quotes)
            .join(articles, articles.c.id == quotes.c.article_id)
            .where(*where)
            .group_by(quotes.c.speaker_id, quotes.c.speech_act, articles.c.outlet)
        ):
            by_act[act] += int(n)
            if speaker_id is not None:
                by_speaker[int(speaker_id)] += int(n)
            if outlet is not None:
                by_outlet[outlet] += int(n)
    else:
        for kind, value, n in conn.execute(_separate_counts(filters, where)):
            if value is None:
                continue
            if kind == "act":
                by_act[value] += int(n)
            elif kind == "speaker":
                by_speaker[int(value)] += int(n)
            else:
                by_outlet[value] += int(n)

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
        total=sum(by_act.values()),
    )


def _few_match(filters: queries.Filters) -> bool:
    """Whether the filters bound the matching quotes to a text search's hits or one
    speaker's quotes, rather than, say, every quote of a speech act or of the corpus."""
    return bool(filters.text and filters.text.strip()) or bool(
        filters.speaker is not None and str(filters.speaker).strip()
    )


def _separate_counts(
    filters: queries.Filters, where: list[ColumnElement[bool]]
) -> CompoundSelect[Any]:
    """(kind, value, count) rows: the matching quotes counted by speech act, by speaker and
    by outlet, each count on its own. Over a large part of the corpus a grouped scan of an
    index of ``quotes`` per count is much cheaper than grouping every matching quote by all
    three with its article looked up; the outlet count looks up each article once, after
    counting by article."""

    def counted(*columns: ColumnElement[Any]) -> Select[Any]:
        return queries.narrow_select(filters, where, (*columns, func.count()))

    act, speaker, article = quotes.c.speech_act, quotes.c.speaker_id, quotes.c.article_id
    per_article = counted(article.label("article_id")).group_by(article).subquery("per_article")
    return union_all(
        counted(literal_column("'act'"), act).group_by(act),
        counted(literal_column("'speaker'"), cast(speaker, Text)).group_by(speaker),
        select(
            literal_column("'outlet'"),
            articles.c.outlet,
            cast(func.sum(per_article.c[1]), BigInteger),
        )
        .select_from(per_article)
        .join(articles, articles.c.id == per_article.c.article_id)
        .group_by(articles.c.outlet),
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


def _named_in(content: str, forms: Sequence[str]) -> bool:
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


class _Person(NamedTuple):
    """A person of an article whom a speaker may name: the entity row, its corpus speaker
    (None when not linked), its name and the forms of its names that look like names."""

    entity: int
    speaker_id: int | None
    name: str
    forms: tuple[str, ...]


@functools.lru_cache(maxsize=1 << 16)
def _name_forms(name: str, aliases_json: str) -> tuple[str, ...]:
    """The spellings of a person (name and aliases) that are names, not descriptions ("the
    candidate" would match other people). A pure function of its arguments, kept because
    the same entities recur from article to article and from page to page."""
    spellings = {a.strip() for a in [name, *json.loads(aliases_json)]}
    return tuple(sorted(f for f in spellings if len(f) > 1 and identity.looks_like_name(f)))


def _article_people(
    conn: Connection, said: Sequence[tuple[int, str, int | None]], speaker_id: int
) -> dict[int, list[_Person]]:
    """Per article of the quotes ``said``, the persons with a name found somewhere in
    those quotes' content, the speaker's own entities left out (a speaker is never counted
    as talking about themselves). Most persons of an article are not named by the
    speaker: one substring test against all the speaker says in the article leaves
    them out before any whole-word test."""
    parts: dict[int, list[str]] = {}
    for article_id, content, _ in said:
        parts.setdefault(article_id, []).append(content)
    said_in = {article_id: "\n".join(contents) for article_id, contents in parts.items()}
    article_ids = sorted(said_in)
    people: dict[int, list[_Person]] = {}
    for start in range(0, len(article_ids), 500):
        for entity, article_id, other, name, aliases_json in conn.execute(
            select(
                article_entities.c.id,
                article_entities.c.article_id,
                article_entities.c.speaker_id,
                article_entities.c.name,
                article_entities.c.aliases_json,
            )
            .where(
                article_entities.c.article_id.in_(article_ids[start : start + 500]),
                article_entities.c.type == "PERSON",
                article_entities.c.speaker_id.is_(None)
                | (article_entities.c.speaker_id != speaker_id),
            )
            .order_by(article_entities.c.article_id, article_entities.c.id)
        ):
            forms = _name_forms(name, aliases_json)
            if any(form in said_in[article_id] for form in forms):
                people.setdefault(article_id, []).append(_Person(entity, other, name, forms))
    return people


def _sole_owners(conn: Connection, names: set[str]) -> dict[str, int]:
    """Normalized name -> the speaker it is the full name or alias of, when exactly one."""
    owners: dict[str, set[int]] = {}
    listed = sorted(names)
    for start in range(0, len(listed), 500):
        for alias, owner in conn.execute(
            select(speaker_aliases.c.alias_norm, speaker_aliases.c.speaker_id).where(
                speaker_aliases.c.alias_norm.in_(listed[start : start + 500]),
                speaker_aliases.c.full.is_(True),
            )
        ):
            owners.setdefault(alias, set()).add(int(owner))
    return {alias: next(iter(ids)) for alias, ids in owners.items() if len(ids) == 1}


def mentioned_people(conn: Connection, speaker_id: int, *, limit: int = 10) -> list[Mentioned]:
    """The people a speaker talks about most: persons of the same article named (by any
    of their names in that article) in the content of the speaker's quotes, themselves
    excepted, counted once per quote and gathered by corpus speaker where they are one."""
    said: list[tuple[int, str, int | None]] = [
        (int(article_id), content, entity)
        for article_id, content, entity in conn.execute(
            select(quotes.c.article_id, quotes.c.content_text, quotes.c.entity_id).where(
                quotes.c.speaker_id == speaker_id
            )
        )
    ]
    if not said:
        return []
    people = _article_people(conn, said, speaker_id)
    named: list[list[_Person]] = []  # per quote, the persons it names
    for article_id, content, own_entity in said:
        named.append(
            [
                p
                for p in people.get(article_id, ())
                if p.entity != own_entity and _named_in(content, p.forms)
            ]
        )
    # A person named but not quoted in an article is not linked to a corpus speaker; when
    # their name is the full name or alias of exactly one speaker, count them as that one.
    owner = _sole_owners(
        conn, {identity.norm(p.name) for ps in named for p in ps if p.speaker_id is None}
    )
    counts: Counter[tuple[int | None, str]] = Counter()
    labels: dict[tuple[int | None, str], str] = {}
    for persons in named:
        seen: set[tuple[int | None, str]] = set()
        for person in persons:
            other = person.speaker_id
            if other is None:
                other = owner.get(identity.norm(person.name))
            if other == speaker_id:
                continue
            key = (int(other), "") if other is not None else (None, person.name.lower())
            if key not in seen:
                seen.add(key)
                counts[key] += 1
                labels.setdefault(key, person.name)
    linked = [k[0] for k in counts if k[0] is not None]
    if linked:
        for linked_id, linked_name in conn.execute(
            select(speakers.c.id, speakers.c.name).where(speakers.c.id.in_(linked))
        ):
            labels[(int(linked_id), "")] = linked_name
    ranked = sorted(counts.items(), key=lambda item: (-item[1], labels[item[0]].lower()))
    return [Mentioned(labels[key], key[0], n) for key, n in ranked[:limit]]


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
