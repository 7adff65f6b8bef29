"""Hostile article text is inert on every page; writes need the token; big bodies get 413;
every response carries the security headers; no endpoint opens a path a client names."""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from conftest import LOCAL
from onrecord.corpus.store import Store, StoredArticle, open_store
from onrecord.record import ArticleRecord, SpeakerRef
from onrecord.web import Settings, create_app

TOKEN = "s3cret-token-for-tests"
SCRIPT = "<script>window.__pwned=1</script>"
ATTRIBUTE = '" onmouseover="window.__pwned=2" x="'
LINK = "javascript:window.__pwned=3"
PAYLOADS = (SCRIPT, ATTRIBUTE, LINK)

HOSTILE_TEXT = (
    f'"We demand {SCRIPT} now," said Anna Berg, the minister of finance.\n\n'
    f'"They must stop {ATTRIBUTE} at once," said Tom Reed, a senator.\n\n'
    f'Anna Berg warned that "{LINK}" would follow.\n'
)


class Tags(HTMLParser):
    """Every start tag and its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_inert(html: str, where: str) -> None:
    """No script but ours, no event handler attribute, no javascript: URL, no raw payload."""
    parser = Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        names = dict(attrs)
        if tag == "script":
            assert names == {"src": "/static/onrecord.js", "defer": None}, where
        for name, value in attrs:
            assert not name.startswith("on"), f"{where}: <{tag} {name}=...>"
            if name in ("href", "src", "action", "formaction"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:t")), (
                    f"{where}: <{tag} {name}={value!r}>"
                )
    for payload in (SCRIPT, 'onmouseover="window'):
        assert payload not in html, f"{where}: raw payload {payload!r}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(str(tmp_path_factory.mktemp("hostile") / "corpus.db"))
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(corpus: Store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(token=TOKEN), store=corpus), base_url=LOCAL) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def hostile_corpus(client: TestClient, corpus: Store) -> dict[str, str]:
    """The payloads stored three ways: analyse-and-store, a JSONL ingest whose metadata is
    hostile too, and a record whose names, titles and affiliations are payloads."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    stored = client.post(
        "/api/v1/analyze",
        json={
            "text": HOSTILE_TEXT,
            "doc_id": "via-analyze",
            "published": "2024-05-01",
            "store": True,
        },
        headers=auth,
    )
    assert stored.status_code == 201, stored.text
    line = {
        "id": f"feed-{SCRIPT}",
        "text": HOSTILE_TEXT + "\nMore text here.",
        "title": f"Title {SCRIPT}{ATTRIBUTE}",
        "published": "2024-05-02",
        "url": LINK,
        "outlet": f"Outlet {ATTRIBUTE}",
    }
    ingested = client.post(
        "/api/v1/ingest",
        content=json.dumps(line).encode() + b"\n",
        headers={**auth, "Content-Type": "application/x-ndjson"},
    )
    assert ingested.status_code == 200, ingested.text
    assert ingested.json()["stored"] == 1
    crafted_text = HOSTILE_TEXT + "\nA third copy."
    analysed = client.post("/api/v1/analyze", json={"text": crafted_text})
    record = ArticleRecord.model_validate(analysed.json())
    crafted = record.model_copy(
        update={
            "doc_id": f"crafted-{ATTRIBUTE}",
            "title": SCRIPT,
            "entities": [
                e.model_copy(
                    update={
                        "name": f"{e.name} {SCRIPT}",
                        "aliases": [*e.aliases, f"{e.name} {ATTRIBUTE}"],
                        "titles": [LINK],
                        "affiliation": ATTRIBUTE,
                    }
                )
                for e in record.entities
            ],
            "quotes": [
                q.model_copy(
                    update={
                        "speaker": SpeakerRef(
                            entity=q.speaker.entity,
                            name=f"{q.speaker.name}{SCRIPT}",
                            how=q.speaker.how,
                        )
                        if q.speaker
                        else None,
                        "venue": SCRIPT,
                    }
                )
                for q in record.quotes
            ],
        }
    )
    corpus.add_articles(
        [
            StoredArticle(
                record=crafted, text=crafted_text, origin=SCRIPT, url=LINK, outlet=ATTRIBUTE
            )
        ]
    )
    return {"analyzed": "via-analyze", "ingested": line["id"], "crafted": crafted.doc_id}


def test_payloads_are_inert_on_every_page(
    client: TestClient, hostile_corpus: dict[str, str]
) -> None:
    articles = client.get("/api/v1/articles").json()["items"]
    assert {a["doc_id"] for a in articles} == set(hostile_corpus.values())
    speakers = client.get("/api/v1/speakers", params={"limit": 500}).json()
    assert any(SCRIPT in name for s in speakers for name in [s["name"], *s["aliases"]])
    pages = ["/", "/articles", "/speakers", "/search", "/analyze", "/api/v1/docs"]
    pages += [f"/articles/{a['doc_id']}" for a in articles]
    pages += [f"/speakers/{s['id']}" for s in speakers]
    pages += [
        "/search?" + q
        for q in ("q=demand", "q=%3Cscript%3E", f"outlet={ATTRIBUTE}", f"speaker={SCRIPT}")
    ]
    pages += [f"/speakers/{SCRIPT}", f"/articles/{SCRIPT}"]  # error pages echo the name
    for path in pages:
        response = client.get(path)
        assert response.status_code in (200, 400, 404), path
        assert response.headers["content-type"].startswith("text/html")
        assert_inert(response.text, path)
    reader = client.get(f"/articles/{hostile_corpus['crafted']}").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in reader  # shown, as text
    assert "&#34; onmouseover=&#34;" in reader


