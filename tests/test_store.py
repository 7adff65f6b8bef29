"""The corpus store, on SQLite always and on PostgreSQL when ONRECORD_TEST_PG_URL is set.

The articles are small hand-written reports in tests/fixtures/store, analysed once per
session; each test gets an empty store of its own.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import Connection, create_engine, insert, inspect, text

import onrecord
from onrecord.article import Article
from onrecord.corpus.store import (
    SCHEMA_VERSION,
    SchemaVersionError,
    Store,
    StoredArticle,
    StoreError,
    open_store,
    write,
)
from onrecord.corpus.store.export import COLUMNS
from onrecord.corpus.store.schema import metadata, schema_version
from onrecord.record import ArticleRecord

FIXTURES = Path(__file__).parent / "fixtures" / "store"
PG_ENV = "ONRECORD_TEST_PG_URL"

# name -> (published, outlet, url)
ARTICLES: dict[str, tuple[str, str, str]] = {
    "ryabkov_geneva": ("2022-01-10", "RT", "https://example.org/rt/ryabkov"),
    "ryabkov_surname": ("2022-01-12", "RT", "https://example.org/rt/patience"),
    "sidorov_rt": ("2022-02-15", "RT", "https://example.org/rt/sidorov"),
    "lavrov_reuters": ("2022-02-16", "Reuters", "https://example.org/reuters/lavrov"),
    "sidorov_tass": ("2022-03-01", "TASS", "https://example.org/tass/sidorov"),
    "lavrov_ap": ("2022-03-09", "AP", "https://example.org/ap/lavrov"),
    "sidorov_later": ("2022-04-01", "TASS", "https://example.org/tass/winter"),
    "sidorov_surname": ("2022-04-05", "Kommersant", "https://example.org/k/radio"),
}


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def analysed() -> dict[str, StoredArticle]:
    names = list(ARTICLES)
    texts = {name: (FIXTURES / f"{name}.txt").read_text(encoding="utf-8") for name in names}
    records = onrecord.analyze_many(
        Article(text=texts[name], doc_id=name, published=ARTICLES[name][0]) for name in names
    )
    return {
        name: StoredArticle(
            record=record,
            text=texts[name],
            origin=f"{name}.txt",
            url=ARTICLES[name][2],
            outlet=ARTICLES[name][1],
        )
        for name, record in zip(names, records, strict=True)
    }


@pytest.fixture
def art(analysed: dict[str, StoredArticle]) -> Callable[..., list[StoredArticle]]:
    def pick(*names: str) -> list[StoredArticle]:
        return [analysed[name] for name in names]

    return pick


@pytest.fixture
def store_url(new_db_url: Callable[[], str]) -> str:
    """The URL of an empty database: a file in tmp_path, or a fresh PostgreSQL schema."""
    return new_db_url()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()


# --- opening and the schema -----------------------------------------------------------------


def test_open_creates_an_empty_corpus(store: Store, store_url: str) -> None:
    assert store.counts() == {"articles": 0, "quotes": 0, "speakers": 0, "failures": 0}
    assert store.backend in ("sqlite", "postgresql")
    if store.backend == "postgresql":
        assert ":***@" in store.url  # the password is masked
    again = open_store(store_url)  # reopening migrates nothing and loses nothing
    assert again.counts() == store.counts()
    again.close()


def test_the_migrated_schema_is_the_declared_one(store: Store, store_url: str) -> None:
    engine = create_engine(store_url if "://" in store_url else f"sqlite:///{store_url}")
    try:
        with engine.connect() as conn:
            inspector = inspect(conn)
            for table in metadata.sorted_tables:
                columns = {c["name"] for c in inspector.get_columns(table.name)}
                assert columns == set(table.columns.keys()), table.name
            versions = conn.execute(text("SELECT version FROM schema_version")).scalars().all()
            assert versions == list(range(1, SCHEMA_VERSION + 1))
    finally:
        engine.dispose()


def test_a_database_from_a_newer_onrecord_is_refused(store: Store, store_url: str) -> None:
    store.close()
    engine = create_engine(store_url if "://" in store_url else f"sqlite:///{store_url}")
    with engine.begin() as conn:
        conn.execute(
            insert(schema_version).values(
                version=SCHEMA_VERSION + 1, description="from the future", applied_at="2099"
            )
        )
    engine.dispose()
    with pytest.raises(SchemaVersionError, match=r"newer than this onrecord supports"):
        open_store(store_url)


def test_open_reports_bad_locations_clearly(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"cannot open database .*directory exists"):
        open_store(str(tmp_path / "missing" / "dir" / "corpus.db"))
    with pytest.raises(StoreError, match=r"unsupported database 'mysql'"):
        open_store("mysql://user:pw@localhost/db")
    with pytest.raises(StoreError, match=r"server is running") as caught:
        open_store("postgresql://someone:secret@127.0.0.1:1/nothing?connect_timeout=2")
    assert "secret" not in str(caught.value)
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError, match=r"cannot open database .* not a SQLite database"):
        open_store(str(not_a_db))


def test_plain_path_and_default_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store() as default:
        assert default.backend == "sqlite"
        assert default.url == "sqlite:///onrecord.db"
    assert (tmp_path / "onrecord.db").is_file()
    with open_store(str(tmp_path / "x.db")) as plain:
        assert plain.url.endswith("x.db")


# --- writing --------------------------------------------------------------------------------


def test_the_same_text_is_stored_once(
    store: Store, art: Callable[..., list[StoredArticle]]
) -> None:
    lavrov = art("lavrov_reuters")[0]
    assert store.add_articles([lavrov, lavrov]) == 1
    assert store.add_articles([lavrov]) == 0
    assert store.add_articles(art("lavrov_reuters", "lavrov_ap")) == 1
    counts = store.counts()
    assert counts["articles"] == 2
    assert counts["quotes"] == len(lavrov.record.quotes) + len(art("lavrov_ap")[0].record.quotes)
    digest = lavrov.record.text_sha256
    assert store.known_hashes([digest, "0" * 64]) == {digest}
    assert store.add_articles([]) == 0


def test_a_batch_that_fails_half_way_stores_nothing(
    store: Store, art: Callable[..., list[StoredArticle]], monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_articles(art("lavrov_reuters"))
    before = store.counts()
    original = write.store_article
    calls: list[str] = []

    def failing(conn: Connection, article: StoredArticle) -> int:
        if calls:
            raise RuntimeError("disk on fire")
        calls.append(article.origin)
        return original(conn, article)

    monkeypatch.setattr(write, "store_article", failing)
    batch = art("sidorov_rt", "sidorov_tass", "lavrov_ap")
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add_articles(batch)
    assert calls == ["sidorov_rt.txt"]  # the first article was written, then rolled back
    assert store.counts() == before
    assert store.known_hashes(a.record.text_sha256 for a in batch) == set()
    assert [s.name for s in store.speakers()] == ["Sergei Lavrov"]
    monkeypatch.undo()
    assert store.add_articles(batch) == 3


_CHILD = """
import json, sys, time
from onrecord.record import ArticleRecord
from onrecord.corpus.store import StoredArticle, open_store, write

