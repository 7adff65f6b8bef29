"""Correcting who said one quote: `onrecord correct DOC_ID#q3 --speaker NAME | --none | --undo`,
the same through the store and the REST API, and everywhere the corpus shows the quote.

Two small hand-written reports (tests/fixtures/store), analysed once; each test gets an
empty store of its own, on SQLite and (when ONRECORD_TEST_PG_URL is set) PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import onrecord
import onrecord.corpus.store
from conftest import LOCAL
from onrecord.article import Article
from onrecord.cli.app import main
from onrecord.corpus.store import Store, StoredArticle, StoreError, UnknownQuoteError, open_store
from onrecord.web import Settings, create_app

FIXTURES = Path(__file__).parent / "fixtures" / "store"
TOKEN = "test-token-0123456789"
DANGER = "sidorov_rt#q3"  # "This is a dangerous moment for everyone," Sidorov said.


@pytest.fixture(scope="module")
def analysed() -> list[StoredArticle]:
    names = {"sidorov_rt": "2022-02-15", "ryabkov_geneva": "2022-01-10"}
    texts = {n: (FIXTURES / f"{n}.txt").read_text(encoding="utf-8") for n in names}
    records = onrecord.analyze_many(
        Article(text=texts[n], doc_id=n, published=p) for n, p in names.items()
    )
    return [
        StoredArticle(record=r, text=texts[n], origin=f"{n}.txt", outlet="RT")
        for n, r in zip(names, records, strict=True)
    ]


@pytest.fixture
def store(new_db_url: Callable[[], str], analysed: list[StoredArticle]) -> Iterator[Store]:
    opened = open_store(new_db_url())
    opened.add_articles(analysed)
    try:
        yield opened
    finally:
        opened.close()


def danger(store: Store) -> onrecord.corpus.store.QuoteHit:
    (hit,) = [h for h in store.search("everyone").hits]
    return hit


def test_a_quote_given_to_a_known_speaker_shows_everywhere(store: Store) -> None:
    before = danger(store)
    assert (before.speaker, before.corrected) == ("Yevgeny Sidorov", False)
    ryabkov = store.speaker("Sergei Ryabkov")

    hit = store.correct_quote(DANGER, "sergei ryabkov")  # an existing speaker, any case

    assert (hit.speaker_id, hit.speaker, hit.corrected) == (ryabkov.id, "Sergei Ryabkov", True)
    assert danger(store) == hit
    timeline = store.timeline("Sergei Ryabkov")
    assert [h.content for h in timeline if h.corrected] == [hit.content]
    assert hit.content not in [h.content for h in store.timeline("Yevgeny Sidorov")]
    # the record read back: this quote's speaker is the correction; its other quotes are not
    record, _ = store.article("sidorov_rt") or pytest.fail("stored")
    quotes = {q.id: q for q in record.quotes}
    assert quotes["q3"].speaker is not None
    assert quotes["q3"].speaker.model_dump() == {
        "entity": None,  # Ryabkov is not an entity of this article
        "name": "Sergei Ryabkov",
        "how": "corrected",
    }
    assert quotes["q2"].speaker is not None and quotes["q2"].speaker.how == "name"
    # export: a column says the speaker was corrected
    out = io.BytesIO()
    store.export("csv", out, text="everyone")
    (row,) = csv.DictReader(io.StringIO(out.getvalue().decode("utf-8")))
    assert (row["speaker"], row["speaker_corrected"]) == ("Sergei Ryabkov", "True")
    out = io.BytesIO()
    store.export("jsonl", out)
    rows = [json.loads(line) for line in out.getvalue().decode("utf-8").splitlines()]
    assert sorted(r["quote"] for r in rows if r["speaker_corrected"]) == ["q3"]


def test_a_new_name_makes_a_new_speaker_and_none_means_nobody(store: Store) -> None:
    speakers_before = store.counts()["speakers"]
    hit = store.correct_quote(DANGER, "Anna Petrova")
    assert hit.speaker == "Anna Petrova" and hit.speaker_id is not None
    assert store.counts()["speakers"] == speakers_before + 1
    assert [h.content for h in store.timeline("Anna Petrova")] == [hit.content]

    nobody = store.correct_quote(DANGER, None)  # a second correction replaces the first
    assert (nobody.speaker, nobody.speaker_id, nobody.corrected) == (None, None, True)
    record, _ = store.article("sidorov_rt") or pytest.fail("stored")
    assert next(q for q in record.quotes if q.id == "q3").speaker is None
    # the speaker the first correction made, now quoted nowhere, is gone
    assert store.counts()["speakers"] == speakers_before
    assert store.quote_corrections("sidorov_rt")[0].quote_key == "q3"


def test_undo_gives_back_the_speaker_the_analysis_found(store: Store) -> None:
    store.correct_quote(DANGER, "Sergei Ryabkov")
    hit = store.undo_correction(DANGER)
    assert (hit.speaker, hit.corrected) == ("Yevgeny Sidorov", False)
    assert hit.speaker_id == store.speaker("Yevgeny Sidorov").id
    record, _ = store.article("sidorov_rt") or pytest.fail("stored")
    speaker = next(q for q in record.quotes if q.id == "q3").speaker
    assert speaker is not None and (speaker.name, speaker.how) == ("Yevgeny Sidorov", "name")
    assert store.quote_corrections("sidorov_rt") == []
    with pytest.raises(StoreError, match="has no correction to undo"):
        store.undo_correction(DANGER)


def test_a_merge_after_a_correction_carries_it_along(store: Store) -> None:
    store.correct_quote(DANGER, "Anna Petrova")
    kept = store.merge_speakers("Sergei Ryabkov", "Anna Petrova")
    assert danger(store).speaker_id == kept.id
    record, _ = store.article("sidorov_rt") or pytest.fail("stored")
    speaker = next(q for q in record.quotes if q.id == "q3").speaker
    assert speaker is not None and speaker.name == "Sergei Ryabkov"


@pytest.mark.parametrize(
    "ref", ["sidorov_rt#q99", "no_such_article#q1", "sidorov_rt", "#q1", "sidorov_rt#"]
)
def test_an_unknown_quote_is_a_clear_error(store: Store, ref: str) -> None:
    with pytest.raises(UnknownQuoteError, match="DOC_ID#QUOTE"):
        store.correct_quote(ref, "Anna Petrova")
    assert not danger(store).corrected


# --- the command line --------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_command_line_corrects_what_search_shows(
    tmp_path: Path, analysed: list[StoredArticle]
) -> None:
    db = str(tmp_path / "corpus.db")
    with open_store(db) as store:
        store.add_articles(analysed)

    code, out, _ = run("search", "everyone", "--db", db)
    assert code == 0 and "RT · sidorov_rt#q3" in out and "(corrected)" not in out

    code, out, _ = run("correct", "sidorov_rt#q3", "--speaker", "Anna Petrova", "--db", db)
    assert code == 0 and out.startswith("sidorov_rt#q3: corrected to #") and "Anna Petrova" in out
    code, out, _ = run("search", "everyone", "--db", db)
    assert "Anna Petrova (corrected) · " in out
    code, out, _ = run("timeline", "Anna Petrova", "--format", "jsonl", "--db", db)
    assert json.loads(out)["corrected"] is True

    code, out, _ = run("correct", "sidorov_rt#q3", "--none", "--db", db)
    assert out == "sidorov_rt#q3: corrected to no speaker\n"
    code, out, _ = run("correct", "sidorov_rt#q3", "--undo", "--db", db)
    assert out == "sidorov_rt#q3: correction undone; speaker Yevgeny Sidorov\n"

    code, out, err = run("correct", "sidorov_rt#q99", "--none", "--db", db)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "no quote 'sidorov_rt#q99' in the corpus" in err
    code, _, err = run("correct", "sidorov_rt#q3", "--db", db)
    assert code == 2 and "give one of --speaker NAME, --none or --undo" in err


# --- the REST API and the pages ----------------------------------------------------------------


@pytest.fixture
def client(tmp_path: Path, analysed: list[StoredArticle]) -> Iterator[TestClient]:
    store = open_store(str(tmp_path / "web.db"))
    store.add_articles(analysed)
    with TestClient(create_app(Settings(token=TOKEN), store=store), base_url=LOCAL) as c:
        yield c
    store.close()


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_the_api_corrects_behind_the_token(client: TestClient) -> None:
    body = {"quote": DANGER, "speaker": "<script>alert(1)</script> Petrova"}
    refused = client.post("/api/v1/quotes/correct", json=body)
    assert refused.status_code == 401 and refused.headers["WWW-Authenticate"] == "Bearer"
    wrong = client.post("/api/v1/quotes/correct", json=body, headers={"Authorization": "Bearer x"})
    assert wrong.status_code == 401
    assert client.get("/api/v1/quotes?q=everyone").json()["items"][0]["corrected"] is False

    done = client.post("/api/v1/quotes/correct", json=body, headers=AUTH)
    assert done.status_code == 200
    assert done.json()["corrected"] is True and done.json()["speaker"] == body["speaker"]
    (item,) = client.get("/api/v1/quotes?q=everyone").json()["items"]  # the cache was cleared
    assert (item["speaker"], item["corrected"]) == (body["speaker"], True)
    record = client.get("/api/v1/articles/sidorov_rt").json()
    quote = next(q for q in record["quotes"] if q["id"] == "q3")
    assert quote["speaker"] == {"entity": None, "name": body["speaker"], "how": "corrected"}

    # the reader view marks it, and prints the name as text
    page = client.get("/articles/sidorov_rt").text
    assert 'class="q c' in page and " fixed" in page
    assert "<strong>corrected</strong>: the speaker was given by a user" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Petrova" in page
    assert "<script>alert" not in page
    hits = client.get("/search?q=everyone").text
    assert '<span class="corrected">speaker corrected</span>' in hits

    undone = client.post(
        "/api/v1/quotes/correct", json={"quote": DANGER, "undo": True}, headers=AUTH
    )
    assert undone.status_code == 200 and undone.json()["speaker"] == "Yevgeny Sidorov"
    assert "speaker was given by a user" not in client.get("/articles/sidorov_rt").text


def test_the_api_says_404_for_an_unknown_quote_and_422_for_a_bad_body(client: TestClient) -> None:
    missing = client.post(
        "/api/v1/quotes/correct", json={"quote": "sidorov_rt#q99", "none": True}, headers=AUTH
    )
    assert missing.status_code == 404
    assert "no quote 'sidorov_rt#q99' in the corpus" in missing.json()["detail"]
    for bad in (
        {"quote": DANGER},
        {"quote": DANGER, "speaker": "X", "none": True},
        {"quote": DANGER, "undo": True, "none": True},
        {"quote": DANGER, "speaker": "X", "extra": 1},
    ):
        assert client.post("/api/v1/quotes/correct", json=bad, headers=AUTH).status_code == 422
    # without the token even a bad body is 401
    assert client.post("/api/v1/quotes/correct", content=b"{nope").status_code == 401


# --- re-analysis: `onrecord ingest --reanalyse` --------------------------------------------------


def _files(tmp_path: Path, analysed: list[StoredArticle]) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for article in analysed:
        (folder / f"{article.record.doc_id}.txt").write_text(article.text, encoding="utf-8")
    return folder


def _older(article: StoredArticle) -> StoredArticle:
    """The article as an older analysis left it: undated, and without the headline quote,
    so that its quotes were numbered q1, q2 where the current analysis has q2, q3."""
    record = article.record
    kept = [q for q in record.quotes if q.id != "q1"]
    renumbered = [q.model_copy(update={"id": f"q{i}"}) for i, q in enumerate(kept, 1)]
    older = record.model_copy(update={"published": None, "quotes": renumbered})
    return StoredArticle(older, article.text, article.origin, article.url, article.outlet)


def test_reanalyse_replaces_the_records_and_keeps_every_correction(
    new_db_url: Callable[[], str], tmp_path: Path, analysed: list[StoredArticle]
) -> None:
    from onrecord.corpus.ingest import ingest

    sidorov, ryabkov = analysed
    with open_store(new_db_url()) as store:
        store.add_articles([_older(sidorov), ryabkov])
        # the user's corrections, made on the older records
        store.correct_quote("sidorov_rt#q2", None)  # "This is a dangerous moment ..."
        kept = store.merge_speakers("Sergei Ryabkov", "Yevgeny Sidorov")
        before = store.counts()

        summary = ingest(
            [str(_files(tmp_path, analysed))], store, published="2022-03-01", reanalyse=True
        )

        p = summary.progress
        assert (p.stored, p.reanalysed, p.skipped, p.failed) == (0, 2, 0, 0)
        # every quote changed: sidorov_rt has one more (the headline's), and the statement
        # dates of both articles now come from 2022-03-01
        assert p.changed == len(sidorov.record.quotes) + len(ryabkov.record.quotes)
        assert store.counts() == {**before, "quotes": before["quotes"] + 1}
        record, _ = store.article("sidorov_rt") or pytest.fail("stored")
        assert record.published == "2022-03-01"
        assert [q.id for q in record.quotes] == [q.id for q in sidorov.record.quotes]
        # the correction follows the quote's spans from q2 to q3
        (fixed,) = store.quote_corrections("sidorov_rt")
        assert (fixed.quote_key, fixed.speaker_id) == ("q3", None)
        assert next(q for q in record.quotes if q.id == "q3").speaker is None
        (hit,) = store.search("everyone").hits
        assert (hit.quote_key, hit.speaker, hit.corrected) == ("q3", None, True)
        # the merge holds: Sidorov's other quote is still the merged speaker's
        (other,) = store.search('"security guarantees could fail"').hits
        assert (other.speaker_id, other.corrected) == (kept.id, False)

        again = ingest([str(tmp_path / "articles")], store, published="2022-03-01", reanalyse=True)
        assert (again.progress.reanalysed, again.progress.changed) == (2, 0)  # nothing new
        (hit,) = store.search("everyone").hits
        assert (hit.quote_key, hit.speaker, hit.corrected) == ("q3", None, True)


def test_an_interrupted_reanalysis_loses_nothing(
    new_db_url: Callable[[], str],
    analysed: list[StoredArticle],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from onrecord.corpus.ingest import reanalyse
    from onrecord.corpus.store import write

    with open_store(new_db_url()) as store:
        store.add_articles([_older(a) for a in analysed])
        store.correct_quote("sidorov_rt#q2", "Anna Petrova")
        hits = store.search(limit=100).hits
        records = [store.article(a.record.doc_id) for a in analysed]

        real = write.replace_article
        calls: list[str] = []

        def dies_on_the_second(conn: object, article: StoredArticle) -> int:
            calls.append(article.record.doc_id)
            changed = real(conn, article)  # type: ignore[arg-type]
            if len(calls) == 2:
                raise KeyboardInterrupt  # as if the user pressed Ctrl-C half-way
            return changed

        monkeypatch.setattr(write, "replace_article", dies_on_the_second)
        with pytest.raises(KeyboardInterrupt):
            reanalyse(store, batch_size=2)

        assert len(calls) == 2  # the first article was replaced, then rolled back with it
        assert store.search(limit=100).hits == hits
        assert [store.article(a.record.doc_id) for a in analysed] == records


def test_the_command_line_reanalyses_the_stored_articles(
    tmp_path: Path, analysed: list[StoredArticle]
) -> None:
    db = str(tmp_path / "corpus.db")
    with open_store(db) as store:
        store.add_articles([_older(analysed[0]), analysed[1]])
        store.correct_quote("sidorov_rt#q2", "Anna Petrova")

    code, _, err = run("ingest", "--reanalyse", "--db", db)

    assert code == 0, err
    # from the stored texts and dates: the one change is the headline's quote, found now
    assert "re-analysed 2 articles, 1 quote changed (corrections kept)" in err
    code, out, _ = run("search", "everyone", "--db", db)
    assert "Anna Petrova (corrected)" in out and "sidorov_rt#q3" in out
    code, _, err = run("ingest", "--db", db)
    assert code == 2 and "--reanalyse alone" in err
