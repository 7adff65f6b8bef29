"""The Ray engine: the same records as the local engine, as Parquet and in the database.

Ray runs on this machine (2 CPUs, no dashboard), started once for the module and shut down
after it, daemons included; the engine uses that connection and leaves it open.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from conftest import POLNEAR_DEV
from onrecord.cli.app import main
from onrecord.corpus.ingest import ingest
from onrecord.corpus.progress import IngestSummary
from onrecord.corpus.store import open_store
from test_ingest import write_corpus
from test_statements_store import TEXTS as STATEMENT_TEXTS

ray = pytest.importorskip("ray")

from onrecord.corpus.engines.ray_engine import ingest_ray  # noqa: E402  (needs ray)

DEV_ARTICLES = 6  # real articles, when the PolNeAR dev split is here


@pytest.fixture(scope="module")
def ray_local() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING")
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Plain texts (PolNeAR dev articles when present), a JSONL feed, a Parquet table with
    dates, a duplicate, and inputs that fail."""
    folder = tmp_path_factory.mktemp("ray-corpus")
    write_corpus(folder / "synthetic", 4)
    if (POLNEAR_DEV / "text").is_dir():
        for path in sorted((POLNEAR_DEV / "text").iterdir())[:DEV_ARTICLES]:
            shutil.copy(path, folder / path.name)
    lines = [
        {
            "id": "feed-1",
            "text": '"We will not pay," the mayor said on Monday.',
            "published": "2024-03-05",
        },
        {"id": "feed-2", "text": "The minister said the talks had failed."},
        {"id": "feed-3", "text": 17},
    ]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    pq.write_table(
        pa.table(
            {
                "id": ["pq-1", "pq-2"],
                "text": [
                    '"The budget is balanced," Amina Yusuf, the health minister, told reporters.',
                    '"Prices will rise," a spokesman for the council warned on Tuesday.',
                ],
                "published": ["2024-03-05", "2024-03-06"],
            }
        ),
        folder / "table.parquet",
    )
    for name, (_, said) in STATEMENT_TEXTS.items():  # reports of one statement, and another
        (folder / f"statement-{name}.txt").write_text(said, encoding="utf-8")
    shutil.copy(folder / "synthetic" / "article-000.txt", folder / "again.txt")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "empty.txt").write_text("")
    return folder


@pytest.fixture(scope="module")
def local_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, IngestSummary]:
    url = f"sqlite:///{tmp_path_factory.mktemp('local') / 'local.db'}"
    with open_store(url) as store:
        summary = ingest([str(corpus)], store, published_from_metadata=True)
    return url, summary


@pytest.fixture(scope="module")
def ray_run(
    ray_local: None, corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path, IngestSummary]:
    folder = tmp_path_factory.mktemp("ray")
    url = f"sqlite:///{folder / 'ray.db'}"
    with open_store(url) as store:
        summary = ingest_ray(
            [str(corpus)],
            store=store,
            parquet_out=folder / "records",
            workers=2,
            batch_size=4,
            published_from_metadata=True,
        )
    return url, folder / "records", summary


def db_rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(sql)).all()
    engine.dispose()
    return [tuple(row) for row in rows]


def db_records(url: str) -> dict[str, str]:
    rows = db_rows(url, "SELECT text_sha256, record_json FROM articles")
    return {digest: record for digest, record in rows}


def db_quotes(url: str) -> list[tuple[Any, ...]]:
    return db_rows(
        url,
        "SELECT a.doc_id, q.key, q.type, q.speech_act, q.content_text, q.speaker_name, "
        "s.name FROM quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN speakers s ON s.id = q.speaker_id ORDER BY a.doc_id, q.position",
    )


def db_statements(url: str) -> set[frozenset[tuple[str, str, str | None]]]:
    """The statements, each the set of its reports (doc_id, quote key, via)."""
    rows = db_rows(
        url,
        "SELECT sq.statement_id, a.doc_id, q.key, sq.via FROM statement_quotes sq "
        "JOIN quotes q ON q.id = sq.quote_id JOIN articles a ON a.id = q.article_id",
    )
    groups: dict[int, set[tuple[str, str, str | None]]] = {}
    for statement, doc_id, key, via in rows:
        groups.setdefault(statement, set()).add((doc_id, key, via))
    return {frozenset(g) for g in groups.values()}