url, batch_file, ready = sys.argv[1:4]
items = json.loads(open(batch_file, encoding="utf-8").read())
batch = [StoredArticle(ArticleRecord.model_validate_json(i["record"]), i["text"], i["origin"])
         for i in items]
original = write.store_article

def stall(conn, article):
    result = original(conn, article)
    open(ready, "w").close()
    time.sleep(120)
    return result

write.store_article = stall
open_store(url).add_articles(batch)
"""


def test_kill_9_in_the_middle_of_a_batch_leaves_no_trace(
    store: Store, store_url: str, art: Callable[..., list[StoredArticle]], tmp_path: Path
) -> None:
    store.add_articles(art("lavrov_reuters"))
    before = store.counts()
    batch = art("sidorov_rt", "sidorov_tass")
    batch_file = tmp_path / "batch.json"
    batch_file.write_text(
        json.dumps(
            [{"record": a.record.to_json(), "text": a.text, "origin": a.origin} for a in batch]
        ),
        encoding="utf-8",
    )
    ready = tmp_path / "ready"
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, store_url, str(batch_file), str(ready)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            if child.poll() is not None:
                output = child.stdout.read().decode() if child.stdout else ""
                pytest.fail(f"child exited early:\n{output}")
            assert time.monotonic() < deadline, "child never wrote its first article"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        if child.stdout:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    with open_store(store_url) as after:
        assert after.counts() == before
        assert after.known_hashes(a.record.text_sha256 for a in batch) == set()
        assert after.add_articles(batch) == 2  # and the database is not left locked


def test_a_text_that_does_not_match_its_record_is_refused(
    store: Store, art: Callable[..., list[StoredArticle]]
) -> None:
    good = art("lavrov_reuters")[0]
    bad = StoredArticle(record=good.record, text=good.text + " tampered", origin="bad.txt")
    with pytest.raises(StoreError, match=r"bad.txt: the text does not match its record"):
        store.add_articles([good, bad])
    assert store.counts()["articles"] == 0


def test_article_round_trips_the_record(
    store: Store, art: Callable[..., list[StoredArticle]], analysed: dict[str, StoredArticle]
) -> None:
    store.add_articles(art("sidorov_rt", "lavrov_ap"))
    found = store.article("sidorov_rt")
    assert found is not None
    record, stored_text = found
    assert record == analysed["sidorov_rt"].record
    assert stored_text == analysed["sidorov_rt"].text
    assert store.article("nope") is None
    # A second text under the same doc_id does not shadow the first: it is stored as "-2"
    # (and the next as "-3"), in its record too, and the outcome says so.
    other_text = 'Later version.\n\n"We changed our minds," the mayor said.'
    later = onrecord.analyze(other_text, doc_id="sidorov_rt", published="2022-05-01")
    third = onrecord.analyze(other_text + " Again.", doc_id="sidorov_rt")
    outcomes = store.store_articles(
        [
            StoredArticle(later, other_text, origin="again.txt"),
            StoredArticle(third, other_text + " Again.", origin="third.txt"),
            StoredArticle(later, other_text, origin="repeat.txt"),
        ]
    )
    assert [(o.origin, o.requested, o.doc_id, o.new, o.renamed) for o in outcomes] == [
        ("again.txt", "sidorov_rt", "sidorov_rt-2", True, True),
        ("third.txt", "sidorov_rt", "sidorov_rt-3", True, True),
        ("repeat.txt", "sidorov_rt", "sidorov_rt-2", False, False),
    ]
    first = store.article("sidorov_rt")
    assert first is not None and first[1] == stored_text
    second = store.article("sidorov_rt-2")
    assert second is not None and second[1] == other_text
    assert second[0].doc_id == "sidorov_rt-2"


# --- search ---------------------------------------------------------------------------------

ALL = tuple(name for name in ARTICLES if name != "sidorov_surname")


def test_search_by_text_is_full_text(store: Store, art: Callable[..., list[StoredArticle]]) -> None:
    store.add_articles(art(*ALL))
    [hit] = store.search("rejected").hits  # stemmed: "reject"
    assert hit.content == '"We reject this plan completely,"'
    assert hit.speaker == "Sergei Ryabkov"
    assert hit.doc_id == "ryabkov_geneva" and hit.quote_key == "q3"
    assert hit.outlet == "RT" and hit.url == "https://example.org/rt/ryabkov"
    assert hit.title == "Moscow rejects NATO plan"
    assert hit.origin == "ryabkov_geneva.txt"
    assert hit.sentence == '"We reject this plan completely," Ryabkov told reporters in Geneva.'
    found = store.article("ryabkov_geneva")
    assert found is not None
    start, end = hit.sentence_span
    assert found[1][start:end] == hit.sentence
    phrase = store.search('"security guarantees"').hits
    assert {h.doc_id for h in phrase} == {"sidorov_rt", "sidorov_tass"}
    assert {h.doc_id for h in store.search('"security guarantees" -West').hits} == {"sidorov_rt"}
    either = store.search("sanctions OR patience").hits
    assert {h.doc_id for h in either} == {"lavrov_reuters", "ryabkov_surname"}
    assert store.search("sanctions patience").hits == []


def test_search_filters(store: Store, art: Callable[..., list[StoredArticle]]) -> None:
    store.add_articles(art(*ALL))
    lavrov = store.search(speaker="Lavrov").hits
    assert {h.doc_id for h in lavrov} == {"lavrov_reuters", "lavrov_ap"}
    assert {h.speaker for h in lavrov} == {"Sergei Lavrov"}
    speaker_id = lavrov[0].speaker_id
    assert speaker_id is not None
    assert store.search(speaker=speaker_id).hits == lavrov
    assert store.search(speaker=str(speaker_id)).hits == lavrov
    assert store.search(speaker="sergey lavrov").hits == lavrov  # an alias, any case
    assert store.search(speaker="Sergey Lavrov", text="answer").hits[0].doc_id == "lavrov_ap"
    # The same person spelled two ways, found by either spelling and by a third one.
    by_yevgeny = store.search(speaker="Yevgeny Sidorov").hits
    assert {h.doc_id for h in by_yevgeny} == {"sidorov_rt", "sidorov_tass", "sidorov_later"}
    assert store.search(speaker="Evgeniy Sidorov").hits == by_yevgeny
    warnings = store.search(act="warning").hits
    assert warnings and {h.speech_act for h in warnings} == {"warning"}
    assert {h.plover for h in store.search(act="REQUEST").hits} == {"REQUEST"}
    with pytest.raises(StoreError, match=r"unknown speech act 'gossip'.*statement"):
        store.search(act="gossip")
    february = store.search(since="2022-02", until="2022-02").hits
    assert february and all(h.date and h.date.startswith("2022-02") for h in february)
    assert {h.doc_id for h in store.search(since="2022-03-02").hits} == {
        "lavrov_ap",
        "sidorov_later",
    }
    assert {h.doc_id for h in store.search(until="2022-01-31").hits} == {
        "ryabkov_geneva",
        "ryabkov_surname",
    }
    with pytest.raises(StoreError, match=r"since must be a date like 2022"):
        store.search(since="last week")
    assert {h.outlet for h in store.search(outlet="tass").hits} == {"TASS"}
    assert store.search(outlet="Pravda").hits == []


def test_search_is_newest_first_and_pages(
    store: Store, art: Callable[..., list[StoredArticle]]
) -> None:
    store.add_articles(art(*ALL))
    everything = store.search(limit=1000).hits
    assert len(everything) == store.counts()["quotes"]
    dates = [h.date for h in everything]
    assert None not in dates
    assert dates == sorted(dates, key=str, reverse=True)
    pages = [store.search(limit=4, offset=o).hits for o in range(0, len(everything), 4)]
    assert [h.id for page in pages for h in page] == [h.id for h in everything]
    assert all(len(page) <= 4 for page in pages)
    assert store.search(limit=0).hits == []
    with pytest.raises(StoreError, match="limit"):
        store.search(limit=-1)
    # The statement date is the quote's own when it has a year, else the publication date.
    lavrov = store.search(speaker="Lavrov").hits
    reuters = {h.quote_key: h for h in lavrov if h.doc_id == "lavrov_reuters"}
    assert reuters["q3"].date == "2022-02-10"
    assert reuters["q1"].date == "2022-02-16" == reuters["q1"].published


HOSTILE = [
    '"unbalanced',
    "NEAR(",
    "*",
    "' OR 1=1 --",
    "'; DROP TABLE quotes; --",
    'content_text:"x"',
    "a AND OR NOT b",
    "^ - + ( ) { } : \\",
    '"""',
    "-",
    "OR",
    "NEAR(a b, 3)",
    "quotes_fts MATCH '*'",
    "\u0000",
    "Ｓａｎｃｔｉｏｎｓ",
]


