"""Shared test fixtures: the sample article, its record, and where the corpora live."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, make_url, text

import onrecord
from onrecord.corpus.store import Store, StoredArticle, open_store
from onrecord.record import ArticleRecord, Quote

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SAMPLE_TEXT = EXAMPLES / "rt_2022-02-15_security-guarantees.txt"
SAMPLE_GOLD = EXAMPLES / "rt_2022-02-15_security-guarantees.gold.json"
SAMPLE_PUBLISHED = "2022-02-16"
# The shared corpora sit next to the checkout; ONRECORD_SHARED points elsewhere.
SHARED = Path(os.environ.get("ONRECORD_SHARED", ROOT.parent / "shared"))
POLNEAR_DEV = SHARED / "corpora" / "polnear" / "dev"

needs_polnear = pytest.mark.skipif(
    not (POLNEAR_DEV / "text").is_dir(), reason=f"PolNeAR dev not found under {SHARED}"
)


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_gold() -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
    return gold


@pytest.fixture(scope="session")
def sample_record(sample_text: str) -> ArticleRecord:
    return onrecord.analyze(sample_text, doc_id=SAMPLE_TEXT.stem, published=SAMPLE_PUBLISHED)


def quote_with(text: str, words: str) -> Quote:
    """The first quote of ``text``'s record whose content holds ``words``."""
    record = onrecord.analyze(text)
    holding = [q for q in record.quotes if words in q.content.text]
    assert holding, f"no quote holds {words!r}: {[q.content.text for q in record.quotes]}"
    return holding[0]


def innermost_quote_with(text: str, words: str) -> Quote:
    """The quote of ``text``'s record with the shortest content that holds ``words``: the
    report inside a report that holds it whole ("A agreed to B, the ministry said")."""
    record = onrecord.analyze(text)
    holding = [q for q in record.quotes if words in q.content.text]
    assert holding, f"no quote holds {words!r}: {[q.content.text for q in record.quotes]}"
    return min(holding, key=lambda q: len(q.content.text))


def store_sample(store: Store, record: ArticleRecord, text: str) -> None:
    """Store the sample article as the corpus tests expect it: with a URL and an outlet."""
    store.add_articles(
        [
            StoredArticle(
                record=record,
                text=text,
                origin=str(SAMPLE_TEXT),
                url="https://example.org/security-guarantees",
                outlet="Example Outlet",
            )
        ]
    )


@pytest.fixture(scope="module")
def sample_corpus(
    tmp_path_factory: pytest.TempPathFactory, sample_record: ArticleRecord, sample_text: str
) -> Iterator[Store]:
    """A SQLite corpus that holds the sample article alone."""
    store = open_store(str(tmp_path_factory.mktemp("web") / "corpus.db"))
    store_sample(store, sample_record, sample_text)
    yield store
    store.close()


PG_ENV = "ONRECORD_TEST_PG_URL"


@pytest.fixture(params=["sqlite", "postgresql"])
def new_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """A maker of empty databases of one backend: files in tmp_path, or fresh PostgreSQL
    schemas on the server ONRECORD_TEST_PG_URL names (dropped afterwards)."""
    if request.param == "sqlite":
        counter = iter(range(1_000_000))
        yield lambda: str(tmp_path / f"corpus-{next(counter)}.db")
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (a postgresql+psycopg:// URL)")
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    schemas: list[str] = []

    def make() -> str:
        schema = f"test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        schemas.append(schema)
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    try:
        yield make
    finally:
        with admin.connect() as conn:
            for schema in schemas:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-slow", action="store_true", help="also run the tests marked slow (minutes)"
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes minutes; runs with --run-slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


# The base URL of test clients of the web app: an address, which its Host check lets in
# (a name like the test client's default "testserver" gets 400).
LOCAL = "http://127.0.0.1"
