"""The web reader's queries and the indexes of schema version 2, on SQLite always and on
PostgreSQL when ONRECORD_TEST_PG_URL is set.

Facets, totals and pages are computed several ways depending on the filters (see
``onrecord.corpus.store.browse.facets`` and ``onrecord.corpus.store.query.search``); each must agree
with counting and slicing the full, unpaged search result.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import onrecord
import onrecord.corpus.store
from onrecord.article import Article
from onrecord.corpus.store import (
    SCHEMA_VERSION,
    HitPage,
    Store,
    StoredArticle,
    identity,
    open_store,
)
from onrecord.corpus.store.migrations import READER_INDEXES
from onrecord.corpus.store.query import Filters

FIXTURES = Path(__file__).parent / "fixtures" / "store"
ARTICLES: dict[str, tuple[str, str]] = {  # name -> (published, outlet)
    "ryabkov_geneva": ("2022-01-10", "RT"),
    "sidorov_rt": ("2022-02-15", "RT"),
    "lavrov_reuters": ("2022-02-16", "Reuters"),
    "sidorov_tass": ("2022-03-01", "TASS"),
    "lavrov_ap": ("2022-03-09", "AP"),
}
V2_INDEXES = {name for name, _ in READER_INDEXES} | {"ix_quotes_act_newest"}
# Speakers who name one another, for the people a speaker talks about.
MENTIONS = (
    'Anna Ivanova, the energy minister, said on Monday that "Ivan Petrov is wrong about the '
    'gas deal." Petrov, the opposition leader, replied: "Ivanova has misled parliament and '
    'Mikhail Orlov knows it." "Petrov never read the contract," Ivanova told reporters. '
    "Mikhail Orlov, the speaker of parliament, declined to comment."
)


@pytest.fixture(scope="module")
def analysed() -> list[StoredArticle]:
    texts = {name: (FIXTURES / f"{name}.txt").read_text(encoding="utf-8") for name in ARTICLES}
    records = onrecord.analyze_many(
        Article(text=texts[name], doc_id=name, published=published)
        for name, (published, _) in ARTICLES.items()
    )
    stored = [
        StoredArticle(record=record, text=texts[name], origin=f"{name}.txt", outlet=outlet)
        for (name, (_, outlet)), record in zip(ARTICLES.items(), records, strict=True)
    ]
    record = onrecord.analyze(MENTIONS, doc_id="mentions", published="2022-03-10")
    return [*stored, StoredArticle(record=record, text=MENTIONS, origin="mentions.txt")]


@pytest.fixture
def store_url(new_db_url: Callable[[], str]) -> str:
    return new_db_url()


@pytest.fixture
def store(store_url: str, analysed: list[StoredArticle]) -> Iterator[Store]:
    opened = open_store(store_url)
    opened.add_articles(analysed)
    try:
        yield opened
    finally:
        opened.close()


def _engine_url(url: str) -> str:
    return url if "://" in url else f"sqlite:///{url}"


def _index_names(url: str) -> set[str]:
    engine = create_engine(_engine_url(url))
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                query = "SELECT name FROM sqlite_master WHERE type = 'index'"
            else:
                query = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
            return set(conn.execute(text(query)).scalars())
    finally:
        engine.dispose()


def test_a_version_1_database_gets_the_reader_indexes(store: Store, store_url: str) -> None:
    assert _index_names(store_url) >= V2_INDEXES
    store.close()
    engine = create_engine(_engine_url(store_url))
    with engine.begin() as conn:  # back to what version 1 left
        for name in V2_INDEXES:
            conn.execute(text(f"DROP INDEX {name}"))
        conn.execute(text("DELETE FROM schema_version WHERE version > 1"))
    engine.dispose()
    assert not V2_INDEXES & _index_names(store_url)
    reopened = open_store(store_url)
    try:
        assert reopened.counts()["quotes"] > 0
        assert _index_names(store_url) >= V2_INDEXES
    finally:
        reopened.close()
    assert SCHEMA_VERSION >= 2


def _filter_cases(store: Store) -> list[Filters]:
    every = store.search(limit=10_000).hits
    speaker = next(h.speaker_id for h in every if h.speaker_id is not None)
    act = Counter(h.speech_act for h in every).most_common(1)[0][0]
    words = Counter(w for h in every for w in {w.lower() for w in h.content.split() if w.isalpha()})
    word = next(w for w, _ in words.most_common() if len(w) > 4)  # in the most quotes
    return [
        Filters(),
        Filters(act=act),
        Filters(act="warning"),
        Filters(outlet="rt"),  # outlets compare without case
        Filters(outlet="Reuters", act=act),
        Filters(speaker=speaker),
        Filters(speaker=speaker, act=act),
        Filters(since="2022-02", until="2022-03"),
        Filters(text=word),
        Filters(text=word, act=act),
        Filters(text=word, outlet="RT"),
        Filters(text=f"{word} OR Russian"),
        Filters(text="zzzznothing"),
        Filters(text="!!!"),  # no words: nothing can match
    ]


def _page(store: Store, chosen: Filters, *, limit: int, offset: int = 0) -> HitPage:
    """A page of the search ``chosen`` selects, counted over all pages."""
    return store.search(**asdict(chosen), limit=limit, offset=offset, count=True)


def _all_hits(store: Store, chosen: Filters) -> list[onrecord.corpus.store.QuoteHit]:
    return store.search(**asdict(chosen), limit=10_000).hits


def test_facets_and_totals_count_the_full_result(store: Store) -> None:
    names = {s.id: s.name for s in store.speakers(limit=1000)}
    for chosen in _filter_cases(store):
        hits = _all_hits(store, chosen)
        facets = store.facets(chosen, top=1000)
        assert facets.total == len(hits), chosen
        assert _page(store, chosen, limit=5).total == len(hits), chosen
        assert store.search(**asdict(chosen), limit=5).total is None, chosen  # not asked
        acts = Counter(h.speech_act for h in hits)
        assert {f.value: f.count for f in facets.acts} == acts, chosen
        outlets = Counter(h.outlet for h in hits if h.outlet is not None)
        assert {f.value: f.count for f in facets.outlets} == outlets, chosen
        speakers = Counter(h.speaker_id for h in hits if h.speaker_id is not None)
        assert {int(f.value): f.count for f in facets.speakers} == speakers, chosen
        assert all(f.label == names[int(f.value)] for f in facets.speakers), chosen
        counts = [f.count for f in facets.speakers]
        assert counts == sorted(counts, reverse=True), chosen


def test_pages_are_slices_of_the_full_result(store: Store) -> None:
    for chosen in _filter_cases(store):
        hits = _all_hits(store, chosen)
        for offset in (0, 3, len(hits) - 1, len(hits) + 5):
            page = _page(store, chosen, limit=4, offset=max(0, offset))
            assert page.hits == hits[max(0, offset) : max(0, offset) + 4], (chosen, offset)


def _plan(store: Store, sql: str, **params: object) -> str:
    engine = create_engine(_engine_url(store.url))
    try:
        with engine.connect() as conn:
            rows = conn.execute(text(f"EXPLAIN QUERY PLAN {sql}"), params)
            return " | ".join(str(row[-1]) for row in rows)
    finally:
        engine.dispose()


def test_sqlite_plans_use_the_reader_indexes(store: Store) -> None:
    if store.backend != "sqlite":
        pytest.skip("query plans are checked on SQLite")
    by_act = _plan(
        store,
        "SELECT id FROM quotes WHERE speech_act = :act "
        "ORDER BY statement_date DESC, article_id DESC, position LIMIT 20",
        act="statement",
    )
    assert "ix_quotes_act_newest" in by_act
    assert "TEMP B-TREE" not in by_act
    by_outlet = _plan(
        store, "SELECT id FROM articles WHERE lower(outlet) = :outlet", outlet="variant wire"
    )
    assert "ix_articles_outlet_lower" in by_outlet
    activity = _plan(
        store,
        "SELECT statement_date, speech_act, count(*) FROM quotes WHERE speaker_id = :s "
        "GROUP BY statement_date, speech_act",
        s=1,
    )
    assert "COVERING INDEX ix_quotes_speaker_activity" in activity


def _whole_words(content: str, form: str) -> bool:
    for start in range(len(content) - len(form) + 1):
        if content.startswith(form, start):
            before = content[start - 1] if start else " "
            end = start + len(form)
            after = content[end] if end < len(content) else " "
            if not before.isalnum() and not after.isalnum():
                return True
    return False


def _mentions_the_long_way(url: str, speaker_id: int) -> dict[tuple[int | None, str], int]:
    """What ``mentioned_people`` counts, entity by entity and quote by quote, without any
    of its shortcuts."""
    engine = create_engine(_engine_url(url))
    try:
        with engine.connect() as conn:
            said = conn.execute(
                text(
                    "SELECT article_id, content_text, entity_id FROM quotes WHERE speaker_id = :s"
                ),
                {"s": speaker_id},
            ).all()
            persons = conn.execute(
                text(
                    "SELECT id, article_id, speaker_id, name, aliases_json FROM article_entities "
                    "WHERE type = 'PERSON'"
                )
            ).all()
            full = conn.execute(
                text("SELECT alias_norm, speaker_id FROM speaker_aliases WHERE " + '"full"')
            ).all()
    finally:
        engine.dispose()
    owners: dict[str, set[int]] = {}
    for alias, owner in full:
        owners.setdefault(alias, set()).add(int(owner))
    counts: Counter[tuple[int | None, str]] = Counter()
    for article_id, content, own in said:
        seen: set[tuple[int | None, str]] = set()
        for entity, in_article, other, name, aliases_json in persons:
            if in_article != article_id or entity == own or other == speaker_id:
                continue
            spellings = {a.strip() for a in [name, *json.loads(aliases_json)]}
            forms = [f for f in spellings if len(f) > 1 and identity.looks_like_name(f)]
            if not any(_whole_words(content, f) for f in forms):
                continue
            if other is None:
                found = owners.get(identity.norm(name), set())
                other = next(iter(found)) if len(found) == 1 else None
            if other == speaker_id:
                continue
            key = (int(other), "") if other is not None else (None, name.lower())
            if key not in seen:
                seen.add(key)
                counts[key] += 1
    return dict(counts)


def test_mentioned_people_counts_every_person_named(store: Store, store_url: str) -> None:
    some = 0
    for speaker in store.speakers(limit=1000):
        found = store.mentioned_people(speaker.id, limit=1000)
        expected = _mentions_the_long_way(store_url, speaker.id)
        got = {(m.speaker_id, "" if m.speaker_id is not None else m.name.lower()): m.quotes
               for m in found}  # fmt: skip
        assert got == expected, speaker.name
        some += len(found)
    assert some > 0  # the fixtures' speakers do name other people