def test_hostile_search_strings_neither_raise_nor_inject(
    store: Store, art: Callable[..., list[StoredArticle]]
) -> None:
    store.add_articles(art(*ALL))
    before = store.counts()
    for query in HOSTILE:
        hits = store.search(query).hits
        assert isinstance(hits, list), query
        if query.strip("\x00 "):
            assert store.search(text=query, outlet=query).hits == []
        with pytest.raises(StoreError):
            store.search(speaker=query + " nobody")
    assert store.counts() == before
    assert store.search("' OR 1=1 --").hits == []  # no word to find
    assert {h.doc_id for h in store.search('"sanctions').hits} == {"lavrov_reuters"}


def test_unknown_and_ambiguous_speakers_are_explained(
    store: Store, art: Callable[..., list[StoredArticle]]
) -> None:
    store.add_articles(art("sidorov_rt", "sidorov_tass", "lavrov_reuters"))
    with pytest.raises(StoreError, match=r"no speaker named 'Putin'"):
        store.search(speaker="Putin")
    with pytest.raises(StoreError, match=r"did you mean #\d+ Yevgeny Sidorov"):
        store.timeline("Sido")
    with pytest.raises(StoreError, match=r"no speaker #999"):
        store.timeline(999)
    store.split_speaker("Sidorov", "Evgeny Sidorov")
    # a filter takes every speaker a name can mean; a timeline wants one and says so
    both = {hit.speaker for hit in store.search(speaker="Evgeniy Sidorov").hits}
    assert both == {"Yevgeny Sidorov", "Evgeny Sidorov"}
    with pytest.raises(StoreError, match=r"names 2 speakers: #\d+ Yevgeny Sidorov, #\d+ Evgeny"):
        store.timeline("Evgeniy Sidorov")


