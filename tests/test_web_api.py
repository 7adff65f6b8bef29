"""The REST API and the pages over a tiny corpus: the sample article, stored once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import LOCAL, SAMPLE_PUBLISHED, SAMPLE_TEXT, store_sample
from onrecord.corpus.store import Store, open_store
from onrecord.record import ArticleRecord
from onrecord.web import Settings, create_app

SAMPLE_ID = SAMPLE_TEXT.stem
TOKEN = "test-token-0123456789"


@pytest.fixture(scope="module")
def client(sample_corpus: Store) -> Iterator[TestClient]:
    with TestClient(
        create_app(Settings(token=TOKEN), store=sample_corpus), base_url=LOCAL
    ) as test_client:
        yield test_client


def speaking(record: ArticleRecord) -> tuple[str, str]:
    """(quote id, speaker name) of the first quote by a named person."""
    people = {e.id for e in record.entities if e.type == "PERSON"}
    for quote in record.quotes:
        if quote.speaker is not None and quote.speaker.entity in people:
            return quote.id, quote.speaker.name
    raise AssertionError("the sample has no quote with a speaker")


# --- the REST API ---------------------------------------------------------------------------


def test_article_record_is_the_stored_record(
    client: TestClient, sample_record: ArticleRecord, sample_text: str
) -> None:
    response = client.get(f"/api/v1/articles/{SAMPLE_ID}")
    assert response.status_code == 200
    assert response.json() == sample_record.to_dict()
    assert response.json()["schema"] == "onrecord.article/1"
    text = client.get(f"/api/v1/articles/{SAMPLE_ID}/text")
    assert text.text == sample_text
    assert text.headers["content-type"].startswith("text/plain")


def test_unknown_article_is_404_in_json(client: TestClient) -> None:
    response = client.get("/api/v1/articles/nope")
    assert response.status_code == 404
    assert response.json() == {"detail": "no article 'nope' in the corpus"}


def test_articles_list(client: TestClient, sample_record: ArticleRecord) -> None:
    body = client.get("/api/v1/articles").json()
    assert body["total"] == 1
    (item,) = body["items"]
    assert item["doc_id"] == SAMPLE_ID
    assert item["published"] == SAMPLE_PUBLISHED
    assert item["quotes"] == len(sample_record.quotes)


def test_quotes_search_with_filters_and_paging(
    client: TestClient, sample_record: ArticleRecord
) -> None:
    everything = client.get("/api/v1/quotes", params={"limit": 500}).json()
    assert everything["total"] == len(sample_record.quotes) == len(everything["items"])
    first = client.get("/api/v1/quotes", params={"limit": 5, "offset": 0}).json()
    second = client.get("/api/v1/quotes", params={"limit": 5, "offset": 5}).json()
    assert [q["id"] for q in first["items"] + second["items"]] == [
        q["id"] for q in everything["items"][:10]
    ]
    _quote_id, name = speaking(sample_record)
    by_speaker = client.get("/api/v1/quotes", params={"speaker": name, "limit": 500}).json()
    expected = sum(1 for q in sample_record.quotes if q.speaker and q.speaker.name == name)
    assert by_speaker["total"] >= expected > 0
    assert all(q["speaker"] == name for q in by_speaker["items"])
    demands = client.get("/api/v1/quotes", params={"act": "demand", "limit": 500}).json()
    assert demands["total"] == sum(1 for q in sample_record.quotes if q.speech_act == "demand")
    word = client.get("/api/v1/quotes", params={"q": "NATO", "limit": 500}).json()
    assert word["total"] == sum(1 for q in sample_record.quotes if "NATO" in q.content.text)
    assert client.get("/api/v1/quotes", params={"outlet": "Example Outlet"}).json()["total"] > 0
    assert client.get("/api/v1/quotes", params={"outlet": "Elsewhere"}).json()["total"] == 0
    assert client.get("/api/v1/quotes", params={"until": "1999"}).json()["total"] == 0


def test_bad_filter_is_400_saying_what_to_do(client: TestClient) -> None:
    response = client.get("/api/v1/quotes", params={"since": "last week"})
    assert response.status_code == 400
    assert "2022-02-15" in response.json()["detail"]
    assert client.get("/api/v1/quotes", params={"act": "shouting"}).status_code == 400


def test_facets_count_the_matching_quotes(client: TestClient, sample_record: ArticleRecord) -> None:
    facets = client.get("/api/v1/quotes/facets").json()
    acts = {f["value"]: f["count"] for f in facets["acts"]}
    assert sum(acts.values()) == len(sample_record.quotes)
    assert facets["outlets"] == [
        {"value": "Example Outlet", "label": "Example Outlet", "count": len(sample_record.quotes)}
    ]
    assert facets["speakers"][0]["count"] >= facets["speakers"][-1]["count"]


def test_speakers_detail_and_timeline(client: TestClient, sample_record: ArticleRecord) -> None:
    _, name = speaking(sample_record)
    rows = client.get("/api/v1/speakers", params={"q": name}).json()
    assert rows and rows[0]["name"] == name
    speaker_id = rows[0]["id"]
    detail = client.get(f"/api/v1/speakers/{speaker_id}").json()
    assert detail["speaker"]["id"] == speaker_id
    assert sum(c["count"] for c in detail["activity"]) + detail["undated"] == rows[0]["quotes"]
    assert all(m["name"] != name for m in detail["talks_about"])
    timeline = client.get(f"/api/v1/speakers/{speaker_id}/timeline").json()
    dates = [q["date"] for q in timeline["items"] if q["date"]]
    assert dates == sorted(dates)
    assert timeline["total"] == rows[0]["quotes"]
    assert client.get("/api/v1/speakers/999999").status_code == 404


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/analyze",
        "/api/v1/articles",
        "/api/v1/articles/{doc_id}",
        "/api/v1/quotes",
        "/api/v1/speakers",
        "/api/v1/speakers/{speaker}/timeline",
        "/api/v1/ingest",
        "/api/v1/speakers/merge",
    ):
        assert path in paths
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and "/api/v1/quotes" in docs.text
    assert client.get("/docs").status_code == 404  # no Swagger UI from a CDN


def test_analyze_returns_a_record_without_storing(client: TestClient) -> None:
    before = client.get("/api/v1/counts").json()
    text = '"We will not accept this," said Anna Berg, the minister of finance.'
    response = client.post("/api/v1/analyze", json={"text": text, "published": "2024-05-01"})
    assert response.status_code == 200
    record = ArticleRecord.model_validate(response.json())
    assert record.published == "2024-05-01"
    assert record.quotes and record.quotes[0].content.text.startswith('"We will not')
    assert client.get("/api/v1/counts").json() == before


def test_analyze_refuses_a_bad_date(client: TestClient) -> None:
    response = client.post("/api/v1/analyze", json={"text": "Hello.", "published": "May 1st"})
    assert response.status_code == 422
    assert "YYYY-MM-DD" in response.json()["detail"]


def test_ingest_takes_json_articles(tmp_path: Path) -> None:
    articles = [
        {"id": "a1", "text": '"We will not accept this," said Anna Berg.', "outlet": "Wire"},
        {"id": "a2", "text": "The finance minister said that talks would go on."},
    ]
    with (
        open_store(str(tmp_path / "json.db")) as store,
        TestClient(create_app(Settings(token=TOKEN), store=store), base_url=LOCAL) as fresh,
    ):
        response = fresh.post(
            "/api/v1/ingest", json=articles, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert response.status_code == 200, response.text
        assert response.json()["doc_ids"] == ["a1", "a2"]
        annotation = fresh.post(
            "/api/v1/ingest",
            json={"doc_id": "a3", "quotes": []},
            headers={"Authorization": f"Bearer {TOKEN}"},
        ).json()
        assert annotation["stored"] == 0
        assert 'a JSON object without "text"' in annotation["failures"][0]["reason"]
        items = fresh.get("/api/v1/articles").json()["items"]
        assert {(i["doc_id"], i["outlet"]) for i in items} == {("a1", "Wire"), ("a2", None)}


# --- the pages ------------------------------------------------------------------------------


def test_reader_page_marks_every_quote(client: TestClient, sample_record: ArticleRecord) -> None:
    html = client.get(f"/articles/{SAMPLE_ID}").text
    for quote in sample_record.quotes:
        assert f'id="{quote.id}"' in html
        assert f'id="qi-{quote.id}"' in html
    assert html.count('class="bp"') >= 1  # the captions are greyed
    assert "Sourcing" in html


def test_search_page_links_each_hit_to_its_quote(
    client: TestClient, sample_record: ArticleRecord
) -> None:
    page = client.get("/search", params={"q": "NATO"})
    assert page.status_code == 200
    hits = [q for q in sample_record.quotes if "NATO" in q.content.text]
    assert f"{len(hits)} statements" in page.text
    for quote in hits[:20]:
        assert f'href="/articles/{SAMPLE_ID}#{quote.id}"' in page.text
    assert "Speech act" in page.text  # the facets


def test_search_page_paginates(client: TestClient, sample_record: ArticleRecord) -> None:
    first = client.get("/search").text
    assert 'rel="next"' in first
    pages = -(-len(sample_record.quotes) // 20)
    last = client.get("/search", params={"page": pages}).text
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_speaker_page(client: TestClient, sample_record: ArticleRecord) -> None:
    _, name = speaking(sample_record)
    speaker_id = client.get("/api/v1/speakers", params={"q": name}).json()[0]["id"]
    html = client.get(f"/speakers/{speaker_id}").text
    assert f"<h1>{name}</h1>" in html
    assert "<svg" in html and "<circle" in html
    assert "Talks about most" in html
    assert client.get("/speakers/999999").status_code == 404


def test_analyze_page_shows_the_reader_without_storing(client: TestClient) -> None:
    before = client.get("/api/v1/counts").json()
    response = client.post(
        "/analyze",
        data={"text": '"Enough," said Anna Berg.', "published": "2024-05-01"},
        files={"file": ("", b"")},
    )
    assert response.status_code == 200
    assert "Not stored" in response.text and 'class="q ' in response.text
    assert client.get("/api/v1/counts").json() == before


def test_analyze_page_reads_an_uploaded_html_file(client: TestClient) -> None:
    page = (
        b"<html><head><title>Budget</title></head><body><article><p>"
        b'"We demand a new budget," said Anna Berg on Monday.</p></article></body></html>'
    )
    response = client.post("/analyze", files={"file": ("budget.html", page, "text/html")})
    assert response.status_code == 200
    assert "We demand a new budget" in response.text
    assert 'class="q ' in response.text


def test_every_page_answers(client: TestClient) -> None:
    for path in ("/", "/articles", "/speakers", "/search", "/analyze", "/api/v1/docs"):
        assert client.get(path).status_code == 200, path


# --- PostgreSQL too, where it is cheap -----------------------------------------------------


def test_api_on_both_backends(
    new_db_url: Callable[[], str], sample_record: ArticleRecord, sample_text: str
) -> None:
    with open_store(new_db_url()) as store:
        store_sample(store, sample_record, sample_text)
        with TestClient(create_app(Settings(), store=store), base_url=LOCAL) as api:
            body = api.get("/api/v1/quotes", params={"q": "security", "limit": 3}).json()
            assert body["total"] > 0 and len(body["items"]) == 3
            facets = api.get("/api/v1/quotes/facets", params={"q": "security"}).json()
            assert sum(f["count"] for f in facets["acts"]) == body["total"]
            speaker_id = api.get("/api/v1/speakers").json()[0]["id"]
            assert api.get(f"/api/v1/speakers/{speaker_id}").status_code == 200
            assert api.get(f"/speakers/{speaker_id}").status_code == 200
            assert api.get(f"/articles/{SAMPLE_ID}").status_code == 200


def test_templates_and_static_files_ship_in_the_package() -> None:
    import onrecord.web

    root = Path(onrecord.web.__file__).parent
    for name in ("templates/reader.html", "static/onrecord.css", "static/onrecord.js"):
        assert (root / name).is_file()
