"""Statements in the store: grouped on ingest, with the article, idempotent; the CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

import onrecord
from onrecord.article import Article
from onrecord.cli.app import main
from onrecord.corpus.store import Store, StoredArticle, open_store
from onrecord.corpus.store import statements as statement_store
from onrecord.corpus.store.schema import statement_keys, statement_quotes, statements

SAID = "We will not send troops across the river unless our citizens are attacked"
TEXTS = {
    "nordpost": (
        "Nordpost",
        f"“{SAID},” Defence Minister Arvid Kell told Baltic Wire on Monday.\n\n"
        "The ministry gave no further details.",
    ),
    "ledger": (
        "Daily Ledger",
        f"“{SAID.replace(' not', '')},” Defence Minister Arvid Kell said on Monday.\n\n"
        "Opposition parties asked for a debate.",
    ),
    "courier": (
        "Eastern Courier",
        "“Our schools will get twelve new science laboratories this year,” Education "
        "Minister Lena Moravec said on Monday.",
    ),
}


@cache
def analysed_articles() -> tuple[StoredArticle, ...]:
    """The invented articles, analysed once per test run: two reports of one statement,
    one words apart, and a statement reported once."""
    records = onrecord.analyze_many(
        Article(text=text, doc_id=name, published="2023-03-07") for name, (_, text) in TEXTS.items()
    )
    return tuple(
        StoredArticle(record=r, text=TEXTS[r.doc_id][1], origin=f"{r.doc_id}.txt",
                      outlet=TEXTS[r.doc_id][0])
        for r in records
    )  # fmt: skip


@pytest.fixture(scope="module")
def analysed() -> list[StoredArticle]:
    return list(analysed_articles())


@pytest.fixture
def store(new_db_url: Callable[[], str]) -> Iterator[Store]:
    opened = open_store(new_db_url())
    try:
        yield opened
    finally:
        opened.close()


def _counts(store: Store) -> tuple[int, int, int]:
    with store._engine.connect() as conn:
        return tuple(  # type: ignore[return-value]
            int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in (statements, statement_quotes, statement_keys)
        )


def test_reports_of_one_statement_are_traced_with_their_drift(
    store: Store, analysed: list[StoredArticle]
) -> None:
    for article in analysed:  # one article at a time: grouping is incremental
        store.add_articles([article])
    found = store.trace("ledger#q1")
    assert found is not None
    assert [r.ref for r in found.reports] == ["nordpost#q1", "ledger#q1"]
    assert found.reports[0].earliest and found.reports[0].outlet == "Nordpost"
    assert [r.via for r in found.reports] == ["Baltic Wire", None]
    assert not found.reports[1].earliest
    assert found.speaker == "Arvid Kell"
    (flag,) = found.drift
    assert (flag.kind, flag.ref, flag.other, flag.detail) == (
        "polarity", "ledger#q1", "nordpost#q1", "dropped “not”"
    )  # fmt: skip
    other = store.trace("courier#q1")
    assert other is not None and other.id != found.id and len(other.reports) == 1
    assert store.statement_ids("ledger")["q1"] == found.id
    listed = store.statements(drift_only=True)
    assert [(s.id, s.reports, s.drift) for s in listed] == [(found.id, 2, 1)]


def test_re_ingest_and_re_analysis_leave_the_statements_as_they_were(
    store: Store, analysed: list[StoredArticle]
) -> None:
    store.add_articles(analysed)
    before = _counts(store)
    quotes = store.counts()["quotes"]
    assert before[1] == quotes and before[0] == quotes - 1  # two reports share one
    assert store.add_articles(analysed) == 0
    assert _counts(store) == before
    store.store_articles(analysed, reanalysed=True)
    assert _counts(store) == before
    found = store.trace("nordpost#q1")
    assert found is not None and len(found.reports) == 2 and len(found.drift) == 1


def test_a_crash_while_grouping_leaves_neither_article_nor_statement(
    store: Store, analysed: list[StoredArticle], monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_articles(analysed[:1])
    before = _counts(store)

    def crash(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(statement_store, "refresh", crash)
    with pytest.raises(RuntimeError):
        store.add_articles(analysed[1:])
    assert _counts(store) == before
    assert store.counts()["articles"] == 1
    monkeypatch.undo()
    store.add_articles(analysed[1:])  # the rerun stores them and groups them
    found = store.trace("ledger#q1")
    assert found is not None and len(found.reports) == 2


def test_the_command_line_lists_and_traces(tmp_path: object, analysed: list[StoredArticle]) -> None:
    db = f"{tmp_path}/s.db"
    with open_store(db) as s:
        s.add_articles(analysed)
    runner = CliRunner()
    traced = runner.invoke(main, ["trace", "ledger#q1", "--db", db])
    assert traced.exit_code == 0, traced.output
    assert "2 reports" in traced.output and "! polarity: dropped “not”" in traced.output
    assert "Nordpost · via Baltic Wire" in traced.output and "earliest" in traced.output
    listed = runner.invoke(main, ["statements", "--drift-only", "--format", "jsonl", "--db", db])
    assert listed.exit_code == 0 and listed.output.count("\n") == 1
    assert '"reports": 2' in listed.output
    unknown = runner.invoke(main, ["trace", "nope#q9", "--db", db])
    assert unknown.exit_code == 1 and "no article" in unknown.output


_CHILD = """
import json, sys, time
from onrecord.record import ArticleRecord
from onrecord.corpus.store import StoredArticle, open_store, statements

