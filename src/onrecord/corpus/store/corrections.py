"""User corrections of speaker identity, and the explanation of a speaker.

A merge moves everything of one speaker to another and leaves overrides for the
other's spellings; a split moves one alias, and the article entities that carry it,
to a new speaker and leaves overrides for the spellings on each side. Overrides are
keyed by spelling, so :mod:`onrecord.corpus.store.identity` applies them to the entities of
articles stored later.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Row, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from onrecord.corpus.store import identity
from onrecord.corpus.store.errors import StoreError
from onrecord.corpus.store.models import EntityLink, Override, SpeakerExplanation
from onrecord.corpus.store.query import speaker_row
from onrecord.corpus.store.schema import (
    article_entities,
    articles,
    quotes,
    speaker_aliases,
    speaker_overrides,
    speakers,
)
from onrecord.corpus.store.timeutil import now_iso


def _speaker(conn: Connection, speaker_id: int) -> tuple[str, str]:
    row = conn.execute(
        select(speakers.c.name, speakers.c.type).where(speakers.c.id == speaker_id)
    ).one()
    return str(row.name), str(row.type)


def _aliases(conn: Connection, speaker_id: int) -> list[str]:
    return list(
        conn.execute(
            select(speaker_aliases.c.alias)
            .where(speaker_aliases.c.speaker_id == speaker_id)
            .order_by(speaker_aliases.c.id)
        ).scalars()
    )


def _set_override(conn: Connection, alias: str, type_: str, speaker_id: int, action: str) -> None:
    keys = identity.alias_keys(alias, type_, identity.lexicon_of(conn))
    values = {
        "alias": alias,
        "alias_norm": keys.norm,
        "alias_key": keys.key,
        "speaker_id": speaker_id,
        "action": action,
        "created_at": now_iso(),
    }
    changes = {k: v for k, v in values.items() if k != "alias_norm"}
    if conn.dialect.name == "postgresql":
        pg = postgresql.insert(speaker_overrides).values(values)
        conn.execute(pg.on_conflict_do_update(index_elements=["alias_norm"], set_=changes))
    else:
        lite = sqlite.insert(speaker_overrides).values(values)
        conn.execute(lite.on_conflict_do_update(index_elements=["alias_norm"], set_=changes))


def merge(conn: Connection, keep_id: int, other_id: int) -> None:
    """Make ``other`` part of ``keep``: its entities, quotes and spellings, now and later."""
    if keep_id == other_id:
        name, _ = _speaker(conn, keep_id)
        raise StoreError(f"#{keep_id} {name} and #{other_id} are the same speaker")
    keep_name, keep_type = _speaker(conn, keep_id)
    other_name, _ = _speaker(conn, other_id)
    detail = f'merged #{other_id} "{other_name}" into #{keep_id} "{keep_name}"'
    conn.execute(
        update(article_entities)
        .where(article_entities.c.speaker_id == other_id)
        .values(speaker_id=keep_id, link_rule=identity.RULE_MERGED, link_detail=detail)
    )
    conn.execute(update(quotes).where(quotes.c.speaker_id == other_id).values(speaker_id=keep_id))
    for alias in _aliases(conn, other_id):
        _set_override(conn, alias, keep_type, keep_id, "merge")
    conn.execute(
        update(speaker_overrides)
        .where(speaker_overrides.c.speaker_id == other_id)
        .values(speaker_id=keep_id)
    )
    conn.execute(
        update(speakers).where(speakers.c.merged_into == other_id).values(merged_into=keep_id)
    )
    conn.execute(update(speakers).where(speakers.c.id == other_id).values(merged_into=keep_id))
    identity.rebuild_speaker(conn, other_id)
    identity.rebuild_speaker(conn, keep_id)


def _carried_alias(conn: Connection, speaker_id: int, alias: str) -> str:
    """The speaker's own spelling of ``alias`` (exact, else the same up to transliteration)."""
    name, type_ = _speaker(conn, speaker_id)
    aliases = _aliases(conn, speaker_id)
    lexicon = identity.lexicon_of(conn)
    wanted = identity.alias_keys(alias, type_, lexicon)
    exact = [a for a in aliases if identity.norm(a) == wanted.norm]
    if exact:
        return exact[0]
    similar = [a for a in aliases if identity.alias_keys(a, type_, lexicon).key == wanted.key]
    if len(similar) == 1:
        return similar[0]
    raise StoreError(
        f"#{speaker_id} {name} has no alias {alias!r}; its aliases are: {'; '.join(aliases)}"
    )


