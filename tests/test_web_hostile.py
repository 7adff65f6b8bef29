"""Hostile requests (issue 15): each gets its designed answer, never a 500, and reads never
wait behind analysis."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from conftest import LOCAL, SAMPLE_TEXT
from onrecord.corpus.store import Store, open_store
from onrecord.web import Settings, create_app

TOKEN = "hostile-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
QUOTE = '"We will not accept this," the minister said on Monday.'


@pytest.fixture(scope="module")
def client(sample_corpus: Store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(token=TOKEN), store=sample_corpus), base_url=LOCAL) as c:
        yield c


@pytest.fixture()
def fresh(tmp_path: Path) -> Iterator[TestClient]:
    store = open_store(str(tmp_path / "fresh.db"))
    settings = Settings(token=TOKEN, cache_seconds=0)
    with TestClient(create_app(settings, store=store), base_url=LOCAL) as c:
        yield c
    store.close()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/speakers/99999999999999999999999",
        "/api/v1/speakers/9223372036854775808",
        "/api/v1/speakers/9223372036854775808/timeline",
        "/api/v1/speakers/%C2%B2",
        "/api/v1/speakers/%C2%B2/timeline",
        "/speakers/99999999999999999999999",
        "/speakers/%C2%B2",
    ],
)
def test_huge_and_unicode_digit_speaker_ids_are_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404, response.text
    assert "content-security-policy" in response.headers


@pytest.mark.parametrize("speaker", ["99999999999999999999999", "9223372036854775808", "²"])
def test_huge_and_unicode_digit_speaker_filters_are_400(client: TestClient, speaker: str) -> None:
    assert client.get("/api/v1/quotes", params={"speaker": speaker}).status_code == 400
    assert client.get("/search", params={"speaker": speaker}).status_code == 400


@pytest.mark.parametrize("value", ["2022-02-30", "2022-13", "0000", "٢٠٢٢"])
def test_impossible_dates_are_400(client: TestClient, value: str) -> None:
    response = client.get("/api/v1/quotes", params={"since": value})
    assert response.status_code == 400, response.text
    assert "since must be a date" in response.json()["detail"]
    assert client.get("/api/v1/quotes/facets", params={"until": value}).status_code == 400


def test_nan_in_a_body_is_422(client: TestClient) -> None:
    for body in ('{"text": NaN}', '{"text": "a", "doc_id": Infinity}'):
        response = client.post(
            "/api/v1/analyze", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 422, response.text


@pytest.mark.parametrize("field", ["doc_id", "title"])
def test_a_lone_surrogate_is_422(client: TestClient, field: str) -> None:
    body = json.dumps({"text": QUOTE, "store": True})[:-1] + f', "{field}": "a\\ud800b"}}'
    response = client.post(
        "/api/v1/analyze", content=body, headers={"content-type": "application/json", **AUTH}
    )
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", field]


def test_a_doc_id_with_a_line_break_is_422(client: TestClient) -> None:
    response = client.post(
        "/api/v1/analyze", json={"text": QUOTE, "doc_id": "a\r\nSet-Cookie: x=1"}, headers=AUTH
    )
    assert response.status_code == 422


@pytest.mark.parametrize("body", ["{", '{"keep": NaN}', '{"keep": 1}', "[]"])
def test_merge_without_a_token_is_401_whatever_the_body(client: TestClient, body: str) -> None:
    response = client.post(
        "/api/v1/speakers/merge", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_ingest_without_a_token_is_401_before_its_body(client: TestClient) -> None:
    response = client.post("/api/v1/ingest", content=b"\xff\xfe", params={"doc_id": "x" * 500})
    assert response.status_code == 401


def test_a_non_latin_doc_id_gets_a_location_that_reads_it_back(fresh: TestClient) -> None:
    for doc_id in ("статья/один", "has/text", "a b?c#d%e"):
        text = f"{QUOTE} ({doc_id})"
        response = fresh.post(
            "/api/v1/analyze", json={"text": text, "doc_id": doc_id, "store": True}, headers=AUTH
        )
        assert response.status_code == 201, response.text
        location = response.headers["location"]
        assert location.isascii()
        record = fresh.get(location)
        assert record.status_code == 200 and record.json()["doc_id"] == doc_id
        assert fresh.get(location + "/text").text == text
    # "has" and "has/text" are different articles; the first has no text route clash
    assert fresh.get("/api/v1/articles/has%2Ftext").json()["doc_id"] == "has/text"
    assert fresh.get("/api/v1/articles/has/text").status_code == 404  # no article "has"


def test_doc_ids_are_unique_and_the_answer_says_so(fresh: TestClient) -> None:
    first = fresh.post(
        "/api/v1/ingest",
        params={"filename": "index.txt"},
        content=QUOTE.encode(),
        headers={"content-type": "text/plain", **AUTH},
    ).json()
    second = fresh.post(
        "/api/v1/ingest",
        params={"filename": "index.txt"},
        content=(QUOTE + " Again.").encode(),
        headers={"content-type": "text/plain", **AUTH},
    ).json()
    assert first["doc_ids"] == ["index"] and first["renamed"] == []
    assert second["doc_ids"] == ["index-2"]
    assert second["renamed"] == [
        {"origin": "upload:index", "requested": "index", "doc_id": "index-2"}
    ]
    assert fresh.get("/api/v1/articles/index/text").text == QUOTE
    assert fresh.get("/api/v1/articles/index-2/text").text == QUOTE + " Again."
    # a non-ASCII file name keeps its letters rather than becoming "upload"
    third = fresh.post(
        "/api/v1/ingest",
        files={"file": ("заявление.txt", (QUOTE + " Third.").encode(), "text/plain")},
        headers=AUTH,
    ).json()
    assert third["doc_ids"] == ["заявление"]


def test_a_write_while_another_process_holds_the_lock_is_503(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    store = open_store(str(path), busy_timeout=0.2)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        with TestClient(create_app(Settings(token=TOKEN), store=store), base_url=LOCAL) as c:
            other.execute("BEGIN IMMEDIATE")
            response = c.post("/api/v1/analyze", json={"text": QUOTE, "store": True}, headers=AUTH)
            assert response.status_code == 503, response.text
            assert response.headers["retry-after"]
            assert "another writer" in response.json()["detail"]
            assert c.get("/api/v1/counts").status_code == 200  # reads go on
    finally:
        other.execute("ROLLBACK")
        other.close()
        store.close()


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1:8000", 200),
        ("[::1]:8000", 200),
        ("localhost:8000", 200),
        ("LOCALHOST", 200),
        ("attacker.example:8000", 400),
        ("127.0.0.1.nip.io", 400),
        ("", 400),
    ],
)
def test_host_names_other_than_allowed_ones_get_400(
    client: TestClient, host: str, status: int
) -> None:
    response = client.get("/api/v1/counts", headers={"host": host})
    assert response.status_code == status
    assert "content-security-policy" in response.headers
    if status == 400:
        assert "--allow-host" in response.json()["detail"]


def test_a_read_answers_while_a_maximum_analysis_runs_and_the_queue_is_full(
    sample_corpus: Store,
) -> None:
    limit = 30_000
    settings = Settings(max_chars=limit, analysis_slots=1, analysis_queue=1, cache_seconds=0)
    app = create_app(settings, store=sample_corpus)
    analyser = app.state.onrecord.analyser
    base = SAMPLE_TEXT.read_text(encoding="utf-8")
    biggest = (base * (limit // len(base) + 1))[:limit]

    async def scenario() -> tuple[float, list[int], int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=LOCAL, timeout=600) as api:
            running = asyncio.create_task(api.post("/api/v1/analyze", json={"text": biggest}))
            queued = asyncio.create_task(api.post("/api/v1/analyze", json={"text": QUOTE}))
            while analyser.admitted < 2:  # one running, one waiting: the queue is full
                await asyncio.sleep(0.01)
            refused = await api.post("/api/v1/analyze", json={"text": QUOTE})
            assert refused.status_code == 503 and refused.headers["retry-after"]
            assert analyser.admitted == 2  # the full-size analysis is still running
            started = time.perf_counter()
            read = await api.get("/api/v1/counts")
            took = time.perf_counter() - started
            assert read.status_code == 200
            done = await asyncio.gather(running, queued)
            return took, [r.status_code for r in done], refused.status_code

    took, statuses, refused = asyncio.run(scenario())
    app.state.onrecord.analyser.close()
    assert refused == 503 and statuses == [200, 200]
    assert took < 1.0, f"a read took {took:.2f} s while analyses ran"
