"""Writing articles and failures, inside the caller's transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from onrecord.corpus.store import identity, quote_corrections, statements
from onrecord.corpus.store.errors import StoreError
from onrecord.corpus.store.models import StoredArticle, StoreOutcome
from onrecord.corpus.store.quote_corrections import spans_json
from onrecord.corpus.store.schema import article_entities, articles, failures, quotes
from onrecord.corpus.store.sentences import quote_sentence
from onrecord.corpus.store.timeutil import now_iso
from onrecord.record import ArticleRecord, Quote, text_sha256
from onrecord.statements.dates import statement_date

CHUNK = 500


def chunks(items: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def all_hashes(conn: Connection) -> set[str]:
    return set(conn.execute(select(articles.c.text_sha256)).scalars())


def known_hashes(conn: Connection, hashes: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for batch in chunks(dict.fromkeys(hashes)):
        found.update(
            conn.execute(
                select(articles.c.text_sha256).where(articles.c.text_sha256.in_(batch))
            ).scalars()
        )
    return found


def _check(article: StoredArticle) -> None:
    digest = text_sha256(article.text)
    if digest != article.record.text_sha256:
        raise StoreError(
            f"{article.origin}: the text does not match its record (text_sha256 differs); "
            "store the text that was analysed"
        )


def known_ids(conn: Connection, hashes: Iterable[str]) -> dict[str, str]:
    """The doc_id stored for each of these text hashes that is stored."""
    found: dict[str, str] = {}
    for batch in chunks(dict.fromkeys(hashes)):
        rows = conn.execute(
            select(articles.c.text_sha256, articles.c.doc_id).where(
                articles.c.text_sha256.in_(batch)
            )
        )
        found.update((str(digest), str(doc_id)) for digest, doc_id in rows)
    return found


def unique_doc_id(conn: Connection, wanted: str) -> str:
    """``wanted`` if no stored article has it, else the first free ``wanted-2``,
    ``wanted-3``, ..."""
    taken = conn.execute(select(articles.c.id).where(articles.c.doc_id == wanted)).first()
    if taken is None:
        return wanted
    prefix = wanted + "-"
    similar = set(
        conn.execute(
            select(articles.c.doc_id).where(articles.c.doc_id.startswith(prefix, autoescape=True))
        ).scalars()
    )
    number = 2
    while f"{prefix}{number}" in similar:
        number += 1
    return f"{prefix}{number}"


def add_articles(
    conn: Connection, batch: Sequence[StoredArticle], *, reanalysed: bool = False
) -> list[StoreOutcome]:
    """Store the articles whose text is new, each under a doc_id no other stored article
    has (see :func:`unique_doc_id`); say what became of each. ``reanalysed``: an article
    whose text is stored replaces its stored record (:func:`replace_article`)."""
    for article in batch:
        _check(article)
    seen = known_ids(conn, (a.record.text_sha256 for a in batch))
    replaced: set[str] = set()
    outcomes: list[StoreOutcome] = []
    for article in batch:
        digest = article.record.text_sha256
        wanted = article.record.doc_id
        if digest in seen:
            if reanalysed and digest not in replaced:
                replaced.add(digest)
                changed = replace_article(conn, article)
                outcomes.append(
                    StoreOutcome(
                        article.origin, wanted, seen[digest], new=False, reanalysed=True,
                        changed=changed,
                    )
                )  # fmt: skip
                continue
            outcomes.append(StoreOutcome(article.origin, wanted, seen[digest], new=False))
            continue
        doc_id = unique_doc_id(conn, wanted)
        if doc_id != wanted:
            record = article.record.model_copy(update={"doc_id": doc_id})
            article = StoredArticle(
                record, article.text, article.origin, article.url, article.outlet
            )
        seen[digest] = doc_id
        store_article(conn, article)
        outcomes.append(StoreOutcome(article.origin, wanted, doc_id, new=True))
    return outcomes


def _vias(record: ArticleRecord) -> dict[str, str]:
    """The outlet each quote credits, by quote key, for its statement report."""
    return {q.id: q.via for q in record.quotes if q.via}


def store_article(conn: Connection, article: StoredArticle) -> int:
    record = article.record
    article_id = int(
        conn.execute(
            insert(articles)
            .values(
                doc_id=record.doc_id,
                text_sha256=record.text_sha256,
                title=record.title,
                published=record.published,
                url=article.url,
                outlet=article.outlet,
                language=record.language,
                origin=article.origin,
                text=article.text,
                record_json=record.to_json(),
                ingested_at=now_iso(),
            )
            .returning(articles.c.id)
        ).scalar_one()
    )
    entity_rows = _store_entities(conn, article_id, record)
    rows = [_quote_row(article, article_id, i, q, entity_rows) for i, q in enumerate(record.quotes)]
    if rows:
        conn.execute(insert(quotes), rows)
        statements.assign(conn, article_id, vias=_vias(record))
    return article_id


_COMPARED = (
    "type", "speech_act", "plover", "content_text", "cue_text", "source_text", "speaker_id",
    "speaker_name", "addressee_name", "venue", "date_value", "statement_date",
)  # fmt: skip


def _quote_facts(conn: Connection, article_id: int) -> dict[str, tuple[Any, ...]]:
    """What a reader sees of each quote of the article, by its content spans."""
    rows = conn.execute(
        select(quotes.c.spans_json, *(quotes.c[name] for name in _COMPARED)).where(
            quotes.c.article_id == article_id
        )
    )
    return {row[0]: tuple(row[1:]) for row in rows}


@dataclass(frozen=True)
class StoredInput:
    """A stored article as input to its re-analysis."""

    id: int  # row id: the order of storage
    doc_id: str
    origin: str
    text: str
    title: str | None  # a title given with it; None when it is the text's headline
    published: str | None


def stored_inputs(conn: Connection, *, after: int, limit: int) -> list[StoredInput]:
    rows = conn.execute(
        select(
            articles.c.id,
            articles.c.doc_id,
            articles.c.origin,
            articles.c.text,
            articles.c.title,
            articles.c.published,
        )
        .where(articles.c.id > after)
        .order_by(articles.c.id)
        .limit(limit)
    )
    out: list[StoredInput] = []
    for r in rows:
        title = r.title
        first = r.text.strip().split("\n", 1)[0] if r.text.strip() else ""
        if title is not None and " ".join(first.split()) == " ".join(title.split()):
            title = None  # the analysis reads the headline again
        out.append(StoredInput(int(r.id), r.doc_id, r.origin, r.text, title, r.published))
    return out


def replace_article(conn: Connection, article: StoredArticle) -> int:
    """Replace the record of the stored article with the same text by ``article``'s (a
    re-analysis), inside the caller's transaction: its entities and quotes are stored
    again and linked to corpus speakers (so merges and splits, kept as overrides, apply),
    then the users' corrections of its quotes apply again (matched by content spans). The
    doc_id, text and ingest time stay; the URL and outlet stay unless ``article`` gives
    them. Returns how many quotes were added, removed or changed."""
    _check(article)
    row = conn.execute(
        select(articles.c.id, articles.c.doc_id, articles.c.url, articles.c.outlet).where(
            articles.c.text_sha256 == article.record.text_sha256
        )
    ).one()
    article_id = int(row.id)
    record = article.record.model_copy(update={"doc_id": row.doc_id})
    before = _quote_facts(conn, article_id)
    old_speakers = {
        int(s)
        for s in conn.execute(
            select(article_entities.c.speaker_id).where(
                article_entities.c.article_id == article_id,
                article_entities.c.speaker_id.is_not(None),
            )
        ).scalars()
    }
    touched = statements.forget_article(conn, article_id)
    conn.execute(delete(quotes).where(quotes.c.article_id == article_id))
    conn.execute(delete(article_entities).where(article_entities.c.article_id == article_id))
    conn.execute(
        update(articles)
        .where(articles.c.id == article_id)
        .values(
            title=record.title,
            published=record.published,
            url=article.url if article.url is not None else row.url,
            outlet=article.outlet if article.outlet is not None else row.outlet,
            language=record.language,
            record_json=record.to_json(),
        )
    )
    stored = StoredArticle(record, article.text, article.origin, article.url, article.outlet)
    entity_rows = _store_entities(conn, article_id, record)
    rows = [_quote_row(stored, article_id, i, q, entity_rows) for i, q in enumerate(record.quotes)]
    if rows:
        conn.execute(insert(quotes), rows)
    quote_corrections.reapply(conn, article_id)
    statements.assign(conn, article_id, touched=touched, vias=_vias(record))
    for speaker_id in sorted(old_speakers):
        # what the old record alone said of a speaker goes; one nothing refers to any more
        # (the analysis no longer finds them) is deleted
        linked = select(article_entities.c.id).where(article_entities.c.speaker_id == speaker_id)
        if conn.execute(linked.limit(1)).first() is not None:
            identity.rebuild_speaker(conn, speaker_id)
        else:
            quote_corrections.forget_if_unused(conn, speaker_id)
    after = _quote_facts(conn, article_id)
    common = before.keys() & after.keys()
    return len(before.keys() ^ after.keys()) + sum(before[k] != after[k] for k in common)


def _store_entities(
    conn: Connection, article_id: int, record: ArticleRecord
) -> dict[str, tuple[int, int | None]]:
    """Insert the record's entities; link the speakers. Returns key -> (row id, speaker id)."""
    speaking = {q.speaker.entity for q in record.quotes if q.speaker and q.speaker.entity}
    overrides = bool(speaking) and identity.has_overrides(conn)
    links: list[identity.Link | None] = []
    rows: list[dict[str, Any]] = []
    for entity in record.entities:
        link: identity.Link | None = None
        if entity.id in speaking:
            link = identity.link_entity(
                conn,
                identity.EntityFacts(
                    type=entity.type,
                    name=entity.name,
                    aliases=tuple(entity.aliases),
                    titles=tuple(entity.titles),
                    affiliation=entity.affiliation,
                    country=entity.country,
                ),
                overrides=overrides,
            )
        links.append(link)
        rows.append(
            {
                "article_id": article_id,
                "key": entity.id,
                "type": entity.type,
                "name": entity.name,
                "aliases_json": json.dumps(entity.aliases),
                "titles_json": json.dumps(entity.titles),
                "affiliation": entity.affiliation,
                "country": entity.country,
                "speaker_id": link.speaker_id if link else None,
                "link_rule": link.rule if link else None,
                "link_detail": link.detail if link else None,
            }
        )
    if not rows:
        return {}
    # one statement for the article's entities (rather than one each); ids in row order
    ids = conn.execute(
        insert(article_entities).returning(article_entities.c.id, sort_by_parameter_order=True),
        rows,
    ).scalars()
    return {
        entity.id: (int(row_id), link.speaker_id if link else None)
        for entity, row_id, link in zip(record.entities, ids, links, strict=True)
    }