def _norms(row: Row[Any]) -> set[str]:
    return {identity.norm(f) for f in identity.entity_facts(row).forms()}


def split(conn: Connection, speaker_id: int, alias: str) -> int:
    """Move ``alias`` and the article entities that carry it to a new speaker; return it."""
    name, type_ = _speaker(conn, speaker_id)
    alias = _carried_alias(conn, speaker_id, alias)
    wanted = identity.norm(alias)
    rows = conn.execute(
        select(article_entities)
        .where(article_entities.c.speaker_id == speaker_id)
        .order_by(article_entities.c.id)
    ).all()
    moving = [r for r in rows if wanted in _norms(r)]
    staying = [r for r in rows if wanted not in _norms(r)]
    if not staying:
        raise StoreError(
            f"every article entity of #{speaker_id} {name} carries {alias!r}; "
            "splitting it off would leave nothing behind"
        )
    new_id = identity.create_speaker(conn, alias, type_)
    detail = f'split "{alias}" off #{speaker_id} "{name}"'
    moved_ids = [int(r.id) for r in moving]
    conn.execute(
        update(article_entities)
        .where(article_entities.c.id.in_(moved_ids))
        .values(speaker_id=new_id, link_rule=identity.RULE_SPLIT, link_detail=detail)
    )
    conn.execute(update(quotes).where(quotes.c.entity_id.in_(moved_ids)).values(speaker_id=new_id))
    stay_forms = {identity.norm(f): f for r in staying for f in identity.entity_facts(r).forms()}
    move_forms = {identity.norm(f): f for r in moving for f in identity.entity_facts(r).forms()}
    # Spellings only the moved entities use go to the new speaker, the ones only the
    # remaining entities use stay; "Sidorov", used by both, is left to the rules.
    _set_override(conn, alias, type_, new_id, "split")
    for key, form in move_forms.items():
        if key not in stay_forms and key != wanted:
            _set_override(conn, form, type_, new_id, "split")
    lexicon = identity.lexicon_of(conn)
    wanted_key = identity.alias_keys(alias, type_, lexicon).key
    for key, form in stay_forms.items():
        if key not in move_forms and identity.alias_keys(form, type_, lexicon).key == wanted_key:
            _set_override(conn, form, type_, speaker_id, "split")
    identity.rebuild_speaker(conn, speaker_id)
    identity.rebuild_speaker(conn, new_id, keep_name=True)
    return new_id


def explain(conn: Connection, speaker_id: int) -> SpeakerExplanation:
    row = speaker_row(conn, speaker_id)
    quote_counts = (
        select(quotes.c.entity_id, func.count().label("n"))
        .where(quotes.c.entity_id.is_not(None))
        .group_by(quotes.c.entity_id)
        .subquery()
    )
    links = [
        EntityLink(
            doc_id=r.doc_id,
            entity=r.key,
            name=r.name,
            aliases=json.loads(r.aliases_json),
            rule=r.link_rule or identity.RULE_NEW,
            detail=r.link_detail,
            quotes=int(r.n or 0),
        )
        for r in conn.execute(
            select(
                articles.c.doc_id,
                article_entities.c.key,
                article_entities.c.name,
                article_entities.c.aliases_json,
                article_entities.c.link_rule,
                article_entities.c.link_detail,
                quote_counts.c.n,
            )
            .join(articles, articles.c.id == article_entities.c.article_id)
            .outerjoin(quote_counts, quote_counts.c.entity_id == article_entities.c.id)
            .where(article_entities.c.speaker_id == speaker_id)
            .order_by(article_entities.c.id)
        )
    ]
    overrides = [
        Override(alias=r.alias, action=r.action, at=r.created_at)
        for r in conn.execute(
            select(speaker_overrides)
            .where(speaker_overrides.c.speaker_id == speaker_id)
            .order_by(speaker_overrides.c.id)
        )
    ]
    merged = [
        (int(r.id), str(r.name))
        for r in conn.execute(
            select(speakers.c.id, speakers.c.name)
            .where(speakers.c.merged_into == speaker_id)
            .order_by(speakers.c.id)
        )
    ]
    return SpeakerExplanation(
        speaker=row,
        aliases=row.aliases,
        titles=row.titles,
        links=links,
        overrides=overrides,
        merged=merged,
    )