def test_timeline_is_in_statement_order(
    store: Store, art: Callable[..., list[StoredArticle]]
) -> None:
    store.add_articles(art("lavrov_ap"))
    store.add_articles(art("lavrov_reuters"))
    timeline = store.timeline("Sergey Lavrov")
    # AP: Lavrov's quote on Tuesday, then "The minister denied ..." (the one person named)
    assert [h.date for h in timeline] == [
        "2022-02-10",
        "2022-02-10",
        "2022-02-16",
        "2022-03-08",
        "2022-03-08",
    ]
    assert timeline[0].content == "the new sanctions were illegal"
    assert [h.content for h in store.timeline("Lavrov", limit=1)] == [timeline[0].content]


# --- speakers and identity ------------------------------------------------------------------


def test_speakers_are_listed_most_quoted_first(
    store: Store, art: Callable[..., list[StoredArticle]]
) -> None:
    store.add_articles(art(*ALL))
    rows = store.speakers()
    quotes = [r.quotes for r in rows]
    assert quotes == sorted(quotes, reverse=True)
    by_name = {r.name: r for r in rows}
    lavrov = by_name["Sergei Lavrov"]
    assert lavrov.type == "PERSON" and lavrov.country == "RU"
    assert {"Sergei Lavrov", "Sergey Lavrov", "Lavrov"} <= set(lavrov.aliases)
    assert lavrov.titles == ["Russian Foreign Minister"]
    assert (lavrov.quotes, lavrov.articles) == (5, 2)
    assert (lavrov.first_date, lavrov.last_date) == ("2022-02-10", "2022-03-08")
    assert by_name["United Nations"].type == "ORG"
    assert sum(r.quotes for r in rows) == sum(
        1 for h in store.search(limit=1000).hits if h.speaker_id is not None
    )
    assert [r.name for r in store.speakers(query="sergey")] == ["Sergei Lavrov"]
    assert [r.name for r in store.speakers(query="Yermakov")] == []
    assert len(store.speakers(limit=2)) == 2
    assert store.counts()["speakers"] == len(rows)