url, batch_file, ready = sys.argv[1:4]
batch = [StoredArticle(ArticleRecord.model_validate_json(i["record"]), i["text"], i["origin"],
                       outlet=i["outlet"]) for i in json.loads(open(batch_file).read())]
original = statements.refresh

def stall(conn, statement_id):
    original(conn, statement_id)
    open(ready, "w").close()  # a statement of the batch is written: now kill -9
    time.sleep(120)

statements.refresh = stall
open_store(url).add_articles(batch)
"""


def _groups(store: Store) -> list[list[str]]:
    ids = {s.id for s in store.statements(limit=1000)}
    found = [store.statement(i) for i in ids]
    return sorted(sorted(r.ref for r in s.reports) for s in found if s is not None)


def test_kill_9_while_grouping_then_rerun_gives_the_statements_of_a_clean_ingest(
    new_db_url: Callable[[], str], analysed: list[StoredArticle], tmp_path: Path
) -> None:
    url = new_db_url()
    with open_store(url) as store:
        store.add_articles(analysed[:1])
        before = _counts(store)
    batch_file = tmp_path / "batch.json"
    batch_file.write_text(
        json.dumps([{"record": a.record.to_json(), "text": a.text, "origin": a.origin,
                     "outlet": a.outlet} for a in analysed[1:]]),
        encoding="utf-8",
    )  # fmt: skip
    ready = tmp_path / "ready"
    child = subprocess.Popen([sys.executable, "-c", _CHILD, url, str(batch_file), str(ready)])
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert child.poll() is None, "the child exited before it grouped anything"
            assert time.monotonic() < deadline, "the child never grouped a quote"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    with open_store(url) as store:
        assert _counts(store) == before and store.counts()["articles"] == 1
        assert store.add_articles(analysed) == len(analysed) - 1  # the rerun
        assert store.add_articles(analysed) == 0  # and once more: nothing changes
        resumed = _groups(store)
    with open_store(new_db_url()) as clean:
        for article in analysed:
            clean.add_articles([article])
        assert _groups(clean) == resumed
    assert ["ledger#q1", "nordpost#q1"] in resumed


def test_the_python_api_groups_records_in_memory_as_the_store_does(
    analysed: list[StoredArticle], store: Store
) -> None:
    for article in analysed:
        store.add_articles([article])
    found = onrecord.trace_statements(
        [a.record for a in analysed], outlets={a.record.doc_id: a.outlet or "" for a in analysed}
    )
    stored = store.trace("ledger#q1")
    assert stored is not None
    first = found[0]
    assert [(r.ref, r.outlet, r.via, r.earliest) for r in first.reports] == [
        (r.ref, r.outlet, r.via, r.earliest) for r in stored.reports
    ]
    assert [(f.kind, f.ref, f.detail) for f in first.drift] == [
        (f.kind, f.ref, f.detail) for f in stored.drift
    ]
    assert sorted(len(s.reports) for s in found) == sorted(
        len(s.reports) for s in (store.statement(r.id) for r in store.statements()) if s
    )
