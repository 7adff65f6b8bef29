"""Hostile files and arguments on the command line (issue 15): one-line errors, no hangs, no
tracebacks, nothing clobbered, nothing a terminal or a spreadsheet would run."""

from __future__ import annotations

import csv
import hashlib
import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import store_sample
from onrecord.cli.app import main
from onrecord.cli.render import safe
from onrecord.corpus.store import StoredArticle, open_store
from onrecord.record import ArticleRecord


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def corpus(
    tmp_path_factory: pytest.TempPathFactory, sample_record: ArticleRecord, sample_text: str
) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "corpus.db")
    with open_store(path) as store:
        store_sample(store, sample_record, sample_text)
        evil = sample_record.model_copy(
            update={"doc_id": "evil\u202etxt.exe", "text_sha256": hashlib.sha256(b"").hexdigest()}
        )
        store.add_articles([StoredArticle(evil, "", origin="=cmd|' /C calc'!A0")])
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["search", "--speaker", "²"],
        ["search", "--speaker", "99999999999999999999999"],
        ["timeline", "²"],
        ["speakers", "explain", "²"],
        ["speakers", "merge", "²", "9223372036854775808"],
    ],
)
def test_unicode_digits_and_huge_ids_are_one_line_errors(corpus: str, args: list[str]) -> None:
    code, out = run(*args, "--db", corpus)
    assert code == 1 and out.startswith("Error: no speaker") and out.count("\n") == 1


@pytest.mark.parametrize(
    ("db", "said"),
    [
        ("sqlite:///", "in-memory"),
        ("sqlite://", "in-memory"),
        ("sqlite:///:memory:", "in-memory"),
        ("", "empty database URL"),
        ("postgresql://u:p@[::1", "cannot parse database URL"),
    ],
)
def test_databases_the_user_cannot_mean_are_refused(tmp_path: Path, db: str, said: str) -> None:
    (tmp_path / "a.txt").write_text('"Yes," she said.', encoding="utf-8")
    code, out = run("ingest", str(tmp_path / "a.txt"), "--db", db)
    assert code == 1 and said in out and out.count("\n") == 1
    assert "Traceback" not in out


@pytest.mark.parametrize(
    "option", [["--workers", "0"], ["--workers", "-3"], ["--batch-size", "0"], ["--max-chars", "0"]]
)
def test_counts_below_one_are_usage_errors(tmp_path: Path, option: list[str]) -> None:
    code, out = run("ingest", str(tmp_path), "--db", str(tmp_path / "x.db"), *option)
    assert code == 2 and "x>=1" in out


def test_fifos_and_dangling_links_are_listed_not_opened(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text('"We agree," the minister said.', encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "feed.jsonl")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    db = str(tmp_path / "c.db")
    outcome: list[tuple[int, str]] = []
    worker = threading.Thread(target=lambda: outcome.append(run("ingest", str(folder), "--db", db)))
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "ingest hung on a FIFO"
    code, out = outcome[0]
    assert code == 0 and "stored 1 new article," in out
    assert "pipe.txt: a named pipe (FIFO), not a regular file" in out
    assert "feed.jsonl: a named pipe (FIFO)" in out
    assert "gone.txt: a broken symbolic link" in out
    # a FIFO given directly is reported too
    code, out = run("ingest", str(folder / "pipe.txt"), "--db", db)
    assert code == 0 and "named pipe" in out


def test_an_empty_folder_says_there_was_nothing_to_read(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, out = run("ingest", str(tmp_path / "empty"), "--db", str(tmp_path / "c.db"))
    assert code == 0 and "found no articles" in out


def test_export_writes_through_links_and_fifos_and_refuses_folders(
    corpus: str, tmp_path: Path
) -> None:
    target = tmp_path / "real.jsonl"
    target.write_text("old")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    code, _ = run("export", "--format", "jsonl", "-o", str(link), "--db", corpus)
    assert code == 0 and link.is_symlink() and target.read_text().startswith("{")

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _ = run("export", "--format", "jsonl", "-o", str(fifo), "--db", corpus)
    reader.join(30)
    assert code == 0 and stat.S_ISFIFO(fifo.stat().st_mode) and received[0].startswith(b"{")

    code, out = run("export", "--format", "csv", "-o", str(tmp_path), "--db", corpus)
    assert code == 1 and "is a directory" in out and out.count("\n") == 1

    new = tmp_path / "new.csv"
    old_mask = os.umask(0o022)
    try:
        run("export", "--format", "csv", "-o", str(new), "--db", corpus)
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644


def test_csv_cells_that_spreadsheets_would_run_are_escaped(corpus: str, tmp_path: Path) -> None:
    out = tmp_path / "q.csv"
    run("export", "--format", "csv", "-o", str(out), "--db", corpus)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert "'=cmd|' /C calc'!A0" in {r["origin"] for r in rows}
    assert not any(v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())


def test_terminal_and_bidi_controls_are_printed_inert() -> None:
    assert safe("evil\u202etxt\x1b[31m\u200f") == "evil\\x202etxt\\x1b[31m\\x200f"