def test_one_person_under_two_spellings_is_one_speaker(
    store: Store, art: Callable[..., list[StoredArticle]]
) -> None:
    store.add_articles(art("sidorov_rt"))
    store.add_articles(art("sidorov_tass"))
    [sidorov] = [r for r in store.speakers() if r.type == "PERSON"]
    assert sidorov.name == "Yevgeny Sidorov"
    assert {"Yevgeny Sidorov", "Evgeny Sidorov"} <= set(sidorov.aliases)
    assert (sidorov.quotes, sidorov.articles) == (3, 2)
    assert sidorov.titles == [
        "professor at Moscow State University",
        "expert at the Higher School of Economics",
    ]
    assert sidorov.affiliation == "Moscow State University"  # the first one seen stays
    explained = store.explain_speaker("Evgeny Sidorov")
    rules = {(link.doc_id, link.rule) for link in explained.links}
    assert rules == {
        ("sidorov_rt", "new speaker"),
        ("sidorov_tass", "same name up to transliteration"),
    }
    assert any("Evgeny Sidorov" in line and "transliteration" in line for line in explained.lines())


def test_a_bare_surname_joins_the_one_known_person(
    store: Store, art: Callable[..., list[StoredArticle]]
) -> None:
    store.add_articles(art("ryabkov_geneva", "ryabkov_surname"))
    [ryabkov] = [r for r in store.speakers() if r.type == "PERSON"]
    assert ryabkov.name == "Sergei Ryabkov" and ryabkov.articles == 2
    [link] = [x for x in store.explain_speaker("Ryabkov").links if x.doc_id == "ryabkov_surname"]
    assert link.rule == "surname of a known person"
    assert link.detail == '"Ryabkov" is the surname of "Sergei Ryabkov"'


