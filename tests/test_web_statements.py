"""Statements over the web: /api/v1/statements, the statement page, and the link to it
from every quote of the reader view. The articles are invented."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import LOCAL
from onrecord.corpus.store import Store, open_store
from onrecord.web import Settings, create_app
from test_statements_store import analysed_articles


@pytest.fixture(scope="module")
def statement_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(str(tmp_path_factory.mktemp("statements") / "corpus.db"))
    for article in analysed_articles():
        store.add_articles([article])
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(statement_corpus: Store) -> Iterator[TestClient]:
    app = create_app(Settings(cache_seconds=0), store=statement_corpus)
    with TestClient(app, base_url=LOCAL) as test_client:
        yield test_client


def _statement_id(client: TestClient) -> int:
    items = client.get("/api/v1/statements", params={"drift_only": "true"}).json()["items"]
    assert len(items) == 1
    return int(items[0]["id"])


def test_the_api_lists_statements_with_filters(client: TestClient) -> None:
    every = client.get("/api/v1/statements").json()["items"]
    assert every[0]["reports"] == 2 and {s["reports"] for s in every[1:]} == {1}
    (drifted,) = client.get("/api/v1/statements", params={"drift_only": True}).json()["items"]
    assert drifted["speaker"] == "Arvid Kell" and drifted["drift"] == 1
    by_kell = client.get("/api/v1/statements", params={"speaker": "Kell"}).json()["items"]
    assert [s["id"] for s in by_kell] == [drifted["id"]]
    later = client.get("/api/v1/statements", params={"since": "2023-03-08"}).json()["items"]
    assert later == []
    assert client.get("/api/v1/statements", params={"since": "March"}).status_code == 422
    assert client.get("/api/v1/statements", params={"speaker": "Nobody Atall"}).status_code == 404


def test_the_api_gives_a_statement_with_its_reports_and_drift(client: TestClient) -> None:
    found = client.get(f"/api/v1/statements/{_statement_id(client)}").json()
    reports = found["reports"]
    assert [r["ref"] for r in reports] == ["nordpost#q1", "ledger#q1"]
    assert [r["earliest"] for r in reports] == [True, False]
    assert [(r["outlet"], r["via"]) for r in reports] == [
        ("Nordpost", "Baltic Wire"), ("Daily Ledger", None)
    ]  # fmt: skip
    (flag,) = found["drift"]
    assert flag["kind"] == "polarity" and flag["differences"] == [
        {"op": "dropped", "before": "not", "after": ""}
    ]
    assert client.get("/api/v1/statements/999999").status_code == 404
    assert client.get("/api/v1/statements/0").status_code == 422


def test_every_quote_in_the_reader_links_to_its_statement(client: TestClient) -> None:
    for doc_id in ("nordpost", "ledger", "courier"):
        page = client.get(f"/articles/{doc_id}").text
        marks = set(re.findall(r'data-q="(q\d+)"', page))
        links = re.findall(r'<a class="st-link" href="/statements/(\d+)"', page)
        assert marks and len(links) == len(marks), doc_id


def test_the_statement_page_puts_versions_side_by_side(client: TestClient) -> None:
    page = client.get(f"/statements/{_statement_id(client)}")
    assert page.status_code == 200
    html = page.text
    assert html.count('<tr class="version') == 2 and "earliest" in html
    assert "via Baltic Wire" in html
    assert '<mark class="diff-del">not</mark>' in html  # the word the later version dropped
    assert "polarity" in html
    assert client.get("/statements/999999").status_code == 404


def test_the_statement_page_escapes_article_text(tmp_path: Path) -> None:
    import onrecord
    from onrecord.article import Article
    from onrecord.corpus.store import StoredArticle

    said = "<script>alert(1)</script> We will never sign the treaty on these terms at all"
    texts = {
        "a": f"“{said},” Prime Minister Lena Moravec said on Monday.",
        "b": f"“{said.replace('never', 'soon')},” Prime Minister Lena Moravec said on Monday.",
    }
    records = onrecord.analyze_many(
        Article(text=t, doc_id=k, published="2023-03-07") for k, t in texts.items()
    )
    with open_store(str(tmp_path / "x.db")) as store:
        store.add_articles(
            [StoredArticle(record=r, text=texts[r.doc_id], origin=r.doc_id) for r in records]
        )
        (row,) = store.statements(drift_only=True)
        app = create_app(Settings(cache_seconds=0), store=store)
        with TestClient(app, base_url=LOCAL) as test_client:
            html = test_client.get(f"/statements/{row.id}").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<mark class="diff-del">never</mark>' in html