def _quote_row(
    article: StoredArticle,
    article_id: int,
    position: int,
    quote: Quote,
    entities: dict[str, tuple[int, int | None]],
) -> dict[str, Any]:
    entity_id: int | None = None
    speaker_id: int | None = None
    if quote.speaker is not None and quote.speaker.entity in entities:
        entity_id, speaker_id = entities[quote.speaker.entity]
    start, end = quote_sentence(article.text, quote)
    return {
        "article_id": article_id,
        "position": position,
        "key": quote.id,
        "type": quote.type,
        "speech_act": quote.speech_act,
        "plover": quote.plover,
        "content_text": quote.content.text,
        "spans_json": spans_json(quote.content.spans),
        "cue_text": quote.cue.text if quote.cue else None,
        "cue_lemma": quote.cue.lemma if quote.cue else None,
        "source_text": quote.source.text if quote.source else None,
        "speaker_name": quote.speaker.name if quote.speaker else None,
        "entity_id": entity_id,
        "speaker_id": speaker_id,
        "addressee_name": quote.addressee.name if quote.addressee else None,
        "venue": quote.venue,
        "date_value": quote.date.value if quote.date else None,
        "date_text": quote.date.text if quote.date else None,
        "statement_date": statement_date(
            quote.date.value if quote.date else None, article.record.published
        ),
        "confidence": quote.confidence,
        "sentence_start": start,
        "sentence_end": end,
    }