def test_a_bare_surname_of_two_known_people_is_a_speaker_of_its_own(
    store: Store, art: Callable[..., list[StoredArticle]]
) -> None:
    store.add_articles(art("sidorov_rt", "sidorov_tass"))
    store.split_speaker("Sidorov", "Evgeny Sidorov")
    store.add_articles(art("sidorov_surname"))
    bare = store.speaker("Sidorov")  # an alias of two speakers, but the name of this one
    assert (bare.name, bare.quotes) == ("Sidorov", 1)
    [link] = store.explain_speaker(bare.id).links
    assert link.rule == "new speaker"
    names = sorted(r.name for r in store.speakers() if r.type == "PERSON")
    assert names == ["Evgeny Sidorov", "Sidorov", "Yevgeny Sidorov"]


def test_a_full_name_claims_a_speaker_known_only_by_surname(
    store: Store, art: Callable[..., list[StoredArticle]]
) -> None:
    store.add_articles(art("ryabkov_surname"))
    assert [r.name for r in store.speakers()] == ["Ryabkov"]
    store.add_articles(art("ryabkov_geneva"))
    people = [r for r in store.speakers() if r.type == "PERSON"]
    assert [(r.name, r.articles) for r in people] == [("Sergei Ryabkov", 2)]
    rules = {x.doc_id: x.rule for x in store.explain_speaker("Ryabkov").links}
    assert rules["ryabkov_geneva"] == "full name of a known surname"


def test_merge_persists_and_applies_to_later_articles(
    store: Store, store_url: str, art: Callable[..., list[StoredArticle]]
) -> None:
    store.add_articles(art("lavrov_reuters", "ryabkov_geneva"))
    old_lavrov = store.speakers(query="Lavrov")[0].id
    speakers_before = store.counts()["speakers"]
    kept = store.merge_speakers("Sergei Ryabkov", "Lavrov")
    assert kept.name == "Sergei Ryabkov"
    assert {"Sergei Lavrov", "Lavrov", "Ryabkov"} <= set(kept.aliases)
    assert kept.quotes == 6 and kept.articles == 2
    assert store.counts()["speakers"] == speakers_before - 1
    assert store.timeline(old_lavrov)[0].speaker_id == kept.id  # old ids still resolve
    with pytest.raises(StoreError, match="same speaker"):
        store.merge_speakers(kept.id, "Lavrov")
    store.close()
    with open_store(store_url) as reopened:
        assert reopened.add_articles(art("lavrov_ap")) == 1
        [hit] = reopened.search("answer").hits
        assert hit.speaker_id == kept.id
        explained = reopened.explain_speaker(kept.id)
        rules = {x.doc_id: x.rule for x in explained.links}
        assert rules == {
            "ryabkov_geneva": "new speaker",
            "lavrov_reuters": "user merge",
            "lavrov_ap": "user correction",
        }
        assert explained.merged == [(old_lavrov, "Sergei Lavrov")]
        assert {o.action for o in explained.overrides} == {"merge"}


def test_split_persists_and_survives_reingesting(
    store: Store, store_url: str, art: Callable[..., list[StoredArticle]]
) -> None:
    store.add_articles(art("sidorov_rt", "sidorov_tass"))
    new = store.split_speaker("Yevgeny Sidorov", "evgeny sidorov")
    assert new.name == "Evgeny Sidorov"
    assert new.aliases == ["Evgeny Sidorov"]
    assert (new.quotes, new.articles) == (1, 1)
    assert new.affiliation == "Higher School of Economics"
    old = store.speaker("Yevgeny Sidorov")
    assert old.id != new.id and "Evgeny Sidorov" not in old.aliases
    assert old.titles == ["professor at Moscow State University"]
    assert old.quotes == 2
    # Storing the same texts again changes nothing; a new article follows the correction.
    assert store.add_articles(art("sidorov_rt", "sidorov_tass")) == 0
    assert store.add_articles(art("sidorov_later")) == 1
    store.close()
    with open_store(store_url) as reopened:
        assert {h.doc_id for h in reopened.timeline(new.id)} == {"sidorov_tass", "sidorov_later"}
        assert {h.doc_id for h in reopened.timeline(old.id)} == {"sidorov_rt"}
        links = {x.doc_id: x for x in reopened.explain_speaker(new.id).links}
        assert links["sidorov_tass"].rule == "user split"
        assert links["sidorov_later"].rule == "user correction"
        assert links["sidorov_later"].detail == 'user split of "Evgeny Sidorov"'


