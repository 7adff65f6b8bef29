"""Engine choice and the Parquet plumbing around it, without starting Ray: Parquet corpora
for the local engine, the record files, and the errors a user sees."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import onrecord
from onrecord.cli.app import main
from onrecord.corpus.engines import EngineError, require_ray
from onrecord.corpus.engines.parquet_out import ParquetRecords, stored_hashes
from onrecord.corpus.ingest import ingest
from onrecord.corpus.store import StoredArticle, open_store
from onrecord.text.inputs import InputFailure, InputItem, count_files, iter_inputs


def write_table(path: Path) -> Path:
    pq.write_table(
        pa.table(
            {
                "id": [7, None, None],
                "text": [
                    '"We will not pay," the mayor said on Monday.',
                    None,
                    "The minister said the talks had failed.",
                ],
                "published": [datetime.date(2024, 3, 5), None, None],
                "outlet": ["Gazette", None, "Herald"],
            }
        ),
        path,
    )
    return path


def test_a_parquet_table_is_a_corpus_one_article_per_row(tmp_path: Path) -> None:
    table = write_table(tmp_path / "feed.parquet")
    entries = list(iter_inputs([str(tmp_path)]))
    assert count_files([str(tmp_path)]) == len(entries) == 3
    first, missing, third = entries
    assert first == InputItem(
        origin=f"{table}:1",
        text='"We will not pay," the mayor said on Monday.',
        doc_id="7",
        kind="parquet",
        published="2024-03-05",
        outlet="Gazette",
        dated_by="metadata",
    )
    assert isinstance(missing, InputFailure) and missing.origin == f"{table}:2"
    assert 'no "text"' in missing.reason and "row" in missing.reason
    assert isinstance(third, InputItem) and third.doc_id == "feed-3" and third.published is None


def test_a_broken_or_textless_parquet_file_is_a_failure_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    pq.write_table(pa.table({"body": ["no text column"]}), tmp_path / "other.parquet")
    reasons = {Path(f.origin).name: f.reason for f in iter_inputs([str(tmp_path)])}  # type: ignore[union-attr]
    assert "not a readable Parquet file" in reasons["broken.parquet"]
    assert 'no "text" column' in reasons["other.parquet"]


def test_the_local_engine_ingests_parquet(tmp_path: Path) -> None:
    write_table(tmp_path / "feed.parquet")
    with open_store(str(tmp_path / "c.db")) as store:
        summary = ingest([str(tmp_path / "feed.parquet")], store, published_from_metadata=True)
        assert (summary.progress.stored, summary.progress.failed) == (2, 1)
        stored = store.article("7")
    assert stored is not None and stored[0].published == "2024-03-05"


def test_record_files_are_whole_partitioned_and_known_to_a_rerun(tmp_path: Path) -> None:
    texts = {"2024-03-05": '"No," she said.', None: '"Yes," he said.'}
    articles = [
        StoredArticle(
            onrecord.analyze(text, doc_id=f"d{i}", published=day), text, origin=f"d{i}.txt"
        )
        for i, (day, text) in enumerate(texts.items())
    ]
    out = tmp_path / "records"
    with ParquetRecords(out, flush_rows=1) as writer:
        writer.add(articles[:1])  # flushed at once: a file, whole, before the run ends
        assert [p.parent.name for p in out.rglob("*.parquet")] == ["date=2024-03-05"]
        writer.add(articles[1:])
        writer.add_failures([("bad.txt", "empty file")])
    assert not list(out.rglob(".*"))  # no partial files left
    assert {p.parent.name for p in out.rglob("*.parquet")} == {
        "date=2024-03-05",
        "date=undated",
        "_failures",
    }
    assert stored_hashes(out) == {a.record.text_sha256 for a in articles}
    assert stored_hashes(tmp_path / "nothing-yet") == set()


def test_engine_ray_without_ray_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray raises ImportError
    with pytest.raises(EngineError, match=r"pip install 'onrecord\[ray\]'"):
        require_ray()
    (tmp_path / "a.txt").write_text('"No," she said.')
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path), "--engine", "ray", "--db", str(tmp_path / "c.db")]
    )
    assert result.exit_code == 1
    assert "pip install 'onrecord[ray]'" in result.stderr
    assert not (tmp_path / "c.db").exists()  # nothing opened before the check


def test_ray_only_options_are_refused_with_the_local_engine(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text('"No," she said.')
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--parquet-out", str(tmp_path)])
    assert result.exit_code == 2
    assert "--parquet-out is for --engine ray" in result.stderr