# --- failures ----------------------------------------------------------------------------


def add_failures(conn: Connection, items: Sequence[tuple[str, str]]) -> None:
    latest = dict(items)  # one row per origin: the last reason given wins
    if not latest:
        return
    at = now_iso()
    rows = [
        {"origin": origin, "reason": reason, "at": at, "resolved": False, "resolved_at": None}
        for origin, reason in latest.items()
    ]
    for start in range(0, len(rows), CHUNK):
        values = rows[start : start + CHUNK]
        if conn.dialect.name == "postgresql":
            pg = postgresql.insert(failures).values(values)
            conn.execute(
                pg.on_conflict_do_update(
                    index_elements=[failures.c.origin], set_=_refail(pg.excluded)
                )
            )
        else:
            lite = sqlite.insert(failures).values(values)
            conn.execute(
                lite.on_conflict_do_update(
                    index_elements=[failures.c.origin], set_=_refail(lite.excluded)
                )
            )


def _refail(excluded: Any) -> dict[str, Any]:
    return {"reason": excluded.reason, "at": excluded.at, "resolved": False, "resolved_at": None}


def resolve_failures(conn: Connection, origins: Iterable[str]) -> None:
    at = now_iso()
    for batch in chunks(dict.fromkeys(origins)):
        conn.execute(
            update(failures)
            .where(failures.c.origin.in_(batch), failures.c.resolved.is_(False))
            .values(resolved=True, resolved_at=at)
        )