def parquet_records(folder: Path) -> dict[str, str]:
    table = pads.dataset(folder, format="parquet", partitioning="hive").to_table()
    return dict(zip(table["text_sha256"].to_pylist(), table["record"].to_pylist(), strict=True))


def test_ray_and_local_engines_give_identical_records(
    local_run: tuple[str, IngestSummary], ray_run: tuple[str, Path, IngestSummary]
) -> None:
    local_url, _ = local_run
    ray_url, records, _ = ray_run
    expected = db_records(local_url)
    assert len(expected) >= 4 + 1 + 2  # synthetic, feed, table (plus dev articles)
    assert parquet_records(records) == expected
    assert db_records(ray_url) == expected
    # loaded in input order, the corpus speakers come out the same too
    assert db_quotes(ray_url) == db_quotes(local_url)


def test_ray_and_local_engines_give_the_same_statements(
    local_run: tuple[str, IngestSummary], ray_run: tuple[str, Path, IngestSummary]
) -> None:
    local = db_statements(local_run[0])
    assert db_statements(ray_run[0]) == local
    assert sum(len(g) for g in local) == len(db_quotes(local_run[0]))  # every quote is in one
    assert (
        frozenset({("statement-nordpost", "q1", "Baltic Wire"), ("statement-ledger", "q1", None)})
        in local
    )  # the two reports of one statement, across articles
    assert sum(1 for g in local if len(g) > 1) >= 2


def test_ray_counts_and_failures_match_the_local_engine(
    local_run: tuple[str, IngestSummary], ray_run: tuple[str, Path, IngestSummary]
) -> None:
    _, local = local_run
    _, records, remote = ray_run
    assert remote.progress.total == local.progress.total
    for field in ("done", "stored", "skipped", "failed"):
        assert getattr(remote.progress, field) == getattr(local.progress, field), field
    assert remote.progress.skipped == 1  # again.txt repeats a text
    assert sorted(remote.failures) == sorted(local.failures)
    assert {Path(o).name for o, _ in remote.failures} == {"image.txt", "empty.txt", "feed.jsonl:3"}
    failures = pq.read_table(next((records / "_failures").iterdir())).to_pylist()
    assert sorted((f["origin"], f["reason"]) for f in failures) == sorted(remote.failures)


def test_parquet_is_partitioned_by_publication_date(
    ray_run: tuple[str, Path, IngestSummary],
) -> None:
    _, records, _ = ray_run
    partitions = {p.name for p in records.iterdir() if not p.name.startswith("_")}
    assert {"date=2024-03-05", "date=2024-03-06", "date=undated"} <= partitions
    march5 = pq.read_table(next((records / "date=2024-03-05").glob("*.parquet")))
    assert sorted(march5["doc_id"].to_pylist()) == ["feed-1", "pq-1"]
    row = march5.to_pylist()[0]
    assert json.loads(row["record"])["published"] == "2024-03-05"
    assert row["quotes"] == len(json.loads(row["record"])["quotes"])


def test_a_second_ray_run_skips_what_is_stored(
    corpus: Path, ray_run: tuple[str, Path, IngestSummary]
) -> None:
    url, records, first = ray_run
    files_before = sorted(records.rglob("*.parquet"))
    with open_store(url) as store:
        again = ingest_ray([str(corpus)], store=store, parquet_out=records, workers=1)
    assert again.progress.stored == 0
    assert again.progress.skipped == first.progress.stored + first.progress.skipped
    assert sorted(records.rglob("*.parquet")) != files_before  # only a new failures file
    assert len(parquet_records(records)) == first.progress.stored


def test_ingest_command_with_the_ray_engine_writes_parquet_only(
    ray_local: None, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["ingest", str(corpus / "synthetic"), "--engine", "ray", "--parquet-out", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert "stored 4 new articles, 0 already stored, 0 failed" in result.stderr
    assert f"records written under {out}" in result.stderr
    assert len(parquet_records(out)) == 4
    assert not (tmp_path / "onrecord.db").exists()