def test_split_refuses_what_it_cannot_do(
    store: Store, art: Callable[..., list[StoredArticle]]
) -> None:
    store.add_articles(art("ryabkov_geneva", "sidorov_rt", "sidorov_tass"))
    with pytest.raises(StoreError, match=r"no alias 'Lavrov'; its aliases are: Sergei Ryabkov"):
        store.split_speaker("Ryabkov", "Lavrov")
    with pytest.raises(StoreError, match=r"would leave nothing behind"):
        store.split_speaker("Ryabkov", "Ryabkov")
    # "Sidorov" is carried only by the first article's entity: that one moves, and each
    # side is named after the fullest name it still has.
    moved = store.split_speaker("Evgeny Sidorov", "Sidorov")
    assert (moved.name, moved.articles) == ("Yevgeny Sidorov", 1)
    assert moved.aliases == ["Yevgeny Sidorov", "Sidorov"]
    assert store.speaker("Evgeny Sidorov").aliases == ["Evgeny Sidorov"]


# --- export and failures --------------------------------------------------------------------


def test_export_all_formats_with_filters(
    store: Store, art: Callable[..., list[StoredArticle]], tmp_path: Path
) -> None:
    store.add_articles(art(*ALL))
    expected = store.search(speaker="Sidorov", since="2022-03", limit=1000).hits
    assert expected

    buffer = io.BytesIO()
    assert store.export("jsonl", buffer, speaker="Sidorov", since="2022-03") == len(expected)
    rows = [json.loads(line) for line in buffer.getvalue().decode("utf-8").splitlines()]
    assert [r["quote_id"] for r in rows] == [h.id for h in expected]
    assert list(rows[0]) == list(COLUMNS)
    first = rows[0]
    assert first["speaker"] == "Yevgeny Sidorov" and first["speaker_type"] == "PERSON"
    assert isinstance(first["spans"], list) and isinstance(first["speaker_titles"], list)
    assert first["sentence"] == expected[0].sentence

    csv_path = tmp_path / "quotes.csv"
    assert store.export("csv", csv_path, outlet="TASS") == len(store.search(outlet="TASS").hits)
    with csv_path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert {r["outlet"] for r in table} == {"TASS"}
    assert json.loads(table[0]["spans"])[0][0] >= 0

    parquet_path = tmp_path / "quotes.parquet"
    assert store.export("parquet", str(parquet_path), text="sanctions") == 3
    read = pq.read_table(parquet_path)
    assert read.num_rows == 3 and read.column_names == list(COLUMNS)
    assert set(read.column("doc_id").to_pylist()) == {"lavrov_reuters"}

    empty = tmp_path / "none.parquet"
    assert store.export("parquet", empty, text="*") == 0
    assert pq.read_table(empty).num_rows == 0
    assert store.export("jsonl", tmp_path / "all.jsonl") == store.counts()["quotes"]

    with pytest.raises(StoreError, match="unknown export format 'xml'"):
        store.export("xml", tmp_path / "x.xml")
    with pytest.raises(StoreError, match="unknown filter colour"):
        store.export("csv", tmp_path / "x.csv", colour="red")
    with pytest.raises(StoreError, match="no speaker named"):
        store.export("csv", tmp_path / "y.csv", speaker="Nobody Known")
    assert not (tmp_path / "y.csv").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_failures_are_upserted_and_resolved(store: Store) -> None:
    store.add_failures([("a.txt", "not UTF-8"), ("b.jsonl:3", "no text field")])
    store.add_failures([("a.txt", "empty file"), ("a.txt", "too long")])
    rows = {f.origin: f for f in store.failures()}
    assert set(rows) == {"a.txt", "b.jsonl:3"}
    assert rows["a.txt"].reason == "too long"
    assert rows["a.txt"].at.endswith("Z") and rows["a.txt"].at[:2] == "20"
    assert store.counts()["failures"] == 2
    store.resolve_failures(["a.txt", "never-failed.txt"])
    assert [f.origin for f in store.failures()] == ["b.jsonl:3"]
    assert store.counts()["failures"] == 1
    store.add_failures([("a.txt", "broken again")])
    assert {f.origin: f.reason for f in store.failures()} == {
        "a.txt": "broken again",
        "b.jsonl:3": "no text field",
    }
    store.add_failures([])
    store.resolve_failures([])


def test_records_survive_the_json_round_trip(analysed: dict[str, StoredArticle]) -> None:
    for article in analysed.values():
        assert ArticleRecord.model_validate_json(article.record.to_json()) == article.record