def test_payloads_are_inert_in_the_analyze_page(client: TestClient) -> None:
    response = client.post("/analyze", data={"text": HOSTILE_TEXT}, files={"file": ("", b"")})
    assert response.status_code == 200
    assert 'class="q ' in response.text
    assert_inert(response.text, "POST /analyze")
    bad_date = client.post(
        "/analyze", data={"text": HOSTILE_TEXT, "published": SCRIPT}, files={"file": ("", b"")}
    )
    assert bad_date.status_code == 422
    assert_inert(bad_date.text, "POST /analyze with a bad date")


def test_unsafe_article_urls_are_not_links(
    client: TestClient, hostile_corpus: dict[str, str]
) -> None:
    html = client.get(f"/articles/{hostile_corpus['ingested']}").text
    assert "javascript:" not in html.split('id="article-text"')[0]  # no source link made


def test_json_carries_payloads_as_data(client: TestClient, hostile_corpus: dict[str, str]) -> None:
    response = client.get(f"/api/v1/articles/{hostile_corpus['ingested']}")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["title"] == f"Title {SCRIPT}{ATTRIBUTE}"


# --- the token ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def open_client(corpus: Store) -> Iterator[TestClient]:
    """A server whose operator set no token."""
    with TestClient(create_app(Settings(token=None), store=corpus), base_url=LOCAL) as test_client:
        yield test_client


def test_without_a_token_writes_are_disabled_with_403(open_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for method, path, kwargs in (
        ("post", "/api/v1/analyze", {"json": {"text": "Hi.", "store": True}}),
        ("post", "/api/v1/ingest", {"content": b"Some text."}),
        ("post", "/api/v1/speakers/merge", {"json": {"keep": 1, "other": 2}}),
    ):
        response = getattr(open_client, method)(path, headers=auth, **kwargs)
        assert response.status_code == 403, path
        assert "ONRECORD_TOKEN" in response.json()["detail"]
    page = open_client.post(
        "/analyze", data={"text": "Hi.", "store": "yes", "token": TOKEN}, files={"file": ("", b"")}
    )
    assert page.status_code == 403 and "ONRECORD_TOKEN" in page.text


def test_reading_and_analysing_need_no_token(open_client: TestClient) -> None:
    assert open_client.get("/api/v1/quotes").status_code == 200
    assert open_client.post("/api/v1/analyze", json={"text": "Hello there."}).status_code == 200


def test_writes_need_the_right_token(client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        response = client.post("/api/v1/ingest", content=b"Some text.", headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert "Authorization: Bearer" in response.json()["detail"]
    merge = client.post("/api/v1/speakers/merge", json={"keep": 1, "other": 2})
    assert merge.status_code == 401
    page = client.post(
        "/analyze",
        data={"text": "Hi.", "store": "yes", "token": "wrong"},
        files={"file": ("", b"")},
    )
    assert page.status_code == 401


def test_merge_with_the_token(client: TestClient, hostile_corpus: dict[str, str]) -> None:
    speakers = client.get("/api/v1/speakers", params={"limit": 500}).json()
    people = [s for s in speakers if s["type"] == "PERSON"]
    assert len(people) >= 2
    keep, other = people[0], people[1]
    response = client.post(
        "/api/v1/speakers/merge",
        json={"keep": keep["id"], "other": other["id"]},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 200
    assert response.json()["quotes"] == keep["quotes"] + other["quotes"]


# --- sizes ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_client(corpus: Store) -> Iterator[TestClient]:
    settings = Settings(token=TOKEN, max_bytes=4096, max_chars=1000)
    with TestClient(create_app(settings, store=corpus), base_url=LOCAL) as test_client:
        yield test_client


def test_big_bodies_get_a_clear_413(small_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = "word " * 2000
    for path, kwargs in (
        ("/api/v1/analyze", {"json": {"text": big}}),
        ("/api/v1/ingest", {"content": big.encode(), "headers": auth}),
    ):
        response = small_client.post(path, **kwargs)
        assert response.status_code == 413, path
        assert "at most 4,096 bytes" in response.json()["detail"]
    page = small_client.post("/analyze", data={"text": big}, files={"file": ("", b"")})
    assert page.status_code == 413
    assert "at most 4,096 bytes" in page.text and page.headers["content-type"].startswith(
        "text/html"
    )


def test_a_streamed_body_is_cut_off_at_the_limit(small_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"x" * 1000

    response = small_client.post(
        "/api/v1/ingest",
        content=chunks(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"},
    )
    assert response.status_code == 413


def test_a_text_over_the_character_limit_is_413(small_client: TestClient) -> None:
    response = small_client.post("/api/v1/analyze", json={"text": "é" * 1500})
    assert response.status_code == 413
    assert "limit of 1,000" in response.json()["detail"]


# --- headers and paths ----------------------------------------------------------------------


def test_security_headers_on_every_kind_of_response(client: TestClient) -> None:
    for path in ("/", "/api/v1/quotes", "/static/onrecord.js", "/nowhere", "/api/v1/articles/x"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp, path
        assert "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"


def test_no_endpoint_reads_a_client_path(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = client.post(
        "/api/v1/ingest",
        params={"filename": "../../../../etc/hostname.txt"},
        content=b'"The file stays where it is," said Anna Berg.',
        headers={**auth, "Content-Type": "text/plain"},
    )
    assert response.status_code == 200
    assert response.json()["doc_ids"] == ["hostname"]
    stored = client.get("/api/v1/articles/hostname/text").text
    assert stored == '"The file stays where it is," said Anna Berg.'
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/%2e%2e/app.py").status_code == 404
    body = client.post("/api/v1/analyze", json={"text": "/etc/passwd"}).json()
    assert body["text_sha256"] != ""  # the string was analysed as text, nothing was opened
